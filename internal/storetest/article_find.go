package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

func testArticleFindFilters(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	world := f.section("world", 0, 0)
	europe := f.section("europe", world.ID, 0)
	sport := f.section("sport", 0, 1)
	vote, ann, story := f.tag("vote"), f.user("ann"), f.story("election")
	at := func(h int) time.Time { return day.Add(time.Duration(h) * time.Hour) }
	a := f.article(func(a *herald.Article) { a.Slug, a.Headline, a.SectionID = "a", "Polls OPEN in Paris", world.ID })
	b := f.article(func(a *herald.Article) {
		a.Slug, a.SectionID, a.TagIDs, a.AuthorIDs = "b", europe.ID, []int64{vote.ID}, []int64{ann.ID}
	})
	c := f.article(func(a *herald.Article) {
		a.Slug, a.SectionID, a.AuthorIDs, a.Headline = "c", sport.ID, []int64{ann.ID}, "Матч в МОСКВЕ"
	})
	d := f.article(func(a *herald.Article) { a.Slug, a.StoryID, a.Headline = "d", story.ID, "100% turnout_in polls" })
	f.article(func(a *herald.Article) { a.Slug, a.Status, a.PublishedAt = "draft", herald.StatusDraft, time.Time{} })
	f.article(func(a *herald.Article) { a.Slug, a.Status, a.PublishedAt = "later", herald.StatusScheduled, at(48) })
	f.article(func(a *herald.Article) { a.Slug, a.Status = "gone", herald.StatusUnpublished })
	tests := []struct {
		name   string
		filter herald.ArticleFilter
		want   []string
	}{
		{"all, undated last", herald.ArticleFilter{}, []string{"later", "gone", "d", "c", "b", "a", "draft"}},
		{"id", herald.ArticleFilter{ID: b.ID}, []string{"b"}},
		{"statuses", herald.ArticleFilter{Statuses: []herald.ArticleStatus{herald.StatusDraft, herald.StatusScheduled}}, []string{"later", "draft"}},
		{"public now", herald.ArticleFilter{PublicAt: at(24)}, []string{"d", "c", "b", "a"}},
		{"public at the publication time", herald.ArticleFilter{PublicAt: at(2)}, []string{"c", "b", "a"}},
		{"section with subsections", herald.ArticleFilter{SectionID: world.ID}, []string{"b", "a"}},
		{"subsection", herald.ArticleFilter{SectionID: europe.ID}, []string{"b"}},
		{"tag", herald.ArticleFilter{TagID: vote.ID}, []string{"b"}},
		{"author", herald.ArticleFilter{AuthorID: ann.ID}, []string{"c", "b"}},
		{"tag and author", herald.ArticleFilter{TagID: vote.ID, AuthorID: ann.ID}, []string{"b"}},
		{"tag in a section", herald.ArticleFilter{TagID: vote.ID, SectionID: world.ID}, []string{"b"}},
		{"tag in another section", herald.ArticleFilter{TagID: vote.ID, SectionID: sport.ID}, []string{}},
		{"tag and words", herald.ArticleFilter{TagID: vote.ID, Query: "article"}, []string{"b"}},
		{"author, public, after", herald.ArticleFilter{AuthorID: ann.ID, PublicAt: at(24), After: c}, []string{"b"}},
		{"author, oldest first, excluding", herald.ArticleFilter{AuthorID: ann.ID, Order: herald.OldestFirst, ExcludeID: a.ID}, []string{"b", "c"}},
		{"story", herald.ArticleFilter{StoryID: story.ID}, []string{"d"}},
		{"slug", herald.ArticleFilter{Slug: "c"}, []string{"c"}},
		{"exclude", herald.ArticleFilter{ExcludeID: a.ID, PublicAt: at(24)}, []string{"d", "c", "b"}},
		{"query, any case", herald.ArticleFilter{Query: "open PARIS"}, []string{"a"}},
		{"a word in several headlines", herald.ArticleFilter{Query: "polls"}, []string{"d", "a"}},
		{"query in Cyrillic, any case", herald.ArticleFilter{Query: "Москве"}, []string{"c"}},
		{"query percent is literal", herald.ArticleFilter{Query: "100%"}, []string{"d"}},
		{"query underscore is literal", herald.ArticleFilter{Query: "turnout_in"}, []string{"d"}},
		{"query underscore is no wildcard", herald.ArticleFilter{Query: "o_en"}, []string{}},
		{"published from, inclusive", herald.ArticleFilter{PublishedFrom: at(1)}, []string{"later", "gone", "d", "c", "b"}},
		{"published before, exclusive", herald.ArticleFilter{PublishedBefore: at(1)}, []string{"a"}},
		{"date range", herald.ArticleFilter{PublishedFrom: at(1), PublishedBefore: at(3)}, []string{"c", "b"}},
		{"public, before is narrower", herald.ArticleFilter{PublicAt: at(24), PublishedBefore: at(2)}, []string{"b", "a"}},
		{"public is narrower than before", herald.ArticleFilter{PublicAt: at(1), PublishedBefore: at(3)}, []string{"b", "a"}},
		{"public equals before", herald.ArticleFilter{PublicAt: at(2), PublishedBefore: at(2)}, []string{"b", "a"}},
		{"after, narrower than public", herald.ArticleFilter{PublicAt: at(24), After: b}, []string{"a"}},
		{"public, narrower than after", herald.ArticleFilter{PublicAt: at(1), After: d}, []string{"b", "a"}},
		{"after oldest first, narrower than from", herald.ArticleFilter{PublishedFrom: at(0), After: b, Order: herald.OldestFirst}, []string{"c", "d", "gone", "later"}},
		{"from, narrower than after oldest first", herald.ArticleFilter{PublishedFrom: at(3), After: a, Order: herald.OldestFirst}, []string{"d", "gone", "later"}},
		{"no match", herald.ArticleFilter{Slug: "none"}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.FindArticles(f.ctx, tt.filter)
			f.check(err)
			if diff := cmp.Diff(tt.want, slugs(p.Articles)); diff != "" {
				t.Errorf("articles (-want +got):\n%s", diff)
			}
			if p.Total != len(tt.want) {
				t.Errorf("Total = %d, want %d", p.Total, len(tt.want))
			}
		})
	}
	t.Run("filled in", func(t *testing.T) {
		p, err := s.FindArticles(f.ctx, herald.ArticleFilter{Slug: "b"})
		f.check(err)
		got := p.Articles[0]
		if diff := cmp.Diff(europe, got.Section); diff != "" {
			t.Errorf("Section (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]*herald.Tag{vote}, got.Tags); diff != "" {
			t.Errorf("Tags (-want +got):\n%s", diff)
		}
		if got.Body == "" {
			t.Error("Body is empty")
		}
	})
}

func testArticleFindPaging(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	articles := make([]*herald.Article, 45)
	for i := range articles {
		articles[i] = newArticle(i)
	}
	for _, a := range articles {
		f.check(s.CreateArticle(f.ctx, a))
	}
	// Newest first: article-44 … article-0.
	want := func(from, to int) []string {
		out := []string{}
		for i := from; i > to; i-- {
			out = append(out, fmt.Sprintf("article-%d", i))
		}
		return out
	}
	tests := []struct {
		name          string
		offset, limit int
		want          []string
	}{
		{"default limit is 20", 0, 0, want(44, 24)},
		{"second page", 20, 20, want(24, 4)},
		{"last page, short", 40, 20, want(4, -1)},
		{"past the end", 100, 20, []string{}},
		{"negative offset is the start", -5, 3, want(44, 41)},
		{"limit above the maximum is the maximum", 0, 5000, want(44, -1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.FindArticles(f.ctx, herald.ArticleFilter{Offset: tt.offset, Limit: tt.limit})
			f.check(err)
			if diff := cmp.Diff(tt.want, slugs(p.Articles)); diff != "" {
				t.Errorf("page (-want +got):\n%s", diff)
			}
			if p.Total != 45 {
				t.Errorf("Total = %d, want 45", p.Total)
			}
		})
	}
}

func testArticleFindOrder(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	same := day.Add(12 * time.Hour)
	f.article(func(a *herald.Article) { a.Slug, a.PublishedAt = "noon-1", same })
	f.article(func(a *herald.Article) { a.Slug, a.PublishedAt = "early", day.Add(time.Hour) })
	f.article(func(a *herald.Article) { a.Slug, a.PublishedAt = "noon-2", same })
	f.article(func(a *herald.Article) { a.Slug, a.PublishedAt = "late", day.Add(20*time.Hour) })
	f.article(func(a *herald.Article) { a.Slug, a.PublishedAt = "micro", same.Add(time.Microsecond) })
	tests := []struct {
		order herald.ArticleOrder
		want  []string
	}{
		{herald.NewestFirst, []string{"late", "micro", "noon-2", "noon-1", "early"}},
		{herald.OldestFirst, []string{"early", "noon-1", "noon-2", "micro", "late"}},
	}
	for _, tt := range tests {
		p, err := s.FindArticles(f.ctx, herald.ArticleFilter{Order: tt.order, PublicAt: day.AddDate(0, 0, 2)})
		f.check(err)
		if diff := cmp.Diff(tt.want, slugs(p.Articles)); diff != "" {
			t.Errorf("order %d (-want +got):\n%s", tt.order, diff)
		}
	}
}

// testArticleFindAfter walks a listing with After, as previous and next
// links do, including articles published at the same time.
func testArticleFindAfter(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	same := day.Add(12 * time.Hour)
	a := f.article(func(a *herald.Article) { a.Slug, a.PublishedAt = "a", day.Add(time.Hour) })
	b := f.article(func(a *herald.Article) { a.Slug, a.PublishedAt = "b", same })
	c := f.article(func(a *herald.Article) { a.Slug, a.PublishedAt = "c", same })
	d := f.article(func(a *herald.Article) { a.Slug, a.PublishedAt = "d", day.Add(20*time.Hour) })
	f.article(func(a *herald.Article) { a.Slug, a.Status = "e", herald.StatusDraft })
	tests := []struct {
		name  string
		after *herald.Article
		order herald.ArticleOrder
		want  []string
	}{
		{"older than the newest", d, herald.NewestFirst, []string{"c", "b", "a"}},
		{"older than a tie", c, herald.NewestFirst, []string{"b", "a"}},
		{"older than the other of the tie", b, herald.NewestFirst, []string{"a"}},
		{"older than the oldest", a, herald.NewestFirst, []string{}},
		{"newer than the oldest", a, herald.OldestFirst, []string{"b", "c", "d"}},
		{"newer than a tie", b, herald.OldestFirst, []string{"c", "d"}},
		{"newer than the newest", d, herald.OldestFirst, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := s.FindArticles(f.ctx, herald.ArticleFilter{
				After: tt.after, Order: tt.order, PublicAt: day.AddDate(0, 0, 2), Limit: 10,
			})
			f.check(err)
			if diff := cmp.Diff(tt.want, slugs(p.Articles)); diff != "" {
				t.Errorf("after %s (-want +got):\n%s", tt.after.Slug, diff)
			}
		})
	}
}

func testArticleFindRelated(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	t1, t2, t3 := f.tag("one"), f.tag("two"), f.tag("three")
	tagged := func(slug string, tags ...*herald.Tag) func(a *herald.Article) {
		return func(a *herald.Article) {
			a.Slug = slug
			for _, tag := range tags {
				a.TagIDs = append(a.TagIDs, tag.ID)
			}
		}
	}
	base := f.article(tagged("base", t1, t2, t3))
	f.article(tagged("one-tag", t1))
	f.article(tagged("two-tags", t1, t2))
	f.article(tagged("three-tags", t1, t2, t3))
	f.article(tagged("one-tag-newer", t3))
	f.article(tagged("unrelated"))
	f.article(func(a *herald.Article) { tagged("draft", t1, t2, t3)(a); a.Status = herald.StatusDraft })
	f.article(func(a *herald.Article) { tagged("future", t1, t2, t3)(a); a.PublishedAt = time.Now().AddDate(1, 0, 0) })
	tests := []struct {
		name  string
		limit int
		want  []string
	}{
		{"most shared tags first, newest among equals", 10, []string{"three-tags", "two-tags", "one-tag-newer", "one-tag"}},
		{"limit", 2, []string{"three-tags", "two-tags"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.FindRelatedArticles(f.ctx, base, tt.limit)
			f.check(err)
			if diff := cmp.Diff(tt.want, slugs(got)); diff != "" {
				t.Errorf("related (-want +got):\n%s", diff)
			}
		})
	}
	t.Run("no tags, no related", func(t *testing.T) {
		got, err := s.FindRelatedArticles(f.ctx, &herald.Article{ID: base.ID}, 10)
		f.check(err)
		if len(got) != 0 {
			t.Errorf("got %v, want none", slugs(got))
		}
	})
}
