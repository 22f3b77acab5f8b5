package admin

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/clocktest"
	"github.com/herald-news/herald/internal/media"
	"github.com/herald-news/herald/internal/sqlstore"
)

// fixture is a newsroom over a real SQLite store with one user per role.
type fixture struct {
	store *sqlstore.Store
	auth  *auth.Auth
	admin *Admin
	clock *clocktest.Clock
	users map[herald.Role]*herald.User
	logs  *bytes.Buffer
}

// roles are the newsroom's roles, most powerful first.
var roles = []herald.Role{herald.RoleAdmin, herald.RoleEditor, herald.RoleAuthor, herald.RoleContributor}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newFixture opens a fresh store with one user of each role.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{clock: clocktest.New(time.Date(2024, 3, 20, 12, 0, 0, 0, time.UTC)),
		users: map[herald.Role]*herald.User{}, logs: &bytes.Buffer{}}
	dir := t.TempDir()
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: filepath.Join(dir, "herald.db"), Now: f.clock.Now})
	must(t, err)
	t.Cleanup(func() { st.Close() })
	_, err = st.Migrate(ctx)
	must(t, err)
	f.store = st
	for _, role := range roles {
		u := &herald.User{Name: "The " + string(role), Slug: string(role), Email: string(role) + "@example.com", Role: role}
		must(t, st.CreateUser(ctx, u))
		f.users[role] = u
	}
	logger := slog.New(slog.NewTextHandler(f.logs, nil))
	f.auth, err = auth.New(ctx, auth.Options{Store: st, Now: f.clock.Now, Logger: logger})
	must(t, err)
	lib, err := media.NewLibrary(filepath.Join(dir, "media"))
	must(t, err)
	f.admin, err = New(Options{Store: st, Auth: f.auth, Media: lib, Now: f.clock.Now, Logger: logger})
	must(t, err)
	return f
}

// client is a browser: a user's session cookie and CSRF token, or none.
type client struct {
	f      *fixture
	cookie *http.Cookie
	csrf   string
}

// as returns a client signed in as the user of role; "" is anonymous.
func (f *fixture) as(t testing.TB, role herald.Role) *client {
	t.Helper()
	c := &client{f: f}
	if role == "" {
		return c
	}
	rec := httptest.NewRecorder()
	_, err := f.auth.SignIn(rec, httptest.NewRequest("GET", "/admin/sign-in", nil), f.users[role])
	must(t, err)
	c.cookie = rec.Result().Cookies()[0]
	r := httptest.NewRequest("GET", "/admin/", nil)
	r.AddCookie(c.cookie)
	r, err = f.auth.Load(r)
	must(t, err)
	c.csrf = f.auth.CSRFToken(httptest.NewRecorder(), r)
	return c
}

// do sends a request to the newsroom and returns the response with its body.
func (c *client) do(method, path string, form url.Values) (*http.Response, string) {
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, path, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if c.cookie != nil {
		r.AddCookie(c.cookie)
	}
	rec := httptest.NewRecorder()
	c.f.admin.Handler().ServeHTTP(rec, r)
	resp := rec.Result()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// get sends a GET.
func (c *client) get(path string) (*http.Response, string) {
	return c.do("GET", path, nil)
}

// post sends a form with the client's CSRF token.
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	if form == nil {
		form = url.Values{}
	}
	if c.csrf != "" && !form.Has(auth.CSRFField) {
		form.Set(auth.CSRFField, c.csrf)
	}
	return c.do("POST", path, form)
}
