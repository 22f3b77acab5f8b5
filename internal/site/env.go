package site

import (
	"cmp"
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/markup"
	"github.com/herald-news/herald/internal/spam"
)

// env is what rendering one page knows: the request's context, the site's
// settings and sections, and the time.
type env struct {
	ctx      context.Context
	store    herald.Store
	settings herald.Settings
	loc      *time.Location
	sections []*herald.Section
	now      time.Time
	conv     *markup.Converter
	clock    clock
	css      string
	icon     string
	path     string
	origin   string // the site's public origin, for absolute URLs
	shareJS  string // the share bar's and embeds' script
	comment  *markup.CommentRenderer
	js       string       // the comment form's script
	key      []byte       // signs comment form tokens and pending cookies
	tokens   spam.Tokens  // comment form tokens
	own      []int64      // the reader's own comments (the own-comments cookie)
	staff    *herald.User // the member of staff signed in, nil for a reader
	stale    time.Time    // when the page goes stale by itself; zero: never
	replyTo  int64        // the comment the form answers (?replyto=N)
	form     commentForm  // what the reader typed, when the form comes back
}

// newEnv reads the settings and sections the page frame needs.
func (s *Site) newEnv(r *http.Request) (*env, error) {
	ctx := r.Context()
	settings, err := s.store.FindSettings(ctx)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(settings.BaseURL, "/")
	s.base.Store(&base)
	sections, err := s.store.FindSections(ctx)
	if err != nil {
		return nil, err
	}
	key, err := s.commentKey(r)
	if err != nil {
		return nil, err
	}
	replyTo, _ := strconv.ParseInt(r.URL.Query().Get("replyto"), 10, 64)
	loc := settings.Location()
	return &env{
		comment: s.comment, js: s.assets.Path("comments.js"), key: key, tokens: s.tokens(key), own: ownIDs(r, key), staff: s.signedIn(r), replyTo: replyTo,
		ctx: ctx, store: s.store, settings: settings, loc: loc, sections: sections,
		now: s.now(), conv: s.conv, css: s.assets.Path("site.css"), icon: s.assets.Path("favicon.svg"), path: r.URL.Path,
		clock:  clock{loc: loc, format: settings.DateFormat, lang: settings.Language},
		origin: siteOrigin(settings, r), shareJS: s.assets.Path("share.js"),
	}, nil
}

// setLang makes lang the page's language: labels and dates follow it.
func (e *env) setLang(lang string) {
	e.clock.lang = lang
}

// chrome is what every page shows around its content.
type chrome struct {
	Lang        string
	Title       string // the document title
	Description string
	Canonical   string // absolute
	SiteTitle   string
	Tagline     string
	CSS         string
	Icon        string
	Nav         []navLink
	T           *labels
	// Front is set on the front page, where the site's name is the h1.
	Front bool
	// Meta is the page's metadata for search engines and social networks.
	Meta pageMeta
	// Feeds are the discovery links of the site's feeds and the page's.
	Feeds []feedLinks
}

// navLink is an entry of the section navigation.
type navLink struct {
	Name    string
	URL     string
	Current bool
}

// chrome returns the frame of a page titled title ("" for the site's name).
func (e *env) chrome(title, description string) chrome {
	full := e.settings.Title
	if title != "" {
		full = title + " — " + e.settings.Title
	}
	c := chrome{
		Lang: e.clock.lang, Title: full, Description: description,
		Canonical: e.abs(e.path), SiteTitle: e.settings.Title, Tagline: e.settings.Tagline,
		CSS: e.css, Icon: e.icon, Nav: e.nav(), T: labelsFor(e.clock.lang), Meta: e.websiteMeta(),
	}
	c.Meta.Title = cmp.Or(title, e.settings.Title)
	c.Feeds = []feedLinks{e.feedLinksOf("/", e.settings.Title)}
	return c
}

// nav lists the top-level sections marked for navigation.
func (e *env) nav() []navLink {
	var out []navLink
	for _, sec := range e.sections {
		if sec.ParentID == 0 && sec.InNav {
			url := "/section/" + sec.Slug + "/"
			out = append(out, navLink{Name: sec.Name, URL: url, Current: url == e.path})
		}
	}
	return out
}

// public is the filter for articles readers may see now.
func (e *env) public(f herald.ArticleFilter) herald.ArticleFilter {
	f.PublicAt = e.now
	return f
}

// expire makes the page go stale by itself at t, unless it already does
// sooner; a zero t changes nothing.
func (e *env) expire(t time.Time) {
	if !t.IsZero() && (e.stale.IsZero() || t.Before(e.stale)) {
		e.stale = t
	}
}
