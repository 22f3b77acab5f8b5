package auth

import (
	"context"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/herald-news/herald"
)

// ctxKey is the type of the request-context keys of this package.
type ctxKey int

const (
	userKey ctxKey = iota
	sessionKey
)

// WithUser returns a context carrying the signed-in user and session.
func WithUser(ctx context.Context, u *herald.User, s *herald.Session) context.Context {
	return context.WithValue(context.WithValue(ctx, userKey, u), sessionKey, s)
}

// UserFrom returns the signed-in user of the request context, nil for an
// anonymous visitor.
func UserFrom(ctx context.Context) *herald.User {
	u, _ := ctx.Value(userKey).(*herald.User)
	return u
}

// SessionFrom returns the session of the request context, nil for an
// anonymous visitor.
func SessionFrom(ctx context.Context) *herald.Session {
	s, _ := ctx.Value(sessionKey).(*herald.Session)
	return s
}

// Load returns r with the signed-in user and session in its context; an
// anonymous request comes back unchanged.
func (a *Auth) Load(r *http.Request) (*http.Request, error) {
	s, u, err := a.Session(r)
	if isUnauthorized(err) {
		return r, nil
	}
	if err != nil {
		return r, err
	}
	return r.WithContext(WithUser(r.Context(), u, s)), nil
}

// Middleware loads the session and user of every request into its
// context (see UserFrom); it does not require anyone to be signed in.
func (a *Auth) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r2, err := a.Load(r)
		if err != nil {
			a.logger.ErrorContext(r.Context(), "load session", "err", err)
			http.Error(w, herald.ErrorMessage(err), http.StatusInternalServerError)
			return
		}
		next.ServeHTTP(w, r2)
	})
}

// SafeReturn returns target when it is a path inside the newsroom
// (/admin/…), and "/admin/" otherwise, so that a "return to" parameter can
// never send someone to another site.
func SafeReturn(target string) string {
	const home = "/admin/"
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" ||
		strings.ContainsAny(target, "\\\r\n\t") || !strings.HasPrefix(target, "/") || strings.HasPrefix(target, "//") {
		return home
	}
	clean := path.Clean(u.Path)
	if clean != "/admin" && !strings.HasPrefix(clean, home) {
		return home
	}
	if strings.HasSuffix(u.Path, "/") && clean != "/" {
		clean += "/"
	}
	if clean == "/admin" {
		clean = home
	}
	u.Path = clean
	u.RawPath = ""
	u.Fragment = ""
	return u.String()
}
