package admin

import (
	"bytes"
	"fmt"
	"html"
	"net/http"
	"net/url"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
)

// chrome is what every newsroom page shows around its content. Page structs
// embed it; a.chrome fills it.
type chrome struct {
	Title     string // the page's heading and document title
	Lang      string
	SiteTitle string
	CSS, JS   string
	Icon      string
	User      *herald.User // nil on public pages when nobody is signed in
	Nav       []navLink
	CSRF      string // the token every POST form sends as csrf
	Flash     string // a message from the previous request, e.g. "Saved."
	Settings  herald.Settings
}

// navLink is an entry of the newsroom navigation.
type navLink struct {
	Name    string
	URL     string
	Current bool
	Count   int    // a number to show beside the name, such as comments pending; 0 for none
	Counted string // what Count counts, for screen readers
}

// navEntry is a newsroom screen in the navigation and what it needs.
type navEntry struct {
	name, url string
	perm      herald.Permission
}

// navigation lists the newsroom's screens in the order shown.
var navigation = []navEntry{
	{"Articles", "/admin/articles", herald.PermEditOwnArticles},
	{"Sections", "/admin/sections", herald.PermManageTaxonomy},
	{"Tags", "/admin/tags", herald.PermManageTaxonomy},
	{"Stories", "/admin/stories", herald.PermManageTaxonomy},
	{"Media", "/admin/media", herald.PermUploadMedia},
	{"Comments", "/admin/comments", herald.PermModerate},
	{"Users", "/admin/users", herald.PermManageUsers},
	{"Settings", "/admin/settings", herald.PermManageSettings},
	{"Webhooks", "/admin/webhooks", herald.PermManageSettings},
	{"Audit log", "/admin/audit", herald.PermReadAudit},
	{"Profile", "/admin/profile", SignedIn},
}

// chrome returns the frame of a page titled title for r's user. It reads
// the settings and takes the flash message of the previous request.
func (a *Admin) chrome(w http.ResponseWriter, r *http.Request, title string) (chrome, error) {
	settings, err := a.store.FindSettings(r.Context())
	if err != nil {
		return chrome{}, err
	}
	c := chrome{
		Title: title, Lang: "en", SiteTitle: settings.Title, Settings: settings,
		CSS: a.assets.Path("admin.css"), JS: a.assets.Path("admin.js"), Icon: a.assets.Path("favicon.svg"),
		User: currentUser(r), CSRF: a.auth.CSRFToken(w, r), Flash: takeFlash(w, r),
	}
	if c.User != nil {
		c.Nav = nav(c.User.Role, r.URL.Path)
		if err := a.countPending(r, c.Nav); err != nil {
			return chrome{}, err
		}
	}
	return c, nil
}

// nav is the navigation shown to a user of role on the page at path.
func nav(role herald.Role, path string) []navLink {
	var out []navLink
	for _, e := range navigation {
		if e.perm == SignedIn || role.Can(e.perm) {
			cur := path == e.url || len(path) > len(e.url) && path[:len(e.url)+1] == e.url+"/"
			out = append(out, navLink{Name: e.name, URL: e.url, Current: cur})
		}
	}
	return out
}

// page is a typed page struct that names its template.
type page interface {
	template() string
}

// render writes p with status, rendered completely before anything is sent.
func (a *Admin) render(w http.ResponseWriter, status int, p page) error {
	var buf bytes.Buffer
	if err := a.pages.Render(&buf, p.template(), p); err != nil {
		return err
	}
	httpx.WriteHTML(w, status, buf.Bytes())
	return nil
}

// flashCookie carries a message to the page after a redirect.
const flashCookie = "herald_flash"

// redirect sends the browser to path after a successful POST, with msg to
// show on the next page ("" for none).
func redirect(w http.ResponseWriter, r *http.Request, path, msg string) {
	if msg != "" {
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: url.QueryEscape(msg), Path: "/admin/",
			MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	}
	http.Redirect(w, r, path, http.StatusSeeOther)
}

// takeFlash returns the flash message sent with r and clears it.
func takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/admin/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
	msg, err := url.QueryUnescape(c.Value)
	if err != nil {
		return ""
	}
	return msg
}

// errorView is the page of a failed request.
type errorView struct {
	chrome
	Status  int
	Message string
}

func (errorView) template() string { return "error" }

// errorPage answers a failed request: an expired session goes to sign-in,
// server errors get a plain apology, the rest a page in the newsroom's look.
func (a *Admin) errorPage(w http.ResponseWriter, r *http.Request, e httpx.ErrorInfo) {
	if e.Status == http.StatusUnauthorized {
		a.signIn(w, r)
		return
	}
	if e.Status < http.StatusInternalServerError {
		err := a.renderError(w, r, e)
		if err == nil {
			return
		}
		e.RequestID = httpx.RequestID(w, r)
		a.logger.ErrorContext(r.Context(), "rendering error page", "request_id", e.RequestID, "err", err)
	}
	body := fmt.Sprintf(apology, a.assets.Path("admin.css"), html.EscapeString(e.RequestID))
	httpx.WriteHTML(w, e.Status, []byte(body))
}

// renderError renders the error page of e.
func (a *Admin) renderError(w http.ResponseWriter, r *http.Request, e httpx.ErrorInfo) error {
	c, err := a.chrome(w, r, http.StatusText(e.Status))
	if err != nil {
		return err
	}
	if e.Status == http.StatusForbidden {
		c.Title = "Not allowed"
	}
	return a.render(w, e.Status, errorView{chrome: c, Status: e.Status, Message: e.Message})
}

// apology is the page for a server error. It needs nothing from the store,
// which may be what failed.
const apology = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Something went wrong — Newsroom</title>
<link rel="stylesheet" href="%s">
</head>
<body>
<main id="content" class="apology">
<h1>Something went wrong</h1>
<p>Sorry: something went wrong on our side. Go back to find what you typed, and try again in a moment.</p>
<p>If it keeps happening, tell the site's administrator this request id: <code>%s</code>.</p>
<p><a href="/admin/">Back to the newsroom</a></p>
</main>
</body>
</html>
`
