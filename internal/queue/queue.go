// Package queue drains a durable outbox table — the email outbox, webhook
// deliveries — from any number of processes: it claims due items for a
// lease, delivers them, sleeps until the next falls due, and wakes early
// when the store reports new items.
package queue

import (
	"cmp"
	"context"
	"log/slog"
	"time"

	"github.com/herald-news/herald"
)

// Defaults of a Drainer's fields.
const (
	DefaultPoll     = time.Minute      // look for items enqueued by other processes
	DefaultLease    = 5 * time.Minute  // a claimed item is due again after this
	DefaultBatch    = 20               // items claimed at once
	retryAfterError = 10 * time.Second // wait after the store failed
)

// Timing says when a drainer works and when it tries an item again. Zero
// fields take defaults: WithDefaults.
type Timing struct {
	Now         func() time.Time                     // time.Now when nil
	After       func(time.Duration) <-chan time.Time // time.After when nil; tests pass a fake
	Poll        time.Duration                        // DefaultPoll when zero
	Lease       time.Duration                        // DefaultLease when zero
	Batch       int                                  // DefaultBatch when zero
	Backoff     time.Duration                        // the delay after the first failure, doubled after each next
	MaxBackoff  time.Duration                        // the longest delay between attempts
	MaxAttempts int                                  // attempts before an item is given up
}

// WithDefaults returns t with its zero durations and counts taken from
// def, those still zero from the package's defaults, and time.Now and
// time.After for a nil Now and After.
func (t Timing) WithDefaults(def Timing) Timing {
	if t.Now == nil {
		t.Now = time.Now
	}
	if t.After == nil {
		t.After = time.After
	}
	t.Poll = cmp.Or(t.Poll, def.Poll, DefaultPoll)
	t.Lease = cmp.Or(t.Lease, def.Lease, DefaultLease)
	t.Batch = cmp.Or(t.Batch, def.Batch, DefaultBatch)
	t.Backoff = cmp.Or(t.Backoff, def.Backoff)
	t.MaxBackoff = cmp.Or(t.MaxBackoff, def.MaxBackoff)
	t.MaxAttempts = cmp.Or(t.MaxAttempts, def.MaxAttempts)
	return t
}

// RetryAt returns when to try an item again after its attempts-th failed
// attempt, or zero to give it up: 1, 2, 4, … times Backoff after now, at
// most MaxBackoff apart, until MaxAttempts.
func (t Timing) RetryAt(attempts int) time.Time {
	if attempts >= t.MaxAttempts {
		return time.Time{}
	}
	return t.Now().Add(backoff(attempts, t.Backoff, t.MaxBackoff))
}

// Drainer delivers the items of one outbox table as they fall due. Its
// Timing must have its defaults (WithDefaults).
type Drainer[T any] struct {
	// Claim claims at most limit items due at now, each until now+lease.
	Claim func(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]T, error)
	// Deliver delivers one claimed item and records the outcome in the store.
	Deliver func(ctx context.Context, item T)
	// Next returns when the earliest undelivered item is due, zero for none.
	Next func(ctx context.Context) (time.Time, error)
	// Changes of kind Wake from Source wake the drainer.
	Source herald.ChangeSource
	Wake   herald.ChangeKind
	Timing
	Logger *slog.Logger // not nil
	What   string       // what the items are, for logs: "outbox messages"
}

// Run delivers due items, first those left from before a restart, then
// each as it is enqueued or falls due again, until ctx is done.
func (d *Drainer[T]) Run(ctx context.Context) {
	wake := make(chan struct{}, 1)
	unsubscribe := d.Source.Subscribe(func(c herald.Change) {
		if c.Kind == d.Wake {
			select {
			case wake <- struct{}{}:
			default:
			}
		}
	})
	defer unsubscribe()
	for {
		wait := d.Step(ctx)
		if wait == 0 {
			if ctx.Err() != nil {
				return
			}
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-d.After(wait):
		case <-wake:
		}
	}
}

// Step delivers one batch of due items and returns how long to wait before
// the next: zero when the batch was full and more may be due.
func (d *Drainer[T]) Step(ctx context.Context) time.Duration {
	items, err := d.Claim(ctx, d.Now(), d.Lease, d.Batch)
	if err != nil {
		d.LogStoreError(ctx, "claiming "+d.What, err)
		return retryAfterError
	}
	for _, item := range items {
		if ctx.Err() != nil {
			return retryAfterError // undelivered claims fall due again after the lease
		}
		d.Deliver(ctx, item)
	}
	if len(items) == d.Batch {
		return 0
	}
	next, err := d.Next(ctx)
	if err != nil {
		d.LogStoreError(ctx, "finding the next of the "+d.What, err)
		return retryAfterError
	}
	if next.IsZero() {
		return d.Poll
	}
	// An item due now still waits a moment; a zero wait means "batch full".
	return min(max(next.Sub(d.Now()), time.Millisecond), d.Poll)
}

// LogStoreError logs a failure of the store, unless ctx was cancelled.
func (d *Drainer[T]) LogStoreError(ctx context.Context, what string, err error, args ...any) {
	if ctx.Err() == nil {
		d.Logger.ErrorContext(ctx, what, append([]any{"err", err}, args...)...)
	}
}

// backoff returns the delay after the n-th failed attempt (n from 1): base
// doubled n-1 times, at most limit.
func backoff(n int, base, limit time.Duration) time.Duration {
	d := base
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}
