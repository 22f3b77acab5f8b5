package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/herald-news/herald"
)

// The queries below say status = 'scheduled' literally: SQLite uses the
// partial index articles_scheduled_idx only for a condition it can see.

// PublishDueArticles publishes every scheduled article whose publication
// time is not after now, records a revision by the system for each, and
// returns their ids in publication order. On PostgreSQL the articles are
// claimed with FOR UPDATE SKIP LOCKED, and on SQLite the write transaction
// holds the database, so several processes never publish one twice.
func (s *Store) PublishDueArticles(ctx context.Context, now time.Time) ([]int64, error) {
	modified := utc(s.now())
	var ids []int64
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var err error
		ids, err = queryAll(ctx, tx, scanID, `SELECT id FROM articles WHERE status = 'scheduled'
			AND published_at <= $1 ORDER BY published_at, id`+s.dialect.skipLocked, utc(now))
		if err != nil || len(ids) == 0 {
			return nil, err
		}
		if err := publish(ctx, tx, modified, ids); err != nil {
			return nil, err
		}
		changes := make([]herald.Change, len(ids))
		for i, id := range ids {
			changes[i] = herald.Change{Kind: herald.ChangeArticle, ID: id}
		}
		hooks, err := enqueueWebhooks(ctx, tx, modified, herald.EventArticlePublished, ids...)
		return append(changes, hooks...), err
	})
	if err != nil {
		return nil, fmt.Errorf("publish due articles: %w", err)
	}
	return ids, nil
}

// publish sets the articles' status to published, in the articles table
// and in the copies the tag and byline rows keep, and records revisions.
func publish(ctx context.Context, tx querier, modified time.Time, ids []int64) error {
	var a args
	in := list(&a, ids)
	_, err := tx.ExecContext(ctx, "UPDATE articles SET status = 'published', version = version + 1, modified_at = "+
		a.add(modified)+" WHERE id IN ("+in+")", a...)
	if err != nil {
		return err
	}
	for _, table := range []string{"article_tags", "article_authors"} {
		var b args
		_, err := tx.ExecContext(ctx, "UPDATE "+table+" SET status = 'published' WHERE article_id IN ("+
			list(&b, ids)+")", b...)
		if err != nil {
			return err
		}
	}
	return insertRevision(ctx, tx, 0, ids...)
}

// NextScheduledTime returns the earliest publication time of a scheduled
// article, or the zero time when none is scheduled.
func (s *Store) NextScheduledTime(ctx context.Context) (time.Time, error) {
	var next sql.NullTime
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT published_at FROM articles WHERE status = 'scheduled'
			ORDER BY published_at, id LIMIT 1`).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("next scheduled time: %w", err)
	}
	return timeOf(next), nil
}
