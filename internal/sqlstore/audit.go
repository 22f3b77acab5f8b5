package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/herald-news/herald"
)

const auditColumns = "audit_events.id, audit_events.at, audit_events.user_id, audit_events.action, " +
	"audit_events.subject, audit_events.detail, audit_events.ip"

func scanAuditEvent(row scanner) (*herald.AuditEvent, error) {
	var e herald.AuditEvent
	if err := row.Scan(&e.ID, &e.Time, &e.UserID, &e.Action, &e.Subject, &e.Detail, &e.IP); err != nil {
		return nil, err
	}
	e.Time = e.Time.UTC()
	return &e, nil
}

// CreateAuditEvent appends the event to the log and sets its ID, and its
// Time to now when zero.
func (s *Store) CreateAuditEvent(ctx context.Context, e *herald.AuditEvent) error {
	if strings.TrimSpace(e.Action) == "" {
		return herald.Errorf(herald.EINVALID, "an audit event needs an action")
	}
	if e.Time.IsZero() {
		e.Time = s.now()
	}
	e.Time = utc(e.Time)
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		return nil, tx.QueryRowContext(ctx, `INSERT INTO audit_events (at, user_id, action, subject, detail, ip)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, e.Time, e.UserID, e.Action, e.Subject, e.Detail, e.IP).Scan(&e.ID)
	})
	if err != nil {
		return fmt.Errorf("create audit event %s: %w", e.Action, err)
	}
	return nil
}

// FindAuditEvents returns a page of matching events, newest first, and the
// count of all matches.
func (s *Store) FindAuditEvents(ctx context.Context, f herald.AuditFilter) ([]*herald.AuditEvent, int, error) {
	offset, limit := page(f.Offset, f.Limit)
	var a args
	where := []string{"1 = 1"}
	if f.UserID != 0 {
		where = append(where, "user_id = "+a.add(f.UserID))
	}
	if f.Action != "" {
		where = append(where, "action = "+a.add(f.Action))
	}
	cond := strings.Join(where, " AND ")
	var events []*herald.AuditEvent
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM audit_events WHERE "+cond, a...).Scan(&total); err != nil {
			return err
		}
		var err error
		events, err = queryAll(ctx, tx, scanAuditEvent, "SELECT "+auditColumns+" FROM audit_events WHERE "+cond+
			" ORDER BY at DESC, id DESC LIMIT "+a.add(limit)+" OFFSET "+a.add(offset), a...)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find audit events: %w", err)
	}
	return events, total, nil
}
