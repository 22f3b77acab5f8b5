package sqlstore

import (
	"fmt"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// BenchmarkFindPublic reads a page of 100 of the public tags, stories and
// authors over a store of 20,000 articles (HERALD_BENCH_ARTICLES to
// change) with 200 tags, then again after 5,000 more tags and 5,000 more
// articles, which carry tags from all 5,200.
func BenchmarkFindPublic(b *testing.B) {
	n := 20_000
	if v, err := strconv.Atoi(os.Getenv("HERALD_BENCH_ARTICLES")); err == nil {
		n = v
	}
	benchEngines(b, func(b *testing.B, s *Store) {
		site := newBenchSite(b, s)
		site.seed(b, s, 0, n)
		benchFindPublic(b, s, "200-tags")
		for i := range 5000 {
			tag := &herald.Tag{Slug: fmt.Sprintf("more-%d", i), Name: fmt.Sprintf("More %d", i)}
			check(b, s.CreateTag(b.Context(), tag))
			site.tags = append(site.tags, tag.ID)
		}
		site.seed(b, s, n, n+5000)
		benchFindPublic(b, s, "5200-tags")
	})
}

func benchFindPublic(b *testing.B, s *Store, name string) {
	if s.Engine() == "postgres" {
		// As autovacuum would have done by now.
		_, err := s.db.ExecContext(b.Context(), "VACUUM ANALYZE")
		check(b, err)
	}
	f := herald.PublicFilter{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 100}
	for _, tt := range []struct {
		name string
		find func() error
	}{
		{"tags", func() error { _, _, err := s.FindPublicTags(b.Context(), f); return err }},
		{"stories", func() error { _, _, err := s.FindPublicStories(b.Context(), f); return err }},
		{"authors", func() error { _, _, err := s.FindPublicAuthors(b.Context(), f); return err }},
	} {
		b.Run(name+"/"+tt.name, func(b *testing.B) {
			for b.Loop() {
				check(b, tt.find())
			}
		})
	}
}
