package herald

import (
	"context"
	"net/url"
	"slices"
	"strings"
	"time"
)

// ChangeWebhook reports that webhook deliveries were enqueued or a webhook
// was added or changed, so that a sender waiting for the next due delivery
// can look again. Its ID is 0.
const ChangeWebhook ChangeKind = "webhook"

// WebhookEvent names what happened to an article.
type WebhookEvent string

// The events a webhook can subscribe to.
const (
	EventArticlePublished   WebhookEvent = "article.published"   // became public
	EventArticleUpdated     WebhookEvent = "article.updated"     // changed while public, or its section, tags, story, authors or image did
	EventArticleUnpublished WebhookEvent = "article.unpublished" // public no longer
	EventArticleDeleted     WebhookEvent = "article.deleted"     // a published or withdrawn article was deleted
)

// WebhookEvents lists every event, in the order the newsroom shows them.
var WebhookEvents = []WebhookEvent{
	EventArticlePublished, EventArticleUpdated, EventArticleUnpublished, EventArticleDeleted,
}

// Limits on webhook fields.
const (
	MaxWebhookURLLen = 2000
	MinWebhookSecret = 32 // characters of the signing secret
)

// Webhook is an endpoint of another system told about article events by a
// signed HTTP POST.
type Webhook struct {
	ID     int64
	URL    string // http or https
	Events []WebhookEvent
	// Secret signs every delivery (HMAC-SHA256 of the body); the receiver
	// keeps a copy to check the signature.
	Secret string
	// Active webhooks get deliveries; an inactive one keeps its settings.
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks the webhook's fields and puts its events in the order of
// WebhookEvents, without repeats.
func (w *Webhook) Validate() error {
	fe := FieldErrors{}
	w.URL = strings.TrimSpace(w.URL)
	if msg := checkWebhookURL(w.URL); msg != "" {
		fe.Add("url", msg)
	}
	var events []WebhookEvent
	for _, e := range WebhookEvents {
		if slices.Contains(w.Events, e) {
			events = append(events, e)
		}
	}
	switch {
	case len(w.Events) == 0:
		fe.Add("events", "choose at least one event")
	case len(events) != len(slices.Compact(slices.Sorted(slices.Values(w.Events)))):
		fe.Add("events", "must be among article.published, article.updated, article.unpublished, article.deleted")
	}
	w.Events = events
	if len(w.Secret) < MinWebhookSecret {
		fe.Add("secret", "must be at least 32 characters")
	}
	return fe.Err()
}

// checkWebhookURL returns what is wrong with an endpoint address, or "".
func checkWebhookURL(s string) string {
	if s == "" {
		return "is required"
	}
	if len(s) > MaxWebhookURLLen {
		return "is longer than 2000 characters"
	}
	u, err := url.Parse(s)
	switch {
	case err != nil || !u.IsAbs() || u.Opaque != "":
		return "must be an address such as https://example.com/hooks/herald"
	case u.Scheme != "http" && u.Scheme != "https":
		return "must start with http:// or https://"
	case u.Hostname() == "":
		return "must name a host"
	case u.User != nil:
		return "must not carry a user name or password; put credentials in the secret"
	case u.Fragment != "":
		return "must not have a #fragment"
	}
	return ""
}

// WebhookDelivery is one event on its way to one webhook. The store keeps
// it until it is delivered or given up, so a sender that stops resumes
// where it was.
type WebhookDelivery struct {
	ID        int64
	WebhookID int64
	Event     WebhookEvent
	ArticleID int64
	// ArticleSlug and ArticlePublishedAt are the article's as of the event,
	// so that the address of a deleted article can still be sent.
	ArticleSlug        string
	ArticlePublishedAt time.Time
	OccurredAt         time.Time
	// Attempts counts the times a sender claimed the delivery.
	Attempts int
	// NextAttemptAt is when the delivery is next due; zero once it is
	// delivered or given up.
	NextAttemptAt time.Time
	// DeliveredAt is when the endpoint accepted it; zero until then.
	DeliveredAt time.Time
	// LastStatus is the HTTP status of the last answer; 0 when none came.
	LastStatus int
	// LastError says why the last attempt failed; empty when none did.
	LastError string

	// URL and Secret are the webhook's, filled in by ClaimWebhookDeliveries.
	URL    string
	Secret string
}

// WebhookStore keeps webhooks and the outbox of their deliveries. The
// article store enqueues a delivery for every active webhook subscribed to
// an event in the transaction that makes the change; so do the section,
// tag, story, user and media stores, of article.updated for each public
// article whose JSON a change to one of theirs changes. Deliveries are
// claimed as outbox messages are (see OutboxStore).
type WebhookStore interface {
	FindWebhook(ctx context.Context, id int64) (*Webhook, error)
	// FindWebhooks returns every webhook, oldest first.
	FindWebhooks(ctx context.Context) ([]*Webhook, error)
	// CreateWebhook stores a new webhook, setting its ID and record times.
	CreateWebhook(ctx context.Context, w *Webhook) error
	// UpdateWebhook replaces the webhook's fields, keeping CreatedAt.
	UpdateWebhook(ctx context.Context, w *Webhook) error
	// DeleteWebhook removes the webhook and its deliveries.
	DeleteWebhook(ctx context.Context, id int64) error
	// FindWebhookDeliveries returns the webhook's newest deliveries, at
	// most limit, newest first.
	FindWebhookDeliveries(ctx context.Context, webhookID int64, limit int) ([]*WebhookDelivery, error)
	// ClaimWebhookDeliveries returns at most limit undelivered deliveries
	// of active webhooks due at now, oldest due first, with their
	// webhook's URL and secret,
	// having counted an attempt for each and moved its NextAttemptAt to
	// now+lease. Safe to run from several processes.
	ClaimWebhookDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*WebhookDelivery, error)
	// MarkWebhookDelivered records that the endpoint accepted the delivery
	// with the status at the time.
	MarkWebhookDelivered(ctx context.Context, id int64, status int, at time.Time) error
	// MarkWebhookFailed records the status (0 for none) and why an attempt
	// failed, and when to try again; a zero next gives the delivery up.
	MarkWebhookFailed(ctx context.Context, id int64, status int, reason string, next time.Time) error
	// NextWebhookTime returns the earliest time an undelivered delivery of
	// an active webhook is due, zero when none is.
	NextWebhookTime(ctx context.Context) (time.Time, error)
	// RetryWebhookDelivery makes a given-up delivery of the webhook due at
	// the time, with its attempts counted afresh. A delivery already made
	// or still under way is left as it is (ECONFLICT).
	RetryWebhookDelivery(ctx context.Context, webhookID, id int64, at time.Time) error
	// PurgeWebhookDeliveries deletes the deliveries, made or given up, of
	// events that occurred before the time, and returns how many.
	PurgeWebhookDeliveries(ctx context.Context, before time.Time) (int, error)
}
