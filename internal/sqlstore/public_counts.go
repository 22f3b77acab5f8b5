package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/herald-news/herald"
)

// FindPublicTags implements herald.PublicStore.
func (s *Store) FindPublicTags(ctx context.Context, f herald.PublicFilter) ([]herald.Counted[*herald.Tag], int, error) {
	var page []herald.Counted[*herald.Tag]
	var total int
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		page, total, err = findCounted(ctx, tx, herald.ListingTag, tagColumns, "name, id", scanTag, f)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find public tags: %w", err)
	}
	return page, total, nil
}

// FindPublicStories implements herald.PublicStore.
func (s *Store) FindPublicStories(ctx context.Context, f herald.PublicFilter) ([]herald.Counted[*herald.Story], int, error) {
	var page []herald.Counted[*herald.Story]
	var total int
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		page, total, err = findCounted(ctx, tx, herald.ListingStory, storyColumns,
			"created_at DESC, id DESC", scanStory, f)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find public stories: %w", err)
	}
	return page, total, nil
}

// FindPublicAuthors implements herald.PublicStore: the page of authors and
// their photos in two queries.
func (s *Store) FindPublicAuthors(ctx context.Context, f herald.PublicFilter) ([]herald.PublicAuthor, int, error) {
	var authors []herald.PublicAuthor
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		users, n, err := findCounted(ctx, tx, herald.ListingAuthor, userColumns, "name, id", scanUser, f)
		if err != nil {
			return err
		}
		var ids []int64
		for _, u := range users {
			if u.Item.PhotoMediaID != 0 {
				ids = append(ids, u.Item.PhotoMediaID)
			}
		}
		photos, err := byIDs(ctx, tx, scanMedia, mediaColumns, "media", ids)
		for _, u := range users {
			authors = append(authors, herald.PublicAuthor{Counted: u, Photo: photos[u.Item.PhotoMediaID]})
		}
		total = n
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find public authors: %w", err)
	}
	return authors, total, nil
}

// findCounted returns one page, in order, of the rows of the table of kind
// (columns of them, read by scan, in order: columns named without their
// table) that list an article public at f.Now, each with the number of
// those articles, and how many there are in all. Whether a row lists one
// is a seek in the linking table's index of (owner, status, published_at);
// only the page's rows count their articles, so a page of 100 among
// thousands of tags reads no more than theirs. One query — two when the
// page is past the end, to count what it skipped.
func findCounted[T any](ctx context.Context, tx querier, kind herald.ListingKind, columns, order string,
	scan func(scanner) (T, error), f herald.PublicFilter) ([]herald.Counted[T], int, error) {
	src := listingSources[kind]
	var a args
	status, now := a.add(herald.StatusPublished), a.add(utc(f.Now))
	// public is the FROM and WHERE of the public articles of the row.
	public := func(row string) string {
		return " FROM " + src.link + " l WHERE l." + src.owner + " = " + row + ".id AND l.status = " + status +
			" AND l.published_at <= " + now
	}
	where := " FROM " + src.table + " WHERE EXISTS (SELECT 1" + public(src.table) + ")"
	if f.ID != 0 {
		where += " AND " + src.table + ".id = " + a.add(f.ID)
	}
	offset, limit := page(f.Offset, f.Limit)
	q := "SELECT p.*, (SELECT COUNT(*)" + public("p") + ") FROM (SELECT " + columns + ", COUNT(*) OVER () AS total" +
		where + " ORDER BY " + order + " LIMIT " + a.add(limit) + " OFFSET " + a.add(offset) + ") p ORDER BY " + order
	var total int
	rows, err := queryAll(ctx, tx, func(row scanner) (herald.Counted[T], error) {
		var c herald.Counted[T]
		var err error
		c.Item, err = scan(countedRow{row, &total, &c.Articles})
		return c, err
	}, q, a...)
	if err != nil || len(rows) > 0 || offset == 0 {
		return rows, total, err
	}
	err = tx.QueryRowContext(ctx, "SELECT COUNT(*)"+where, a[:len(a)-2]...).Scan(&total)
	return nil, total, err
}

// countedRow reads a row of findCounted: the columns scan expects, then the
// total number of rows and the count of public articles.
type countedRow struct {
	row             scanner
	total, articles *int
}

func (r countedRow) Scan(dest ...any) error {
	return r.row.Scan(append(dest, r.total, r.articles)...)
}
