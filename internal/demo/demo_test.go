package demo

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/google/go-cmp/cmp"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/media"
	"github.com/herald-news/herald/internal/sqlstore"
)

var testEnd = time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC)

// Enough articles for every kind to appear; few images, which are slow.
const (
	testArticles = 300
	testImages   = 2
)

func newStore(t *testing.T) *sqlstore.Store {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: filepath.Join(t.TempDir(), "herald.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// load fills a new store with demo content and returns it with every
// article, oldest first.
func load(t *testing.T, seed int64) (*sqlstore.Store, Summary, []*herald.Article) {
	t.Helper()
	st := newStore(t)
	lib, err := media.NewLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	sum, err := Load(context.Background(), st, lib, Options{Articles: testArticles, Images: testImages, Seed: seed, End: testEnd})
	if err != nil {
		t.Fatal(err)
	}
	page, err := st.FindArticles(context.Background(), herald.ArticleFilter{Order: herald.OldestFirst, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return st, sum, page.Articles
}

func TestLoad(t *testing.T) {
	st, sum, articles := load(t, 7)
	if sum.Articles != testArticles || len(articles) != testArticles {
		t.Errorf("Summary.Articles = %d, stored %d, want %d", sum.Articles, len(articles), testArticles)
	}
	got := []int{sum.Sections, sum.Authors, sum.Images}
	if diff := cmp.Diff([]int{16, 40, testImages}, got); diff != "" {
		t.Errorf("sections, authors, images (-want +got):\n%s", diff)
	}
	if sum.Tags < 60 || sum.Tags > 150 || sum.Stories < 6 {
		t.Errorf("Summary = %+v, want 60–150 tags and at least 6 stories", sum)
	}
	statuses := map[herald.ArticleStatus]int{}
	var russian, featured, corrected int
	for _, a := range articles {
		if err := a.Validate(); err != nil {
			t.Errorf("%s: %v", a.Slug, err)
		}
		statuses[a.Status]++
		if a.Status == herald.StatusPublished && !a.PublishedAt.Before(testEnd) {
			t.Errorf("%s published %v, after End", a.Slug, a.PublishedAt)
		}
		if a.Status == herald.StatusScheduled && !a.PublishedAt.After(testEnd) {
			t.Errorf("%s scheduled for %v, before End", a.Slug, a.PublishedAt)
		}
		if a.UpdatedAt.After(testEnd) || !a.UpdatedAt.IsZero() && a.UpdatedAt.Before(a.PublishedAt) {
			t.Errorf("%s updated %v, published %v", a.Slug, a.UpdatedAt, a.PublishedAt)
		}
		if n := len(a.Authors); n < 1 || n > 3 || len(a.Tags) < 1 || len(a.Tags) > 5 || a.Section == nil {
			t.Errorf("%s has %d authors, %d tags, section %v", a.Slug, n, len(a.Tags), a.Section)
		}
		if n := strings.Count(a.Body, "\n\n") + 1; n < 6 {
			t.Errorf("%s has %d blocks", a.Slug, n)
		}
		if a.Language == "ru" && isRussian(a.Headline) && isRussian(a.Body) {
			russian++
		}
		if a.Featured != nil {
			featured++
		}
		if len(a.Corrections) > 0 {
			corrected++
		}
	}
	wantStatuses := map[herald.ArticleStatus]int{
		herald.StatusDraft: 3, herald.StatusInReview: 1, herald.StatusScheduled: 1, herald.StatusUnpublished: 1,
		herald.StatusPublished: testArticles - 6,
	}
	if diff := cmp.Diff(wantStatuses, statuses); diff != "" {
		t.Errorf("statuses (-want +got):\n%s", diff)
	}
	if russian < testArticles/20 || featured < testArticles*4/10 || featured > testArticles*8/10 || corrected == 0 {
		t.Errorf("%d Russian, %d featured, %d corrected of %d", russian, featured, corrected, testArticles)
	}
	checkFresh(t, articles)
	checkStories(t, articles)
	settings, err := st.FindSettings(context.Background())
	if err != nil || settings.Title != paperName || settings.TimeZone != "Europe/London" {
		t.Errorf("settings %+v, %v", settings, err)
	}
	lib, err := media.NewLibrary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	_, err = Load(context.Background(), st, lib, Options{Articles: 10, End: testEnd})
	if code := herald.ErrorCode(err); code != herald.ECONFLICT {
		t.Errorf("Load into a site with articles: %v, want a conflict", err)
	}
}

// checkFresh wants articles on the last day before End, for the front page.
func checkFresh(t *testing.T, articles []*herald.Article) {
	t.Helper()
	n := 0
	for _, a := range articles {
		if a.IsPublic(testEnd) && a.PublishedAt.After(testEnd.AddDate(0, 0, -3)) {
			n++
		}
	}
	if n < 3 {
		t.Errorf("%d articles in the last three days, want at least 3", n)
	}
}

// checkStories wants stories of 8 or more articles, each citing the one
// before it by date and link.
func checkStories(t *testing.T, articles []*herald.Article) {
	t.Helper()
	byStory := map[int64][]*herald.Article{}
	for _, a := range articles {
		if a.StoryID != 0 {
			byStory[a.StoryID] = append(byStory[a.StoryID], a)
		}
	}
	long := 0
	for _, as := range byStory {
		if len(as) >= 8 {
			long++
		}
		for i, a := range as[1:] {
			prev := as[i]
			cite := "On " + citeDate(prev.PublishedAt, a.PublishedAt) + ", ["
			if !strings.Contains(a.Body, cite) || !strings.Contains(a.Body, "]("+permalink(prev.PublishedAt, prev.Slug)+")") {
				t.Errorf("%s does not cite %s with %q:\n%s", a.Slug, prev.Slug, cite, a.Body)
			}
		}
	}
	if long < 3 {
		t.Errorf("%d stories have 8 or more articles, want at least 3", long)
	}
}

func isRussian(s string) bool {
	cyrillic := 0
	for _, c := range s {
		if unicode.Is(unicode.Cyrillic, c) {
			cyrillic++
		}
	}
	return cyrillic > len([]rune(s))/3
}

func TestLoad_deterministic(t *testing.T) {
	type row struct {
		Slug, Headline, Body string
		At                   time.Time
		Featured             string
	}
	rows := func(articles []*herald.Article) []row {
		var out []row
		for _, a := range articles {
			r := row{a.Slug, a.Headline, a.Body, a.PublishedAt, ""}
			if a.Featured != nil {
				r.Featured = a.Featured.Hash
			}
			out = append(out, r)
		}
		return out
	}
	_, _, first := load(t, 3)
	_, _, second := load(t, 3)
	if diff := cmp.Diff(rows(first), rows(second)); diff != "" {
		t.Errorf("two loads with one seed differ (-first +second):\n%s", diff)
	}
}

func TestLoad_Comments(t *testing.T) {
	st, sum, articles := load(t, 7)
	ctx := context.Background()
	if sum.Comments == 0 {
		t.Fatal("no demo comments")
	}
	var total, replies, staff, commented int
	for _, a := range articles {
		cs, err := st.FindArticleComments(ctx, a.ID, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) == 0 {
			continue
		}
		commented++
		if !a.CommentsOpen || a.Status != herald.StatusPublished {
			t.Errorf("%s (%s, open %v, published %v) has comments", a.Slug, a.Status, a.CommentsOpen, a.PublishedAt)
		}
		for _, c := range cs {
			total++
			if c.Status != herald.CommentApproved {
				t.Errorf("comment %d is %s", c.ID, c.Status)
			}
			if c.ParentID != 0 {
				replies++
			}
			if c.UserID != 0 {
				staff++
				if !slices.Contains(a.AuthorIDs, c.UserID) {
					t.Errorf("comment %d by user %d, not an author of %s", c.ID, c.UserID, a.Slug)
				}
			} else if !strings.HasSuffix(c.Email, "@example.invalid") {
				t.Errorf("reader's email %q is not in example.invalid", c.Email)
			}
		}
	}
	if total != sum.Comments || replies == 0 || staff == 0 || commented != commentedArticles {
		t.Errorf("%d comments (summary %d) on %d articles, %d replies, %d by staff", total, sum.Comments, commented, replies, staff)
	}
}
