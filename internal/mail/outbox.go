package mail

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

// Defaults of an Outbox's Options.
const (
	DefaultPoll        = time.Minute      // look for messages enqueued by other processes
	DefaultLease       = 5 * time.Minute  // a claimed message is due again after this
	DefaultBatch       = 20               // messages claimed at once
	DefaultBackoff     = time.Minute      // delay after the first failure, doubled after each next
	DefaultMaxBackoff  = 6 * time.Hour    // the longest delay between attempts
	DefaultMaxAttempts = 12               // attempts before a message is given up
	retryAfterError    = 10 * time.Second // wait after the store failed
)

// Store is what the outbox sender needs from herald.Store.
type Store interface {
	ClaimMessages(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*herald.OutboxMessage, error)
	MarkMessageSent(ctx context.Context, id int64, at time.Time) error
	MarkMessageFailed(ctx context.Context, id int64, reason string, next time.Time) error
	NextMessageTime(ctx context.Context) (time.Time, error)
	herald.ChangeSource
}

// Transport delivers one built message; *SMTP is one.
type Transport interface {
	Send(ctx context.Context, to string, msg []byte) error
}

// Options configure an Outbox.
type Options struct {
	Store     Store
	Transport Transport
	From      string // the sender of every message, "Name <address>"

	Now         func() time.Time                     // time.Now when nil
	After       func(time.Duration) <-chan time.Time // time.After when nil; tests pass a fake
	Poll        time.Duration                        // DefaultPoll when zero
	Lease       time.Duration                        // DefaultLease when zero
	Batch       int                                  // DefaultBatch when zero
	Backoff     time.Duration                        // DefaultBackoff when zero
	MaxBackoff  time.Duration                        // DefaultMaxBackoff when zero
	MaxAttempts int                                  // DefaultMaxAttempts when zero
	Logger      *slog.Logger                         // slog.Default() when nil
}

// Outbox sends the messages of the store's outbox as they fall due.
type Outbox struct {
	opts Options
	wake chan struct{}
}

// NewOutbox returns a sender; Run starts it.
func NewOutbox(opts Options) *Outbox {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.After == nil {
		opts.After = time.After
	}
	opts.Poll = positive(opts.Poll, DefaultPoll)
	opts.Lease = positive(opts.Lease, DefaultLease)
	opts.Backoff = positive(opts.Backoff, DefaultBackoff)
	opts.MaxBackoff = positive(opts.MaxBackoff, DefaultMaxBackoff)
	opts.Batch = positive(opts.Batch, DefaultBatch)
	opts.MaxAttempts = positive(opts.MaxAttempts, DefaultMaxAttempts)
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	return &Outbox{opts: opts, wake: make(chan struct{}, 1)}
}

func positive[T int | time.Duration](v, def T) T {
	if v <= 0 {
		return def
	}
	return v
}

// Run sends due messages, first those left from before a restart, then
// each as it is enqueued or falls due again, until ctx is done.
func (o *Outbox) Run(ctx context.Context) {
	unsubscribe := o.opts.Store.Subscribe(func(c herald.Change) {
		if c.Kind == herald.ChangeOutbox {
			select {
			case o.wake <- struct{}{}:
			default:
			}
		}
	})
	defer unsubscribe()
	for {
		wait := o.step(ctx)
		if wait == 0 {
			if ctx.Err() != nil {
				return
			}
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-o.opts.After(wait):
		case <-o.wake:
		}
	}
}

// step sends one batch of due messages and returns how long to wait before
// the next: zero when the batch was full and more may be due.
func (o *Outbox) step(ctx context.Context) time.Duration {
	msgs, err := o.opts.Store.ClaimMessages(ctx, o.opts.Now(), o.opts.Lease, o.opts.Batch)
	if err != nil {
		o.logStoreError(ctx, "claiming outbox messages", err)
		return retryAfterError
	}
	for _, m := range msgs {
		if ctx.Err() != nil {
			return retryAfterError // unsent claims fall due again after the lease
		}
		o.deliver(ctx, m)
	}
	if len(msgs) == o.opts.Batch {
		return 0
	}
	next, err := o.opts.Store.NextMessageTime(ctx)
	if err != nil {
		o.logStoreError(ctx, "finding the next outbox message", err)
		return retryAfterError
	}
	if next.IsZero() {
		return o.opts.Poll
	}
	// A message due now still waits a moment; a zero wait means "batch full".
	return min(max(next.Sub(o.opts.Now()), time.Millisecond), o.opts.Poll)
}

// deliver sends one claimed message and records the outcome.
func (o *Outbox) deliver(ctx context.Context, m *herald.OutboxMessage) {
	now := o.opts.Now()
	msg, err := Build(o.message(m, now))
	if err == nil {
		err = o.opts.Transport.Send(ctx, m.To, msg)
	} else {
		err = Permanent(err)
	}
	if err == nil {
		if err := o.opts.Store.MarkMessageSent(ctx, m.ID, o.opts.Now()); err != nil {
			o.logStoreError(ctx, "marking an outbox message sent", err, "message", m.ID)
		}
		o.opts.Logger.InfoContext(ctx, "sent email", "message", m.ID, "attempt", m.Attempts)
		return
	}
	next := o.retryAt(m.Attempts, err, o.opts.Now())
	o.opts.Logger.WarnContext(ctx, "sending email failed", "message", m.ID, "attempt", m.Attempts,
		"err", err, "given_up", next.IsZero())
	if err := o.opts.Store.MarkMessageFailed(ctx, m.ID, err.Error(), next); err != nil {
		o.logStoreError(ctx, "marking an outbox message failed", err, "message", m.ID)
	}
}

// retryAt returns when to try again after the given failed attempt, zero
// to give up: 1, 2, 4, … times the backoff, at most MaxBackoff apart.
func (o *Outbox) retryAt(attempts int, err error, now time.Time) time.Time {
	if IsPermanent(err) || attempts >= o.opts.MaxAttempts {
		return time.Time{}
	}
	return now.Add(Backoff(attempts, o.opts.Backoff, o.opts.MaxBackoff))
}

// Backoff returns the delay after the n-th failed attempt (n from 1): base
// doubled n-1 times, at most limit.
func Backoff(n int, base, limit time.Duration) time.Duration {
	d := base
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

// message turns an outbox message into one to build. A List-Unsubscribe
// header becomes the one-click unsubscribe URL.
func (o *Outbox) message(m *herald.OutboxMessage, now time.Time) Message {
	headers := map[string]string{}
	var unsubscribe string
	for name, value := range m.Headers {
		if strings.EqualFold(name, "List-Unsubscribe") {
			unsubscribe = strings.TrimSuffix(strings.TrimPrefix(value, "<"), ">")
			continue
		}
		headers[name] = value
	}
	return Message{
		From: o.opts.From, To: m.To, Subject: m.Subject, Text: m.Text,
		Unsubscribe: unsubscribe, Headers: headers, Date: now,
		MessageID: outboxMessageID(m, o.opts.From),
	}
}

// outboxMessageID is the same for every attempt at one message, so a
// receiver can tell a retried delivery from a new message.
func outboxMessageID(m *herald.OutboxMessage, from string) string {
	domain := "localhost"
	if addr, err := parseAddress(from); err == nil {
		if i := strings.LastIndexByte(addr, '@'); i >= 0 {
			domain = addr[i+1:]
		}
	}
	return fmt.Sprintf("<outbox.%d.%d@%s>", m.ID, m.CreatedAt.UnixNano(), domain)
}

func (o *Outbox) logStoreError(ctx context.Context, what string, err error, args ...any) {
	if ctx.Err() == nil {
		o.opts.Logger.ErrorContext(ctx, what, append([]any{"err", err}, args...)...)
	}
}
