package admin

import (
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/httpx"
)

// Pseudo-permissions for routes that every role, or everyone, may use.
const (
	// SignedIn routes need a signed-in user of any role.
	SignedIn herald.Permission = "signed_in"
	// Public routes need nobody signed in: sign-in, setup, password reset.
	Public herald.Permission = "public"
)

// Limits on request bodies, applied before the CSRF check reads them.
const (
	maxFormBytes   = 2 << 20  // a form: an article body is at most 1 MiB
	maxUploadBytes = 32 << 20 // a multipart upload
)

// route is one newsroom URL: a net/http pattern, the permission a user needs
// for it, and the handler. Handlers check ownership (an author's own
// article) themselves; the permission here is what the route needs at least.
type route struct {
	pattern string
	perm    herald.Permission
	handle  httpx.HandlerFunc
}

// routes is the newsroom's route table. Each screen's file has one function
// returning its routes; add yours to this list.
func (a *Admin) routes() []route {
	return slices.Concat(
		a.homeRoutes(),
		a.authRoutes(),
		a.profileRoutes(),
		a.articleRoutes(),
		a.sectionRoutes(),
		a.tagRoutes(),
		a.storyRoutes(),
		a.mediaRoutes(),
		a.commentRoutes(),
		a.commentPrivacyRoutes(),
		a.userRoutes(),
		a.settingsRoutes(),
		a.webhookRoutes(),
		a.auditRoutes(),
	)
}

// homeRoutes are the newsroom's entry and its catch-all.
func (a *Admin) homeRoutes() []route {
	return []route{
		{"GET /admin/{$}", SignedIn, a.home},
		{"/admin/", SignedIn, a.notFound},
	}
}

// mux serves the route table, each route behind its guard.
func (a *Admin) mux() *http.ServeMux {
	mux := http.NewServeMux()
	for _, rt := range a.routes() {
		mux.Handle(rt.pattern, a.guard(rt))
	}
	return mux
}

// guard checks, before rt's handler runs, that someone with rt's permission
// is signed in and that a POST carries the CSRF token. Nobody signed in is
// sent to the sign-in page; a signed-in user without the permission gets a
// 403 page.
func (a *Admin) guard(rt route) http.Handler {
	h := a.errs.Handle(rt.handle)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Screens show drafts and accounts: no cache may keep them. The
		// security headers (CSP, frame-ancestors 'none', …) are the server's.
		w.Header().Set("Cache-Control", "no-store")
		r.Body = http.MaxBytesReader(w, r.Body, bodyLimit(r))
		r, err := a.auth.Load(r)
		if err != nil {
			a.errs.Error(w, r, err)
			return
		}
		user := currentUser(r)
		if user == nil && rt.perm != Public {
			if !a.signInToContinue(w, r) {
				a.signIn(w, r)
			}
			return
		}
		if rt.perm != Public && rt.perm != SignedIn && !user.Role.Can(rt.perm) {
			a.errs.Error(w, r, herald.Errorf(herald.EFORBIDDEN, "Your role may not open this page."))
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			if err := a.auth.CheckCSRF(r); err != nil {
				a.errs.Error(w, r, err)
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}

// bodyLimit is the most r's body may hold.
func bodyLimit(r *http.Request) int64 {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		return maxUploadBytes
	}
	return maxFormBytes
}

// signInPath is the sign-in page's path.
const signInPath = "/admin/sign-in"

// signIn sends a visitor who is not signed in to the sign-in page, which
// brings them back to where they were going.
func (a *Admin) signIn(w http.ResponseWriter, r *http.Request) {
	next := r.URL.Path
	if r.Method == http.MethodGet && r.URL.RawQuery != "" {
		next += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, signInPath+"?next="+url.QueryEscape(next), http.StatusSeeOther)
}

// currentUser returns the user signed in on r, nil on a public route when
// nobody is.
func currentUser(r *http.Request) *herald.User {
	return auth.UserFrom(r.Context())
}

// home is the newsroom's front door: the article list.
func (a *Admin) home(w http.ResponseWriter, r *http.Request) error {
	http.Redirect(w, r, "/admin/articles", http.StatusSeeOther)
	return nil
}

// notFound answers a newsroom path that matches no route. A GET of a
// screen's address with a trailing slash, as people type it after using the
// public site, is sent to the screen.
func (a *Admin) notFound(w http.ResponseWriter, r *http.Request) error {
	if trimmed := strings.TrimSuffix(r.URL.Path, "/"); r.Method == http.MethodGet && trimmed != r.URL.Path {
		screen := &http.Request{Method: http.MethodGet, URL: &url.URL{Path: trimmed}}
		if _, pattern := a.handler.Handler(screen); pattern != "/admin/" {
			http.Redirect(w, r, trimmed, http.StatusMovedPermanently)
			return nil
		}
	}
	return herald.Errorf(herald.ENOTFOUND, "There is no newsroom page at %s.", r.URL.Path)
}
