package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

// Throttle limits: after MaxFailures failures of one key within
// FailureWindow, that key is refused until the oldest failure ages out.
const (
	MaxFailures   = 5
	FailureWindow = 15 * time.Minute
)

// ThrottledError refuses an attempt made too often. It unwraps to an
// ETOOMANY *herald.Error whose message says when to try again.
type ThrottledError struct {
	RetryAfter time.Duration // how long until the next attempt is allowed
	what       string
}

// Error implements the error interface.
func (e *ThrottledError) Error() string { return e.Unwrap().Error() }

// Unwrap returns the ETOOMANY error the throttle stands for.
func (e *ThrottledError) Unwrap() error {
	return &herald.Error{Code: herald.ETOOMANY,
		Message: fmt.Sprintf("Too many %s. Try again in %s.", e.what, humanDuration(e.RetryAfter))}
}

// RetryAfter returns how long a throttled attempt must wait, and whether
// err is a ThrottledError at all.
func RetryAfter(err error) (time.Duration, bool) {
	var t *ThrottledError
	if errors.As(err, &t) {
		return t.RetryAfter, true
	}
	return 0, false
}

// humanDuration says d in whole minutes, rounded up, or seconds under one.
func humanDuration(d time.Duration) string {
	if d < time.Minute {
		s := max(int((d+time.Second-1)/time.Second), 1)
		return plural(s, "second")
	}
	return plural(int((d+time.Minute-1)/time.Minute), "minute")
}

// plural returns "1 minute" or "12 minutes".
func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}

// checkThrottle returns a ThrottledError when any of the keys has reached
// MaxFailures within the window; what names the attempts in the message.
func (a *Auth) checkThrottle(ctx context.Context, what string, keys ...string) error {
	now := a.now().UTC()
	var wait time.Duration
	for _, k := range keys {
		n, oldest, err := a.store.CountFailures(ctx, k, now.Add(-FailureWindow))
		if err != nil {
			return fmt.Errorf("throttle %s: %w", k, err)
		}
		if n >= MaxFailures {
			wait = max(wait, oldest.Add(FailureWindow).Sub(now))
		}
	}
	if wait > 0 {
		return &ThrottledError{RetryAfter: wait, what: what}
	}
	return nil
}

// recordFailure counts a failed attempt against every key.
func (a *Auth) recordFailure(ctx context.Context, keys ...string) error {
	now := a.now().UTC()
	for _, k := range keys {
		if err := a.store.RecordFailure(ctx, k, now); err != nil {
			return fmt.Errorf("record failure %s: %w", k, err)
		}
	}
	return nil
}

// Throttle keys.
func emailKey(email string) string { return "login:email:" + strings.ToLower(email) }
func ipKey(ip string) string       { return "login:ip:" + ip }
func twoFactorKey(id int64) string { return fmt.Sprintf("login:2fa:%d", id) }
func resetKey(ip string) string    { return "reset:ip:" + ip }
