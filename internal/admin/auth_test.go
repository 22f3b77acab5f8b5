package admin

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
)

// browser is a client with cookies that reads CSRF tokens from pages and
// does not follow redirects.
type browser struct {
	t    *testing.T
	srv  *httptest.Server
	http *http.Client
	csrf string
}

var csrfInput = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// newBrowser serves the fixture's newsroom to a fresh browser.
func (f *fixture) newBrowser(t *testing.T) *browser {
	srv := httptest.NewServer(f.admin.Handler())
	t.Cleanup(srv.Close)
	jar, _ := cookiejar.New(nil)
	return &browser{t: t, srv: srv, http: &http.Client{Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// get fetches path and remembers the page's CSRF token.
func (b *browser) get(path string) (*http.Response, string) {
	b.t.Helper()
	resp, err := b.http.Get(b.srv.URL + path)
	must(b.t, err)
	return b.read(resp)
}

// post sends the form with the last page's CSRF token.
func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	if !form.Has("csrf") {
		form.Set("csrf", b.csrf)
	}
	resp, err := b.http.PostForm(b.srv.URL+path, form)
	must(b.t, err)
	return b.read(resp)
}

func (b *browser) read(resp *http.Response) (*http.Response, string) {
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if m := csrfInput.FindStringSubmatch(string(body)); m != nil {
		b.csrf = html.UnescapeString(m[1])
	}
	return resp, string(body)
}

// setPassword gives the fixture user of role a password.
func (f *fixture) setPassword(t *testing.T, role herald.Role, pw string) *herald.User {
	t.Helper()
	u := f.users[role]
	hash, err := auth.HashPassword(pw)
	must(t, err)
	u.PasswordHash = hash
	must(t, f.store.UpdateUser(context.Background(), u))
	return u
}

const testPassword = "correct horse battery"

func wantStatus(t *testing.T, resp *http.Response, body string, status int, contains ...string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("status %d, want %d; body:\n%s", resp.StatusCode, status, body)
	}
	for _, s := range contains {
		if !strings.Contains(body, s) {
			t.Errorf("body does not contain %q:\n%s", s, body)
		}
	}
}

func TestSignIn(t *testing.T) {
	f := newFixture(t)
	f.setPassword(t, herald.RoleEditor, testPassword)
	b := f.newBrowser(t)
	resp, body := b.get("/admin/sign-in?next=/admin/articles")
	wantStatus(t, resp, body, 200, `name="next" value="/admin/articles"`, `autocomplete="current-password"`)

	resp, body = b.post("/admin/sign-in", url.Values{"email": {"editor@example.com"}, "password": {"wrong"}, "next": {"/admin/articles"}})
	wantStatus(t, resp, body, 401, `value="editor@example.com"`, `id="password-error"`, "not right")

	resp, body = b.post("/admin/sign-in", url.Values{"email": {""}, "password": {""}})
	wantStatus(t, resp, body, 400, `id="email-error"`, `id="password-error"`)

	resp, _ = b.post("/admin/sign-in", url.Values{"email": {"Editor@Example.com"}, "password": {testPassword}, "next": {"/admin/articles"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/admin/articles" {
		t.Fatalf("sign-in: %d to %q, want 303 to /admin/articles", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = b.get("/admin/profile")
	wantStatus(t, resp, body, 200, "The editor", "(this browser)")

	resp, _ = b.post("/admin/sign-out", url.Values{})
	if resp.StatusCode != 303 {
		t.Errorf("sign-out: %d", resp.StatusCode)
	}
	if resp, _ = b.get("/admin/profile"); resp.StatusCode != 303 {
		t.Errorf("profile after sign-out: %d, want a redirect to sign-in", resp.StatusCode)
	}
}

func TestSignIn_NoOpenRedirect(t *testing.T) {
	f := newFixture(t)
	f.setPassword(t, herald.RoleAuthor, testPassword)
	for _, next := range []string{"//evil.example/", "https://evil.example/admin/", "/\\evil.example"} {
		b := f.newBrowser(t)
		b.get("/admin/sign-in")
		resp, _ := b.post("/admin/sign-in", url.Values{"email": {"author@example.com"}, "password": {testPassword}, "next": {next}})
		if got := resp.Header.Get("Location"); got != "/admin/" {
			t.Errorf("next %q: redirected to %q, want /admin/", next, got)
		}
	}
}

func TestSignIn_Throttle(t *testing.T) {
	f := newFixture(t)
	f.setPassword(t, herald.RoleEditor, testPassword)
	b := f.newBrowser(t)
	b.get("/admin/sign-in")
	for range auth.MaxFailures {
		b.post("/admin/sign-in", url.Values{"email": {"editor@example.com"}, "password": {"wrong"}})
	}
	resp, body := b.post("/admin/sign-in", url.Values{"email": {"editor@example.com"}, "password": {testPassword}})
	wantStatus(t, resp, body, 429, "Too many failed sign-ins. Try again in 15 minutes.", `value="editor@example.com"`)
	if got := resp.Header.Get("Retry-After"); got != "900" {
		t.Errorf("Retry-After %q, want 900", got)
	}
}

func TestSignIn_CSRF(t *testing.T) {
	f := newFixture(t)
	f.setPassword(t, herald.RoleEditor, testPassword)
	b := f.newBrowser(t)
	b.get("/admin/sign-in")
	resp, _ := b.post("/admin/sign-in", url.Values{"csrf": {"forged"}, "email": {"editor@example.com"}, "password": {testPassword}})
	if resp.StatusCode != 403 {
		t.Errorf("forged token: %d, want 403", resp.StatusCode)
	}
}

func TestSignIn_TwoFactor(t *testing.T) {
	f := newFixture(t)
	u := f.setPassword(t, herald.RoleAdmin, testPassword)
	secret := auth.NewTOTPSecret()
	code, _ := auth.TOTPCode(secret, f.clock.Now())
	recovery, err := f.auth.EnableTOTP(context.Background(), u, secret, code)
	must(t, err)
	b := f.newBrowser(t)
	b.get("/admin/sign-in")
	resp, body := b.post("/admin/sign-in", url.Values{"email": {"admin@example.com"}, "password": {testPassword}, "next": {"/admin/profile"}})
	wantStatus(t, resp, body, 200, "Two-step sign-in", `name="token"`)
	token := regexp.MustCompile(`name="token" value="([^"]+)"`).FindStringSubmatch(body)[1]

	resp, body = b.post("/admin/sign-in/code", url.Values{"token": {token}, "code": {"000000x"}, "next": {"/admin/profile"}})
	wantStatus(t, resp, body, 401, `id="code-error"`)
	resp, _ = b.post("/admin/sign-in/code", url.Values{"token": {"forged.token"}, "code": {code}})
	if resp.StatusCode != 400 {
		t.Errorf("forged step token: %d, want 400", resp.StatusCode)
	}
	resp, _ = b.post("/admin/sign-in/code", url.Values{"token": {token}, "code": {recovery[0]}, "next": {"/admin/profile"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/admin/profile" {
		t.Fatalf("recovery code: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = b.get("/admin/profile")
	wantStatus(t, resp, body, 200, "9 unused recovery codes")
}

// TestSignIn_KeepsText: a form posted after the session ended comes back,
// after signing in again, ready to send with a fresh token.
func TestSignIn_KeepsText(t *testing.T) {
	f := newFixture(t)
	f.setPassword(t, herald.RoleAuthor, testPassword)
	b := f.newBrowser(t)
	b.get("/admin/sign-in")
	b.post("/admin/sign-in", url.Values{"email": {"author@example.com"}, "password": {testPassword}})
	b.get("/admin/profile")
	f.clock.Set(f.clock.Now().Add(auth.DefaultIdleTimeout + time.Minute))

	text := "Line one\nLine <two> & \"three\""
	resp, body := b.post("/admin/profile", url.Values{"name": {"New Name"}, "bio": {text}})
	wantStatus(t, resp, body, 200, "signed out while you worked", `name="keep.bio"`, `name="next" value="/admin/profile"`)
	kept := url.Values{"email": {"author@example.com"}, "password": {testPassword}, "next": {"/admin/profile"},
		"keep.name": {"New Name"}, "keep.bio": {text}}
	resp, body = b.post("/admin/sign-in", kept)
	wantStatus(t, resp, body, 200, `action="/admin/profile"`, `name="bio"`, "Send what I wrote")

	resp, _ = b.post("/admin/profile", url.Values{"name": {"New Name"}, "bio": {text}})
	if resp.StatusCode != 303 {
		t.Fatalf("sending again: %d, want 303", resp.StatusCode)
	}
	got, _ := f.store.FindUser(context.Background(), f.users[herald.RoleAuthor].ID)
	if got.Name != "New Name" || got.Bio != text {
		t.Errorf("saved %q / %q", got.Name, got.Bio)
	}

	// A cross-site post without the ended session's token is not kept.
	other := f.newBrowser(t)
	resp, _ = other.post("/admin/profile", url.Values{"csrf": {"x"}, "bio": {"spam"}})
	if resp.StatusCode != 303 {
		t.Errorf("foreign post: %d, want a plain redirect to sign-in", resp.StatusCode)
	}
}
