package sqlstore

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// benchSite holds the records articles of a benchmark refer to.
type benchSite struct {
	sections, tags, users []int64
	story                 int64
}

func newBenchSite(tb testing.TB, s *Store) *benchSite {
	tb.Helper()
	ctx := tb.Context()
	site := &benchSite{}
	for i := range 12 {
		sec := &herald.Section{Slug: fmt.Sprintf("section-%d", i), Name: fmt.Sprintf("Section %d", i)}
		if i >= 4 {
			sec.ParentID = site.sections[i%4]
		}
		check(tb, s.CreateSection(ctx, sec))
		site.sections = append(site.sections, sec.ID)
	}
	for i := range 200 {
		tag := &herald.Tag{Slug: fmt.Sprintf("tag-%d", i), Name: fmt.Sprintf("Tag %d", i)}
		check(tb, s.CreateTag(ctx, tag))
		site.tags = append(site.tags, tag.ID)
	}
	for i := range 20 {
		u := &herald.User{Name: fmt.Sprintf("User %d", i), Slug: fmt.Sprintf("user-%d", i),
			Email: fmt.Sprintf("user%d@example.com", i), Role: herald.RoleAuthor}
		check(tb, s.CreateUser(ctx, u))
		site.users = append(site.users, u.ID)
	}
	st := &herald.Story{Slug: "story", Name: "Story"}
	check(tb, s.CreateStory(ctx, st))
	site.story = st.ID
	return site
}

var benchBody = strings.Repeat("A paragraph of a report, with words that a news article would have. ", 60)

// article returns the n-th article of the site: about 4 KB of text, three
// tags, one or two authors, one article an hour going back from 2026.
func (site *benchSite) article(n int) *herald.Article {
	a := &herald.Article{
		Slug:        fmt.Sprintf("report-number-%d", n),
		Headline:    fmt.Sprintf("Report number %d on the matter of the day", n),
		Dek:         "What happened, and why it matters.",
		Body:        benchBody,
		Excerpt:     "What happened.",
		Language:    "en",
		Status:      herald.StatusPublished,
		PublishedAt: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(-time.Duration(n) * time.Hour),
		SectionID:   site.sections[n%len(site.sections)],
		AuthorIDs:   []int64{site.users[n%len(site.users)], site.users[(n+7)%len(site.users)]},
		TagIDs:      []int64{site.tags[n%len(site.tags)], site.tags[(n*7+1)%len(site.tags)], site.tags[(n*13+2)%len(site.tags)]},
	}
	if n%10 == 0 {
		a.StoryID = site.story
	}
	return a
}

func check(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

// benchEngines runs the benchmark on each engine with a new, migrated
// store; PostgreSQL only when it answers.
func benchEngines(b *testing.B, run func(b *testing.B, s *Store)) {
	b.Run("sqlite", func(b *testing.B) { run(b, openSQLite(b)) })
	b.Run("postgres", func(b *testing.B) { run(b, postgresDB(b).open(b)) })
}

// BenchmarkCreateArticle inserts articles one transaction each, as the
// newsroom does.
func BenchmarkCreateArticle(b *testing.B) {
	benchEngines(b, func(b *testing.B, s *Store) {
		site := newBenchSite(b, s)
		n := 0
		for b.Loop() {
			check(b, s.CreateArticle(b.Context(), site.article(n)))
			n++
		}
	})
}

// BenchmarkCreateArticles inserts articles 1000 to a transaction, as an
// import or the demo generator does.
func BenchmarkCreateArticles(b *testing.B) {
	benchEngines(b, func(b *testing.B, s *Store) {
		site := newBenchSite(b, s)
		n := 0
		for b.Loop() {
			site.seed(b, s, n, n+1000)
			n += 1000
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(n), "µs/article")
	})
}

// seed creates the site's articles from, up to to, 1000 to a transaction.
func (site *benchSite) seed(b *testing.B, s *Store, from, to int) {
	for i := from; i < to; i += 1000 {
		batch := make([]*herald.Article, 0, 1000)
		for j := i; j < min(i+1000, to); j++ {
			batch = append(batch, site.article(j))
		}
		check(b, s.CreateArticles(b.Context(), batch))
	}
}

// BenchmarkFindArticles runs the site's listings over a store of 100,000
// articles (HERALD_BENCH_ARTICLES to change), seeded with CreateArticles.
func BenchmarkFindArticles(b *testing.B) {
	n := 100_000
	if v, err := strconv.Atoi(os.Getenv("HERALD_BENCH_ARTICLES")); err == nil {
		n = v
	}
	benchEngines(b, func(b *testing.B, s *Store) {
		site := newBenchSite(b, s)
		start := time.Now()
		site.seed(b, s, 0, n)
		b.Logf("%s: seeded %d articles in %v", s.Engine(), n, time.Since(start).Round(time.Millisecond))
		if s.Engine() == "postgres" {
			// As autovacuum would have done by now: statistics, and the
			// visibility map that index-only scans need.
			_, err := s.db.ExecContext(b.Context(), "VACUUM ANALYZE")
			check(b, err)
		}
		benchFind(b, s, site, n)
	})
}

// benchFind runs the site's queries over n articles of the site.
func benchFind(b *testing.B, s *Store, site *benchSite, n int) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	mid, err := s.FindArticle(b.Context(), int64(n/2))
	check(b, err)
	filters := []struct {
		name string
		f    herald.ArticleFilter
	}{
		{"front", herald.ArticleFilter{PublicAt: now}},
		{"front-page-50", herald.ArticleFilter{PublicAt: now, Offset: 49 * 20}},
		{"section-tree", herald.ArticleFilter{PublicAt: now, SectionID: site.sections[0]}},
		{"subsection", herald.ArticleFilter{PublicAt: now, SectionID: site.sections[5]}},
		{"tag", herald.ArticleFilter{PublicAt: now, TagID: site.tags[3]}},
		{"author", herald.ArticleFilter{PublicAt: now, AuthorID: site.users[3]}},
		{"story", herald.ArticleFilter{PublicAt: now, StoryID: site.story}},
		{"day", herald.ArticleFilter{PublicAt: now, PublishedFrom: now.AddDate(-1, 0, 0), PublishedBefore: now.AddDate(-1, 0, 1)}},
		{"permalink", herald.ArticleFilter{PublicAt: now, Slug: mid.Slug, PublishedFrom: mid.PublishedAt.Truncate(24 * time.Hour), PublishedBefore: mid.PublishedAt.Truncate(24 * time.Hour).Add(24 * time.Hour), Limit: 1}},
		{"next", herald.ArticleFilter{PublicAt: now, After: mid, Order: herald.OldestFirst, Limit: 1}},
		{"previous", herald.ArticleFilter{PublicAt: now, After: mid, Limit: 1}},
		{"search", herald.ArticleFilter{PublicAt: now, Query: "number 4242"}},
		{"admin-all", herald.ArticleFilter{}},
	}
	for _, tt := range filters {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				_, err := s.FindArticles(b.Context(), tt.f)
				check(b, err)
			}
		})
	}
	benchSitemap(b, s, now)
	b.Run("related", func(b *testing.B) {
		for b.Loop() {
			_, err := s.FindRelatedArticles(b.Context(), mid, 5)
			check(b, err)
		}
	})
}
