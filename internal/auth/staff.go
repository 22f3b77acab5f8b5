package auth

import (
	"net/http"
	"time"
)

// StaffCookie marks a browser where someone is signed in to the newsroom,
// for the public pages' scripts, which cannot know it otherwise: pages are
// cached for everyone and the session cookie is HttpOnly and sent only to
// /admin. It carries no secret and grants nothing; a reader who sets it
// only turns off copy protection (protect.js) in their own browser.
const StaffCookie = "herald_staff"

// staffCookie returns the marker kept as long as the session may live;
// an expired value (maxAge < 0) deletes it.
func (a *Auth) staffCookie(r *http.Request, maxAge time.Duration) *http.Cookie {
	c := &http.Cookie{Name: StaffCookie, Value: "1", Path: "/", MaxAge: int(maxAge.Seconds()),
		SameSite: http.SameSiteLaxMode, Secure: a.secure || r.TLS != nil}
	if maxAge < 0 {
		c.Value, c.MaxAge = "", -1
	}
	return c
}
