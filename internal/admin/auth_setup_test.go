package admin

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
)

func TestSetup(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	for _, u := range f.users {
		must(t, f.store.DeleteUser(ctx, u.ID))
	}
	// Members without a password, as the demo's authors, cannot sign in:
	// the first admin is still to be made.
	must(t, f.store.CreateUser(ctx, &herald.User{Name: "Demo Author", Slug: "demo-author", Email: "demo@example.org", Role: herald.RoleEditor}))
	tok := f.auth.SetupToken(auth.SetupLinkTTL)
	b := f.newBrowser(t)
	resp, body := b.get("/admin/setup?token=forged")
	wantStatus(t, resp, body, 403, "not valid")

	resp, body = b.get("/admin/setup?token=" + url.QueryEscape(tok))
	wantStatus(t, resp, body, 200, "Set up the newsroom", `autocomplete="new-password"`)
	resp, body = b.post("/admin/setup", url.Values{"token": {tok}, "name": {"Ann Admin"}, "email": {"ann@example.com"},
		"password": {"password123"}, "confirm": {"password123"}})
	wantStatus(t, resp, body, 400, `value="Ann Admin"`, `value="ann@example.com"`, "too common", `id="password-error"`)
	resp, body = b.post("/admin/setup", url.Values{"token": {tok}, "name": {"Ann Admin"}, "email": {"ann@example.com"},
		"password": {testPassword}, "confirm": {testPassword + "x"}})
	wantStatus(t, resp, body, 400, `id="confirm-error"`)
	resp, _ = b.post("/admin/setup", url.Values{"token": {tok}, "name": {"Ann Admin"}, "email": {"ann@example.com"},
		"password": {testPassword}, "confirm": {testPassword}})
	if resp.StatusCode != 303 {
		t.Fatalf("setup: %d", resp.StatusCode)
	}
	us, _ := f.store.FindUsers(ctx, herald.UserFilter{Email: "ann@example.com"})
	if len(us) != 1 || us[0].Role != herald.RoleAdmin || us[0].Slug != "ann-admin" || !auth.CheckPassword(us[0].PasswordHash, testPassword) {
		t.Fatalf("first admin: %+v", us)
	}
	resp, body = b.get("/admin/profile")
	wantStatus(t, resp, body, 200, "Ann Admin")
	if evs, _, _ := f.store.FindAuditEvents(ctx, herald.AuditFilter{Action: "user.create"}); len(evs) != 1 {
		t.Errorf("audit: %d user.create events, want 1", len(evs))
	}
	resp, body = f.newBrowser(t).get("/admin/setup?token=" + url.QueryEscape(tok))
	wantStatus(t, resp, body, 410, "already set up")
}

func TestReset(t *testing.T) {
	f := newFixture(t)
	f.setPassword(t, herald.RoleEditor, testPassword)
	b := f.newBrowser(t)
	resp, body := b.get("/admin/reset")
	wantStatus(t, resp, body, 200, "Forgotten password")
	resp, body = b.post("/admin/reset/request", url.Values{"email": {"nobody@example.com"}})
	wantStatus(t, resp, body, 200, "If an account uses nobody@example.com")
	if strings.Contains(f.logs.String(), "reset") {
		t.Errorf("a link was logged for an unknown address:\n%s", f.logs)
	}
	resp, body = b.post("/admin/reset/request", url.Values{"email": {"editor@example.com"}})
	wantStatus(t, resp, body, 200, "If an account uses editor@example.com")
	m := regexp.MustCompile(`level=WARN .*link="?(http://[^"\s]+/admin/reset\?token=[^"\s]+)`).FindStringSubmatch(f.logs.String())
	if m == nil {
		t.Fatalf("no reset link in the log:\n%s", f.logs)
	}
	link, _ := url.Parse(m[1])
	resp, body = b.get(link.RequestURI())
	wantStatus(t, resp, body, 200, "Choose a password")
	tok := link.Query().Get("token")
	resp, body = b.post("/admin/reset", url.Values{"token": {tok}, "password": {"short"}, "confirm": {"short"}})
	wantStatus(t, resp, body, 400, "at least 10 characters")
	resp, _ = b.post("/admin/reset", url.Values{"token": {tok}, "password": {"a brand new passphrase"}, "confirm": {"a brand new passphrase"}})
	if resp.StatusCode != 303 {
		t.Fatalf("reset: %d", resp.StatusCode)
	}
	resp, body = f.newBrowser(t).get(link.RequestURI())
	wantStatus(t, resp, body, 403, "not valid")
}

func TestReset_Throttle(t *testing.T) {
	f := newFixture(t)
	b := f.newBrowser(t)
	b.get("/admin/reset")
	var last string
	for range auth.MaxFailures + 1 {
		_, last = b.post("/admin/reset/request", url.Values{"email": {"x@example.com"}})
	}
	if !strings.Contains(last, "Too many reset requests") {
		t.Errorf("after %d requests: %s", auth.MaxFailures+1, last)
	}
}
