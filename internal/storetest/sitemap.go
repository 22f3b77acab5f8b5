package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
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

// refChunks sums up the article refs EachArticleRef gives at now, size a
// chunk, as the sitemap index did before the store could.
func refChunks(t *testing.T, s herald.Store, now time.Time, size int) []herald.ArticleRefChunk {
	t.Helper()
	out := []herald.ArticleRefChunk{}
	err := s.EachArticleRef(t.Context(), herald.ArticleRefFilter{PublicAt: now, Limit: herald.MaxSitemapPage}, func(r *herald.ArticleRef) error {
		if len(out) == 0 || out[len(out)-1].Count == size {
			out = append(out, herald.ArticleRefChunk{})
		}
		c := &out[len(out)-1]
		c.Count++
		if r.ModifiedAt.After(c.LastModified) {
			c.LastModified = r.ModifiedAt
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// testSitemapArticleRefChunks checks the store's chunks against the refs
// themselves, with each of the three times the latest somewhere, articles
// published at the same time on both sides of a chunk boundary, and
// articles readers may not see between them.
func testSitemapArticleRefChunks(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	// ModifiedAt is the latest of the publication, the public update and
	// the record's modification, which the store stamps with its clock.
	soon := time.Now().UTC().Truncate(time.Second).Add(24 * time.Hour)
	tie := day.Add(3 * time.Hour)
	// In order, a draft and an unpublished article among them: 0, published
	// first, whose latest time is its creation; 1 to 4, published at the
	// same time, 1 to 3 updated an hour apart, so that a chunk of 3 ends
	// between 2 and 3; 5; and 6, published last.
	f.article(nil)
	f.article(func(a *herald.Article) { a.Status, a.PublishedAt = herald.StatusDraft, time.Time{} })
	for i := range 3 {
		f.article(func(a *herald.Article) { a.PublishedAt, a.UpdatedAt = tie, soon.Add(time.Duration(i)*time.Hour) })
	}
	f.article(func(a *herald.Article) { a.Status = herald.StatusUnpublished; a.UpdatedAt = soon.AddDate(1, 0, 0) })
	f.article(func(a *herald.Article) { a.PublishedAt = tie })
	f.article(nil)
	f.article(func(a *herald.Article) { a.PublishedAt = soon.Add(3 * time.Hour) })
	f.article(func(a *herald.Article) { a.PublishedAt = soon.Add(5 * time.Hour) }) // in the future at now
	now := soon.Add(4 * time.Hour)

	got, err := s.FindArticleRefChunks(f.ctx, now, 3)
	f.check(err)
	if len(got) != 3 || got[0].Count != 3 || got[1].Count != 3 || got[2].Count != 1 {
		t.Fatalf("chunks of 3 = %+v, want 3, 3 and 1 articles", got)
	}
	if !got[0].LastModified.Equal(soon.Add(time.Hour)) || !got[1].LastModified.Equal(soon.Add(2*time.Hour)) ||
		!got[2].LastModified.Equal(soon.Add(3*time.Hour)) {
		t.Errorf("chunks of 3 modified last at %v, %v, %v; want the updates of 2 and 3, the publication of 6",
			got[0].LastModified, got[1].LastModified, got[2].LastModified)
	}
	for _, tt := range []struct {
		name        string
		now         time.Time
		size, chunk int // asked for; what a chunk then holds
	}{
		{"chunks of 1", now, 1, 1},
		{"chunks of 2", now, 2, 2},
		{"chunks of 3", now, 3, 3},
		{"one full chunk", now, 7, 7},
		{"one chunk, not full", now, 8, 8},
		{"no size", now, 0, herald.MaxSitemapPage},
		{"too large a size", now, herald.MaxSitemapPage + 1, herald.MaxSitemapPage},
		{"before the last publication", day.Add(12 * time.Hour), 2, 2},
		{"before any", day.Add(-time.Hour), 2, 2},
	} {
		got, err := s.FindArticleRefChunks(f.ctx, tt.now, tt.size)
		f.check(err)
		want := refChunks(t, s, tt.now, tt.chunk)
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s (-refs +chunks):\n%s", tt.name, diff)
		}
	}
}
