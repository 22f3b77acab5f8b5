package spam

import (
	"context"
	"fmt"
	"time"
)

// Counter counts events per key in the database, so that limits hold
// across processes. herald.ThrottleStore satisfies it; it may forget
// events older than a day, so a Limiter's Window must not exceed that.
type Counter interface {
	RecordFailure(ctx context.Context, key string, at time.Time) error
	// CountFailures returns the events for key at or after since, and
	// the time of the oldest of them.
	CountFailures(ctx context.Context, key string, since time.Time) (n int, oldest time.Time, err error)
}

// Limiter allows at most Max events per key in any Window, such as five
// comments per IP address in ten minutes.
type Limiter struct {
	Counter Counter
	Max     int
	Window  time.Duration
	Now     func() time.Time // time.Now when nil
}

// Allow records an event for key and returns zero when the limit allows
// it. Otherwise it records nothing and returns how long to wait before
// the oldest event in the window leaves it: the Retry-After of a 429.
func (l Limiter) Allow(ctx context.Context, key string) (retryAfter time.Duration, err error) {
	now := time.Now()
	if l.Now != nil {
		now = l.Now()
	}
	n, oldest, err := l.Counter.CountFailures(ctx, key, now.Add(-l.Window))
	if err != nil {
		return 0, fmt.Errorf("rate limit %q: %w", key, err)
	}
	if n >= l.Max {
		return max(oldest.Add(l.Window).Sub(now), time.Second), nil
	}
	if err := l.Counter.RecordFailure(ctx, key, now); err != nil {
		return 0, fmt.Errorf("rate limit %q: %w", key, err)
	}
	return 0, nil
}
