package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
)

// TestRoutes_CSRF walks the route table: every request that may change
// state (a route for any method but GET and HEAD, or for every method)
// without the CSRF token, with a forged one, or with another session's, is
// refused with 403 before its handler runs, and nothing is changed.
func TestRoutes_CSRF(t *testing.T) {
	f := newFixture(t)
	ids := f.matrixIDs(t)
	ctx := context.Background()
	before, err := f.store.FindSettings(ctx)
	must(t, err)
	admin, other := f.as(t, herald.RoleAdmin), f.as(t, herald.RoleEditor)
	checked := 0
	for _, rt := range f.admin.routes() {
		method, path := routeRequest(rt.pattern, ids)
		if method == http.MethodGet || method == http.MethodHead {
			if strings.Contains(rt.pattern, " ") {
				continue
			}
			method = http.MethodPost // the pattern takes every method
		}
		c := admin
		if rt.perm == Public {
			c = f.as(t, "")
		}
		checked++
		for _, token := range []string{"", "forged", other.csrf} {
			form := url.Values{"headline": {"Forged"}, "title": {"Forged"}, "name": {"Forged"}, "confirm": {"1"}}
			if token != "" {
				form.Set(auth.CSRFField, token)
			}
			if resp, body := c.do(method, path, form); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s %s with token %q: %d, want 403\n%.300s", method, path, token, resp.StatusCode, body)
			}
		}
	}
	if checked < 30 {
		t.Fatalf("only %d state-changing routes found; the walk is broken", checked)
	}
	after, err := f.store.FindSettings(ctx)
	must(t, err)
	art, err := f.store.FindArticle(ctx, mustID(t, ids["id"]))
	must(t, err)
	if after.Title != before.Title || art.Version != 1 || art.Headline != "Matrix" {
		t.Errorf("refused requests changed something: title %q, article %q version %d", after.Title, art.Headline, art.Version)
	}
}

// openRedirects are next and back values that a browser would follow to
// another site, or that try to.
var openRedirects = []string{
	"//evil.example", "//evil.example/admin/", "///evil.example", "https://evil.example", "https://evil.example/admin/",
	"http:/evil.example", "https:evil.example", "/\\evil.example", "\\\\evil.example", "/%5Cevil.example",
	"%2F%2Fevil.example", "/%2F%2Fevil.example", " //evil.example", "\t//evil.example", "/\t/evil.example",
	"/admin/../..//evil.example", "/admin/comments/..//evil.example", "/admin/comments\\..\\..\\\\evil.example",
	"/admin@evil.example", "evil.example", "javascript:alert(1)", "/admin/comments\r\nLocation: https://evil.example",
	"data:text/html,<script>alert(1)</script>",
}

// TestRedirects_StayOnSite sends each open-redirect attempt through every
// parameter that picks where the newsroom sends someone next: sign-in's
// "next" (signed out and signed in) and the comment queue's "back". Each
// answer stays on the site.
func TestRedirects_StayOnSite(t *testing.T) {
	f := newFixture(t)
	f.setPassword(t, herald.RoleEditor, testPassword)
	editor := f.as(t, herald.RoleEditor)
	for _, target := range openRedirects {
		b := f.newBrowser(t)
		b.get("/admin/sign-in")
		resp, _ := b.post("/admin/sign-in", url.Values{"email": {"editor@example.com"}, "password": {testPassword}, "next": {target}})
		checkOnSite(t, "sign-in next", target, resp)
		resp, _ = b.get("/admin/sign-in?next=" + url.QueryEscape(target))
		checkOnSite(t, "signed-in next", target, resp)
		resp, _ = editor.post("/admin/comments", url.Values{"back": {target}, "action": {"approve"}})
		checkOnSite(t, "comment queue back", target, resp)
	}
}

// checkOnSite fails t unless resp redirects to a page of this site, as a
// browser reads the Location: leading blanks and controls dropped, a
// backslash taken for a slash.
func checkOnSite(t *testing.T, param, target string, resp *http.Response) {
	t.Helper()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || loc == "" {
		t.Errorf("%s %q: status %d, want a redirect", param, target, resp.StatusCode)
		return
	}
	read := strings.ReplaceAll(strings.TrimLeft(loc, " \t\r\n\x00"), "\\", "/")
	base, _ := url.Parse("https://news.example/admin/sign-in")
	u, err := url.Parse(read)
	if err != nil || !strings.HasPrefix(read, "/") || base.ResolveReference(u).Host != "news.example" {
		t.Errorf("%s %q: redirected off the site to %q", param, target, loc)
	}
}

// mustID parses a fixture id.
func mustID(t *testing.T, s string) int64 {
	t.Helper()
	n, err := parseInt(s)
	must(t, err)
	return n
}
