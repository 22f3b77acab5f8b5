// Package auth signs newsroom members in and keeps them safe: argon2id
// password hashes and a password policy, database-backed sessions in an
// HttpOnly cookie, CSRF tokens, sign-in throttling, TOTP two-factor codes
// with recovery codes, and signed expiring links for setup and reset.
package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"log/slog"
	"time"

	"github.com/herald-news/herald"
)

// Store is the part of herald.Store that auth uses.
type Store interface {
	herald.UserStore
	herald.SessionStore
	herald.ThrottleStore
	herald.SecretStore
	herald.AuditStore
}

// Default lifetimes of a session.
const (
	DefaultIdleTimeout = 12 * time.Hour
	DefaultMaxAge      = 7 * 24 * time.Hour
)

// Options configure an Auth.
type Options struct {
	Store  Store
	Now    func() time.Time // time.Now when nil
	Logger *slog.Logger     // slog.Default when nil
	// Secure marks cookies Secure even on plain-HTTP requests, for a
	// server behind a TLS-terminating proxy.
	Secure bool
	// IdleTimeout ends a session unused for this long (DefaultIdleTimeout).
	IdleTimeout time.Duration
	// MaxAge ends a session this long after sign-in (DefaultMaxAge).
	MaxAge time.Duration
}

// Auth signs people in and out and checks their requests.
type Auth struct {
	store     Store
	now       func() time.Time
	logger    *slog.Logger
	secure    bool
	idle      time.Duration
	maxAge    time.Duration
	csrfKey   []byte
	tokenKey  []byte
	dummyHash string // verified against when no user matches, to hide which emails exist
}

// New returns an Auth using the server secret kept in the store, made on
// first use.
func New(ctx context.Context, opts Options) (*Auth, error) {
	a := &Auth{store: opts.Store, now: opts.Now, logger: opts.Logger, secure: opts.Secure,
		idle: opts.IdleTimeout, maxAge: opts.MaxAge}
	if a.now == nil {
		a.now = time.Now
	}
	if a.logger == nil {
		a.logger = slog.Default()
	}
	if a.idle <= 0 {
		a.idle = DefaultIdleTimeout
	}
	if a.maxAge <= 0 {
		a.maxAge = DefaultMaxAge
	}
	secret, err := opts.Store.Secret(ctx, "auth", func() []byte { return randomBytes(32) })
	if err != nil {
		return nil, fmt.Errorf("auth secret: %w", err)
	}
	a.csrfKey = derive(secret, "csrf")
	a.tokenKey = derive(secret, "token")
	a.dummyHash = unguessableHash()
	return a, nil
}

// derive returns a key for one use of the server secret.
func derive(secret []byte, use string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(use))
	return m.Sum(nil)
}

// randomBytes returns n bytes from the system's secure random source.
func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails
	return b
}

// audit records an event; a failure to record is logged, not returned, so
// that the log never stops someone from signing in or out.
func (a *Auth) audit(ctx context.Context, userID int64, action, subject, ip string) {
	e := &herald.AuditEvent{Time: a.now(), UserID: userID, Action: action, Subject: subject, IP: ip}
	if err := a.store.CreateAuditEvent(ctx, e); err != nil {
		a.logger.ErrorContext(ctx, "audit event not recorded", "action", action, "err", err)
	}
}
