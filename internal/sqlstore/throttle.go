package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/herald-news/herald"
)

// failureMemory is how long a failure is kept: longer than any window a
// throttle counts over.
const failureMemory = 24 * time.Hour

// RecordFailure counts a failure for the key at the time, and forgets the
// failures of every key older than a day before it.
func (s *Store) RecordFailure(ctx context.Context, key string, at time.Time) error {
	at = utc(at)
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		if _, err := tx.ExecContext(ctx, "DELETE FROM throttle_failures WHERE at < $1", at.Add(-failureMemory)); err != nil {
			return nil, err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO throttle_failures (key, at) VALUES ($1, $2)", key, at)
		return nil, err
	})
	if err != nil {
		return fmt.Errorf("record failure %s: %w", key, err)
	}
	return nil
}

// CountFailures returns how many failures the key had at or after since,
// and the time of the oldest of them (zero when none).
func (s *Store) CountFailures(ctx context.Context, key string, since time.Time) (int, time.Time, error) {
	since = utc(since)
	var n int
	var oldest time.Time
	err := s.read(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM throttle_failures WHERE key = $1 AND at >= $2",
			key, since).Scan(&n)
		if err != nil || n == 0 {
			return err
		}
		// Not MIN(at): SQLite returns an aggregate of a time column as text.
		err = tx.QueryRowContext(ctx, "SELECT at FROM throttle_failures WHERE key = $1 AND at >= $2 ORDER BY at LIMIT 1",
			key, since).Scan(&oldest)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("count failures %s: %w", key, err)
	}
	if !oldest.IsZero() {
		oldest = oldest.UTC()
	}
	return n, oldest, nil
}

// ClearFailures forgets the key's failures, e.g. after a successful sign-in.
func (s *Store) ClearFailures(ctx context.Context, key string) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		_, err := tx.ExecContext(ctx, "DELETE FROM throttle_failures WHERE key = $1", key)
		return nil, err
	})
	if err != nil {
		return fmt.Errorf("clear failures %s: %w", key, err)
	}
	return nil
}
