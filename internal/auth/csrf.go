package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"

	"github.com/herald-news/herald"
)

// CSRFField is the name of the hidden form field carrying the CSRF token.
const CSRFField = "csrf"

// CSRFHeader is the request header that may carry the token instead, for
// scripts.
const CSRFHeader = "X-CSRF-Token"

// csrfCookie holds the random value that anonymous forms (sign-in, setup,
// reset) are bound to: a signed double-submit cookie.
const csrfCookie = "herald_csrf"

var errCSRF = &herald.Error{Code: herald.EFORBIDDEN,
	Message: "This form has expired or did not come from this site. Reload the page and try again."}

// CSRFToken returns the token to put in the forms of the request's page:
// bound to the session when someone is signed in (see Load), otherwise to
// a random cookie that it sets on w when the request has none.
func (a *Auth) CSRFToken(w http.ResponseWriter, r *http.Request) string {
	if s := SessionFrom(r.Context()); s != nil {
		return a.csrfMAC("session:" + s.ID)
	}
	if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		return a.csrfMAC("anon:" + c.Value)
	}
	v := base64.RawURLEncoding.EncodeToString(randomBytes(32))
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: v, Path: cookiePath,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.secure || r.TLS != nil})
	// Later calls in the same request must give the same token.
	r.AddCookie(&http.Cookie{Name: csrfCookie, Value: v})
	return a.csrfMAC("anon:" + v)
}

// CheckCSRF returns an EFORBIDDEN error unless the request carries the
// token CSRFToken gave its page, in the form field "csrf" or the
// X-CSRF-Token header. A signed-in request must carry its session's token.
func (a *Auth) CheckCSRF(r *http.Request) error {
	got := r.Header.Get(CSRFHeader)
	if got == "" {
		got = r.PostFormValue(CSRFField)
	}
	if got == "" {
		return errCSRF
	}
	var want string
	if s := SessionFrom(r.Context()); s != nil {
		want = a.csrfMAC("session:" + s.ID)
	} else if c, err := r.Cookie(csrfCookie); err == nil && len(c.Value) >= 32 {
		want = a.csrfMAC("anon:" + c.Value)
	} else {
		return errCSRF
	}
	if !hmac.Equal([]byte(got), []byte(want)) {
		return errCSRF
	}
	return nil
}

// CheckEndedSessionCSRF returns an EFORBIDDEN error unless the request
// carries the token of the session named by its session cookie, even
// though that session has ended. It shows that a form posted after the
// session expired came from this site, so that what was typed in it can be
// kept through signing in again.
func (a *Auth) CheckEndedSessionCSRF(r *http.Request) error {
	c, err := r.Cookie(CookieName)
	got := r.PostFormValue(CSRFField)
	if err != nil || c.Value == "" || got == "" {
		return errCSRF
	}
	if !hmac.Equal([]byte(got), []byte(a.csrfMAC("session:"+hashToken(c.Value)))) {
		return errCSRF
	}
	return nil
}

// csrfMAC returns the token for a binding.
func (a *Auth) csrfMAC(binding string) string {
	m := hmac.New(sha256.New, a.csrfKey)
	m.Write([]byte(binding))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}
