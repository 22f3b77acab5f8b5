package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

// refSlugs lists the slugs of the article refs fn is given for f.
func refSlugs(t *testing.T, s herald.Store, f herald.ArticleRefFilter) []string {
	t.Helper()
	out := []string{}
	err := s.EachArticleRef(t.Context(), f, func(r *herald.ArticleRef) error {
		out = append(out, r.Slug)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func testSitemapArticleRefs(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	m := f.media(1)
	first := f.article(func(a *herald.Article) { a.FeaturedMediaID = m.ID; a.Headline = "First & foremost" })
	f.article(func(a *herald.Article) { a.Status = herald.StatusDraft; a.PublishedAt = time.Time{} })
	second := f.article(func(a *herald.Article) { a.UpdatedAt = a.PublishedAt.Add(48 * time.Hour) })
	third := f.article(nil)
	f.article(func(a *herald.Article) { a.PublishedAt = day.Add(72 * time.Hour) }) // future at now
	now := day.Add(24 * time.Hour)

	var got []*herald.ArticleRef
	f.check(s.EachArticleRef(f.ctx, herald.ArticleRefFilter{PublicAt: now}, func(r *herald.ArticleRef) error {
		got = append(got, r)
		return nil
	}))
	if len(got) != 3 {
		t.Fatalf("got %d refs, want the 3 public articles", len(got))
	}
	stored, err := s.FindArticle(f.ctx, first.ID)
	f.check(err)
	want := &herald.ArticleRef{ID: first.ID, Slug: first.Slug, Headline: first.Headline, Language: "en",
		PublishedAt: first.PublishedAt, ModifiedAt: stored.ModifiedAt, Featured: stored.Featured}
	if diff := cmp.Diff(want, got[0]); diff != "" {
		t.Errorf("first ref (-want +got):\n%s", diff)
	}
	if got[1].ModifiedAt.Before(second.UpdatedAt) {
		t.Errorf("ModifiedAt %v is before the public update %v", got[1].ModifiedAt, second.UpdatedAt)
	}
	if got[2].Featured != nil {
		t.Errorf("an article without image has Featured %+v", got[2].Featured)
	}

	for _, tt := range []struct {
		name string
		f    herald.ArticleRefFilter
		want []string
	}{
		{"offset and limit", herald.ArticleRefFilter{PublicAt: now, Offset: 1, Limit: 1}, []string{second.Slug}},
		{"offset past the end", herald.ArticleRefFilter{PublicAt: now, Offset: 3}, []string{}},
		{"published from", herald.ArticleRefFilter{PublicAt: now, PublishedFrom: second.PublishedAt}, []string{second.Slug, third.Slug}},
		{"before any", herald.ArticleRefFilter{PublicAt: day.Add(-time.Hour)}, []string{}},
	} {
		if diff := cmp.Diff(tt.want, refSlugs(t, s, tt.f)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}

	early := f.article(func(a *herald.Article) { a.PublishedAt = day.Add(-time.Hour) }) // created last
	if got := refSlugs(t, s, herald.ArticleRefFilter{PublicAt: now, Limit: 2}); !cmp.Equal(got, []string{early.Slug, first.Slug}) {
		t.Errorf("refs = %v, want %s first: the order is of publication", got, early.Slug)
	}

	stop := errors.New("stop")
	calls := 0
	err = s.EachArticleRef(f.ctx, herald.ArticleRefFilter{PublicAt: now}, func(*herald.ArticleRef) error {
		calls++
		return stop
	})
	if !errors.Is(err, stop) || calls != 1 {
		t.Errorf("EachArticleRef after fn failed: err %v, %d calls; want stop after 1", err, calls)
	}
}

// testSitemapArticleRefsBatches reads more articles than one batch of the
// store, across a page boundary.
func testSitemapArticleRefsBatches(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	const n = 1203
	for range n {
		f.article(func(a *herald.Article) { a.Body = "" })
	}
	now := day.Add(n * time.Hour)
	all := refSlugs(t, s, herald.ArticleRefFilter{PublicAt: now})
	if len(all) != n {
		t.Fatalf("got %d refs, want %d", len(all), n)
	}
	page := refSlugs(t, s, herald.ArticleRefFilter{PublicAt: now, Offset: 1100, Limit: 1050})
	if diff := cmp.Diff(all[1100:], page); diff != "" {
		t.Errorf("a page from 1100 (-want +got):\n%s", diff)
	}
}

func testSitemapListingRefs(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	world := f.section("world", 0, 0)
	europe := f.section("europe", world.ID, 0)
	f.section("empty", 0, 1)
	economy, unused := f.tag("economy"), f.tag("unused")
	ann, bob := f.user("ann"), f.user("bob")
	st := f.story("election")
	a := f.article(func(a *herald.Article) {
		a.SectionID, a.TagIDs, a.AuthorIDs, a.StoryID = europe.ID, []int64{economy.ID}, []int64{ann.ID}, st.ID
	})
	b := f.article(func(a *herald.Article) {
		a.SectionID, a.TagIDs, a.AuthorIDs, a.StoryID = europe.ID, []int64{economy.ID}, []int64{ann.ID}, st.ID
	})
	f.article(func(a *herald.Article) { // a draft lists nothing
		a.Status, a.PublishedAt = herald.StatusDraft, time.Time{}
		a.SectionID, a.TagIDs, a.AuthorIDs = world.ID, []int64{unused.ID}, []int64{bob.ID}
	})
	now := day.Add(24 * time.Hour)
	for _, tt := range []struct {
		kind herald.ListingKind
		want []herald.ListingRef
	}{
		{herald.ListingSection, []herald.ListingRef{{ID: europe.ID, Slug: "europe", LastPublished: b.PublishedAt}}},
		{herald.ListingTag, []herald.ListingRef{{ID: economy.ID, Slug: "economy", LastPublished: b.PublishedAt}}},
		{herald.ListingAuthor, []herald.ListingRef{{ID: ann.ID, Slug: "ann", LastPublished: b.PublishedAt}}},
		{herald.ListingStory, []herald.ListingRef{{ID: st.ID, Slug: "election", LastPublished: b.PublishedAt}}},
	} {
		got, total, err := s.FindListingRefs(f.ctx, tt.kind, now, 0, 10)
		f.check(err)
		if diff := cmp.Diff(tt.want, got); diff != "" || total != 1 {
			t.Errorf("%s: total %d, want 1; refs (-want +got):\n%s", tt.kind, total, diff)
		}
	}
	// At a's time only a is public.
	got, _, err := s.FindListingRefs(f.ctx, herald.ListingTag, a.PublishedAt, 0, 10)
	f.check(err)
	if len(got) != 1 || !got[0].LastPublished.Equal(a.PublishedAt) {
		t.Errorf("tag refs at the first article's time = %+v, want its time", got)
	}
	f.tag("zeta")
	f.article(func(x *herald.Article) { x.TagIDs = []int64{unused.ID} })
	page, total, err := s.FindListingRefs(f.ctx, herald.ListingTag, day.Add(48*time.Hour), 1, 1)
	f.check(err)
	if total != 2 || len(page) != 1 || page[0].Slug != "unused" {
		t.Errorf("second tag page = %+v of %d, want unused of 2", page, total)
	}
	if _, _, err := s.FindListingRefs(f.ctx, "nope", now, 0, 10); herald.ErrorCode(err) != herald.EINVALID {
		t.Errorf("an unknown kind: %v, want EINVALID", err)
	}
}

func testCommentRecent(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	hidden := f.article(func(a *herald.Article) { a.Status = herald.StatusUnpublished })
	future := f.article(func(a *herald.Article) { a.PublishedAt = day.Add(100 * time.Hour) })
	c1 := f.comment(a.ID, 0, nil)
	f.comment(a.ID, 0, func(c *herald.Comment) { c.Status = herald.CommentPending })
	f.comment(hidden.ID, 0, nil)
	f.comment(future.ID, 0, nil)
	c2 := f.comment(a.ID, c1.ID, nil)
	f.comment(a.ID, 0, func(c *herald.Comment) { c.Status = herald.CommentSpam })
	now := day.Add(24 * time.Hour)
	got, err := s.FindRecentComments(f.ctx, now, 10)
	f.check(err)
	if diff := cmp.Diff([]int64{c2.ID, c1.ID}, commentIDs(got)); diff != "" {
		t.Errorf("recent comments (-want +got):\n%s", diff)
	}
	got, err = s.FindRecentComments(f.ctx, now, 1)
	f.check(err)
	if diff := cmp.Diff([]int64{c2.ID}, commentIDs(got)); diff != "" {
		t.Errorf("recent comments, limit 1 (-want +got):\n%s", diff)
	}
}
