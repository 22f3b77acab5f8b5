package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/herald-news/herald"
)

const redirectColumns = "redirects.id, redirects.from_path, redirects.to_path, redirects.created_at"

func scanRedirect(row scanner) (*herald.Redirect, error) {
	var r herald.Redirect
	if err := row.Scan(&r.ID, &r.From, &r.To, &r.CreatedAt); err != nil {
		return nil, err
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return &r, nil
}

// FindRedirect returns the redirect from path, ENOTFOUND if none.
func (s *Store) FindRedirect(ctx context.Context, from string) (*herald.Redirect, error) {
	var r *herald.Redirect
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		row := tx.QueryRowContext(ctx, "SELECT "+redirectColumns+" FROM redirects WHERE from_path = $1", from)
		r, err = scanRedirect(row)
		return notFound(err, "redirect from", from)
	})
	if err != nil {
		return nil, fmt.Errorf("find redirect %s: %w", from, err)
	}
	return r, nil
}

// FindRedirects returns redirects ordered by their old path.
func (s *Store) FindRedirects(ctx context.Context, offset, limit int) ([]*herald.Redirect, error) {
	offset, limit = page(offset, limit)
	var rs []*herald.Redirect
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		rs, err = queryAll(ctx, tx, scanRedirect, "SELECT "+redirectColumns+
			" FROM redirects ORDER BY from_path LIMIT $1 OFFSET $2", limit, offset)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find redirects: %w", err)
	}
	return rs, nil
}

// CreateRedirect stores a redirect, replacing any from the same path, and
// sets its ID and CreatedAt.
func (s *Store) CreateRedirect(ctx context.Context, r *herald.Redirect) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.CreatedAt = utc(s.now())
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		err := tx.QueryRowContext(ctx, `INSERT INTO redirects (from_path, to_path, created_at) VALUES ($1, $2, $3)
			ON CONFLICT (from_path) DO UPDATE SET to_path = excluded.to_path, created_at = excluded.created_at
			RETURNING id`, r.From, r.To, r.CreatedAt).Scan(&r.ID)
		if err != nil {
			return nil, err
		}
		return []herald.Change{{Kind: herald.ChangeRedirect, ID: r.ID}}, nil
	})
	if err != nil {
		return fmt.Errorf("create redirect %s: %w", r.From, err)
	}
	return nil
}

// DeleteRedirect removes the redirect.
func (s *Store) DeleteRedirect(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		res, err := tx.ExecContext(ctx, "DELETE FROM redirects WHERE id = $1", id)
		if err != nil {
			return nil, err
		}
		return []herald.Change{{Kind: herald.ChangeRedirect, ID: id}}, affected(res, "redirect", id)
	})
	if err != nil {
		return fmt.Errorf("delete redirect %d: %w", id, err)
	}
	return nil
}
