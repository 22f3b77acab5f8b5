package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"
)

// claimDue claims at most limit rows of an outbox table (outbox,
// webhook_deliveries) due at now that meet the condition held (none when
// ""), oldest due first: it counts an attempt on
// each and makes it due again at until, the end of the claim's lease, and
// returns their ids in due order. On PostgreSQL the rows are locked with
// FOR UPDATE SKIP LOCKED, and on SQLite the write transaction holds the
// database, so two claimers never take one row.
func (s *Store) claimDue(ctx context.Context, tx *sql.Tx, table, held string, now, until time.Time, limit int) ([]int64, error) {
	ids, err := queryAll(ctx, tx, scanID, "SELECT id FROM "+table+" WHERE next_attempt_at <= $1"+and(held)+`
		ORDER BY next_attempt_at, id LIMIT $2`+s.dialect.skipLocked, utc(now), limit)
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	var a args
	set := "UPDATE " + table + " SET attempts = attempts + 1, next_attempt_at = " + a.add(utc(until))
	_, err = tx.ExecContext(ctx, set+" WHERE id IN ("+list(&a, ids)+")", a...)
	return ids, err
}

// inClaimOrder sorts rows read back by id into the order of ids.
func inClaimOrder[T any](ids []int64, rows []T, id func(T) int64) []T {
	pos := make(map[int64]int, len(ids))
	for i, id := range ids {
		pos[id] = i
	}
	slices.SortFunc(rows, func(a, b T) int { return pos[id(a)] - pos[id(b)] })
	return rows
}

// nextDue returns the earliest time a row of an outbox table that meets
// the condition held (none when "") is due, zero when none is.
func (s *Store) nextDue(ctx context.Context, table, held string) (time.Time, error) {
	var next time.Time
	err := s.read(ctx, func(tx *sql.Tx) error {
		// Not MIN(next_attempt_at): SQLite returns an aggregate of a time
		// column as text.
		err := tx.QueryRowContext(ctx, "SELECT next_attempt_at FROM "+table+" WHERE next_attempt_at IS NOT NULL"+and(held)+`
			ORDER BY next_attempt_at LIMIT 1`).Scan(&next)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return zeroOrUTC(next), err
}

// and returns " AND cond", or "" for no condition.
func and(cond string) string {
	if cond == "" {
		return ""
	}
	return " AND " + cond
}

// failureText is a failed delivery's reason as stored: the words of a mail
// server or a webhook endpoint may hold bytes that are not UTF-8, or be
// cut inside a character, and PostgreSQL refuses text that is not valid
// UTF-8, which would leave the delivery marked neither way and retried
// for ever. Those bytes are dropped.
func failureText(reason string) string {
	return strings.ToValidUTF8(reason, "")
}
