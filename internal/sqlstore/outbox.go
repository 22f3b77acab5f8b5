package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"github.com/herald-news/herald"
)

const outboxColumns = "id, recipient, subject, body, headers, attempts, next_attempt_at, sent_at, last_error, " +
	"created_at"

func scanOutboxMessage(row scanner) (*herald.OutboxMessage, error) {
	var m herald.OutboxMessage
	var headers string
	var next, sent sql.NullTime
	err := row.Scan(&m.ID, &m.To, &m.Subject, &m.Text, &headers, &m.Attempts, &next, &sent, &m.LastError,
		&m.CreatedAt)
	if err != nil {
		return nil, err
	}
	m.NextAttemptAt, m.SentAt, m.CreatedAt = timeOf(next), timeOf(sent), m.CreatedAt.UTC()
	if err := json.Unmarshal([]byte(headers), &m.Headers); err != nil {
		return nil, fmt.Errorf("outbox message %d headers: %w", m.ID, err)
	}
	return &m, nil
}

// EnqueueMessages implements herald.OutboxStore.
func (s *Store) EnqueueMessages(ctx context.Context, msgs ...*herald.OutboxMessage) error {
	if len(msgs) == 0 {
		return nil
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		return enqueue(ctx, tx, utc(s.now()), msgs)
	})
	if err != nil {
		return fmt.Errorf("enqueue %d messages: %w", len(msgs), err)
	}
	return nil
}

// enqueue inserts msgs in the transaction, setting their ID, CreatedAt and,
// when zero, NextAttemptAt to now. A message announcing a reply that was
// announced before is left out, with ID 0.
func enqueue(ctx context.Context, tx querier, now time.Time, msgs []*herald.OutboxMessage) ([]herald.Change, error) {
	queued := false
	for _, m := range msgs {
		if m.To == "" {
			return nil, herald.Errorf(herald.EINVALID, "an outbox message needs a recipient")
		}
		if m.Announces != 0 {
			res, err := tx.ExecContext(ctx, "UPDATE comments SET announced = TRUE WHERE id = $1 AND NOT announced", m.Announces)
			if err != nil {
				return nil, err
			}
			n, err := res.RowsAffected()
			if err != nil {
				return nil, err
			}
			if n == 0 {
				continue // announced before: m keeps ID 0
			}
		}
		headers, err := json.Marshal(m.Headers)
		if err != nil {
			return nil, err
		}
		if m.Headers == nil {
			headers = []byte("{}")
		}
		m.CreatedAt = now
		if m.NextAttemptAt.IsZero() {
			m.NextAttemptAt = now
		}
		m.NextAttemptAt = utc(m.NextAttemptAt)
		err = tx.QueryRowContext(ctx, `INSERT INTO outbox (recipient, subject, body, headers, attempts,
			next_attempt_at, last_error, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			m.To, m.Subject, m.Text, string(headers), m.Attempts, m.NextAttemptAt, m.LastError, now).Scan(&m.ID)
		if err != nil {
			return nil, err
		}
		queued = true
	}
	if !queued {
		return nil, nil
	}
	return []herald.Change{{Kind: herald.ChangeOutbox}}, nil
}

// ClaimMessages implements herald.OutboxStore; see claimDue.
func (s *Store) ClaimMessages(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*herald.OutboxMessage, error) {
	now = utc(now)
	_, limit = page(0, limit)
	var msgs []*herald.OutboxMessage
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		ids, err := s.claimDue(ctx, tx, "outbox", "", now, now.Add(lease), limit)
		if err != nil || len(ids) == 0 {
			return nil, err
		}
		var a args
		msgs, err = queryAll(ctx, tx, scanOutboxMessage, "SELECT "+outboxColumns+" FROM outbox WHERE id IN ("+
			list(&a, ids)+")", a...)
		msgs = inClaimOrder(ids, msgs, func(m *herald.OutboxMessage) int64 { return m.ID })
		return nil, err
	})
	if err != nil {
		return nil, fmt.Errorf("claim messages due %s: %w", now.Format(time.RFC3339), err)
	}
	return msgs, nil
}

// MarkMessageSent implements herald.OutboxStore.
func (s *Store) MarkMessageSent(ctx context.Context, id int64, at time.Time) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		res, err := tx.ExecContext(ctx, `UPDATE outbox SET sent_at = $1, next_attempt_at = NULL, last_error = ''
			WHERE id = $2`, utc(at), id)
		if err != nil {
			return nil, err
		}
		return nil, affected(res, "outbox message", id)
	})
	if err != nil {
		return fmt.Errorf("mark message %d sent: %w", id, err)
	}
	return nil
}

// MarkMessageFailed implements herald.OutboxStore. The reason keeps its
// valid UTF-8 only (see failureText).
func (s *Store) MarkMessageFailed(ctx context.Context, id int64, reason string, next time.Time) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		res, err := tx.ExecContext(ctx, "UPDATE outbox SET last_error = $1, next_attempt_at = $2 WHERE id = $3",
			failureText(reason), nullTime(next), id)
		if err != nil {
			return nil, err
		}
		return nil, affected(res, "outbox message", id)
	})
	if err != nil {
		return fmt.Errorf("mark message %d failed: %w", id, err)
	}
	return nil
}

// NextMessageTime implements herald.OutboxStore.
func (s *Store) NextMessageTime(ctx context.Context) (time.Time, error) {
	next, err := s.nextDue(ctx, "outbox", "")
	if err != nil {
		return time.Time{}, fmt.Errorf("next message time: %w", err)
	}
	return next, nil
}
