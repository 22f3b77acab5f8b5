package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

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
		ids, total, err := s.findArticleIDs(ctx, tx, f)
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
func (s *Store) findArticleIDs(ctx context.Context, tx querier, f herald.ArticleFilter) ([]int64, int, error) {
	offset, limit := page(f.Offset, f.Limit)
	var a args
	q := newListing(&a, f, s.dialect)
	n := len(a)
	ids, err := queryAll(ctx, tx, scanID, "SELECT "+q.id+" FROM "+q.from()+" WHERE "+q.where()+
		" ORDER BY "+q.order(f.Order)+" LIMIT "+a.add(limit)+" OFFSET "+a.add(offset), a...)
	if err != nil {
		return nil, 0, err
	}
	if len(ids) < limit && (len(ids) > 0 || offset == 0) {
		return ids, offset + len(ids), nil
	}
	var total int
	err = tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+q.from()+" WHERE "+q.where(), a[:n]...).Scan(&total)
	return ids, total, err
}

func scanID(row scanner) (int64, error) {
	var id int64
	err := row.Scan(&id)
	return id, err
}

// FindRelatedArticles returns public articles sharing the most tags with
// the article (its TagIDs, or else its Tags), newest first among equals.
func (s *Store) FindRelatedArticles(ctx context.Context, art *herald.Article, limit int) ([]*herald.Article, error) {
	_, limit = page(0, limit)
	tags := art.TagIDs
	if len(tags) == 0 {
		for _, t := range art.Tags {
			tags = append(tags, t.ID)
		}
	}
	tags = uniqueIDs(tags)
	if len(tags) == 0 {
		return nil, nil
	}
	// The tag rows copy their article's status and publication time, so
	// this reads the tags' index alone.
	var a args
	q := `SELECT article_id FROM article_tags WHERE tag_id IN (` + list(&a, tags) + `)
		AND article_id <> ` + a.add(art.ID) + ` AND status = ` + a.add(herald.StatusPublished) +
		` AND published_at <= ` + a.add(utc(s.now())) + `
		GROUP BY article_id ORDER BY COUNT(*) DESC, MAX(published_at) DESC, article_id DESC LIMIT ` + a.add(limit)
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
