package webhook

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/clocktest"
	"github.com/herald-news/herald/internal/queue"
	"github.com/herald-news/herald/internal/sqlstore"
)

const secret = "0123456789abcdef0123456789abcdef-secret"

// received is one request the endpoint got.
type received struct {
	header http.Header
	body   []byte
}

// endpoint is a webhook receiver answering with the statuses it is given,
// then 200.
type endpoint struct {
	*httptest.Server
	mu       sync.Mutex
	statuses []int
	got      []received
}

func newEndpoint(t *testing.T, statuses ...int) *endpoint {
	e := &endpoint{statuses: statuses}
	e.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		e.mu.Lock()
		defer e.mu.Unlock()
		e.got = append(e.got, received{r.Header.Clone(), body})
		status := http.StatusOK
		if len(e.statuses) > 0 {
			status, e.statuses = e.statuses[0], e.statuses[1:]
		}
		w.WriteHeader(status)
	}))
	t.Cleanup(e.Close)
	return e
}

func (e *endpoint) requests() []received {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]received(nil), e.got...)
}

// fixture is a store with a clock and a sender with short backoff.
type fixture struct {
	t      *testing.T
	ctx    context.Context
	clock  *clocktest.Clock
	store  *sqlstore.Store
	sender *Sender
}

var start = time.Date(2024, 3, 20, 12, 0, 0, 0, time.UTC)

func newFixture(t *testing.T) *fixture {
	f := &fixture{t: t, ctx: t.Context(), clock: clocktest.New(start)}
	st, err := sqlstore.Open(f.ctx, sqlstore.Options{DSN: filepath.Join(t.TempDir(), "herald.db"), Now: f.clock.Now})
	f.check(err)
	t.Cleanup(func() { st.Close() })
	_, err = st.Migrate(f.ctx)
	f.check(err)
	settings := herald.DefaultSettings()
	settings.BaseURL = "https://news.example.com"
	f.check(st.UpdateSettings(f.ctx, settings))
	f.store = st
	f.sender = f.newSender()
	return f
}

func (f *fixture) newSender() *Sender {
	return New(Options{Store: f.store, Logger: slog.New(slog.DiscardHandler), Timing: queue.Timing{
		Now: f.clock.Now, Backoff: time.Minute, MaxBackoff: 10 * time.Minute, MaxAttempts: 3, Poll: time.Hour}})
}

func (f *fixture) check(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) webhook(url string, events ...herald.WebhookEvent) *herald.Webhook {
	w := &herald.Webhook{URL: url, Events: events, Secret: secret, Active: true}
	f.check(f.store.CreateWebhook(f.ctx, w))
	return w
}

func (f *fixture) article() *herald.Article {
	a := &herald.Article{Slug: "harbour-vote", Headline: "The harbour votes", Body: "The count is in.", Language: "en",
		Status: herald.StatusPublished, PublishedAt: start.Add(-time.Hour)}
	f.check(f.store.CreateArticle(f.ctx, a))
	return a
}

// deliveries returns the webhook's deliveries, oldest first.
func (f *fixture) deliveries(w *herald.Webhook) []*herald.WebhookDelivery {
	ds, err := f.store.FindWebhookDeliveries(f.ctx, w.ID, 100)
	f.check(err)
	for i, j := 0, len(ds)-1; i < j; i, j = i+1, j-1 {
		ds[i], ds[j] = ds[j], ds[i]
	}
	return ds
}

// checkSigned checks a request's headers and signature and decodes its body.
func checkSigned(t *testing.T, r received, event herald.WebhookEvent, delivery int64) map[string]any {
	t.Helper()
	if got := r.header.Get(HeaderSignature); got != Sign(secret, r.body) || !strings.HasPrefix(got, "sha256=") {
		t.Errorf("signature %q does not match the body", got)
	}
	if Sign("another secret of the same length, or not", r.body) == r.header.Get(HeaderSignature) {
		t.Error("another secret gives the same signature")
	}
	if r.header.Get(HeaderEvent) != string(event) || r.header.Get(HeaderDelivery) != itoa(delivery) ||
		r.header.Get("Content-Type") != "application/json" {
		t.Errorf("headers %v, want event %s, delivery %d", r.header, event, delivery)
	}
	var body map[string]any
	if err := json.Unmarshal(r.body, &body); err != nil {
		t.Fatal(err)
	}
	if body["event"] != string(event) {
		t.Errorf("body event %v, want %s", body["event"], event)
	}
	return body
}

func itoa(n int64) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestSender_Delivers(t *testing.T) {
	f := newFixture(t)
	e := newEndpoint(t)
	w := f.webhook(e.URL+"/hook", herald.WebhookEvents...)
	a := f.article()
	if wait := f.sender.drain.Step(f.ctx); wait != time.Hour {
		t.Errorf("wait after delivering everything = %s, want the poll", wait)
	}
	reqs := e.requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests, want 1", len(reqs))
	}
	ds := f.deliveries(w)
	body := checkSigned(t, reqs[0], herald.EventArticlePublished, ds[0].ID)
	art, _ := body["article"].(map[string]any)
	if art["id"] != float64(a.ID) || art["url"] != "https://news.example.com/2024/03/20/harbour-vote/" ||
		art["headline"] != "The harbour votes" || art["body_html"] != "<p>The count is in.</p>\n" {
		t.Errorf("article in the payload: %v", art)
	}
	if body["occurred_at"] != "2024-03-20T12:00:00Z" {
		t.Errorf("occurred_at %v", body["occurred_at"])
	}
	if d := ds[0]; d.DeliveredAt.IsZero() || d.LastStatus != 200 || d.Attempts != 1 {
		t.Errorf("delivery after success: %+v", d)
	}

	// Unpublishing and deleting carry only the id and URL.
	a.Status = herald.StatusUnpublished
	f.check(f.store.UpdateArticle(f.ctx, a))
	f.check(f.store.DeleteArticle(f.ctx, a.ID))
	f.sender.drain.Step(f.ctx)
	reqs = e.requests()
	ds = f.deliveries(w)
	if len(reqs) != 3 || len(ds) != 3 {
		t.Fatalf("%d requests, %d deliveries, want 3", len(reqs), len(ds))
	}
	for i, event := range []herald.WebhookEvent{herald.EventArticleUnpublished, herald.EventArticleDeleted} {
		body := checkSigned(t, reqs[i+1], event, ds[i+1].ID)
		want := map[string]any{"id": float64(a.ID), "url": "https://news.example.com/2024/03/20/harbour-vote/"}
		if got, _ := body["article"].(map[string]any); len(got) != 2 || got["id"] != want["id"] || got["url"] != want["url"] {
			t.Errorf("%s article = %v, want %v", event, body["article"], want)
		}
	}
}

func TestSender_RetriesWithBackoff(t *testing.T) {
	f := newFixture(t)
	e := newEndpoint(t, http.StatusServiceUnavailable, http.StatusFound)
	w := f.webhook(e.URL, herald.EventArticlePublished)
	f.article()
	if wait := f.sender.drain.Step(f.ctx); wait != time.Minute {
		t.Errorf("wait after the first failure = %s, want the backoff, 1m", wait)
	}
	d := f.deliveries(w)[0]
	if d.LastStatus != 503 || !strings.Contains(d.LastError, "503") || !d.NextAttemptAt.Equal(start.Add(time.Minute)) {
		t.Errorf("after a 503: %+v", d)
	}
	f.clock.Advance(59 * time.Second)
	f.sender.drain.Step(f.ctx)
	if n := len(e.requests()); n != 1 {
		t.Errorf("%d requests before the backoff ran out, want 1", n)
	}
	f.clock.Advance(time.Second)
	if wait := f.sender.drain.Step(f.ctx); wait != 2*time.Minute {
		t.Errorf("wait after the second failure (a redirect is not followed) = %s, want 2m", wait)
	}
	f.clock.Advance(2 * time.Minute)
	f.sender.drain.Step(f.ctx)
	reqs := e.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	for _, r := range reqs {
		if r.header.Get(HeaderDelivery) != reqs[0].header.Get(HeaderDelivery) {
			t.Errorf("delivery ids differ between attempts: %q, %q", r.header.Get(HeaderDelivery), reqs[0].header.Get(HeaderDelivery))
		}
	}
	if d := f.deliveries(w)[0]; d.DeliveredAt.IsZero() || d.Attempts != 3 || d.LastStatus != 200 {
		t.Errorf("after the third attempt: %+v", d)
	}
}

func TestSender_GivesUp(t *testing.T) {
	f := newFixture(t)
	closed := httptest.NewServer(http.NotFoundHandler())
	url := closed.URL
	closed.Close() // connections are refused
	w := f.webhook(url, herald.EventArticlePublished)
	f.article()
	for range 3 {
		f.sender.drain.Step(f.ctx)
		f.clock.Advance(time.Hour)
	}
	d := f.deliveries(w)[0]
	if d.Attempts != 3 || !d.NextAttemptAt.IsZero() || !d.DeliveredAt.IsZero() || d.LastStatus != 0 || d.LastError == "" {
		t.Errorf("after the last attempt: %+v; want it given up with the network error", d)
	}
	next, err := f.store.NextWebhookTime(f.ctx)
	f.check(err)
	if !next.IsZero() {
		t.Errorf("a given-up delivery is due at %v", next)
	}
}

// TestSender_SurvivesRestart checks that a delivery claimed by a sender
// that died is sent by the next once the lease ends, and that Run wakes
// for a new event without the clock moving.
func TestSender_SurvivesRestart(t *testing.T) {
	f := newFixture(t)
	e := newEndpoint(t)
	w := f.webhook(e.URL, herald.EventArticlePublished, herald.EventArticleUpdated)
	a := f.article()
	claimed, err := f.store.ClaimWebhookDeliveries(f.ctx, f.clock.Now(), 5*time.Minute, 10)
	f.check(err)
	if len(claimed) != 1 {
		t.Fatalf("claimed %d", len(claimed))
	}
	// The process dies here. A new one starts after the lease.
	f.clock.Advance(5 * time.Minute)
	waits := make(chan time.Duration, 10)
	ctx, cancel := context.WithCancel(f.ctx)
	s := New(Options{Store: f.store, Logger: slog.New(slog.DiscardHandler), Timing: queue.Timing{Now: f.clock.Now,
		Poll: time.Hour, After: func(d time.Duration) <-chan time.Time { waits <- d; return nil }}})
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	waitFor(t, waits, time.Hour)
	if got := e.requests(); len(got) != 1 {
		t.Fatalf("%d requests after the restart, want 1", len(got))
	}
	a.Headline = "The harbour has voted"
	f.check(f.store.UpdateArticle(f.ctx, a))
	waitFor(t, waits, time.Hour)
	reqs := e.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests after an update, want 2", len(reqs))
	}
	body := checkSigned(t, reqs[1], herald.EventArticleUpdated, f.deliveries(w)[1].ID)
	if art, _ := body["article"].(map[string]any); art["headline"] != "The harbour has voted" {
		t.Errorf("updated article %v", art)
	}
}

// waitFor waits until the sender goes to sleep for want.
func waitFor(t *testing.T, waits <-chan time.Duration, want time.Duration) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case d := <-waits:
			if d == want {
				return
			}
		case <-deadline:
			t.Fatalf("the sender never slept %s", want)
		}
	}
}

// TestSender_PurgesOldDeliveries checks that a running sender deletes the
// deliveries made more than Keep ago and keeps the recent ones.
func TestSender_PurgesOldDeliveries(t *testing.T) {
	f := newFixture(t)
	e := newEndpoint(t)
	w := f.webhook(e.URL, herald.EventArticlePublished, herald.EventArticleUpdated)
	a := f.article()
	f.sender.drain.Step(f.ctx)
	f.clock.Advance(DefaultKeep + time.Hour)
	a.Headline = "Recent"
	f.check(f.store.UpdateArticle(f.ctx, a))
	f.sender.drain.Step(f.ctx)
	if n := len(f.deliveries(w)); n != 2 {
		t.Fatalf("%d deliveries before the purge, want 2", n)
	}
	ctx, cancel := context.WithCancel(f.ctx)
	s := New(Options{Store: f.store, Logger: slog.New(slog.DiscardHandler), Timing: queue.Timing{Now: f.clock.Now,
		After: func(time.Duration) <-chan time.Time { return nil }}})
	done := make(chan struct{})
	go func() { s.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(10 * time.Second)
	for {
		ds := f.deliveries(w)
		if len(ds) == 1 && ds[0].Event == herald.EventArticleUpdated {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("deliveries after the purge: %d, want only the recent one", len(ds))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestSender_KeepsReasonsValidText checks that the failure reason stored
// is valid UTF-8, which PostgreSQL insists on, when the endpoint's status
// line carries bytes that are not and the reason is cut to maxReason.
func TestSender_KeepsReasonsValidText(t *testing.T) {
	f := newFixture(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	f.check(err)
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_, _ = http.ReadRequest(bufio.NewReader(c))
				// "\xff" is no UTF-8, and puts the cut at maxReason bytes inside an "é".
				fmt.Fprintf(c, "HTTP/1.1 500 \xff%s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", strings.Repeat("é", maxReason))
			}()
		}
	}()
	w := f.webhook("http://"+l.Addr().String()+"/hook", herald.EventArticlePublished)
	f.article()
	f.sender.drain.Step(f.ctx)
	d := f.deliveries(w)[0]
	if d.LastStatus != 500 || len(d.LastError) > maxReason || !utf8.ValidString(d.LastError) ||
		!strings.HasPrefix(d.LastError, "the endpoint answered 500 ") {
		t.Errorf("after a 500 with a reason that is not UTF-8: status %d, error %q", d.LastStatus, d.LastError)
	}
}
