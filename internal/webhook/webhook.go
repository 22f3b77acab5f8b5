// Package webhook delivers article events to the endpoints an admin set
// up: it drains the store's outbox of webhook deliveries, POSTing each
// event as JSON signed with the endpoint's secret, retrying with
// exponential backoff until the endpoint answers 2xx or the attempts run
// out. The outbox is a database table, so deliveries survive restarts and
// any number of Herald processes share the work.
package webhook

import (
	"bytes"
	"cmp"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/api"
	"github.com/herald-news/herald/internal/queue"
)

// DefaultTiming is when the sender retries a delivery whose
// Options.Timing leaves it unsaid: 30 seconds after the first failure,
// doubling up to six hours apart, 10 attempts in all (about a day). See
// package queue for the other defaults.
var DefaultTiming = queue.Timing{Backoff: 30 * time.Second, MaxBackoff: 6 * time.Hour, MaxAttempts: 10}

// DefaultTimeout bounds one request, answer included.
const DefaultTimeout = 15 * time.Second

// DefaultKeep is how long deliveries made or given up stay on their
// webhook's page before the sender deletes them.
const DefaultKeep = 30 * 24 * time.Hour

// purgeEvery is how often the sender deletes deliveries past Keep.
const purgeEvery = 24 * time.Hour

// The headers of a delivery.
const (
	HeaderSignature = "X-Herald-Signature" // sha256=<hex HMAC-SHA256 of the body with the secret>
	HeaderEvent     = "X-Herald-Event"     // the event, as in the body
	HeaderDelivery  = "X-Herald-Delivery"  // the delivery's id, the same on every attempt
)

// maxReason bounds the failure reason kept in the store.
const maxReason = 500

// Store is what the sender needs from herald.Store.
type Store interface {
	api.Store
	ClaimWebhookDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*herald.WebhookDelivery, error)
	MarkWebhookDelivered(ctx context.Context, id int64, status int, at time.Time) error
	MarkWebhookFailed(ctx context.Context, id int64, status int, reason string, next time.Time) error
	NextWebhookTime(ctx context.Context) (time.Time, error)
	PurgeWebhookDeliveries(ctx context.Context, before time.Time) (int, error)
	herald.ChangeSource
}

// Options configure a Sender.
type Options struct {
	Store Store
	// Client sends the requests; when nil, one with DefaultTimeout that
	// follows no redirect (a 3xx answer is a failure).
	Client *http.Client
	// Origin makes article URLs absolute when the settings name no
	// BaseURL: the address the server listens on.
	Origin string
	// Keep is how long deliveries made or given up are kept; DefaultKeep
	// when zero.
	Keep   time.Duration
	Logger *slog.Logger // slog.Default() when nil
	// Timing is the sender's clock and schedule; DefaultTiming for what
	// it leaves zero.
	Timing queue.Timing
}

// Payload is the JSON body of a delivery. Article is the article as the
// API shows it (api.Article) for article.published and article.updated;
// for article.unpublished and article.deleted, and when the article is no
// longer public by the time of sending, only its id and URL (api.ArticleRef).
type Payload struct {
	Event      herald.WebhookEvent `json:"event"`
	OccurredAt time.Time           `json:"occurred_at"`
	Article    any                 `json:"article"`
}

// Sender delivers webhook events.
type Sender struct {
	opts  Options
	enc   *api.Encoder
	drain *queue.Drainer[*herald.WebhookDelivery]
}

// New returns a sender; Run starts it.
func New(opts Options) *Sender {
	opts.Timing = opts.Timing.WithDefaults(DefaultTiming)
	opts.Keep = cmp.Or(opts.Keep, DefaultKeep)
	if opts.Client == nil {
		opts.Client = &http.Client{
			Timeout:       DefaultTimeout,
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		}
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	s := &Sender{opts: opts, enc: api.NewEncoder(opts.Store)}
	s.drain = &queue.Drainer[*herald.WebhookDelivery]{
		Claim: opts.Store.ClaimWebhookDeliveries, Deliver: s.deliver, Next: opts.Store.NextWebhookTime,
		Source: opts.Store, Wake: herald.ChangeWebhook, Timing: opts.Timing, Logger: opts.Logger, What: "webhook deliveries",
	}
	return s
}

// Run delivers due events, first those left from before a restart, then
// each as it is enqueued or falls due again, and once a day deletes the
// deliveries older than Keep, until ctx is done.
func (s *Sender) Run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			s.purge(ctx)
			select {
			case <-ctx.Done():
				return
			case <-s.opts.Timing.After(purgeEvery):
			}
		}
	})
	s.drain.Run(ctx)
	wg.Wait()
}

// purge deletes the deliveries made or given up before Keep. Several
// processes may do it at once: what one deleted, the others find gone.
func (s *Sender) purge(ctx context.Context) {
	n, err := s.opts.Store.PurgeWebhookDeliveries(ctx, s.opts.Timing.Now().Add(-s.opts.Keep))
	if err != nil {
		s.drain.LogStoreError(ctx, "deleting old webhook deliveries", err)
		return
	}
	if n > 0 {
		s.opts.Logger.InfoContext(ctx, "deleted old webhook deliveries", "deleted", n, "keep", s.opts.Keep)
	}
}

// Sign returns the X-Herald-Signature value of body under secret.
func Sign(secret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// deliver sends one claimed delivery and records the outcome.
func (s *Sender) deliver(ctx context.Context, d *herald.WebhookDelivery) {
	body, err := s.payload(ctx, d)
	if err != nil {
		s.drain.LogStoreError(ctx, "building a webhook payload", err, "delivery", d.ID)
		s.failed(ctx, d, 0, fmt.Errorf("building the payload: %w", err))
		return
	}
	status, err := s.post(ctx, d, body)
	if err != nil {
		s.failed(ctx, d, status, err)
		return
	}
	if err := s.opts.Store.MarkWebhookDelivered(ctx, d.ID, status, s.opts.Timing.Now()); err != nil {
		s.drain.LogStoreError(ctx, "marking a webhook delivery delivered", err, "delivery", d.ID)
	}
	s.opts.Logger.InfoContext(ctx, "delivered webhook", "delivery", d.ID, "event", d.Event, "status", status,
		"attempt", d.Attempts)
}

// post sends the body and returns the answer's status, with an error
// unless it is 2xx.
func (s *Sender) post(ctx context.Context, d *herald.WebhookDelivery, body []byte) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "Herald-Webhook/1")
	req.Header.Set(HeaderEvent, string(d.Event))
	req.Header.Set(HeaderDelivery, strconv.FormatInt(d.ID, 10))
	req.Header.Set(HeaderSignature, Sign(d.Secret, body))
	res, err := s.opts.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10)) // lets the connection be reused
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return res.StatusCode, fmt.Errorf("the endpoint answered %s", res.Status)
	}
	return res.StatusCode, nil
}

// failed records a failed attempt and when to try again (queue.Timing's
// RetryAt).
func (s *Sender) failed(ctx context.Context, d *herald.WebhookDelivery, status int, err error) {
	next := s.opts.Timing.RetryAt(d.Attempts)
	s.opts.Logger.WarnContext(ctx, "webhook delivery failed", "delivery", d.ID, "event", d.Event, "status", status,
		"attempt", d.Attempts, "err", err, "given_up", next.IsZero())
	// The store drops the bytes of a character the cut splits.
	reason := err.Error()
	reason = reason[:min(len(reason), maxReason)]
	if err := s.opts.Store.MarkWebhookFailed(ctx, d.ID, status, reason, next); err != nil {
		s.drain.LogStoreError(ctx, "marking a webhook delivery failed", err, "delivery", d.ID)
	}
}

// payload builds the JSON body of the delivery from the article as it is
// now: readers' view of it when it is public, else only its address.
func (s *Sender) payload(ctx context.Context, d *herald.WebhookDelivery) ([]byte, error) {
	settings, err := s.opts.Store.FindSettings(ctx)
	if err != nil {
		return nil, err
	}
	site := api.SiteFor(settings, s.opts.Origin, s.opts.Timing.Now())
	p := Payload{Event: d.Event, OccurredAt: d.OccurredAt}
	ref := &herald.Article{Slug: d.ArticleSlug, PublishedAt: d.ArticlePublishedAt}
	p.Article = api.ArticleRef{ID: d.ArticleID, URL: site.ArticleURL(ref)}
	if d.Event == herald.EventArticlePublished || d.Event == herald.EventArticleUpdated {
		res, err := s.opts.Store.FindArticles(ctx, herald.ArticleFilter{ID: d.ArticleID, PublicAt: site.Now, Limit: 1})
		if err != nil {
			return nil, err
		}
		if len(res.Articles) == 1 {
			articles, err := s.enc.Articles(ctx, site, res.Articles)
			if err != nil {
				return nil, err
			}
			p.Article = articles[0]
		}
	}
	return json.Marshal(p)
}
