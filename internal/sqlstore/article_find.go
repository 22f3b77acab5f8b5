package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

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
func findArticleIDs(ctx context.Context, tx *sql.Tx, f herald.ArticleFilter) ([]int64, int, error) {
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
		add("articles.status = " + a.add(herald.StatusPublished) + " AND articles.published_at <= " + a.add(utc(f.PublicAt)))
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
	if !f.PublishedFrom.IsZero() {
		add("articles.published_at >= " + a.add(utc(f.PublishedFrom)))
	}
	if !f.PublishedBefore.IsZero() {
		add("articles.published_at < " + a.add(utc(f.PublishedBefore)))
	}
	if f.After != nil {
		add(afterCondition(a, f.After, f.Order))
	}
	return strings.Join(where, " AND ")
}

// afterCondition keeps the articles that come after one in listing order:
// older ones when the newest come first.
func afterCondition(a *args, after *herald.Article, order herald.ArticleOrder) string {
	op := "<"
	if order == herald.OldestFirst {
		op = ">"
	}
	t := a.add(utc(after.PublishedAt))
	return "(articles.published_at " + op + " " + t + " OR (articles.published_at = " + t +
		" AND articles.id " + op + " " + a.add(after.ID) + "))"
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
	var a args
	q := `SELECT article_tags.article_id FROM article_tags
		JOIN articles ON articles.id = article_tags.article_id
		WHERE article_tags.tag_id IN (` + list(&a, tags) + `) AND article_tags.article_id <> ` + a.add(art.ID) +
		` AND articles.status = ` + a.add(herald.StatusPublished) + ` AND articles.published_at <= ` + a.add(utc(s.now())) +
		` GROUP BY article_tags.article_id, articles.published_at
		ORDER BY COUNT(*) DESC, articles.published_at DESC, article_tags.article_id DESC LIMIT ` + a.add(limit)
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
