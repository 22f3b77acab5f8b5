package herald

import (
	"context"
	"time"
)

// ChangeOutbox reports that messages were put in the outbox, so that a
// sender waiting for the next due message can look again. Its ID is 0.
const ChangeOutbox ChangeKind = "outbox"

// OutboxMessage is an email waiting to be sent, or sent. The store keeps it
// until it is delivered, so a sender that stops resumes where it was.
type OutboxMessage struct {
	ID int64
	// To is the recipient's address, such as name@example.com.
	To      string
	Subject string
	// Text is the plain-text body.
	Text string
	// Headers are further headers such as List-Unsubscribe, by name.
	Headers map[string]string
	// Announces is the reply whose approval the message announces, if
	// any. The store queues one such message per reply, the first time
	// only: a reply approved again, or by two moderators at once, is
	// announced once. A reply stored approved counts as announced.
	Announces int64
	// Attempts counts the times a sender claimed the message.
	Attempts int
	// NextAttemptAt is when the message is next due; zero once it is sent
	// or given up.
	NextAttemptAt time.Time
	// SentAt is when it was delivered; zero until then.
	SentAt time.Time
	// LastError says why the last attempt failed; empty when none did.
	LastError string
	CreatedAt time.Time
}

// OutboxStore keeps the outgoing email. A message is claimed before it is
// sent: a claim makes it due again only after a lease, so several senders
// never send one message at once, and a sender that dies mid-send leaves
// the message to be retried once the lease runs out.
type OutboxStore interface {
	// EnqueueMessages stores new messages, setting their ID and CreatedAt,
	// and NextAttemptAt to now when it is zero.
	EnqueueMessages(ctx context.Context, msgs ...*OutboxMessage) error
	// ClaimMessages returns at most limit unsent messages due at now,
	// oldest due first, having counted an attempt for each and moved its
	// NextAttemptAt to now+lease. Safe to run from several processes.
	ClaimMessages(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*OutboxMessage, error)
	// MarkMessageSent records that the message was delivered at the time.
	MarkMessageSent(ctx context.Context, id int64, at time.Time) error
	// MarkMessageFailed records why an attempt failed and when to try
	// again; a zero next gives the message up.
	MarkMessageFailed(ctx context.Context, id int64, reason string, next time.Time) error
	// NextMessageTime returns the earliest time an unsent message is due,
	// zero when none is.
	NextMessageTime(ctx context.Context) (time.Time, error)
}
