package herald

import (
	"context"
	"time"
)

// MaxSitemapPage is the most rows one call of a SitemapStore method
// returns: a sitemap file holds at most 50,000 URLs.
const MaxSitemapPage = 50000

// ArticleRef is what a sitemap needs of a public article: no body, no
// byline, so that listing every article stays light.
type ArticleRef struct {
	ID          int64
	Slug        string
	Headline    string
	Language    string
	PublishedAt time.Time
	// ModifiedAt is the latest of the publication time, the public update
	// time and the record's modification time.
	ModifiedAt time.Time
	Featured   *Media // nil for none
}

// ArticleRefFilter selects the articles readers may see at PublicAt.
type ArticleRefFilter struct {
	PublicAt      time.Time
	PublishedFrom time.Time // inclusive; zero: no bound
	Offset        int
	Limit         int // 1 to MaxSitemapPage; 0 or more means MaxSitemapPage
}

// ArticleRefChunk sums up consecutive article refs, in EachArticleRef's
// order: a sitemap file's worth of them.
type ArticleRefChunk struct {
	Count int
	// LastModified is the latest ModifiedAt of its articles.
	LastModified time.Time
}

// ListingKind names a kind of listing page: sections, tags, authors or
// stories.
type ListingKind string

// The listing kinds.
const (
	ListingSection ListingKind = "section"
	ListingTag     ListingKind = "tag"
	ListingAuthor  ListingKind = "author"
	ListingStory   ListingKind = "story"
)

// ListingRef is a listing page for a sitemap: what it lists and when an
// article last appeared in it.
type ListingRef struct {
	ID   int64
	Slug string
	// LastPublished is the newest publication time among its public
	// articles.
	LastPublished time.Time
}

// SitemapStore reads what sitemaps list, without article bodies.
type SitemapStore interface {
	// EachArticleRef calls fn for each article matching f, oldest first
	// (by publication time, then id), so that a page of them keeps its
	// articles as new ones come. fn must not use the store. It stops at
	// the first error of fn and returns it.
	EachArticleRef(ctx context.Context, f ArticleRefFilter, fn func(*ArticleRef) error) error
	// FindArticleRefChunks splits the articles readers may see at now, in
	// EachArticleRef's order, into chunks of size (1 to MaxSitemapPage;
	// any other size means MaxSitemapPage), the last one possibly smaller,
	// and sums each up without reading the articles out: what the sitemap
	// index needs of its files. No articles, no chunks.
	FindArticleRefChunks(ctx context.Context, now time.Time, size int) ([]ArticleRefChunk, error)
	// FindListingRefs returns one page, by slug, of the sections, tags,
	// authors or stories (kind) that list an article readers may see at
	// now, directly (a section's subsections do not count), and how many
	// there are in all. limit is 1 to MaxSitemapPage.
	FindListingRefs(ctx context.Context, kind ListingKind, now time.Time, offset, limit int) ([]ListingRef, int, error)
}
