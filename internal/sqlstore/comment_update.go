package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"github.com/herald-news/herald"
)

// UpdateCommentStatus implements herald.CommentStore. It fails with
// ENOTFOUND, enqueueing nothing, when none of the comments exists.
func (s *Store) UpdateCommentStatus(ctx context.Context, ids []int64, status herald.CommentStatus, msgs ...*herald.OutboxMessage) error {
	if !status.Valid() {
		fe := herald.FieldErrors{}
		fe.Add("status", "must be one of pending, approved, spam, trash")
		return fe.Err()
	}
	ids = uniqueIDs(ids)
	if len(ids) == 0 {
		return nil
	}
	a := args{}
	in := list(&a, ids)
	find := slices.Clone(a)
	set := a.add(status)
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		// Readers see the change on an article when an approved comment
		// leaves or one arrives.
		var public, hidden []int64
		rows, err := tx.QueryContext(ctx, "SELECT article_id, status FROM comments WHERE id IN ("+in+")", find...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var article int64
			var was herald.CommentStatus
			if err := rows.Scan(&article, &was); err != nil {
				return nil, err
			}
			if was == herald.CommentApproved || status == herald.CommentApproved {
				public = append(public, article)
			} else {
				hidden = append(hidden, article)
			}
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		if len(public)+len(hidden) == 0 {
			return nil, herald.Errorf(herald.ENOTFOUND, "comments %v not found", ids)
		}
		if _, err := tx.ExecContext(ctx, "UPDATE comments SET status = "+set+" WHERE id IN ("+in+")", a...); err != nil {
			return nil, err
		}
		changes := append(commentChanges(herald.ChangeComment, public), commentChanges(herald.ChangeModeration, hidden)...)
		if len(msgs) == 0 {
			return changes, nil
		}
		more, err := enqueue(ctx, tx, utc(s.now()), msgs)
		return append(changes, more...), err
	})
	if err != nil {
		return fmt.Errorf("update status of comments %v to %s: %w", ids, status, err)
	}
	return nil
}

// UpdateCommentText implements herald.CommentStore.
func (s *Store) UpdateCommentText(ctx context.Context, id int64, text string) error {
	if err := s.updateCommentText(ctx, id, text, false, nil); err != nil {
		return fmt.Errorf("update text of comment %d: %w", id, err)
	}
	return nil
}

// HoldCommentText implements herald.CommentStore.
func (s *Store) HoldCommentText(ctx context.Context, id int64, text string, reasons []string) error {
	if err := s.updateCommentText(ctx, id, text, true, reasons); err != nil {
		return fmt.Errorf("hold edited comment %d: %w", id, err)
	}
	return nil
}

// updateCommentText replaces the text of comment id and, with hold, makes
// it pending for the reasons.
func (s *Store) updateCommentText(ctx context.Context, id int64, text string, hold bool, reasons []string) error {
	return s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		c, err := findComment(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		public := c.Status == herald.CommentApproved
		c.Text = text
		if err := c.Validate(); err != nil {
			return nil, err
		}
		if !hold {
			_, err = tx.ExecContext(ctx, "UPDATE comments SET text = $1 WHERE id = $2", text, id)
		} else {
			_, err = tx.ExecContext(ctx, "UPDATE comments SET text = $1, status = $2, reasons = $3 WHERE id = $4",
				text, herald.CommentPending, formatReasons(reasons), id)
		}
		if err != nil {
			return nil, err
		}
		return commentChanges(commentKind(public), []int64{c.ArticleID}), nil
	})
}

// DeleteComment implements herald.CommentStore.
func (s *Store) DeleteComment(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		c, err := findComment(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, "UPDATE comments SET parent_id = $1 WHERE parent_id = $2", nullID(c.ParentID), id)
		if err != nil {
			return nil, err
		}
		replies, err := res.RowsAffected()
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM comments WHERE id = $1", id); err != nil {
			return nil, err
		}
		// Replies that move up may show in another place.
		return commentChanges(commentKind(c.Status == herald.CommentApproved || replies > 0), []int64{c.ArticleID}), nil
	})
	if err != nil {
		return fmt.Errorf("delete comment %d: %w", id, err)
	}
	return nil
}

// PurgeSpam implements herald.CommentStore. Replies to purged spam become
// top-level comments.
func (s *Store) PurgeSpam(ctx context.Context, before time.Time) (int, error) {
	var n int
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		articles, err := queryAll(ctx, tx, scanID,
			"DELETE FROM comments WHERE status = 'spam' AND created_at < $1 RETURNING article_id", utc(before))
		n = len(articles)
		return commentChanges(herald.ChangeModeration, articles), err
	})
	if err != nil {
		return 0, fmt.Errorf("purge spam before %s: %w", before.Format(time.RFC3339), err)
	}
	return n, nil
}

// FindCommentsByEmail implements herald.CommentStore.
func (s *Store) FindCommentsByEmail(ctx context.Context, email string) ([]*herald.Comment, error) {
	var out []*herald.Comment
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, scanComment, "SELECT "+commentColumns+
			" FROM comments WHERE lower(email) = lower($1) ORDER BY created_at, id", email)
		return err
	})
	if err != nil {
		// The address stays out of the error, which may be logged.
		return nil, fmt.Errorf("find comments by an email: %w", err)
	}
	return out, nil
}

// FindMessagesByEmail implements herald.CommentStore.
func (s *Store) FindMessagesByEmail(ctx context.Context, email string) ([]*herald.OutboxMessage, error) {
	var out []*herald.OutboxMessage
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, scanOutboxMessage, "SELECT "+outboxColumns+
			" FROM outbox WHERE lower(recipient) = lower($1) ORDER BY created_at, id", email)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find messages to an email: %w", err)
	}
	return out, nil
}

// DeleteCommentsByEmail implements herald.CommentStore. Replies to the
// erased comments become top-level comments.
func (s *Store) DeleteCommentsByEmail(ctx context.Context, email string) (int, error) {
	var n int
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		articles, err := queryAll(ctx, tx, scanID,
			"DELETE FROM comments WHERE lower(email) = lower($1) RETURNING article_id", email)
		if err != nil {
			return nil, err
		}
		n = len(articles)
		if _, err := tx.ExecContext(ctx, "DELETE FROM outbox WHERE lower(recipient) = lower($1)", email); err != nil {
			return nil, err
		}
		return commentChanges(herald.ChangeComment, articles), nil
	})
	if err != nil {
		return 0, fmt.Errorf("delete comments by an email: %w", err)
	}
	return n, nil
}

// UnsubscribeComments implements herald.CommentStore.
func (s *Store) UnsubscribeComments(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		res, err := tx.ExecContext(ctx, `UPDATE comments SET notify = $1
			WHERE lower(email) = (SELECT lower(email) FROM comments WHERE id = $2)`, false, id)
		if err != nil {
			return nil, err
		}
		return nil, affected(res, "comment", id)
	})
	if err != nil {
		return fmt.Errorf("unsubscribe comment %d: %w", id, err)
	}
	return nil
}
