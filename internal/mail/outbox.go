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

// DefaultTiming is when the outbox retries a message whose Options.Timing
// leaves it unsaid: a minute after the first failure, doubling up to six
// hours apart, 12 attempts in all (about two days). See package queue for
// the other defaults.
var DefaultTiming = queue.Timing{Backoff: time.Minute, MaxBackoff: 6 * time.Hour, MaxAttempts: 12}

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
	From      string       // the sender of every message, "Name <address>"
	Logger    *slog.Logger // slog.Default() when nil
	// Timing is the sender's clock and schedule; DefaultTiming for what
	// it leaves zero.
	Timing queue.Timing
}

// Outbox sends the messages of the store's outbox as they fall due.
type Outbox struct {
	opts  Options
	drain *queue.Drainer[*herald.OutboxMessage]
}

// NewOutbox returns a sender; Run starts it.
func NewOutbox(opts Options) *Outbox {
	opts.Timing = opts.Timing.WithDefaults(DefaultTiming)
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	o := &Outbox{opts: opts}
	o.drain = &queue.Drainer[*herald.OutboxMessage]{
		Claim: opts.Store.ClaimMessages, Deliver: o.deliver, Next: opts.Store.NextMessageTime,
		Source: opts.Store, Wake: herald.ChangeOutbox, Timing: opts.Timing, Logger: opts.Logger, What: "outbox messages",
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
	now := o.opts.Timing.Now()
	msg, err := Build(o.message(m, now))
	if err == nil {
		err = o.opts.Transport.Send(ctx, m.To, msg)
	} else {
		err = Permanent(err)
	}
	if err == nil {
		if err := o.opts.Store.MarkMessageSent(ctx, m.ID, o.opts.Timing.Now()); err != nil {
			o.drain.LogStoreError(ctx, "marking an outbox message sent", err, "message", m.ID)
		}
		o.opts.Logger.InfoContext(ctx, "sent email", "message", m.ID, "attempt", m.Attempts)
		return
	}
	next := o.retryAt(m.Attempts, err)
	o.opts.Logger.WarnContext(ctx, "sending email failed", "message", m.ID, "attempt", m.Attempts,
		"err", err, "given_up", next.IsZero())
	if err := o.opts.Store.MarkMessageFailed(ctx, m.ID, err.Error(), next); err != nil {
		o.drain.LogStoreError(ctx, "marking an outbox message failed", err, "message", m.ID)
	}
}

// retryAt returns when to try again after the given failed attempt, zero
// to give up: never after a permanent error.
func (o *Outbox) retryAt(attempts int, err error) time.Time {
	if IsPermanent(err) {
		return time.Time{}
	}
	return o.opts.Timing.RetryAt(attempts)
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
