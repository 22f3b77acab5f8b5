package auth

import (
	"context"
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// signIn signs u in and returns the session cookie.
func signIn(t *testing.T, a *Auth, u *herald.User, r *http.Request) *http.Cookie {
	t.Helper()
	w := httptest.NewRecorder()
	if _, err := a.SignIn(w, r, u); err != nil {
		t.Fatal(err)
	}
	cs := w.Result().Cookies()
	if len(cs) != 3 || cs[0].Name != CookieName || cs[1].Name != StaffCookie || cs[2].Name != StaffSessionCookie {
		t.Fatalf("got cookies %v, want the session, the staff marker and the staff session", cs)
	}
	if s := cs[2]; !s.HttpOnly || s.Path != "/" || s.MaxAge != cs[0].MaxAge || strings.Contains(s.Value, cs[0].Value) {
		t.Errorf("staff session %+v: want HttpOnly, Path=/, the session's Max-Age, without the session's secret", s)
	}
	if m := cs[1]; m.Value != "1" || m.HttpOnly || m.Path != "/" || m.MaxAge != cs[0].MaxAge {
		t.Errorf("staff marker %+v: want 1, readable by scripts, Path=/, the session's Max-Age", m)
	}
	return cs[0]
}

// withCookie returns a request to the newsroom carrying c.
func withCookie(c *http.Cookie) *http.Request {
	r := httptest.NewRequest("GET", "/admin/", nil)
	r.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	return r
}

func TestAuth_SignInCookie(t *testing.T) {
	a, st, _, u := newTestAuth(t)
	c := signIn(t, a, u, httptest.NewRequest("POST", "/admin/sign-in", nil))
	if c.Name != CookieName || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/admin" || c.Secure {
		t.Errorf("cookie %+v: want herald_session, HttpOnly, SameSite=Lax, Path=/admin, not Secure on plain HTTP", c)
	}
	if c.MaxAge != int(DefaultMaxAge.Seconds()) {
		t.Errorf("cookie Max-Age %d, want the absolute expiry", c.MaxAge)
	}
	for id := range st.sessions {
		if id == c.Value || id != hashToken(c.Value) {
			t.Errorf("stored id %q is not the SHA-256 of the token", id)
		}
	}
	tlsReq := httptest.NewRequest("POST", "/admin/sign-in", nil)
	tlsReq.TLS = &tls.ConnectionState{}
	if c := signIn(t, a, u, tlsReq); !c.Secure {
		t.Error("cookie over TLS is not Secure")
	}
	a.secure = true
	if c := signIn(t, a, u, httptest.NewRequest("POST", "/admin/sign-in", nil)); !c.Secure {
		t.Error("cookie with Options.Secure is not Secure")
	}
}

func TestAuth_SessionExpiry(t *testing.T) {
	tests := []struct {
		name  string
		steps []time.Duration // advance, then use the session
		ok    bool
	}{
		{"fresh", []time.Duration{0}, true},
		{"used within the idle time keeps going", []time.Duration{11 * time.Hour, 11 * time.Hour, 11 * time.Hour}, true},
		{"idle too long", []time.Duration{DefaultIdleTimeout}, false},
		{"past the absolute expiry despite use", []time.Duration{10 * time.Hour, 10 * time.Hour, 10 * time.Hour,
			10 * time.Hour, 10 * time.Hour, 10 * time.Hour, 10 * time.Hour, 10 * time.Hour, 10 * time.Hour,
			10 * time.Hour, 10 * time.Hour, 10 * time.Hour, 10 * time.Hour, 10 * time.Hour, 10 * time.Hour,
			10 * time.Hour, 10 * time.Hour}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, _, clk, u := newTestAuth(t)
			c := signIn(t, a, u, httptest.NewRequest("POST", "/", nil))
			var err error
			for _, d := range tt.steps {
				clk.Advance(d)
				_, _, err = a.Session(withCookie(c))
			}
			if tt.ok && err != nil || !tt.ok && herald.ErrorCode(err) != herald.EUNAUTHORIZED {
				t.Errorf("got %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestAuth_SessionTouch(t *testing.T) {
	a, st, clk, u := newTestAuth(t)
	c := signIn(t, a, u, httptest.NewRequest("POST", "/", nil))
	for range 5 {
		clk.Advance(10 * time.Second)
		if _, got, err := a.Session(withCookie(c)); err != nil || got.ID != u.ID {
			t.Fatalf("session: %v, %v", got, err)
		}
	}
	if st.touches != 0 {
		t.Errorf("touched %d times within a minute, want 0", st.touches)
	}
	clk.Advance(15 * time.Second)
	_, _, _ = a.Session(withCookie(c))
	if st.touches != 1 {
		t.Errorf("touched %d times after a minute, want 1", st.touches)
	}
}

func TestAuth_SignOut(t *testing.T) {
	a, _, _, u := newTestAuth(t)
	ctx := context.Background()
	c1 := signIn(t, a, u, httptest.NewRequest("POST", "/", nil))
	c2 := signIn(t, a, u, httptest.NewRequest("POST", "/", nil))
	c3 := signIn(t, a, u, httptest.NewRequest("POST", "/", nil))
	if ss, _ := a.Sessions(ctx, u.ID); len(ss) != 3 {
		t.Fatalf("got %d sessions, want 3", len(ss))
	}
	w := httptest.NewRecorder()
	if err := a.SignOut(w, withCookie(c1)); err != nil {
		t.Fatal(err)
	}
	if cs := w.Result().Cookies(); len(cs) != 3 || cs[0].MaxAge >= 0 || cs[1].Name != StaffCookie || cs[1].MaxAge >= 0 || cs[2].MaxAge >= 0 {
		t.Errorf("sign-out cookies %v, want the session cookie and the staff marker deleted", cs)
	}
	if _, _, err := a.Session(withCookie(c1)); err == nil {
		t.Error("session still valid after sign-out")
	}
	s2, _, _ := a.Session(withCookie(c2))
	if err := a.SignOutEverywhere(ctx, u.ID, s2.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := a.Session(withCookie(c3)); err == nil {
		t.Error("other session still valid after sign-out everywhere")
	}
	if _, _, err := a.Session(withCookie(c2)); err != nil {
		t.Errorf("the current session ended too: %v", err)
	}
}

func TestAuth_Middleware(t *testing.T) {
	a, _, _, u := newTestAuth(t)
	c := signIn(t, a, u, httptest.NewRequest("POST", "/", nil))
	var got *herald.User
	h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = UserFrom(r.Context()) }))
	h.ServeHTTP(httptest.NewRecorder(), withCookie(c))
	if got == nil || got.ID != u.ID {
		t.Errorf("UserFrom = %v, want user %d", got, u.ID)
	}
	got = nil
	h.ServeHTTP(httptest.NewRecorder(), withCookie(&http.Cookie{Name: CookieName, Value: "forged"}))
	if got != nil {
		t.Errorf("a forged cookie signed in %v", got)
	}
}
