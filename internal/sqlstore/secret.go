package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/herald-news/herald"
)

// Secret returns the secret with the name. When there is none it stores
// generate() unless another process stored one first, and returns the
// stored one: every process using the database agrees on it.
func (s *Store) Secret(ctx context.Context, name string, generate func() []byte) ([]byte, error) {
	var value []byte
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT value FROM secrets WHERE name = $1", name).Scan(&value)
	})
	if err == nil {
		return value, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	fresh := generate()
	if len(fresh) == 0 {
		return nil, fmt.Errorf("secret %s: %w", name, herald.Errorf(herald.EINVALID, "the generated secret is empty"))
	}
	err = s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		_, err := tx.ExecContext(ctx, `INSERT INTO secrets (name, value, created_at) VALUES ($1, $2, $3)
			ON CONFLICT (name) DO NOTHING`, name, fresh, utc(s.now()))
		if err != nil {
			return nil, err
		}
		return nil, tx.QueryRowContext(ctx, "SELECT value FROM secrets WHERE name = $1", name).Scan(&value)
	})
	if err != nil {
		return nil, fmt.Errorf("secret %s: %w", name, err)
	}
	return value, nil
}
