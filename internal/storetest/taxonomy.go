package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

func testSectionTree(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	sport := f.section("sport", 0, 2)
	world := f.section("world", 0, 1)
	f.section("asia", world.ID, 0)
	europe := f.section("europe", world.ID, 0)
	f.section("france", europe.ID, 0)
	f.section("tennis", sport.ID, 0)
	f.section("business", 0, 1)
	got, err := s.FindSections(f.ctx)
	f.check(err)
	// Siblings by position, then name; children right after their parent.
	want := []string{"business", "world", "asia", "europe", "france", "sport", "tennis"}
	var gotSlugs []string
	for _, sec := range got {
		gotSlugs = append(gotSlugs, sec.Slug)
	}
	if diff := cmp.Diff(want, gotSlugs); diff != "" {
		t.Errorf("FindSections (-want +got):\n%s", diff)
	}
	bySlug, err := s.FindSectionBySlug(f.ctx, "europe")
	f.check(err)
	if diff := cmp.Diff(europe, bySlug); diff != "" {
		t.Errorf("FindSectionBySlug (-want +got):\n%s", diff)
	}
}

func testSectionUpdate(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	world := f.section("world", 0, 0)
	europe := f.section("europe", world.ID, 0)
	france := f.section("france", europe.ID, 0)
	other := f.section("other", 0, 0)
	tests := []struct {
		name   string
		parent int64
		want   string
	}{
		{"itself", world.ID, herald.EINVALID},
		{"a child", europe.ID, herald.EINVALID},
		{"a grandchild", france.ID, herald.EINVALID},
		{"missing", 9999, herald.EINVALID},
		{"another section", other.ID, ""},
		{"top level", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			upd := *world
			upd.ParentID = tt.parent
			wantCode(t, s.UpdateSection(f.ctx, &upd), tt.want)
			if tt.want != "" {
				return
			}
			got, err := s.FindSection(f.ctx, world.ID)
			f.check(err)
			if diff := cmp.Diff(&upd, got); diff != "" {
				t.Errorf("FindSection (-want +got):\n%s", diff)
			}
		})
	}
}

// testSectionDelete checks that a deleted section's children move to its
// parent and its articles are left without a section.
func testSectionDelete(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	world := f.section("world", 0, 0)
	europe := f.section("europe", world.ID, 0)
	france := f.section("france", europe.ID, 0)
	a := f.article(func(a *herald.Article) { a.SectionID = europe.ID })
	f.check(s.DeleteSection(f.ctx, europe.ID))
	_, err := s.FindSection(f.ctx, europe.ID)
	wantCode(t, err, herald.ENOTFOUND)
	got, err := s.FindSection(f.ctx, france.ID)
	f.check(err)
	if got.ParentID != world.ID {
		t.Errorf("france's parent = %d, want world (%d)", got.ParentID, world.ID)
	}
	art, err := s.FindArticle(f.ctx, a.ID)
	f.check(err)
	if art.SectionID != 0 || art.Section != nil {
		t.Errorf("article section = %d %v, want none", art.SectionID, art.Section)
	}
	wantCode(t, s.DeleteSection(f.ctx, europe.ID), herald.ENOTFOUND)
	f.check(s.DeleteSection(f.ctx, world.ID))
	got, err = s.FindSection(f.ctx, france.ID)
	f.check(err)
	if got.ParentID != 0 {
		t.Errorf("france's parent = %d, want none", got.ParentID)
	}
}

func testTagCRUD(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	zoo, ant := f.tag("zoo"), f.tag("ant")
	got, err := s.FindTags(f.ctx, 0, 0)
	f.check(err)
	if diff := cmp.Diff([]*herald.Tag{ant, zoo}, got); diff != "" {
		t.Errorf("FindTags by name (-want +got):\n%s", diff)
	}
	got, err = s.FindTags(f.ctx, 1, 1)
	f.check(err)
	if diff := cmp.Diff([]*herald.Tag{zoo}, got); diff != "" {
		t.Errorf("FindTags offset 1 limit 1 (-want +got):\n%s", diff)
	}
	zoo.Name, zoo.Slug = "Zoos", "zoos"
	f.check(s.UpdateTag(f.ctx, zoo))
	bySlug, err := s.FindTagBySlug(f.ctx, "zoos")
	f.check(err)
	if diff := cmp.Diff(zoo, bySlug); diff != "" {
		t.Errorf("FindTagBySlug after update (-want +got):\n%s", diff)
	}
	a := f.article(func(a *herald.Article) { a.TagIDs = []int64{ant.ID, zoo.ID} })
	f.check(s.DeleteTag(f.ctx, ant.ID))
	_, err = s.FindTag(f.ctx, ant.ID)
	wantCode(t, err, herald.ENOTFOUND)
	art, err := s.FindArticle(f.ctx, a.ID)
	f.check(err)
	if diff := cmp.Diff([]int64{zoo.ID}, art.TagIDs); diff != "" {
		t.Errorf("article tags after deleting one (-want +got):\n%s", diff)
	}
}

func testStoryCRUD(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	older, newer := f.story("older"), f.story("newer")
	if older.CreatedAt.IsZero() {
		t.Error("CreatedAt is not set")
	}
	got, err := s.FindStories(f.ctx, 0, 10)
	f.check(err)
	if diff := cmp.Diff([]*herald.Story{newer, older}, got); diff != "" {
		t.Errorf("FindStories newest first (-want +got):\n%s", diff)
	}
	older.Name, older.Description = "Renamed", "New description"
	f.check(s.UpdateStory(f.ctx, older))
	bySlug, err := s.FindStoryBySlug(f.ctx, "older")
	f.check(err)
	if diff := cmp.Diff(older, bySlug); diff != "" {
		t.Errorf("FindStoryBySlug after update (-want +got):\n%s", diff)
	}
}

func testStoryDelete(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	st := f.story("election")
	a := f.article(func(a *herald.Article) { a.StoryID = st.ID })
	f.check(s.DeleteStory(f.ctx, st.ID))
	_, err := s.FindStory(f.ctx, st.ID)
	wantCode(t, err, herald.ENOTFOUND)
	art, err := s.FindArticle(f.ctx, a.ID)
	f.check(err)
	if art.StoryID != 0 || art.Story != nil {
		t.Errorf("article story = %d %v, want none", art.StoryID, art.Story)
	}
}
