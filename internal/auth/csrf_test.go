package auth

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// post returns a form POST with the cookies and the csrf value.
func post(csrf string, cookies ...*http.Cookie) *http.Request {
	r := httptest.NewRequest("POST", "/admin/x", strings.NewReader(url.Values{CSRFField: {csrf}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for _, c := range cookies {
		r.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	return r
}

func TestAuth_CSRFAnonymous(t *testing.T) {
	a, _, _, _ := newTestAuth(t)
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/admin/sign-in", nil)
	tok := a.CSRFToken(w, r)
	if again := a.CSRFToken(w, r); again != tok {
		t.Error("two tokens for one page differ")
	}
	cs := w.Result().Cookies()
	if len(cs) != 1 || cs[0].Name != csrfCookie || !cs[0].HttpOnly || cs[0].SameSite != http.SameSiteLaxMode {
		t.Fatalf("cookies %v: want one HttpOnly SameSite=Lax CSRF cookie", cs)
	}
	other := &http.Cookie{Name: csrfCookie, Value: strings.Repeat("A", 43)}
	tests := []struct {
		name string
		r    *http.Request
		ok   bool
	}{
		{"matching", post(tok, cs[0]), true},
		{"no token", post("", cs[0]), false},
		{"no cookie", post(tok), false},
		{"another cookie", post(tok, other), false},
		{"cookie value as token", post(cs[0].Value, cs[0]), false},
	}
	for _, tt := range tests {
		err := a.CheckCSRF(tt.r)
		if tt.ok != (err == nil) || err != nil && herald.ErrorCode(err) != herald.EFORBIDDEN {
			t.Errorf("%s: got %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}

func TestAuth_CSRFSession(t *testing.T) {
	a, _, _, u := newTestAuth(t)
	c := signIn(t, a, u, httptest.NewRequest("POST", "/", nil))
	page, err := a.Load(withCookie(c))
	if err != nil {
		t.Fatal(err)
	}
	w := httptest.NewRecorder()
	tok := a.CSRFToken(w, page)
	if len(w.Result().Cookies()) != 0 {
		t.Error("a signed-in page set a CSRF cookie")
	}
	ok, _ := a.Load(post(tok, c))
	if err := a.CheckCSRF(ok); err != nil {
		t.Errorf("session token refused: %v", err)
	}
	c2 := signIn(t, a, u, httptest.NewRequest("POST", "/", nil))
	other, _ := a.Load(post(tok, c2))
	if err := a.CheckCSRF(other); herald.ErrorCode(err) != herald.EFORBIDDEN {
		t.Errorf("another session's token: %v, want EFORBIDDEN", err)
	}
	hdr, _ := a.Load(post("", c))
	hdr.Header.Set(CSRFHeader, tok)
	if err := a.CheckCSRF(hdr); err != nil {
		t.Errorf("token in the header refused: %v", err)
	}
}

func TestAuth_CheckEndedSessionCSRF(t *testing.T) {
	a, _, clk, u := newTestAuth(t)
	c := signIn(t, a, u, httptest.NewRequest("POST", "/", nil))
	page, _ := a.Load(withCookie(c))
	tok := a.CSRFToken(httptest.NewRecorder(), page)
	clk.Advance(DefaultIdleTimeout + time.Minute)
	if r, _ := a.Load(post(tok, c)); SessionFrom(r.Context()) != nil {
		t.Fatal("session still live")
	}
	if err := a.CheckEndedSessionCSRF(post(tok, c)); err != nil {
		t.Errorf("ended session's own token: %v", err)
	}
	c2 := signIn(t, a, u, httptest.NewRequest("POST", "/", nil))
	if err := a.CheckEndedSessionCSRF(post(tok, c2)); err == nil {
		t.Error("token of another session accepted")
	}
	if err := a.CheckEndedSessionCSRF(post(tok)); err == nil {
		t.Error("token without a session cookie accepted")
	}
}
