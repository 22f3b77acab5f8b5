package sqlstore

import (
	"context"
	"database/sql"
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
	r.PublishedAt = timeOf(published)
	r.ModifiedAt = latest(r.PublishedAt, timeOf(updated), modified.UTC())
	if media.Valid {
		r.Featured = &herald.Media{ID: media.Int64} // filled in by the caller
	}
	return &r, nil
}

// latest returns the latest of the times.
func latest(times ...time.Time) time.Time {
	var out time.Time
	for _, t := range times {
		if t.After(out) {
			out = t
		}
	}
	return out
}

// sitemapLimit returns the number of rows a sitemap query may return.
func sitemapLimit(limit int) int {
	if limit <= 0 || limit > herald.MaxSitemapPage {
		return herald.MaxSitemapPage
	}
	return limit
}

// EachArticleRef implements herald.SitemapStore. It reads the articles in
// batches by id, each with its featured image.
func (s *Store) EachArticleRef(ctx context.Context, f herald.ArticleRefFilter, fn func(*herald.ArticleRef) error) error {
	left, offset, after := sitemapLimit(f.Limit), max(f.Offset, 0), int64(0)
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
			offset, after = 0, refs[len(refs)-1].ID
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("each article ref: %w", err)
	}
	return nil
}

// articleRefs reads one batch of public articles with ids above after.
func articleRefs(ctx context.Context, tx querier, f herald.ArticleRefFilter, after int64, offset, limit int) ([]*herald.ArticleRef, error) {
	var a args
	q := "SELECT " + articleRefColumns + " FROM articles WHERE articles.status = " + a.add(herald.StatusPublished) +
		" AND articles.published_at <= " + a.add(utc(f.PublicAt)) + " AND articles.id > " + a.add(after)
	if !f.PublishedFrom.IsZero() {
		q += " AND articles.published_at >= " + a.add(utc(f.PublishedFrom))
	}
	q += " ORDER BY articles.id LIMIT " + a.add(limit) + " OFFSET " + a.add(offset)
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
// table linking articles to it, whose rows carry the article's status and
// publication time, and the table naming it.
type listingSource struct {
	from  string // the linking table joined to the named one
	id    string // the listing's id column
	slug  string
	count string // the column counted for the total
	table string // the linking table, for its status and published_at
}

var listingSources = map[herald.ListingKind]listingSource{
	herald.ListingTag: {"article_tags JOIN tags ON tags.id = article_tags.tag_id",
		"tags.id", "tags.slug", "article_tags.tag_id", "article_tags"},
	herald.ListingAuthor: {"article_authors JOIN users ON users.id = article_authors.user_id",
		"users.id", "users.slug", "article_authors.user_id", "article_authors"},
	herald.ListingStory: {"articles JOIN stories ON stories.id = articles.story_id",
		"stories.id", "stories.slug", "articles.story_id", "articles"},
	herald.ListingSection: {"articles JOIN sections ON sections.id = articles.section_id",
		"sections.id", "sections.slug", "articles.section_id", "articles"},
}

// FindListingRefs implements herald.SitemapStore.
func (s *Store) FindListingRefs(ctx context.Context, kind herald.ListingKind, now time.Time, offset, limit int) ([]herald.ListingRef, int, error) {
	src, ok := listingSources[kind]
	if !ok {
		return nil, 0, herald.Errorf(herald.EINVALID, "no listing kind %q", kind)
	}
	var a args
	where := src.table + ".status = " + a.add(herald.StatusPublished) + " AND " + src.table + ".published_at <= " + a.add(utc(now))
	n := len(a)
	var refs []herald.ListingRef
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT COUNT(DISTINCT "+src.count+") FROM "+src.table+" WHERE "+where+
			" AND "+src.count+" IS NOT NULL", a[:n]...).Scan(&total)
		if err != nil || total <= offset {
			return err
		}
		refs, err = queryAll(ctx, tx, scanListingRef, "SELECT "+src.id+", "+src.slug+", MAX("+src.table+".published_at) FROM "+
			src.from+" WHERE "+where+" GROUP BY "+src.id+", "+src.slug+" ORDER BY "+src.slug+
			" LIMIT "+a.add(sitemapLimit(limit))+" OFFSET "+a.add(max(offset, 0)), a...)
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
