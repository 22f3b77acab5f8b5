package storetest

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

// secret is a valid webhook signing secret.
var secret = strings.Repeat("s", herald.MinWebhookSecret)

func (f *fixture) webhook(url string, active bool, events ...herald.WebhookEvent) *herald.Webhook {
	f.t.Helper()
	w := &herald.Webhook{URL: url, Events: events, Secret: secret, Active: active}
	f.check(f.s.CreateWebhook(f.ctx, w))
	return w
}

// testWebhookCRUD creates, validates, reads, updates and deletes webhooks.
func testWebhookCRUD(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	w := &herald.Webhook{URL: " https://example.com/hook ", Secret: secret, Active: true,
		Events: []herald.WebhookEvent{herald.EventArticleDeleted, herald.EventArticlePublished, herald.EventArticleDeleted}}
	f.check(s.CreateWebhook(f.ctx, w))
	if w.ID == 0 || w.CreatedAt.IsZero() || w.URL != "https://example.com/hook" {
		t.Errorf("created webhook %+v", w)
	}
	got, err := s.FindWebhook(f.ctx, w.ID)
	f.check(err)
	want := []herald.WebhookEvent{herald.EventArticlePublished, herald.EventArticleDeleted}
	if diff := cmp.Diff(want, got.Events); diff != "" {
		t.Errorf("events in WebhookEvents order without repeats (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(w, got); diff != "" {
		t.Errorf("FindWebhook (-want +got):\n%s", diff)
	}
	w.URL, w.Active, w.Events = "http://10.0.0.5:8080/in?key=1", false, []herald.WebhookEvent{herald.EventArticleUpdated}
	f.check(s.UpdateWebhook(f.ctx, w))
	other := f.webhook("https://example.org/", true, herald.EventArticleUnpublished)
	list, err := s.FindWebhooks(f.ctx)
	f.check(err)
	if diff := cmp.Diff([]*herald.Webhook{w, other}, list); diff != "" {
		t.Errorf("FindWebhooks after an update (-want +got):\n%s", diff)
	}
	f.check(s.DeleteWebhook(f.ctx, w.ID))
	_, err = s.FindWebhook(f.ctx, w.ID)
	wantCode(t, err, herald.ENOTFOUND)
	wantCode(t, s.DeleteWebhook(f.ctx, w.ID), herald.ENOTFOUND)
	w.ID = other.ID + 100
	wantCode(t, s.UpdateWebhook(f.ctx, w), herald.ENOTFOUND)
}

// testWebhookValidation refuses bad addresses, events and secrets.
func testWebhookValidation(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	for name, w := range map[string]herald.Webhook{
		"no url":         {Events: herald.WebhookEvents, Secret: secret},
		"ftp":            {URL: "ftp://example.com/", Events: herald.WebhookEvents, Secret: secret},
		"relative":       {URL: "/hook", Events: herald.WebhookEvents, Secret: secret},
		"no host":        {URL: "https:///hook", Events: herald.WebhookEvents, Secret: secret},
		"credentials":    {URL: "https://u:p@example.com/", Events: herald.WebhookEvents, Secret: secret},
		"javascript":     {URL: "javascript:alert(1)", Events: herald.WebhookEvents, Secret: secret},
		"too long":       {URL: "https://example.com/" + strings.Repeat("a", 2000), Events: herald.WebhookEvents, Secret: secret},
		"no events":      {URL: "https://example.com/", Secret: secret},
		"unknown event":  {URL: "https://example.com/", Events: []herald.WebhookEvent{"article.liked"}, Secret: secret},
		"short secret":   {URL: "https://example.com/", Events: herald.WebhookEvents, Secret: "abc"},
		"fragment":       {URL: "https://example.com/#x", Events: herald.WebhookEvents, Secret: secret},
		"not parseable":  {URL: "https://exa mple.com/%zz", Events: herald.WebhookEvents, Secret: secret},
		"only a scheme:": {URL: "https:", Events: herald.WebhookEvents, Secret: secret},
	} {
		t.Run(name, func(t *testing.T) {
			wantCode(t, s.CreateWebhook(f.ctx, &w), herald.EINVALID)
		})
	}
	list, err := s.FindWebhooks(f.ctx)
	f.check(err)
	if len(list) != 0 {
		t.Errorf("invalid webhooks were stored: %+v", list)
	}
}

// deliveryEvent is what a test checks of a delivery.
type deliveryEvent struct {
	Webhook int64
	Event   herald.WebhookEvent
	Article int64
	Slug    string
}

func deliveryEvents(ds []*herald.WebhookDelivery) []deliveryEvent {
	out := []deliveryEvent{}
	for _, d := range ds {
		out = append(out, deliveryEvent{d.WebhookID, d.Event, d.ArticleID, d.ArticleSlug})
	}
	return out
}

// testWebhookEvents checks which article changes enqueue which deliveries,
// for which webhooks, in the change's transaction.
func testWebhookEvents(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	all := f.webhook("https://example.com/all", true, herald.WebhookEvents...)
	published := f.webhook("https://example.com/published", true, herald.EventArticlePublished)
	f.webhook("https://example.com/off", false, herald.WebhookEvents...)
	r := record(t, s)

	a := f.article(nil)
	draft := f.article(func(a *herald.Article) { a.Status = herald.StatusDraft })
	if diff := cmp.Diff([]herald.Change{{Kind: herald.ChangeArticle, ID: a.ID}, {Kind: herald.ChangeWebhook},
		{Kind: herald.ChangeArticle, ID: draft.ID}}, r.take()); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	a.Headline = "Corrected"
	f.check(s.UpdateArticle(f.ctx, a))
	a.Status = herald.StatusUnpublished
	f.check(s.UpdateArticle(f.ctx, a))
	a.Status = herald.StatusPublished
	f.check(s.UpdateArticle(f.ctx, a))
	draft.Headline = "Still a draft"
	f.check(s.UpdateArticle(f.ctx, draft))
	f.check(s.DeleteArticle(f.ctx, draft.ID))
	scheduled := f.article(func(a *herald.Article) { a.Status = herald.StatusScheduled })
	_, err := s.PublishDueArticles(f.ctx, scheduled.PublishedAt)
	f.check(err)
	f.check(s.DeleteArticle(f.ctx, a.ID))
	bad := newArticle(99)
	bad.SectionID = 12345 // fails: no such section, so nothing is enqueued
	wantCode(t, s.CreateArticle(f.ctx, bad), herald.EINVALID)

	later := time.Now().Add(time.Hour)
	claimed, err := s.ClaimWebhookDeliveries(f.ctx, later, time.Minute, 100)
	f.check(err)
	slices.SortStableFunc(claimed, func(x, y *herald.WebhookDelivery) int { return int(x.WebhookID - y.WebhookID) })
	want := []deliveryEvent{
		{all.ID, herald.EventArticlePublished, a.ID, a.Slug},
		{all.ID, herald.EventArticleUpdated, a.ID, a.Slug},
		{all.ID, herald.EventArticleUnpublished, a.ID, a.Slug},
		{all.ID, herald.EventArticlePublished, a.ID, a.Slug},
		{all.ID, herald.EventArticlePublished, scheduled.ID, scheduled.Slug},
		{all.ID, herald.EventArticleDeleted, a.ID, a.Slug},
		{published.ID, herald.EventArticlePublished, a.ID, a.Slug},
		{published.ID, herald.EventArticlePublished, a.ID, a.Slug},
		{published.ID, herald.EventArticlePublished, scheduled.ID, scheduled.Slug},
	}
	if diff := cmp.Diff(want, deliveryEvents(claimed)); diff != "" {
		t.Errorf("deliveries (-want +got):\n%s", diff)
	}
	for _, d := range claimed {
		if d.URL == "" || d.Secret != secret || d.OccurredAt.IsZero() || d.ArticlePublishedAt.IsZero() {
			t.Errorf("delivery %d lacks its webhook's URL and secret or its times: %+v", d.ID, d)
		}
	}
}

// testWebhookEventsBulk checks that CreateArticles enqueues article.published
// of each published article it stores, and of no other.
func testWebhookEventsBulk(t *testing.T, s herald.Store) {
	bulk := bulkStore(t, s)
	f := newFixture(t, s)
	w := f.webhook("https://example.com/all", true, herald.WebhookEvents...)
	articles := []*herald.Article{newArticle(1), newArticle(2), newArticle(3)}
	articles[1].Status = herald.StatusDraft
	f.check(bulk.CreateArticles(f.ctx, articles))
	claimed, err := s.ClaimWebhookDeliveries(f.ctx, time.Now().Add(time.Hour), time.Minute, 100)
	f.check(err)
	slices.SortFunc(claimed, func(x, y *herald.WebhookDelivery) int { return int(x.ArticleID - y.ArticleID) })
	want := []deliveryEvent{
		{w.ID, herald.EventArticlePublished, articles[0].ID, articles[0].Slug},
		{w.ID, herald.EventArticlePublished, articles[2].ID, articles[2].Slug},
	}
	if diff := cmp.Diff(want, deliveryEvents(claimed)); diff != "" {
		t.Errorf("deliveries (-want +got):\n%s", diff)
	}
}

// testWebhookDeliveries follows deliveries through claims, a failure, a
// retry, success and giving up, and the list the newsroom shows.
func testWebhookDeliveries(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	next, err := s.NextWebhookTime(f.ctx)
	f.check(err)
	if !next.IsZero() {
		t.Errorf("NextWebhookTime with no deliveries = %v", next)
	}
	w := f.webhook("https://example.com/hook", true, herald.EventArticlePublished)
	first, second := f.article(nil), f.article(nil)
	next, err = s.NextWebhookTime(f.ctx)
	f.check(err)
	now := time.Now()
	if next.IsZero() || next.After(now) {
		t.Errorf("NextWebhookTime = %v, want a time before %v", next, now)
	}
	claimed, err := s.ClaimWebhookDeliveries(f.ctx, now, time.Minute, 1)
	f.check(err)
	if len(claimed) != 1 || claimed[0].ArticleID != first.ID || claimed[0].Attempts != 1 {
		t.Fatalf("first claim = %+v, want the first article's delivery, attempt 1", claimed)
	}
	d := claimed[0]
	if want := utcMicro(now.Add(time.Minute)); !d.NextAttemptAt.Equal(want) {
		t.Errorf("NextAttemptAt = %v, want the lease's end %v", d.NextAttemptAt, want)
	}
	claimed, err = s.ClaimWebhookDeliveries(f.ctx, now, time.Minute, 10)
	f.check(err)
	if len(claimed) != 1 || claimed[0].ArticleID != second.ID {
		t.Fatalf("claim during the lease = %+v, want only the second delivery", claimed)
	}
	// An endpoint's status line may hold bytes that are not UTF-8; the
	// store keeps the valid text.
	f.check(s.MarkWebhookFailed(f.ctx, d.ID, 503, "503 Service \xffUnavailable", now.Add(2*time.Minute)))
	claimed, err = s.ClaimWebhookDeliveries(f.ctx, now.Add(3*time.Minute), time.Minute, 10)
	f.check(err)
	// The second delivery's lease ended before the failed one's retry.
	if len(claimed) != 2 || claimed[1].ID != d.ID || claimed[1].Attempts != 2 || claimed[1].LastStatus != 503 ||
		claimed[1].LastError != "503 Service Unavailable" {
		t.Fatalf("claim after a failure = %+v, want the failed delivery last, attempt 2, with its status", claimed)
	}
	f.check(s.MarkWebhookDelivered(f.ctx, d.ID, 204, now.Add(4*time.Minute)))
	f.check(s.MarkWebhookFailed(f.ctx, claimed[0].ID, 0, "connection refused", time.Time{}))
	next, err = s.NextWebhookTime(f.ctx)
	f.check(err)
	if !next.IsZero() {
		t.Errorf("NextWebhookTime after delivery and giving up = %v", next)
	}
	list, err := s.FindWebhookDeliveries(f.ctx, w.ID, 10)
	f.check(err)
	if len(list) != 2 || list[0].ID != claimed[0].ID || list[1].ID != d.ID {
		t.Fatalf("FindWebhookDeliveries = %+v, want newest first", list)
	}
	if got := list[1]; got.DeliveredAt.IsZero() || got.LastStatus != 204 || got.LastError != "" || !got.NextAttemptAt.IsZero() {
		t.Errorf("delivered: %+v", got)
	}
	if got := list[0]; !got.DeliveredAt.IsZero() || got.LastError != "connection refused" || !got.NextAttemptAt.IsZero() {
		t.Errorf("given up: %+v", got)
	}
	// A given-up delivery is tried again when asked; others are refused.
	wantCode(t, s.RetryWebhookDelivery(f.ctx, w.ID, d.ID, now), herald.ECONFLICT)
	wantCode(t, s.RetryWebhookDelivery(f.ctx, w.ID+1, list[0].ID, now), herald.ENOTFOUND)
	f.check(s.RetryWebhookDelivery(f.ctx, w.ID, list[0].ID, now.Add(5*time.Minute)))
	claimed, err = s.ClaimWebhookDeliveries(f.ctx, now.Add(5*time.Minute), time.Minute, 10)
	f.check(err)
	if len(claimed) != 1 || claimed[0].ID != list[0].ID || claimed[0].Attempts != 1 {
		t.Fatalf("claim after a retry = %+v, want the given-up delivery at attempt 1", claimed)
	}
	wantCode(t, s.RetryWebhookDelivery(f.ctx, w.ID, list[0].ID, now), herald.ECONFLICT)
	f.check(s.MarkWebhookFailed(f.ctx, list[0].ID, 0, "connection refused", time.Time{}))

	// A paused webhook gets no new events, and those it had wait until it
	// is active again.
	paused := f.article(nil)
	w.Active = false
	f.check(s.UpdateWebhook(f.ctx, w))
	f.article(nil)
	claimed, err = s.ClaimWebhookDeliveries(f.ctx, now.Add(time.Hour), time.Minute, 10)
	f.check(err)
	next, err = s.NextWebhookTime(f.ctx)
	f.check(err)
	if len(claimed) != 0 || !next.IsZero() {
		t.Errorf("a paused webhook's delivery: claimed %+v, next due %v; want it held", claimed, next)
	}
	w.Active = true
	f.check(s.UpdateWebhook(f.ctx, w))
	if next, err = s.NextWebhookTime(f.ctx); err != nil || next.IsZero() {
		t.Errorf("NextWebhookTime once active again = %v, %v", next, err)
	}
	claimed, err = s.ClaimWebhookDeliveries(f.ctx, now.Add(time.Hour), time.Minute, 10)
	f.check(err)
	if len(claimed) != 1 || claimed[0].ArticleID != paused.ID {
		t.Errorf("claimed once active again: %+v", claimed)
	}
	f.article(nil) // a delivery still due stays, however old
	n, err := s.PurgeWebhookDeliveries(f.ctx, now.Add(time.Hour))
	f.check(err)
	list, err = s.FindWebhookDeliveries(f.ctx, w.ID, 10)
	f.check(err)
	if n != 2 || len(list) != 2 {
		t.Errorf("purged %d, left %d; want the delivered and the given-up ones gone, the two due kept", n, len(list))
	}
	for _, d := range list {
		if !d.DeliveredAt.IsZero() || d.NextAttemptAt.IsZero() {
			t.Errorf("purging left %+v, which is not due", d)
		}
	}
	wantCode(t, s.MarkWebhookDelivered(f.ctx, d.ID+100, 200, now), herald.ENOTFOUND)
	wantCode(t, s.MarkWebhookFailed(f.ctx, d.ID+100, 500, "x", now), herald.ENOTFOUND)
	f.check(s.DeleteWebhook(f.ctx, w.ID))
	list, err = s.FindWebhookDeliveries(f.ctx, w.ID, 10)
	f.check(err)
	if len(list) != 0 {
		t.Errorf("deliveries outlived their webhook: %+v", list)
	}
}

// utcMicro is a time as the store keeps it.
func utcMicro(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond)
}

// testWebhookConcurrent checks that senders claiming at once never claim
// one delivery twice.
func testWebhookConcurrent(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	f.webhook("https://example.com/hook", true, herald.EventArticlePublished)
	for range 30 {
		f.article(nil)
	}
	var mu sync.Mutex
	var got []int64
	var wg sync.WaitGroup
	later := time.Now().Add(time.Hour)
	for range 4 {
		wg.Go(func() {
			for {
				ds, err := s.ClaimWebhookDeliveries(f.ctx, later, time.Hour, 3)
				if err != nil {
					t.Error(err)
				}
				if len(ds) == 0 {
					return
				}
				mu.Lock()
				for _, d := range ds {
					got = append(got, d.ID)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(got)
	if len(got) != 30 || len(slices.Compact(slices.Clone(got))) != 30 {
		t.Errorf("claimed %d deliveries over all senders, %d distinct; want 30 once each", len(got), len(slices.Compact(got)))
	}
}
