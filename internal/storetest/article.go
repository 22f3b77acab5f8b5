package storetest

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

func testArticleCreate(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	sec, st, m := f.section("world", 0, 0), f.story("election"), f.media(1)
	u1, u2 := f.user("ann"), f.user("bob")
	t1, t2 := f.tag("vote"), f.tag("europe")
	moscow := time.FixedZone("MSK", 3*3600)
	a := &herald.Article{
		Slug: "polls-open", Headline: "  Polls open  ", Dek: "Voters queue.", Body: "# Body\n\nText.",
		Excerpt: "Voters queue early.", Language: "en", Status: herald.StatusPublished,
		PublishedAt: time.Date(2022, 9, 27, 10, 30, 0, 123456789, moscow),
		UpdatedAt:   time.Date(2022, 9, 28, 9, 0, 0, 0, time.UTC),
		Corrections: []herald.Correction{{Time: time.Date(2022, 9, 28, 9, 0, 0, 5000, time.UTC), Text: "A name was misspelt."}},
		SectionID:   sec.ID, StoryID: st.ID, FeaturedMediaID: m.ID,
		AuthorIDs: []int64{u2.ID, u1.ID}, TagIDs: []int64{t2.ID, t1.ID}, CommentsOpen: true,
		CopyProtection: herald.CopyAttribute,
	}
	f.check(s.CreateArticle(f.ctx, a))
	if a.ID == 0 || a.CreatedAt.IsZero() || !a.CreatedAt.Equal(a.ModifiedAt) {
		t.Fatalf("after create: ID %d, CreatedAt %v, ModifiedAt %v", a.ID, a.CreatedAt, a.ModifiedAt)
	}
	want := *a
	want.Headline = "Polls open"
	want.PublishedAt = time.Date(2022, 9, 27, 7, 30, 0, 123456000, time.UTC)
	want.Corrections = []herald.Correction{{Time: time.Date(2022, 9, 28, 9, 0, 0, 5000, time.UTC), Text: "A name was misspelt."}}
	want.Section, want.Story, want.Featured = sec, st, m
	want.Authors, want.Tags = []*herald.User{u2, u1}, []*herald.Tag{t2, t1}
	got, err := s.FindArticle(f.ctx, a.ID)
	f.check(err)
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("FindArticle (-want +got):\n%s", diff)
	}
}

func testArticleUpdate(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	u1, u2, u3 := f.user("ann"), f.user("bob"), f.user("cid")
	t1, t2 := f.tag("vote"), f.tag("europe")
	a := f.article(func(a *herald.Article) {
		a.Status = herald.StatusDraft
		a.PublishedAt = time.Time{}
		a.AuthorIDs, a.TagIDs = []int64{u1.ID, u2.ID}, []int64{t1.ID}
	})
	created := a.CreatedAt
	a.CreatedAt = time.Time{}
	a.Headline, a.Status, a.PublishedAt = "Changed", herald.StatusPublished, day.Add(5*time.Hour)
	a.AuthorIDs, a.TagIDs = []int64{u3.ID, u1.ID}, []int64{t2.ID}
	a.CommentsOpen = false
	a.CopyProtection = herald.CopyNotice
	f.check(s.UpdateArticle(f.ctx, a))
	if !a.CreatedAt.Equal(created) || a.ModifiedAt.Before(created) {
		t.Errorf("after update: CreatedAt %v (want %v), ModifiedAt %v", a.CreatedAt, created, a.ModifiedAt)
	}
	got, err := s.FindArticle(f.ctx, a.ID)
	f.check(err)
	want := *a
	want.Authors, want.Tags = []*herald.User{u3, u1}, []*herald.Tag{t2}
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("FindArticle after update (-want +got):\n%s", diff)
	}
	testUpdateListings(t, f, a)
}

// testUpdateListings checks that the public listings of the article's tag
// and author follow its status and publication time.
func testUpdateListings(t *testing.T, f *fixture, a *herald.Article) {
	other := f.article(func(o *herald.Article) { o.TagIDs, o.AuthorIDs = a.TagIDs, a.AuthorIDs })
	steps := []struct {
		name string
		edit func(a *herald.Article)
		want []string
	}{
		{"published after the other", func(*herald.Article) {}, []string{a.Slug, other.Slug}},
		{"moved before the other", func(a *herald.Article) { a.PublishedAt = other.PublishedAt.Add(-time.Hour) }, []string{other.Slug, a.Slug}},
		{"unpublished", func(a *herald.Article) { a.Status = herald.StatusUnpublished }, []string{other.Slug}},
	}
	for _, st := range steps {
		st.edit(a)
		f.check(f.s.UpdateArticle(f.ctx, a))
		for _, filter := range []herald.ArticleFilter{{TagID: a.TagIDs[0]}, {AuthorID: a.AuthorIDs[0]}} {
			filter.PublicAt = day.AddDate(0, 0, 10)
			p, err := f.s.FindArticles(f.ctx, filter)
			f.check(err)
			if diff := cmp.Diff(st.want, slugs(p.Articles)); diff != "" {
				t.Errorf("%s: listing %+v (-want +got):\n%s", st.name, filter, diff)
			}
		}
	}
}

func testArticleDelete(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	tag, u := f.tag("vote"), f.user("ann")
	a := f.article(func(a *herald.Article) { a.TagIDs, a.AuthorIDs = []int64{tag.ID}, []int64{u.ID} })
	keep := f.article(func(a *herald.Article) { a.TagIDs = []int64{tag.ID} })
	f.check(s.DeleteArticle(f.ctx, a.ID))
	_, err := s.FindArticle(f.ctx, a.ID)
	wantCode(t, err, herald.ENOTFOUND)
	wantCode(t, s.DeleteArticle(f.ctx, a.ID), herald.ENOTFOUND)
	p, err := s.FindArticles(f.ctx, herald.ArticleFilter{TagID: tag.ID})
	f.check(err)
	if diff := cmp.Diff([]string{keep.Slug}, slugs(p.Articles)); diff != "" {
		t.Errorf("articles of the tag after delete (-want +got):\n%s", diff)
	}
	if _, err := s.FindTag(f.ctx, tag.ID); err != nil {
		t.Errorf("the tag went with the article: %v", err)
	}
}

func testArticleValidation(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	existing := f.article(nil)
	tests := []struct {
		name string
		edit func(a *herald.Article)
		want string
	}{
		{"no headline", func(a *herald.Article) { a.Headline = " " }, herald.EINVALID},
		{"bad slug", func(a *herald.Article) { a.Slug = "Not A Slug" }, herald.EINVALID},
		{"bad status", func(a *herald.Article) { a.Status = "gone" }, herald.EINVALID},
		{"published without a date", func(a *herald.Article) { a.PublishedAt = time.Time{} }, herald.EINVALID},
		{"bad language", func(a *herald.Article) { a.Language = "english!" }, herald.EINVALID},
		{"bad copy protection", func(a *herald.Article) { a.CopyProtection = "block" }, herald.EINVALID},
		{"missing section", func(a *herald.Article) { a.SectionID = 9999 }, herald.EINVALID},
		{"missing story", func(a *herald.Article) { a.StoryID = 9999 }, herald.EINVALID},
		{"missing image", func(a *herald.Article) { a.FeaturedMediaID = 9999 }, herald.EINVALID},
		{"missing author", func(a *herald.Article) { a.AuthorIDs = []int64{9999} }, herald.EINVALID},
		{"missing tag", func(a *herald.Article) { a.TagIDs = []int64{9999} }, herald.EINVALID},
		{"valid", func(a *herald.Article) {}, ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newArticle(100 + i)
			tt.edit(a)
			wantCode(t, s.CreateArticle(f.ctx, a), tt.want)
			upd := *existing
			tt.edit(&upd)
			wantCode(t, s.UpdateArticle(f.ctx, &upd), tt.want)
		})
	}
}

func testArticleSlugConflict(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	f.article(func(a *herald.Article) { a.Slug, a.PublishedAt = "polls", day.Add(10*time.Hour) })
	other := f.article(func(a *herald.Article) { a.Slug, a.PublishedAt = "other", day.Add(11*time.Hour) })
	tests := []struct {
		name string
		at   time.Time
		want string
	}{
		{"same UTC day", day.Add(23*time.Hour + 59*time.Minute), herald.ECONFLICT},
		{"same UTC day in another zone", time.Date(2022, 9, 27, 1, 0, 0, 0, time.FixedZone("X", -5*3600)), herald.ECONFLICT},
		{"previous day", day.Add(-time.Minute), ""},
		{"next day", day.Add(24 * time.Hour), ""},
		{"next day in UTC, same day elsewhere", time.Date(2022, 9, 27, 21, 0, 0, 0, time.FixedZone("X", -5*3600)), ""},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newArticle(i)
			a.Slug, a.PublishedAt = "polls", tt.at
			err := s.CreateArticle(f.ctx, a)
			wantCode(t, err, tt.want)
			if err == nil {
				f.check(s.DeleteArticle(f.ctx, a.ID))
			}
		})
	}
	t.Run("update into a taken slug", func(t *testing.T) {
		upd := *other
		upd.Slug = "polls"
		wantCode(t, s.UpdateArticle(f.ctx, &upd), herald.ECONFLICT)
	})
	t.Run("drafts without a date may share a slug", func(t *testing.T) {
		for i := range 2 {
			f.article(func(a *herald.Article) {
				a.Slug, a.Status, a.PublishedAt = "draft", herald.StatusDraft, time.Time{}
				a.Headline = []string{"One", "Two"}[i]
			})
		}
	})
}
