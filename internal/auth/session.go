package auth

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
)

// CookieName is the name of the session cookie.
const CookieName = "herald_session"

// cookiePath limits the session cookie to the newsroom, so the public
// site's pages are never sent it and stay cacheable.
const cookiePath = "/admin"

// touchEvery is how often a session's last use is written to the store.
const touchEvery = time.Minute

// errNoSession is the error for a request without a live session.
var errNoSession = &herald.Error{Code: herald.EUNAUTHORIZED, Message: "Please sign in."}

// SignIn starts a session for u, sets its cookie on w and records the
// sign-in in the audit log.
func (a *Auth) SignIn(w http.ResponseWriter, r *http.Request, u *herald.User) (*herald.Session, error) {
	token := base64.RawURLEncoding.EncodeToString(randomBytes(32))
	now := a.now().UTC()
	s := &herald.Session{ID: hashToken(token), UserID: u.ID, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(a.maxAge), IP: httpx.ClientIP(r), UserAgent: truncate(r.UserAgent(), 300)}
	if err := a.store.CreateSession(r.Context(), s); err != nil {
		return nil, fmt.Errorf("sign in user %d: %w", u.ID, err)
	}
	http.SetCookie(w, a.cookie(r, token, s.ExpiresAt))
	http.SetCookie(w, a.staffCookie(r, s.ExpiresAt.Sub(now)))
	http.SetCookie(w, a.staffSessionCookie(r, s.ID, s.ExpiresAt.Sub(now)))
	a.audit(r.Context(), u.ID, "sign_in", "user "+fmt.Sprint(u.ID), s.IP)
	return s, nil
}

// cookie returns the session cookie carrying value until expires.
func (a *Auth) cookie(r *http.Request, value string, expires time.Time) *http.Cookie {
	// Max-Age, not Expires: it holds even when the browser's clock is off.
	return &http.Cookie{Name: CookieName, Value: value, Path: cookiePath, MaxAge: int(expires.Sub(a.now()).Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.secure || r.TLS != nil}
}

// Session returns the live session of the request and its user, or an
// EUNAUTHORIZED error when there is none or it has expired. It records the
// use at most once a minute.
func (a *Auth) Session(r *http.Request) (*herald.Session, *herald.User, error) {
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" {
		return nil, nil, errNoSession
	}
	return a.liveSession(r.Context(), hashToken(c.Value))
}

// liveSession returns the session with the stored id and its user, or an
// EUNAUTHORIZED error when there is none or it has expired. It records the
// use at most once a minute.
func (a *Auth) liveSession(ctx context.Context, id string) (*herald.Session, *herald.User, error) {
	s, err := a.store.FindSession(ctx, id)
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		return nil, nil, errNoSession
	} else if err != nil {
		return nil, nil, fmt.Errorf("find session: %w", err)
	}
	now := a.now().UTC()
	if !now.Before(s.ExpiresAt) || now.Sub(s.LastSeenAt) >= a.idle {
		_ = a.store.DeleteSession(ctx, s.ID)
		return nil, nil, errNoSession
	}
	u, err := a.store.FindUser(ctx, s.UserID)
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		return nil, nil, errNoSession
	} else if err != nil {
		return nil, nil, fmt.Errorf("find user of session: %w", err)
	}
	if now.Sub(s.LastSeenAt) >= touchEvery {
		if err := a.store.TouchSession(ctx, s.ID, now); err != nil {
			return nil, nil, fmt.Errorf("touch session: %w", err)
		}
		s.LastSeenAt = now
	}
	return s, u, nil
}

// SignOut ends the request's session, if any, and clears its cookie.
func (a *Auth) SignOut(w http.ResponseWriter, r *http.Request) error {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: cookiePath, MaxAge: -1,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.secure || r.TLS != nil})
	http.SetCookie(w, a.staffCookie(r, -1))
	http.SetCookie(w, a.staffSessionCookie(r, "", -1))
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" {
		return nil
	}
	id := hashToken(c.Value)
	if s, err := a.store.FindSession(r.Context(), id); err == nil {
		a.audit(r.Context(), s.UserID, "sign_out", "user "+fmt.Sprint(s.UserID), httpx.ClientIP(r))
	}
	if err := a.store.DeleteSession(r.Context(), id); err != nil && herald.ErrorCode(err) != herald.ENOTFOUND {
		return fmt.Errorf("sign out: %w", err)
	}
	return nil
}

// SignOutEverywhere ends every session of the user but the one with the
// id except ("" ends them all).
func (a *Auth) SignOutEverywhere(ctx context.Context, userID int64, except string) error {
	if err := a.store.DeleteUserSessions(ctx, userID, except); err != nil {
		return fmt.Errorf("sign out user %d everywhere: %w", userID, err)
	}
	a.audit(ctx, userID, "sign_out_everywhere", "user "+fmt.Sprint(userID), "")
	return nil
}

// Sessions returns the user's live sessions, most recently used first.
func (a *Auth) Sessions(ctx context.Context, userID int64) ([]*herald.Session, error) {
	all, err := a.store.FindSessions(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("sessions of user %d: %w", userID, err)
	}
	now := a.now()
	live := all[:0]
	for _, s := range all {
		if now.Before(s.ExpiresAt) && now.Sub(s.LastSeenAt) < a.idle {
			live = append(live, s)
		}
	}
	return live, nil
}

// DeleteExpiredSessions removes the sessions that can no longer be used.
func (a *Auth) DeleteExpiredSessions(ctx context.Context) (int, error) {
	now := a.now().UTC()
	return a.store.DeleteExpiredSessions(ctx, now, now.Add(-a.idle))
}

// hashToken returns the stored id of a session token.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// truncate cuts s to at most n bytes.
func truncate(s string, n int) string {
	if len(s) > n {
		return strings.ToValidUTF8(s[:n], "")
	}
	return s
}

// isUnauthorized reports whether err means "no live session".
func isUnauthorized(err error) bool {
	var e *herald.Error
	return errors.As(err, &e) && e.Code == herald.EUNAUTHORIZED
}
