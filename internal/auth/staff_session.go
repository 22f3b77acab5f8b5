package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

// StaffSessionCookie tells the public site who of the staff is signed in
// in a browser, so that they comment under their own name. The session
// cookie is sent only to /admin, so that the newsroom's secret never
// travels with public requests; this HttpOnly cookie at / carries the
// session's stored id — the hash of its secret token, which signs nobody
// in to the newsroom — signed with a key of the server secret, and Staff
// checks that session in the store. The site treats a browser sending it
// as personal: its pages are neither cached nor served from the cache.
const StaffSessionCookie = "herald_staff_session"

// staffSessionCookie returns the cookie naming session id, kept as long as
// the session may live; an expired value (maxAge < 0) deletes it.
func (a *Auth) staffSessionCookie(r *http.Request, id string, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{Name: StaffSessionCookie, Value: id + "." + a.staffMAC(id), Path: "/", MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: a.secure || r.TLS != nil}
	if maxAge < 0 {
		c.Value, c.MaxAge = "", -1
	}
	return c
}

// staffMAC signs a session id for StaffSessionCookie.
func (a *Auth) staffMAC(id string) string {
	m := hmac.New(sha256.New, a.tokenKey)
	m.Write([]byte("staff session\x00" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Staff returns the member of staff whose live session the request's
// StaffSessionCookie names, or an EUNAUTHORIZED error when there is none,
// the cookie is forged, or the session has ended. The SameSite=Lax cookie
// is not sent with other sites' POSTs.
func (a *Auth) Staff(r *http.Request) (*herald.User, error) {
	c, err := r.Cookie(StaffSessionCookie)
	if err != nil {
		return nil, errNoSession
	}
	id, mac, ok := strings.Cut(c.Value, ".")
	if !ok || id == "" || !hmac.Equal([]byte(mac), []byte(a.staffMAC(id))) {
		return nil, errNoSession
	}
	_, u, err := a.liveSession(r.Context(), id)
	return u, err
}
