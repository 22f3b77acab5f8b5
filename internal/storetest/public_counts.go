package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

// countedOf lists the slug and article count of each item, compactly.
func countedOf[T any](page []herald.Counted[T], slug func(T) string) []string {
	out := []string{}
	for _, c := range page {
		out = append(out, fmt.Sprintf("%s:%d", slug(c.Item), c.Articles))
	}
	return out
}

func tagSlug(t *herald.Tag) string     { return t.Slug }
func storySlug(s *herald.Story) string { return s.Slug }
func userSlug(u *herald.User) string   { return u.Slug }

// authorsOf is countedOf for authors.
func authorsOf(page []herald.PublicAuthor) []string {
	var c []herald.Counted[*herald.User]
	for _, a := range page {
		c = append(c, a.Counted)
	}
	return countedOf(c, userSlug)
}

// publicFixture is a site where only some articles count: two public ones,
// and a draft, one in review, a scheduled one (due but not yet published),
// a published one dated after now and a withdrawn one, each with a tag,
// story and author of its own.
type publicFixture struct {
	*fixture
	now          time.Time
	first, later *herald.Article
	photo        *herald.Media
	tags         map[string]*herald.Tag
	stories      map[string]*herald.Story
	users        map[string]*herald.User
}

func newPublicFixture(t *testing.T, s herald.Store) *publicFixture {
	f := &publicFixture{fixture: newFixture(t, s), now: day.Add(24 * time.Hour),
		tags: map[string]*herald.Tag{}, stories: map[string]*herald.Story{}, users: map[string]*herald.User{}}
	for _, slug := range []string{"beta", "alpha", "unused", "draft", "review", "scheduled", "future", "withdrawn"} {
		f.tags[slug], f.stories[slug], f.users[slug] = f.tag(slug), f.story(slug), f.user(slug)
	}
	f.users["cat"] = f.user("cat")
	f.photo = f.media(1)
	alpha := f.users["alpha"]
	alpha.PhotoMediaID = f.photo.ID
	f.check(s.UpdateUser(f.ctx, alpha))
	on := func(slug string, status herald.ArticleStatus, at time.Time) *herald.Article {
		return f.article(func(a *herald.Article) {
			a.Status, a.PublishedAt, a.StoryID = status, at, f.stories[slug].ID
			a.TagIDs, a.AuthorIDs = []int64{f.tags[slug].ID}, []int64{f.users[slug].ID}
		})
	}
	// alpha: two public articles, the first also tagged beta and by cat,
	// beside alpha, and in story beta.
	f.first = f.article(func(a *herald.Article) {
		a.StoryID = f.stories["beta"].ID
		a.TagIDs = []int64{f.tags["alpha"].ID, f.tags["beta"].ID}
		a.AuthorIDs = []int64{f.users["alpha"].ID, f.users["cat"].ID}
	})
	f.later = on("alpha", herald.StatusPublished, day.Add(3*time.Hour))
	on("draft", herald.StatusDraft, time.Time{})
	on("review", herald.StatusInReview, time.Time{})
	on("scheduled", herald.StatusScheduled, day.Add(time.Hour))
	on("future", herald.StatusPublished, f.now.Add(time.Hour))
	withdrawn := on("withdrawn", herald.StatusPublished, day.Add(2*time.Hour))
	withdrawn.Status = herald.StatusUnpublished
	f.check(s.UpdateArticle(f.ctx, withdrawn))
	return f
}

func testPublicCounts(t *testing.T, s herald.Store) {
	f := newPublicFixture(t, s)
	all := herald.PublicFilter{Now: f.now}
	tags, total, err := s.FindPublicTags(f.ctx, all)
	f.check(err)
	if diff := cmp.Diff([]string{"alpha:2", "beta:1"}, countedOf(tags, tagSlug)); diff != "" || total != 2 {
		t.Errorf("tags: total %d, want 2; (-want +got):\n%s", total, diff)
	}
	if tags[0].Item.Name != "Tag alpha" || tags[0].Item.ID != f.tags["alpha"].ID {
		t.Errorf("first tag = %+v, want alpha in full", tags[0].Item)
	}
	// The newest story first: alpha was created after beta.
	stories, total, err := s.FindPublicStories(f.ctx, all)
	f.check(err)
	if diff := cmp.Diff([]string{"alpha:1", "beta:1"}, countedOf(stories, storySlug)); diff != "" || total != 2 {
		t.Errorf("stories: total %d, want 2; (-want +got):\n%s", total, diff)
	}
	if stories[1].Item.Description != "About beta" {
		t.Errorf("story beta = %+v, want its description", stories[1].Item)
	}
	// Authors by name; a byline counts once per article.
	authors, total, err := s.FindPublicAuthors(f.ctx, all)
	f.check(err)
	if diff := cmp.Diff([]string{"alpha:2", "cat:1"}, authorsOf(authors)); diff != "" || total != 2 {
		t.Errorf("authors: total %d, want 2; (-want +got):\n%s", total, diff)
	}
	if p := authors[0].Photo; p == nil || p.ID != f.photo.ID || p.Alt != f.photo.Alt {
		t.Errorf("alpha's photo = %+v, want media %d", p, f.photo.ID)
	}
	if authors[1].Photo != nil {
		t.Errorf("cat's photo = %+v, want none", authors[1].Photo)
	}
}

func testPublicCountsTime(t *testing.T, s herald.Store) {
	f := newPublicFixture(t, s)
	for _, tt := range []struct {
		name string
		now  time.Time
		want []string
	}{
		{"at the later article's time", f.later.PublishedAt, []string{"alpha:2", "beta:1"}},
		{"just before it", f.later.PublishedAt.Add(-time.Microsecond), []string{"alpha:1", "beta:1"}},
		{"before any", f.first.PublishedAt.Add(-time.Microsecond), []string{}},
		{"when the future one is out", f.now.Add(2 * time.Hour), []string{"alpha:2", "beta:1", "future:1"}},
	} {
		tags, total, err := s.FindPublicTags(f.ctx, herald.PublicFilter{Now: tt.now})
		f.check(err)
		if diff := cmp.Diff(tt.want, countedOf(tags, tagSlug)); diff != "" || total != len(tt.want) {
			t.Errorf("%s: total %d, want %d; (-want +got):\n%s", tt.name, total, len(tt.want), diff)
		}
	}
	// Publishing the withdrawn article again counts it again.
	res, err := s.FindArticles(f.ctx, herald.ArticleFilter{TagID: f.tags["withdrawn"].ID})
	f.check(err)
	back := res.Articles[0]
	back.Status = herald.StatusPublished
	f.check(s.UpdateArticle(f.ctx, back))
	authors, _, err := s.FindPublicAuthors(f.ctx, herald.PublicFilter{Now: f.now})
	f.check(err)
	if diff := cmp.Diff([]string{"alpha:2", "cat:1", "withdrawn:1"}, authorsOf(authors)); diff != "" {
		t.Errorf("authors after publishing again (-want +got):\n%s", diff)
	}
}

func testPublicCountsPaging(t *testing.T, s herald.Store) {
	f := newPublicFixture(t, s)
	for _, tt := range []struct {
		name   string
		filter herald.PublicFilter
		want   []string
		total  int
	}{
		{"first page", herald.PublicFilter{Now: f.now, Limit: 1}, []string{"alpha:2"}, 2},
		{"second page", herald.PublicFilter{Now: f.now, Offset: 1, Limit: 1}, []string{"beta:1"}, 2},
		{"past the end", herald.PublicFilter{Now: f.now, Offset: 5, Limit: 1}, []string{}, 2},
		{"one by id", herald.PublicFilter{Now: f.now, ID: f.tags["beta"].ID}, []string{"beta:1"}, 1},
		{"one by id, without public articles", herald.PublicFilter{Now: f.now, ID: f.tags["draft"].ID}, []string{}, 0},
		{"one by id, past the end", herald.PublicFilter{Now: f.now, ID: f.tags["beta"].ID, Offset: 1}, []string{}, 1},
		{"an id no tag has", herald.PublicFilter{Now: f.now, ID: 1 << 40}, []string{}, 0},
	} {
		tags, total, err := s.FindPublicTags(f.ctx, tt.filter)
		f.check(err)
		if diff := cmp.Diff(tt.want, countedOf(tags, tagSlug)); diff != "" || total != tt.total {
			t.Errorf("%s: total %d, want %d; (-want +got):\n%s", tt.name, total, tt.total, diff)
		}
	}
	stories, total, err := s.FindPublicStories(f.ctx, herald.PublicFilter{Now: f.now, ID: f.stories["beta"].ID})
	f.check(err)
	if diff := cmp.Diff([]string{"beta:1"}, countedOf(stories, storySlug)); diff != "" || total != 1 {
		t.Errorf("story by id: total %d, want 1; (-want +got):\n%s", total, diff)
	}
	authors, total, err := s.FindPublicAuthors(f.ctx, herald.PublicFilter{Now: f.now, Offset: 1, Limit: 5})
	f.check(err)
	if diff := cmp.Diff([]string{"cat:1"}, authorsOf(authors)); diff != "" || total != 2 {
		t.Errorf("second page of authors: total %d, want 2; (-want +got):\n%s", total, diff)
	}
}
