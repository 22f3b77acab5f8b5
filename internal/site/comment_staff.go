package site

import (
	"net/http"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
)

// StaffFinder tells which member of staff, if any, is signed in to the
// newsroom in the browser that sent a request; *auth.Auth is one. The
// newsroom's session cookie stays under /admin, so the public site never
// sees it: it sees auth.StaffSessionCookie, which names the session, and
// the finder checks that session in the store.
type StaffFinder interface {
	Staff(r *http.Request) (*herald.User, error)
}

// signedIn returns the member of staff signed in in r's browser, nil for
// a reader. Pages for staff are personal (see personal), so readers'
// pages are still cached.
func (s *Site) signedIn(r *http.Request) *herald.User {
	if s.staff == nil {
		return nil
	}
	if _, err := r.Cookie(auth.StaffSessionCookie); err != nil {
		return nil
	}
	u, err := s.staff.Staff(r)
	if err != nil {
		if herald.ErrorCode(err) != herald.EUNAUTHORIZED {
			s.logger.WarnContext(r.Context(), "finding the signed-in member of staff", "err", err)
		}
		return nil
	}
	return u
}
