package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

// FindArticle returns one article with Section, Story, Featured, Authors
// and Tags filled in.
func (s *Store) FindArticle(ctx context.Context, id int64) (*herald.Article, error) {
	var a *herald.Article
	err := s.read(ctx, func(tx *sql.Tx) error {
		found, err := loadArticles(ctx, tx, []int64{id})
		if err != nil {
			return err
		}
		if len(found) == 0 {
			return herald.Errorf(herald.ENOTFOUND, "article %d not found", id)
		}
		a = found[0]
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find article %d: %w", id, err)
	}
	return a, nil
}

// FindArticles returns a page of matching articles, each filled in as by
// FindArticle, and the total count of matches.
func (s *Store) FindArticles(ctx context.Context, f herald.ArticleFilter) (herald.ArticlePage, error) {
	var p herald.ArticlePage
	err := s.read(ctx, func(tx *sql.Tx) error {
		ids, total, err := findArticleIDs(ctx, tx, f)
		if err != nil {
			return err
		}
		p.Total = total
		p.Articles, err = loadArticles(ctx, tx, ids)
		return err
	})
	if err != nil {
		return herald.ArticlePage{}, fmt.Errorf("find articles: %w", err)
	}
	return p, nil
}

// findArticleIDs returns the ids of one page of matches in listing order,
// and the number of all matches. The count query runs only when the page
// does not tell.
func findArticleIDs(ctx context.Context, tx querier, f herald.ArticleFilter) ([]int64, int, error) {
	offset, limit := page(f.Offset, f.Limit)
	var a args
	where := articleWhere(&a, f)
	order := "articles.published_at DESC NULLS LAST, articles.id DESC"
	if f.Order == herald.OldestFirst {
		order = "articles.published_at ASC NULLS FIRST, articles.id ASC"
	}
	n := len(a)
	q := "SELECT articles.id FROM articles WHERE " + where + " ORDER BY " + order +
		" LIMIT " + a.add(limit) + " OFFSET " + a.add(offset)
	ids, err := queryAll(ctx, tx, scanID, q, a...)
	if err != nil {
		return nil, 0, err
	}
	if len(ids) < limit && (len(ids) > 0 || offset == 0) {
		return ids, offset + len(ids), nil
	}
	var total int
	err = tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM articles WHERE "+where, a[:n]...).Scan(&total)
	return ids, total, err
}

func scanID(row scanner) (int64, error) {
	var id int64
	err := row.Scan(&id)
	return id, err
}

// articleWhere returns the condition for the filter, adding its arguments.
func articleWhere(a *args, f herald.ArticleFilter) string {
	where := []string{"1 = 1"}
	add := func(cond string) { where = append(where, cond) }
	if f.ID != 0 {
		add("articles.id = " + a.add(f.ID))
	}
	if len(f.Statuses) > 0 {
		add("articles.status IN (" + list(a, f.Statuses) + ")")
	}
	if !f.PublicAt.IsZero() {
		add("articles.status = " + a.add(herald.StatusPublished))
	}
	if f.SectionID != 0 {
		add("articles.section_id IN (" + subtreeSQL(a, f.SectionID) + ")")
	}
	if f.TagID != 0 {
		add("articles.id IN (SELECT article_id FROM article_tags WHERE tag_id = " + a.add(f.TagID) + ")")
	}
	if f.AuthorID != 0 {
		add("articles.id IN (SELECT article_id FROM article_authors WHERE user_id = " + a.add(f.AuthorID) + ")")
	}
	if f.StoryID != 0 {
		add("articles.story_id = " + a.add(f.StoryID))
	}
	if f.Slug != "" {
		add("articles.slug = " + a.add(f.Slug))
	}
	if f.ExcludeID != 0 {
		add("articles.id <> " + a.add(f.ExcludeID))
	}
	for _, word := range strings.Fields(f.Query) {
		add(`lower(articles.headline) LIKE lower(` + a.add("%"+escapeLike(word)+"%") + `) ESCAPE '\'`)
	}
	where = append(where, timeRange(a, f)...)
	return strings.Join(where, " AND ")
}

// bound is one end of the range of publication times a filter allows.
type bound struct {
	t  time.Time
	op string // <, <=, >= or >
	// id, when set, makes the bound a row value (published_at, id): the
	// listing position of an article, for After.
	id int64
}

// width orders bounds at the same time from the narrowest: < admits less
// than (published_at, id) <, which admits less than <=.
func (b bound) width() int {
	switch {
	case b.op == "<=" || b.op == ">=":
		return 2
	case b.id != 0:
		return 1
	}
	return 0
}

func (b bound) sql(a *args) string {
	if b.id != 0 {
		return "(articles.published_at, articles.id) " + b.op + " (" + a.add(b.t) + ", " + a.add(b.id) + ")"
	}
	return "articles.published_at " + b.op + " " + a.add(b.t)
}

// timeRange returns the conditions on the publication time: at most one
// upper and one lower bound, the narrowest of each, since the narrowest
// implies the others. SQLite ranges over an index with one of each only,
// so a wider bound left in the query could make it read far too many rows.
func timeRange(a *args, f herald.ArticleFilter) []string {
	var upper, lower []bound
	if !f.PublicAt.IsZero() {
		upper = append(upper, bound{t: utc(f.PublicAt), op: "<="})
	}
	if !f.PublishedBefore.IsZero() {
		upper = append(upper, bound{t: utc(f.PublishedBefore), op: "<"})
	}
	if !f.PublishedFrom.IsZero() {
		lower = append(lower, bound{t: utc(f.PublishedFrom), op: ">="})
	}
	if f.After != nil {
		// After is the position of an article in the listing order.
		b := bound{t: utc(f.After.PublishedAt), op: "<", id: f.After.ID}
		if f.Order == herald.OldestFirst {
			b.op = ">"
			lower = append(lower, b)
		} else {
			upper = append(upper, b)
		}
	}
	var conds []string
	if len(upper) > 0 {
		conds = append(conds, slices.MinFunc(upper, func(x, y bound) int {
			return cmp.Or(x.t.Compare(y.t), cmp.Compare(x.width(), y.width()))
		}).sql(a))
	}
	if len(lower) > 0 {
		conds = append(conds, slices.MinFunc(lower, func(x, y bound) int {
			return cmp.Or(y.t.Compare(x.t), cmp.Compare(x.width(), y.width()))
		}).sql(a))
	}
	return conds
}

// escapeLike makes % and _ match themselves in a LIKE pattern.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// FindRelatedArticles returns public articles sharing the most tags with
// the article (by its TagIDs), newest first among equals.
func (s *Store) FindRelatedArticles(ctx context.Context, art *herald.Article, limit int) ([]*herald.Article, error) {
	_, limit = page(0, limit)
	tags := uniqueIDs(art.TagIDs)
	if len(tags) == 0 {
		return nil, nil
	}
	// Count the shared tags from the tag index first, then keep the public
	// articles among them: the other way round reads every public article.
	var a args
	q := `SELECT shared.article_id FROM (SELECT article_id, COUNT(*) AS n FROM article_tags
		WHERE tag_id IN (` + list(&a, tags) + `) AND article_id <> ` + a.add(art.ID) + ` GROUP BY article_id) shared
		JOIN articles ON articles.id = shared.article_id
		WHERE articles.status = ` + a.add(herald.StatusPublished) + ` AND articles.published_at <= ` + a.add(utc(s.now())) + `
		ORDER BY shared.n DESC, articles.published_at DESC, articles.id DESC LIMIT ` + a.add(limit)
	var related []*herald.Article
	err := s.read(ctx, func(tx *sql.Tx) error {
		ids, err := queryAll(ctx, tx, scanID, q, a...)
		if err != nil {
			return err
		}
		related, err = loadArticles(ctx, tx, ids)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find articles related to %d: %w", art.ID, err)
	}
	return related, nil
}
