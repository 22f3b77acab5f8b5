package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/herald-news/herald"
)

// FindRecentComments implements herald.CommentStore. It walks the
// approved comments newest first by their status index and keeps those on
// public articles.
func (s *Store) FindRecentComments(ctx context.Context, now time.Time, limit int) ([]*herald.Comment, error) {
	_, limit = page(0, limit)
	var out []*herald.Comment
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, scanComment, "SELECT "+commentColumns+` FROM comments
			WHERE status = $1 AND article_id IN (SELECT id FROM articles WHERE status = $2 AND published_at <= $3)
			ORDER BY created_at DESC, id DESC LIMIT $4`,
			herald.CommentApproved, herald.StatusPublished, utc(now), limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find recent comments: %w", err)
	}
	return out, nil
}
