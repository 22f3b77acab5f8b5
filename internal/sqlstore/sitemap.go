package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/herald-news/herald"
)

// refBatch is how many article rows EachArticleRef reads per query, so
// that a sitemap of 50,000 articles never holds them all at once.
const refBatch = 1000

const articleRefColumns = "articles.id, articles.slug, articles.headline, articles.language, articles.published_at, " +
	"articles.updated_at, articles.modified_at, articles.featured_media_id"

func scanArticleRef(row scanner) (*herald.ArticleRef, error) {
	var r herald.ArticleRef
	var published, updated sql.NullTime
	var modified time.Time
	var media sql.NullInt64
	if err := row.Scan(&r.ID, &r.Slug, &r.Headline, &r.Language, &published, &updated, &modified, &media); err != nil {
		return nil, err
	}
	r.PublishedAt, r.ModifiedAt = timeOf(published), modified.UTC()
	for _, t := range []time.Time{r.PublishedAt, timeOf(updated)} {
		if t.After(r.ModifiedAt) {
			r.ModifiedAt = t
		}
	}
	if media.Valid {
		r.Featured = &herald.Media{ID: media.Int64} // filled in by the caller
	}
	return &r, nil
}

// sitemapLimit returns the number of rows a sitemap query may return.
func sitemapLimit(limit int) int {
	if limit <= 0 || limit > herald.MaxSitemapPage {
		return herald.MaxSitemapPage
	}
	return limit
}

// EachArticleRef implements herald.SitemapStore. It reads the articles in
// batches, each from the index of publication times where the last one
// ended, each with its featured image.
func (s *Store) EachArticleRef(ctx context.Context, f herald.ArticleRefFilter, fn func(*herald.ArticleRef) error) error {
	left, offset := sitemapLimit(f.Limit), max(f.Offset, 0)
	var after *herald.ArticleRef
	err := s.read(ctx, func(tx *sql.Tx) error {
		for left > 0 {
			refs, err := articleRefs(ctx, tx, f, after, offset, min(left, refBatch))
			if err != nil || len(refs) == 0 {
				return err
			}
			for _, r := range refs {
				if err := fn(r); err != nil {
					return err
				}
			}
			left -= len(refs)
			offset, after = 0, refs[len(refs)-1]
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("each article ref: %w", err)
	}
	return nil
}

// articleRefOrder is the order of the articles of the sitemaps: of
// publication, NULLS FIRST as the index has it, or PostgreSQL sorts every
// match.
const articleRefOrder = "articles.published_at ASC NULLS FIRST, articles.id ASC"

// publicRefs returns the FROM and WHERE clauses selecting the articles of
// f, adding their arguments to a.
func publicRefs(a *args, f herald.ArticleRefFilter) string {
	q := " FROM articles WHERE articles.status = " + a.add(herald.StatusPublished) +
		" AND articles.published_at <= " + a.add(utc(f.PublicAt))
	if !f.PublishedFrom.IsZero() {
		q += " AND articles.published_at >= " + a.add(utc(f.PublishedFrom))
	}
	return q
}

// FindArticleRefChunks implements herald.SitemapStore. Each chunk's end is
// found in the index of publication times alone, and the chunk is summed
// up from the three times ModifiedAt is the latest of, between the end of
// the one before and its own: each article is read once, and no more than
// its times. (Numbering every article with ROW_NUMBER() in one query does
// the same, but SQLite then holds them all in a temporary table: 1.7 times
// as slow at 100,000 articles, where PostgreSQL is 1.2 times as fast.)
func (s *Store) FindArticleRefChunks(ctx context.Context, now time.Time, size int) ([]herald.ArticleRefChunk, error) {
	f := herald.ArticleRefFilter{PublicAt: now}
	var chunks []herald.ArticleRefChunk
	err := s.read(ctx, func(tx *sql.Tx) error {
		var after *herald.ArticleRef
		for {
			last, err := chunkEnd(ctx, tx, f, after, sitemapLimit(size))
			if err != nil {
				return err
			}
			c, err := chunkSum(ctx, tx, f, after, last)
			if err != nil || c.Count == 0 {
				return err
			}
			chunks = append(chunks, c)
			if last == nil {
				return nil
			}
			after = last
		}
	})
	if err != nil {
		return nil, fmt.Errorf("find article ref chunks: %w", err)
	}
	return chunks, nil
}

// chunkEnd returns the publication time and id of the last of the size
// articles of f after after (nil: from the first); nil when fewer are left.
func chunkEnd(ctx context.Context, tx querier, f herald.ArticleRefFilter, after *herald.ArticleRef, size int) (*herald.ArticleRef, error) {
	var a args
	q := "SELECT articles.published_at, articles.id" + publicRefs(&a, f) + refBound(&a, ">", after) +
		" ORDER BY " + articleRefOrder + " LIMIT 1 OFFSET " + a.add(size-1)
	var end herald.ArticleRef
	err := tx.QueryRowContext(ctx, q, a...).Scan(&end.PublishedAt, &end.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &end, err
}

// chunkSum sums up the articles of f after after up to last (nil: to the
// end). Times compare as they sort in either engine: SQLite holds them as
// text of one layout, in UTC.
func chunkSum(ctx context.Context, tx querier, f herald.ArticleRefFilter, after, last *herald.ArticleRef) (herald.ArticleRefChunk, error) {
	var a args
	sums := "SELECT COUNT(*) AS n, MAX(published_at) AS p, COALESCE(MAX(updated_at), MAX(published_at)) AS u, " +
		"MAX(modified_at) AS m" + publicRefs(&a, f) + refBound(&a, ">", after) + refBound(&a, "<=", last)
	var c herald.ArticleRefChunk
	var latest aggregateTime
	err := tx.QueryRowContext(ctx, "SELECT n, CASE WHEN p >= u AND p >= m THEN p WHEN u >= m THEN u ELSE m END FROM ("+
		sums+") sums", a...).Scan(&c.Count, &latest)
	c.LastModified = latest.Time
	return c, err
}

// refBound returns the condition that an article comes before or after ref
// in the sitemaps' order, as op (">", "<=") says; "" for a nil ref.
func refBound(a *args, op string, ref *herald.ArticleRef) string {
	if ref == nil {
		return ""
	}
	return " AND (articles.published_at, articles.id) " + op + " (" + a.add(utc(ref.PublishedAt)) + ", " + a.add(ref.ID) + ")"
}

// articleRefs reads one batch of public articles, in order of publication
// from after (nil: from the first).
func articleRefs(ctx context.Context, tx querier, f herald.ArticleRefFilter, after *herald.ArticleRef, offset, limit int) ([]*herald.ArticleRef, error) {
	var a args
	q := "SELECT " + articleRefColumns + publicRefs(&a, f) + refBound(&a, ">", after) +
		" ORDER BY " + articleRefOrder + " LIMIT " + a.add(limit) + " OFFSET " + a.add(offset)
	refs, err := queryAll(ctx, tx, scanArticleRef, q, a...)
	if err != nil || len(refs) == 0 {
		return refs, err
	}
	var ids []int64
	for _, r := range refs {
		if r.Featured != nil {
			ids = append(ids, r.Featured.ID)
		}
	}
	media, err := byIDs(ctx, tx, scanMedia, mediaColumns, "media", ids)
	for _, r := range refs {
		if r.Featured != nil {
			r.Featured = media[r.Featured.ID]
		}
	}
	return refs, err
}

// listingSource is where FindListingRefs reads one kind of listing: the
// table naming it and the table linking articles to it, whose rows carry
// the article's status and publication time behind an index on (owner,
// status, published_at), so the newest of each listing is one index seek.
type listingSource struct {
	table string // the listings, with id and slug columns
	link  string // the linking table
	owner string // its column naming the listing
}

var listingSources = map[herald.ListingKind]listingSource{
	herald.ListingTag:     {"tags", "article_tags", "tag_id"},
	herald.ListingAuthor:  {"users", "article_authors", "user_id"},
	herald.ListingStory:   {"stories", "articles", "story_id"},
	herald.ListingSection: {"sections", "articles", "section_id"},
}

// FindListingRefs implements herald.SitemapStore.
func (s *Store) FindListingRefs(ctx context.Context, kind herald.ListingKind, now time.Time, offset, limit int) ([]herald.ListingRef, int, error) {
	src, ok := listingSources[kind]
	if !ok {
		return nil, 0, herald.Errorf(herald.EINVALID, "no listing kind %q", kind)
	}
	var a args
	public := " FROM " + src.link + " l WHERE l." + src.owner + " = t.id AND l.status = " + a.add(herald.StatusPublished) +
		" AND l.published_at <= " + a.add(utc(now))
	var refs []herald.ListingRef
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+src.table+" t WHERE EXISTS (SELECT 1"+public+")", a...).Scan(&total)
		if err != nil || total <= offset {
			return err
		}
		refs, err = queryAll(ctx, tx, scanListingRef, "SELECT id, slug, last FROM (SELECT t.id, t.slug, (SELECT MAX(l.published_at)"+
			public+") AS last FROM "+src.table+" t) x WHERE last IS NOT NULL ORDER BY slug LIMIT "+
			a.add(sitemapLimit(limit))+" OFFSET "+a.add(max(offset, 0)), a...)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find %s listing refs: %w", kind, err)
	}
	return refs, total, nil
}

func scanListingRef(row scanner) (herald.ListingRef, error) {
	var r herald.ListingRef
	var t aggregateTime
	err := row.Scan(&r.ID, &r.Slug, &t)
	r.LastPublished = t.Time
	return r, err
}

// aggregateTime scans MAX() of a time column: PostgreSQL returns a time,
// SQLite the text it stores.
type aggregateTime struct {
	time.Time
}

// sqliteTimeLayout is how SQLite holds times (the DSN's _time_format=sqlite).
const sqliteTimeLayout = "2006-01-02 15:04:05.999999999-07:00"

func (t *aggregateTime) Scan(v any) error {
	switch v := v.(type) {
	case nil: // the MAX() of no rows
		t.Time = time.Time{}
		return nil
	case time.Time:
		t.Time = v.UTC()
		return nil
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	}
	return fmt.Errorf("cannot read %T as a time", v)
}

func (t *aggregateTime) parse(s string) error {
	p, err := time.Parse(sqliteTimeLayout, s)
	if err != nil {
		return fmt.Errorf("read time %q: %w", s, err)
	}
	t.Time = p.UTC()
	return nil
}
