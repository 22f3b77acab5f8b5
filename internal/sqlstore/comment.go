package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/herald-news/herald"
)

const commentColumns = "id, article_id, parent_id, name, email, website, text, status, notify, user_id, " +
	"created_at, ip, user_agent, reasons"

func scanComment(row scanner) (*herald.Comment, error) {
	var c herald.Comment
	var parent, user sql.NullInt64
	var reasons string
	err := row.Scan(&c.ID, &c.ArticleID, &parent, &c.Name, &c.Email, &c.Website, &c.Text, &c.Status, &c.Notify,
		&user, &c.CreatedAt, &c.IP, &c.UserAgent, &reasons)
	if err != nil {
		return nil, err
	}
	if reasons != "" {
		if err := json.Unmarshal([]byte(reasons), &c.Reasons); err != nil {
			return nil, fmt.Errorf("reasons of comment %d: %w", c.ID, err)
		}
	}
	c.ParentID, c.UserID, c.CreatedAt = parent.Int64, user.Int64, c.CreatedAt.UTC()
	return &c, nil
}

// formatReasons is how a comment's reasons are kept in their text column:
// a JSON array, or "" for none.
func formatReasons(reasons []string) string {
	if len(reasons) == 0 {
		return ""
	}
	b, _ := json.Marshal(reasons) // cannot fail: strings only
	return string(b)
}

// commentChanges reports a change of the kind for each article, once.
func commentChanges(kind herald.ChangeKind, articleIDs []int64) []herald.Change {
	ids := uniqueIDs(articleIDs)
	changes := make([]herald.Change, len(ids))
	for i, id := range ids {
		changes[i] = herald.Change{Kind: kind, ID: id}
	}
	return changes
}

// commentKind is the kind of change to comments that readers see when
// public and do not otherwise.
func commentKind(public bool) herald.ChangeKind {
	if public {
		return herald.ChangeComment
	}
	return herald.ChangeModeration
}

// FindComment returns the comment with the id.
func (s *Store) FindComment(ctx context.Context, id int64) (*herald.Comment, error) {
	var c *herald.Comment
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		c, err = findComment(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find comment %d: %w", id, err)
	}
	return c, nil
}

func findComment(ctx context.Context, tx querier, id int64) (*herald.Comment, error) {
	c, err := scanComment(tx.QueryRowContext(ctx, "SELECT "+commentColumns+" FROM comments WHERE id = $1", id))
	return c, notFound(err, "comment", id)
}

// CreateComment implements herald.CommentStore.
func (s *Store) CreateComment(ctx context.Context, c *herald.Comment, msgs ...*herald.OutboxMessage) error {
	if err := c.Validate(); err != nil {
		return err
	}
	c.CreatedAt = utc(s.now())
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		if err := checkCommentRefs(ctx, tx, c); err != nil {
			return nil, err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO comments (article_id, parent_id, name, email, website, text,
			status, notify, user_id, created_at, ip, user_agent, announced, reasons)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			c.ArticleID, nullID(c.ParentID), c.Name, c.Email, c.Website, c.Text, c.Status, c.Notify,
			nullID(c.UserID), c.CreatedAt, c.IP, c.UserAgent, c.Status == herald.CommentApproved,
			formatReasons(c.Reasons)).Scan(&c.ID)
		if err != nil {
			return nil, err
		}
		changes := commentChanges(commentKind(c.Status == herald.CommentApproved), []int64{c.ArticleID})
		if len(msgs) == 0 {
			return changes, nil
		}
		more, err := enqueue(ctx, tx, c.CreatedAt, msgs)
		return append(changes, more...), err
	})
	if err != nil {
		return fmt.Errorf("create comment on article %d: %w", c.ArticleID, err)
	}
	return nil
}

// checkCommentRefs checks that the article and user exist and that the
// parent is a comment on the same article.
func checkCommentRefs(ctx context.Context, tx querier, c *herald.Comment) error {
	err := exists(ctx, tx, ref{"articles", "article_id", []int64{c.ArticleID}}, ref{"users", "user_id", []int64{c.UserID}})
	if err != nil || c.ParentID == 0 {
		return err
	}
	var article int64
	err = tx.QueryRowContext(ctx, "SELECT article_id FROM comments WHERE id = $1", c.ParentID).Scan(&article)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && article != c.ArticleID) {
		fe := herald.FieldErrors{}
		fe.Add("parent_id", "must be a comment on the same article")
		return fe.Err()
	}
	return err
}

// FindArticleComments implements herald.CommentStore.
func (s *Store) FindArticleComments(ctx context.Context, articleID int64, include []int64) ([]*herald.Comment, error) {
	a := args{articleID}
	cond := "status = 'approved'"
	if ids := uniqueIDs(include); len(ids) > 0 {
		cond = "(status = 'approved' OR (status = 'pending' AND id IN (" + list(&a, ids) + ")))"
	}
	var out []*herald.Comment
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, scanComment, "SELECT "+commentColumns+
			" FROM comments WHERE article_id = $1 AND "+cond+" ORDER BY created_at, id", a...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find comments of article %d: %w", articleID, err)
	}
	return out, nil
}

// FindComments implements herald.CommentStore.
func (s *Store) FindComments(ctx context.Context, f herald.CommentFilter) ([]*herald.Comment, int, error) {
	var a args
	where := "1 = 1"
	if f.ArticleID != 0 {
		where += " AND article_id = " + a.add(f.ArticleID)
	}
	if f.Status != "" {
		where += " AND status = " + a.add(f.Status)
	}
	offset, limit := page(f.Offset, f.Limit)
	var out []*herald.Comment
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM comments WHERE "+where, a...).Scan(&total)
		if err != nil || total == 0 {
			return err
		}
		q := "SELECT " + commentColumns + " FROM comments WHERE " + where +
			" ORDER BY created_at DESC, id DESC LIMIT " + a.add(limit) + " OFFSET " + a.add(offset)
		out, err = queryAll(ctx, tx, scanComment, q, a...)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find comments: %w", err)
	}
	return out, total, nil
}

// CountComments implements herald.CommentStore.
func (s *Store) CountComments(ctx context.Context, articleIDs []int64) (map[int64]int, error) {
	counts := map[int64]int{}
	ids := uniqueIDs(articleIDs)
	if len(ids) == 0 {
		return counts, nil
	}
	var a args
	q := "SELECT article_id, COUNT(*) FROM comments WHERE status = 'approved' AND article_id IN (" +
		list(&a, ids) + ") GROUP BY article_id"
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, a...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var n int
			if err := rows.Scan(&id, &n); err != nil {
				return err
			}
			counts[id] = n
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("count comments of %d articles: %w", len(ids), err)
	}
	return counts, nil
}

// CountPendingComments implements herald.CommentStore.
func (s *Store) CountPendingComments(ctx context.Context) (int, error) {
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM comments WHERE status = 'pending'").Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("count pending comments: %w", err)
	}
	return n, nil
}

// HasApprovedComment implements herald.CommentStore.
func (s *Store) HasApprovedComment(ctx context.Context, email string) (bool, error) {
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM comments
			WHERE lower(email) = lower($1) AND status = 'approved' LIMIT 1) AS c`, email).Scan(&n)
	})
	if err != nil {
		return false, fmt.Errorf("find approved comments by an email: %w", err)
	}
	return n > 0, nil
}

// IsDuplicateComment implements herald.CommentStore.
func (s *Store) IsDuplicateComment(ctx context.Context, c *herald.Comment) (bool, error) {
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM comments
			WHERE article_id = $1 AND lower(email) = lower($2) AND text = $3 LIMIT 1) AS c`,
			c.ArticleID, c.Email, c.Text).Scan(&n)
	})
	if err != nil {
		return false, fmt.Errorf("find duplicates of a comment on article %d: %w", c.ArticleID, err)
	}
	return n > 0, nil
}

// PurgeCommentClients implements herald.CommentStore.
func (s *Store) PurgeCommentClients(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		res, err := tx.ExecContext(ctx, `UPDATE comments SET ip = '', user_agent = ''
			WHERE created_at < $1 AND (ip <> '' OR user_agent <> '')`, utc(before))
		if err != nil {
			return nil, err
		}
		n, err = res.RowsAffected()
		return nil, err
	})
	if err != nil {
		return 0, fmt.Errorf("purge comment clients before %s: %w", before.Format(time.RFC3339), err)
	}
	return int(n), nil
}
