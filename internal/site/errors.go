package site

import (
	"fmt"
	"html"
	"net/http"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
)

// maxRedirectFrom is the longest path looked up in the redirects table.
const maxRedirectFrom = 2000

// errorView is the page shown for a 404, a 410 or a bad request.
type errorView struct {
	chrome
	Status  int
	Heading string
	Message string
}

func (errorView) template() string { return "error" }

// errorPage answers a failed request: a path in the redirects table is
// redirected, server errors get a plain apology, the rest a page in the
// site's look.
func (s *Site) errorPage(w http.ResponseWriter, r *http.Request, e httpx.ErrorInfo) {
	if e.Status == http.StatusNotFound && s.redirectFromTable(w, r) {
		return
	}
	if e.Status >= http.StatusInternalServerError {
		s.apology(w, e)
		return
	}
	body, err := s.renderError(r, e.Status)
	if err != nil {
		e.RequestID = httpx.RequestID(w, r)
		s.logger.ErrorContext(r.Context(), "rendering error page", "request_id", e.RequestID, "err", err)
		s.apology(w, e)
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	httpx.WriteHTML(w, e.Status, body)
}

// redirectFromTable answers with a 301 when the redirects table has the
// request's path, with or without its trailing slash.
func (s *Site) redirectFromTable(w http.ResponseWriter, r *http.Request) bool {
	p := r.URL.Path
	if len(p) > maxRedirectFrom || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		return false
	}
	other := strings.TrimSuffix(p, "/")
	if other == p {
		other += "/"
	}
	for _, from := range []string{p, other} {
		rd, err := s.store.FindRedirect(r.Context(), from)
		if err == nil {
			http.Redirect(w, r, rd.To, http.StatusMovedPermanently)
			return true
		}
		if herald.ErrorCode(err) != herald.ENOTFOUND {
			s.logger.WarnContext(r.Context(), "finding redirect", "path", from, "err", err)
			return false
		}
	}
	return false
}

// renderError renders the error page for status in the site's look.
func (s *Site) renderError(r *http.Request, status int) ([]byte, error) {
	e, err := s.newEnv(r)
	if err != nil {
		return nil, err
	}
	v := errorView{Status: status}
	v.chrome = e.chrome("", "")
	t := v.chrome.T
	switch status {
	case http.StatusNotFound:
		v.Heading, v.Message = t.NotFound, t.NotFoundText
	case http.StatusGone:
		v.Heading, v.Message = t.Gone, t.GoneText
	default:
		v.Heading, v.Message = t.BadRequest, http.StatusText(status)
	}
	v.Title = v.Heading + " — " + v.SiteTitle
	v.Canonical = ""
	return s.renderPage(v)
}

// apology is the page for a server error. It needs nothing from the store,
// which may be what failed.
const apology = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Something went wrong</title>
<link rel="stylesheet" href="%s">
<link rel="icon" href="%s" type="image/svg+xml">
</head>
<body>
<main id="content" class="apology">
<h1>Something went wrong</h1>
<p>Sorry: something went wrong on our side and this page could not be shown. Please try again in a moment.</p>
<p>If it keeps happening, tell us this request id: <code>%s</code>.</p>
<p><a href="/">Go to the front page</a></p>
</main>
</body>
</html>
`

// apology writes the plain apology for a server error.
func (s *Site) apology(w http.ResponseWriter, e httpx.ErrorInfo) {
	body := fmt.Sprintf(apology, s.assets.Path("site.css"), s.assets.Path("favicon.svg"), html.EscapeString(e.RequestID))
	w.Header().Set("Cache-Control", "no-store")
	httpx.WriteHTML(w, e.Status, []byte(body))
}
