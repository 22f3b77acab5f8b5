package auth

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// staffRequest returns a public request carrying the staff session cookie
// with value.
func staffRequest(value string) *http.Request {
	r := httptest.NewRequest("GET", "/2026/03/01/a/", nil)
	r.AddCookie(&http.Cookie{Name: StaffSessionCookie, Value: value})
	return r
}

func TestAuth_Staff(t *testing.T) {
	a, _, clk, u := newTestAuth(t)
	w := httptest.NewRecorder()
	if _, err := a.SignIn(w, httptest.NewRequest("POST", "/admin/sign-in", nil), u); err != nil {
		t.Fatal(err)
	}
	var session, staff *http.Cookie
	for _, c := range w.Result().Cookies() {
		switch c.Name {
		case CookieName:
			session = c
		case StaffSessionCookie:
			staff = c
		}
	}
	if got, err := a.Staff(staffRequest(staff.Value)); err != nil || got.ID != u.ID {
		t.Fatalf("Staff = %v, %v; want %s", got, err, u.Name)
	}
	id, _, _ := strings.Cut(staff.Value, ".")
	for name, value := range map[string]string{
		"no cookie":       "",
		"forged mac":      id + ".AAAA",
		"no mac":          id,
		"session token":   session.Value + "." + a.staffMAC(session.Value),
		"unknown, signed": "0000." + a.staffMAC("0000"),
	} {
		r := staffRequest(value)
		if value == "" {
			r = httptest.NewRequest("GET", "/", nil)
		}
		if _, err := a.Staff(r); herald.ErrorCode(err) != herald.EUNAUTHORIZED {
			t.Errorf("%s: err %v, want unauthorized", name, err)
		}
	}
	// Signing out ends it, as does the session's idle timeout.
	w = httptest.NewRecorder()
	if err := a.SignOut(w, withCookie(session)); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Staff(staffRequest(staff.Value)); herald.ErrorCode(err) != herald.EUNAUTHORIZED {
		t.Errorf("after sign-out: err %v", err)
	}
	w = httptest.NewRecorder()
	if _, err := a.SignIn(w, httptest.NewRequest("POST", "/admin/sign-in", nil), u); err != nil {
		t.Fatal(err)
	}
	staff = w.Result().Cookies()[2]
	clk.Advance(DefaultIdleTimeout + time.Minute)
	if _, err := a.Staff(staffRequest(staff.Value)); herald.ErrorCode(err) != herald.EUNAUTHORIZED {
		t.Errorf("after the idle timeout: err %v", err)
	}
}
