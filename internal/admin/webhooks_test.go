package admin

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

func TestWebhooks_AddEditDelete(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ad := f.as(t, herald.RoleAdmin)

	resp, body := ad.get("/admin/webhooks")
	wantPage(t, resp, body, 200, "No webhooks yet.", `href="/admin/webhooks/new"`)
	resp, body = ad.get("/admin/webhooks/new")
	wantPage(t, resp, body, 200, `name="events" value="article.published" checked`, `name="active" value="1" checked`)

	bad := url.Values{"url": {"ftp://example.com/in"}, "active": {"1"}}
	resp, body = ad.post("/admin/webhooks/new", bad)
	wantPage(t, resp, body, 422, `id="url-error"`, "must start with http:// or https://", `value="ftp://example.com/in"`,
		`id="events-error"`, "choose at least one event")
	resp, body = ad.post("/admin/webhooks/new", url.Values{"url": {"https://example.com/in"},
		"events": {"article.deleted", "article.liked"}})
	wantPage(t, resp, body, 422, "must be among", `value="https://example.com/in"`, `value="article.deleted" checked`)
	hooks, err := f.store.FindWebhooks(ctx)
	must(t, err)
	if len(hooks) != 0 {
		t.Fatalf("invalid webhooks stored: %+v", hooks)
	}

	resp, _ = ad.post("/admin/webhooks/new", url.Values{"url": {" https://example.com/in "}, "active": {"1"},
		"events": {"article.published", "article.deleted"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	hooks, err = f.store.FindWebhooks(ctx)
	must(t, err)
	if len(hooks) != 1 || hooks[0].URL != "https://example.com/in" || !hooks[0].Active || len(hooks[0].Events) != 2 ||
		!regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(hooks[0].Secret) {
		t.Fatalf("stored webhooks: %+v", hooks)
	}
	h := hooks[0]
	edit := "/admin/webhooks/" + itoa(h.ID) + "/edit"
	if loc := resp.Header.Get("Location"); loc != edit {
		t.Errorf("after adding: Location %q, want %q", loc, edit)
	}
	f.wantAudit(t, "webhook.create", "https://example.com/in")

	f.addArticle(t, "published", 0, func(a *herald.Article) {
		a.Status, a.PublishedAt = herald.StatusPublished, time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	})
	resp, body = ad.get(edit)
	wantPage(t, resp, body, 200, `value="`+h.Secret+`" readonly`, "<code>article.published</code>", "(published)", "Waiting")
	resp, body = ad.get("/admin/webhooks")
	wantPage(t, resp, body, 200, "https://example.com/in", "article.published, article.deleted", "Active", "Waiting")

	resp, body = ad.post(edit, url.Values{"url": {"http://"}, "events": {"article.updated"}})
	wantPage(t, resp, body, 422, "must name a host", `value="http://"`, `value="article.updated" checked`, h.Secret)
	resp, _ = ad.post(edit, url.Values{"url": {"https://example.org/hook"}, "events": {"article.updated"}, "new_secret": {"1"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	got, err := f.store.FindWebhook(ctx, h.ID)
	must(t, err)
	if got.URL != "https://example.org/hook" || got.Active || got.Secret == h.Secret || len(got.Secret) != 64 {
		t.Errorf("after saving a paused webhook with a new secret: %+v", got)
	}
	f.wantAudit(t, "webhook.update", "new secret")

	del := "/admin/webhooks/" + itoa(h.ID) + "/delete"
	resp, body = ad.get(del)
	wantPage(t, resp, body, 200, "Its record of deliveries is erased.", `name="confirm" value="1"`)
	resp, _ = ad.post(del, url.Values{"confirm": {"1"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	if _, err := f.store.FindWebhook(ctx, h.ID); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Errorf("deleted webhook found: %v", err)
	}
	f.wantAudit(t, "webhook.delete", "https://example.org/hook")
	resp, _ = ad.get(edit)
	wantPage(t, resp, "", http.StatusNotFound)
}

func TestWebhooks_AdminsOnly(t *testing.T) {
	f := newFixture(t)
	for _, role := range []herald.Role{herald.RoleEditor, herald.RoleAuthor, herald.RoleContributor} {
		resp, body := f.as(t, role).get("/admin/webhooks")
		wantPage(t, resp, body, http.StatusForbidden)
		if resp, body := f.as(t, role).get("/admin/articles"); resp.StatusCode == 200 && regexp.MustCompile(`/admin/webhooks`).MatchString(body) {
			t.Errorf("%s sees a link to the webhooks", role)
		}
	}
}

func TestDeliveryState(t *testing.T) {
	now := time.Now()
	for want, d := range map[string]herald.WebhookDelivery{
		"Waiting":                  {NextAttemptAt: now},
		"Sending":                  {Attempts: 1, NextAttemptAt: now},
		"Failed 2 times, retrying": {Attempts: 2, NextAttemptAt: now, LastError: "503"},
		"Given up after 1 attempt": {Attempts: 1, LastError: "refused"},
		"Delivered (204)":          {Attempts: 3, DeliveredAt: now, LastStatus: 204},
	} {
		if got := deliveryState(&d); got != want {
			t.Errorf("deliveryState(%+v) = %q, want %q", d, got, want)
		}
	}
}

func TestWebhooks_SendAgain(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ad := f.as(t, herald.RoleAdmin)
	h := &herald.Webhook{URL: "https://example.com/in", Events: herald.WebhookEvents, Active: true,
		Secret: "0123456789abcdef0123456789abcdef"}
	must(t, f.store.CreateWebhook(ctx, h))
	f.addArticle(t, "out", 0, func(a *herald.Article) {
		a.Status, a.PublishedAt = herald.StatusPublished, time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	})
	claimed, err := f.store.ClaimWebhookDeliveries(ctx, time.Now().Add(time.Hour), time.Minute, 10)
	must(t, err)
	if len(claimed) != 1 {
		t.Fatalf("claimed %d deliveries", len(claimed))
	}
	d := claimed[0]
	must(t, f.store.MarkWebhookFailed(ctx, d.ID, 500, "the endpoint answered 500", time.Time{}))
	edit := "/admin/webhooks/" + itoa(h.ID) + "/edit"
	retry := "/admin/webhooks/" + itoa(h.ID) + "/deliveries/" + itoa(d.ID) + "/retry"
	resp, body := ad.get(edit)
	wantPage(t, resp, body, 200, "Given up after 1 attempt", "the endpoint answered 500", `action="`+retry+`"`, "Send again")
	resp, _ = ad.post(retry, url.Values{})
	wantPage(t, resp, "", http.StatusSeeOther)
	wantFlash(t, resp, "Delivery "+itoa(d.ID)+" will be sent again.")
	resp, body = ad.get(edit)
	wantPage(t, resp, body, 200, "Waiting")
	f.wantAudit(t, "webhook.retry", "delivery "+itoa(d.ID))
	resp, _ = ad.post(retry, url.Values{})
	wantPage(t, resp, "", http.StatusSeeOther)
	wantFlash(t, resp, "Delivery "+itoa(d.ID)+" was made or is still being tried.")
	resp, _ = ad.post("/admin/webhooks/"+itoa(h.ID)+"/deliveries/999999/retry", url.Values{})
	wantPage(t, resp, "", http.StatusNotFound)
}

// wantFlash checks the message a response leaves for the next page.
func wantFlash(t *testing.T, resp *http.Response, msg string) {
	t.Helper()
	for _, c := range resp.Cookies() {
		if c.Name == flashCookie && c.Value == url.QueryEscape(msg) {
			return
		}
	}
	t.Errorf("cookies %v, want the flash message %q", resp.Cookies(), msg)
}
