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

func testTagMerge(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	from, into, other := f.tag("vote"), f.tag("election"), f.tag("europe")
	both := f.article(func(a *herald.Article) { a.TagIDs = []int64{other.ID, from.ID, into.ID} })
	onlyFrom := f.article(func(a *herald.Article) { a.TagIDs = []int64{other.ID, from.ID} })
	onlyInto := f.article(func(a *herald.Article) { a.TagIDs = []int64{into.ID} })
	r := record(t, s)
	f.check(s.MergeTags(f.ctx, from.ID, into.ID))
	want := []herald.Change{{Kind: herald.ChangeTag, ID: from.ID}, {Kind: herald.ChangeTag, ID: into.ID}}
	if diff := cmp.Diff(want, r.take()); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	_, err := s.FindTag(f.ctx, from.ID)
	wantCode(t, err, herald.ENOTFOUND)
	for _, tt := range []struct {
		a    *herald.Article
		want []int64
	}{
		{both, []int64{other.ID, into.ID}},
		{onlyFrom, []int64{other.ID, into.ID}},
		{onlyInto, []int64{into.ID}},
	} {
		got, err := s.FindArticle(f.ctx, tt.a.ID)
		f.check(err)
		if diff := cmp.Diff(tt.want, got.TagIDs); diff != "" {
			t.Errorf("tags of %s (-want +got):\n%s", tt.a.Slug, diff)
		}
	}
	p, err := s.FindArticles(f.ctx, herald.ArticleFilter{TagID: into.ID, PublicAt: day.AddDate(0, 0, 1)})
	f.check(err)
	if p.Total != 3 {
		t.Errorf("public articles of the merged tag: %v", slugs(p.Articles))
	}
	wantCode(t, s.MergeTags(f.ctx, into.ID, into.ID), herald.EINVALID)
	wantCode(t, s.MergeTags(f.ctx, from.ID, into.ID), herald.ENOTFOUND)
	wantCode(t, s.MergeTags(f.ctx, into.ID, 9999), herald.ENOTFOUND)
}

func testMediaList(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	var all []*herald.Media
	for i, m := range []struct{ alt, caption, credit string }{
		{"Voters queue", "Polling station in Riga", "Ann Lee"},
		{"A ballot box", "", "REUTERS"},
		{"Москва, Кремль", "Вид с реки", ""},
		{"100% turnout_", "", ""},
	} {
		media := f.media(i + 1)
		media.Alt, media.Caption, media.Credit = m.alt, m.caption, m.credit
		f.check(s.UpdateMedia(f.ctx, media))
		all = append(all, media)
	}
	tests := []struct {
		name      string
		filter    herald.MediaFilter
		want      []*herald.Media
		wantTotal int
	}{
		{"all, newest first", herald.MediaFilter{}, []*herald.Media{all[3], all[2], all[1], all[0]}, 4},
		{"alt in another case", herald.MediaFilter{Query: "BALLOT"}, []*herald.Media{all[1]}, 1},
		{"caption", herald.MediaFilter{Query: "riga"}, []*herald.Media{all[0]}, 1},
		{"credit", herald.MediaFilter{Query: "reuters"}, []*herald.Media{all[1]}, 1},
		{"every word, any field", herald.MediaFilter{Query: "voters lee"}, []*herald.Media{all[0]}, 1},
		{"a word missing", herald.MediaFilter{Query: "voters box"}, nil, 0},
		{"Cyrillic in any case", herald.MediaFilter{Query: "кРЕМЛЬ"}, []*herald.Media{all[2]}, 1},
		{"percent is literal", herald.MediaFilter{Query: "0%"}, []*herald.Media{all[3]}, 1},
		{"underscore is literal", herald.MediaFilter{Query: "t_"}, []*herald.Media{all[3]}, 1},
		{"page", herald.MediaFilter{Offset: 1, Limit: 2}, []*herald.Media{all[2], all[1]}, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, total, err := s.FindMediaList(f.ctx, tt.filter)
			f.check(err)
			if diff := cmp.Diff(tt.want, got); diff != "" || total != tt.wantTotal {
				t.Errorf("FindMediaList total %d (want %d) (-want +got):\n%s", total, tt.wantTotal, diff)
			}
		})
	}
}
