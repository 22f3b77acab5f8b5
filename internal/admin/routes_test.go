package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/herald-news/herald"
)

// TestRoutes_RoleMatrix walks the route table: every route, for every role
// and an anonymous visitor. Nobody signed in is sent to sign-in (unless the
// route is public), a role without the route's permission gets 403, and
// one with it neither of those nor a server error. The article used is
// written by everyone, so ownership never stands in the way here.
func TestRoutes_RoleMatrix(t *testing.T) {
	f := newFixture(t)
	ids := f.matrixIDs(t)
	for _, rt := range f.admin.routes() {
		method, path := routeRequest(rt.pattern, ids)
		for _, role := range append([]herald.Role{""}, roles...) {
			name := strings.ReplaceAll(rt.pattern, "/", "_") + "/" + string(role)
			if role == "" {
				name += "anonymous"
			}
			t.Run(name, func(t *testing.T) {
				c := f.as(t, role)
				var resp *http.Response
				if method == "POST" {
					resp, _ = c.post(path, url.Values{})
				} else {
					resp, _ = c.do(method, path, nil)
				}
				checkAccess(t, rt, role, resp)
			})
		}
	}
}

// checkAccess checks the response of role to a request of rt.
func checkAccess(t *testing.T, rt route, role herald.Role, resp *http.Response) {
	t.Helper()
	loc := resp.Header.Get("Location")
	toSignIn := resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(loc, signInPath+"?")
	switch {
	case role == "" && rt.perm != Public:
		if !toSignIn {
			t.Errorf("anonymous: %d %s, want a redirect to sign-in", resp.StatusCode, loc)
		}
	case role != "" && rt.perm != Public && rt.perm != SignedIn && !role.Can(rt.perm):
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s without %s: %d, want 403", role, rt.perm, resp.StatusCode)
		}
	default:
		// On a public route a 403 is the CSRF or link check, not a role's.
		if toSignIn || resp.StatusCode == http.StatusForbidden && rt.perm != Public || resp.StatusCode >= 500 {
			t.Errorf("%s with %s: %d %s", role, rt.perm, resp.StatusCode, loc)
		}
	}
}

// matrixIDs makes what the routes' path values name and returns them.
func (f *fixture) matrixIDs(t *testing.T) map[string]string {
	ctx := context.Background()
	var authors []int64
	for _, r := range roles {
		authors = append(authors, f.users[r].ID)
	}
	art := &herald.Article{Headline: "Matrix", Slug: "matrix", Language: "en", Status: herald.StatusDraft,
		Body: "One two three.", AuthorIDs: authors, EditorID: authors[0]}
	must(t, f.store.CreateArticle(ctx, art))
	revs, err := f.store.FindRevisions(ctx, art.ID)
	must(t, err)
	id := func(n int64) string { return strconv.FormatInt(n, 10) }
	return map[string]string{"id": id(art.ID), "rev": id(revs[0].ID)}
}

// routeRequest turns a route pattern into a method and a path, filling its
// wildcards from ids; a pattern without a method is tried with GET.
func routeRequest(pattern string, ids map[string]string) (method, path string) {
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		method, path = "GET", pattern
	}
	path = strings.ReplaceAll(path, "{$}", "")
	for k, v := range ids {
		path = strings.ReplaceAll(path, "{"+k+"}", v)
	}
	return method, path
}

// TestGuard_CSRF refuses a POST without the session's token.
func TestGuard_CSRF(t *testing.T) {
	f := newFixture(t)
	c := f.as(t, herald.RoleAdmin)
	resp, body := c.do("POST", "/admin/articles/new", url.Values{"csrf": {"forged"}, "headline": {"X"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "expired") {
		t.Errorf("forged CSRF: %d %q", resp.StatusCode, body)
	}
}

// TestGuard_SignInNext sends an anonymous visitor to sign in and back.
func TestGuard_SignInNext(t *testing.T) {
	f := newFixture(t)
	resp, _ := f.as(t, "").get("/admin/articles?status=draft")
	want := signInPath + "?next=" + url.QueryEscape("/admin/articles?status=draft")
	if got := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || got != want {
		t.Errorf("anonymous: %d %q, want 303 %q", resp.StatusCode, got, want)
	}
}

// TestRoutes_TrailingSlash checks that a screen's address typed with a
// trailing slash leads to the screen, and an unknown one is still a 404.
func TestRoutes_TrailingSlash(t *testing.T) {
	f := newFixture(t)
	c := f.as(t, herald.RoleEditor)
	tests := []struct {
		path     string
		status   int
		location string
	}{
		{"/admin/articles/", http.StatusMovedPermanently, "/admin/articles"},
		{"/admin/sections/", http.StatusMovedPermanently, "/admin/sections"},
		{"/admin/no-such-screen/", http.StatusNotFound, ""},
		{"/admin/no-such-screen", http.StatusNotFound, ""},
	}
	for _, tt := range tests {
		resp, _ := c.do("GET", tt.path, nil)
		if resp.StatusCode != tt.status || resp.Header.Get("Location") != tt.location {
			t.Errorf("GET %s = %d %q, want %d %q", tt.path, resp.StatusCode, resp.Header.Get("Location"), tt.status, tt.location)
		}
	}
}
