package sqlstore

import (
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// benchSitemap reads what the sitemaps read: a whole file of article refs
// (no bodies), the latest time of each file of them for the index, the
// tags with their newest publication, and the news window.
func benchSitemap(b *testing.B, s *Store, now time.Time) {
	b.Run("sitemap-articles-file", func(b *testing.B) {
		for b.Loop() {
			n := 0
			check(b, s.EachArticleRef(b.Context(), herald.ArticleRefFilter{PublicAt: now}, func(*herald.ArticleRef) error {
				n++
				return nil
			}))
			b.ReportMetric(float64(n), "urls")
		}
	})
	b.Run("sitemap-index", func(b *testing.B) {
		for b.Loop() {
			chunks, err := s.FindArticleRefChunks(b.Context(), now, herald.MaxSitemapPage)
			check(b, err)
			b.ReportMetric(float64(len(chunks)), "files")
		}
	})
	b.Run("sitemap-tags", func(b *testing.B) {
		for b.Loop() {
			_, _, err := s.FindListingRefs(b.Context(), herald.ListingTag, now, 0, herald.MaxSitemapPage)
			check(b, err)
		}
	})
	b.Run("sitemap-news", func(b *testing.B) {
		for b.Loop() {
			check(b, s.EachArticleRef(b.Context(), herald.ArticleRefFilter{PublicAt: now, PublishedFrom: now.Add(-48 * time.Hour)},
				func(*herald.ArticleRef) error { return nil }))
		}
	})
}
