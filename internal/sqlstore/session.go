package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/herald-news/herald"
)

const sessionColumns = "sessions.id, sessions.user_id, sessions.created_at, sessions.last_seen_at, " +
	"sessions.expires_at, sessions.ip, sessions.user_agent"

func scanSession(row scanner) (*herald.Session, error) {
	var s herald.Session
	err := row.Scan(&s.ID, &s.UserID, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt, &s.IP, &s.UserAgent)
	if err != nil {
		return nil, err
	}
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = s.CreatedAt.UTC(), s.LastSeenAt.UTC(), s.ExpiresAt.UTC()
	return &s, nil
}

// CreateSession stores a new session. CreatedAt defaults to now and
// LastSeenAt to CreatedAt; an ID already taken is ECONFLICT.
func (s *Store) CreateSession(ctx context.Context, sess *herald.Session) error {
	if err := validSession(sess); err != nil {
		return err
	}
	if sess.CreatedAt.IsZero() {
		sess.CreatedAt = s.now()
	}
	if sess.LastSeenAt.IsZero() {
		sess.LastSeenAt = sess.CreatedAt
	}
	sess.CreatedAt, sess.LastSeenAt, sess.ExpiresAt = utc(sess.CreatedAt), utc(sess.LastSeenAt), utc(sess.ExpiresAt)
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		if err := exists(ctx, tx, ref{"users", "user", []int64{sess.UserID}}); err != nil {
			return nil, err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, ip,
			user_agent) VALUES ($1, $2, $3, $4, $5, $6, $7)`, sess.ID, sess.UserID, sess.CreatedAt, sess.LastSeenAt,
			sess.ExpiresAt, sess.IP, sess.UserAgent)
		return nil, s.conflict(err, "the session exists already")
	})
	if err != nil {
		return fmt.Errorf("create session of user %d: %w", sess.UserID, err)
	}
	return nil
}

func validSession(sess *herald.Session) error {
	fe := herald.FieldErrors{}
	if sess.ID == "" {
		fe.Add("id", "is required")
	}
	if sess.UserID == 0 {
		fe.Add("user", "is required")
	}
	if sess.ExpiresAt.IsZero() {
		fe.Add("expires_at", "is required")
	}
	return fe.Err()
}

// noSession leaves the id out: session ids are secrets of a kind.
func noSession() error { return herald.Errorf(herald.ENOTFOUND, "session not found") }

// FindSession returns the session with the id, expired or not.
func (s *Store) FindSession(ctx context.Context, id string) (*herald.Session, error) {
	var sess *herald.Session
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		sess, err = scanSession(tx.QueryRowContext(ctx, "SELECT "+sessionColumns+" FROM sessions WHERE id = $1", id))
		if errors.Is(err, sql.ErrNoRows) {
			return noSession()
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	return sess, nil
}

// FindSessions returns the user's sessions, most recently seen first.
func (s *Store) FindSessions(ctx context.Context, userID int64) ([]*herald.Session, error) {
	var out []*herald.Session
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		out, err = queryAll(ctx, tx, scanSession, "SELECT "+sessionColumns+
			" FROM sessions WHERE user_id = $1 ORDER BY last_seen_at DESC, created_at DESC, id", userID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find sessions of user %d: %w", userID, err)
	}
	return out, nil
}

// TouchSession sets the session's LastSeenAt.
func (s *Store) TouchSession(ctx context.Context, id string, seen time.Time) error {
	return s.deleteOrTouch(ctx, "touch session", "UPDATE sessions SET last_seen_at = $2 WHERE id = $1", id, utc(seen))
}

// DeleteSession removes the session: ENOTFOUND when there is none.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	return s.deleteOrTouch(ctx, "delete session", "DELETE FROM sessions WHERE id = $1", id)
}

// deleteOrTouch runs a statement on one session, which must exist.
func (s *Store) deleteOrTouch(ctx context.Context, op, query string, a ...any) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		res, err := tx.ExecContext(ctx, query, a...)
		if err != nil {
			return nil, err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return nil, cmp.Or(err, noSession())
		}
		return nil, nil
	})
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	return nil
}

// DeleteUserSessions removes every session of the user except the one
// with the id except ("" keeps none).
func (s *Store) DeleteUserSessions(ctx context.Context, userID int64, except string) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = $1 AND id <> $2", userID, except)
		return nil, err
	})
	if err != nil {
		return fmt.Errorf("delete sessions of user %d: %w", userID, err)
	}
	return nil
}

// DeleteExpiredSessions removes the sessions whose absolute expiry is not
// after now or that were last seen before idleSince, and returns how many.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now, idleSince time.Time) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		res, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at < $2",
			utc(now), utc(idleSince))
		if err != nil {
			return nil, err
		}
		n, err = res.RowsAffected()
		return nil, err
	})
	if err != nil {
		return 0, fmt.Errorf("delete expired sessions: %w", err)
	}
	return int(n), nil
}
