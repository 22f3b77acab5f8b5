package mail

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/queue"
)

// Defaults of an Outbox's Options; see package queue for the others.
const (
	DefaultBackoff     = time.Minute   // delay after the first failure, doubled after each next
	DefaultMaxBackoff  = 6 * time.Hour // the longest delay between attempts
	DefaultMaxAttempts = 12            // attempts before a message is given up
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
	Poll        time.Duration                        // queue.DefaultPoll when zero
	Lease       time.Duration                        // queue.DefaultLease when zero
	Batch       int                                  // queue.DefaultBatch when zero
	Backoff     time.Duration                        // DefaultBackoff when zero
	MaxBackoff  time.Duration                        // DefaultMaxBackoff when zero
	MaxAttempts int                                  // DefaultMaxAttempts when zero
	Logger      *slog.Logger                         // slog.Default() when nil
}

// Outbox sends the messages of the store's outbox as they fall due.
type Outbox struct {
	opts  Options
	drain *queue.Drainer[*herald.OutboxMessage]
}

// NewOutbox returns a sender; Run starts it.
func NewOutbox(opts Options) *Outbox {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	opts.Backoff = queue.Positive(opts.Backoff, DefaultBackoff)
	opts.MaxBackoff = queue.Positive(opts.MaxBackoff, DefaultMaxBackoff)
	opts.MaxAttempts = queue.Positive(opts.MaxAttempts, DefaultMaxAttempts)
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	o := &Outbox{opts: opts}
	o.drain = &queue.Drainer[*herald.OutboxMessage]{
		Claim: opts.Store.ClaimMessages, Deliver: o.deliver, Next: opts.Store.NextMessageTime,
		Source: opts.Store, Wake: herald.ChangeOutbox, Now: opts.Now, After: opts.After,
		Poll: opts.Poll, Lease: opts.Lease, Batch: opts.Batch, Logger: opts.Logger, What: "outbox messages",
	}
	return o
}

// Run sends due messages, first those left from before a restart, then
// each as it is enqueued or falls due again, until ctx is done.
func (o *Outbox) Run(ctx context.Context) {
	o.drain.Run(ctx)
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
			o.drain.LogStoreError(ctx, "marking an outbox message sent", err, "message", m.ID)
		}
		o.opts.Logger.InfoContext(ctx, "sent email", "message", m.ID, "attempt", m.Attempts)
		return
	}
	next := o.retryAt(m.Attempts, err, o.opts.Now())
	o.opts.Logger.WarnContext(ctx, "sending email failed", "message", m.ID, "attempt", m.Attempts,
		"err", err, "given_up", next.IsZero())
	if err := o.opts.Store.MarkMessageFailed(ctx, m.ID, err.Error(), next); err != nil {
		o.drain.LogStoreError(ctx, "marking an outbox message failed", err, "message", m.ID)
	}
}

// retryAt returns when to try again after the given failed attempt, zero
// to give up: 1, 2, 4, … times the backoff, at most MaxBackoff apart.
func (o *Outbox) retryAt(attempts int, err error, now time.Time) time.Time {
	if IsPermanent(err) || attempts >= o.opts.MaxAttempts {
		return time.Time{}
	}
	return now.Add(queue.Backoff(attempts, o.opts.Backoff, o.opts.MaxBackoff))
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
