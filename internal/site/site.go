// Package site serves Herald's public pages: the front page, articles,
// section, tag, author and story listings and date archives. Pages are
// rendered on the server from the store, kept in a page cache that the
// store's change notifications empty, and served from memory after that.
package site

import (
	"bytes"
	"context"
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/assets"
	"github.com/herald-news/herald/internal/httpx"
	"github.com/herald-news/herald/internal/markup"
	"github.com/herald-news/herald/internal/notify"
	"github.com/herald-news/herald/internal/render"
)

//go:embed templates
var templates embed.FS

// devTemplates is where Dev mode reads templates, relative to the
// repository root the server runs from.
const devTemplates = "internal/site/templates"

// renderTimeout bounds the rendering of one page.
const renderTimeout = 30 * time.Second

// DefaultCacheBytes bounds the page cache when Options.CacheBytes is 0.
const DefaultCacheBytes = 8 << 20

// Options configure a Site.
type Options struct {
	Store  herald.Store
	Now    func() time.Time // time.Now when nil
	Logger *slog.Logger     // slog.Default() when nil
	// Dev re-reads templates from internal/site/templates on every render.
	Dev bool
	// CacheBytes bounds the rendered-page cache; DefaultCacheBytes when 0.
	CacheBytes int64
	// Staff tells who of the staff is signed in, to comment under their
	// name; nil: nobody is.
	Staff StaffFinder
}

// Site is the public web site. It is safe for concurrent use.
type Site struct {
	store   herald.Store
	now     func() time.Time
	logger  *slog.Logger
	render  *render.Renderer
	assets  *assets.Assets
	conv    *markup.Converter
	comment *markup.CommentRenderer
	cache   *httpx.Cache
	errs    *httpx.Adapter
	handler http.Handler
	unsub   func()
	staff   StaffFinder
	notify  *notify.Notifier

	// sitemapPage is how many URLs a sitemap file holds; 0 means
	// herald.MaxSitemapPage. Tests make it small.
	sitemapPage int

	flight flight
	// base is the settings' base URL as the last render read it: when
	// set, pages are the same whatever host a request names.
	base atomic.Pointer[string]

	mu      sync.Mutex
	origins map[string]bool // the origins whose pages are cached, without a base URL
	expiry  expiry          // when the cached pages go stale without a change
	key     []byte          // signs comment form tokens and pending cookies, once read
}

// New loads the templates and assets, failing on a missing or broken
// template, and subscribes to the store's changes.
func New(opts Options) (*Site, error) {
	if opts.Store == nil {
		return nil, errors.New("site: no store")
	}
	s := &Site{store: opts.Store, now: opts.Now, logger: opts.Logger, conv: markup.New(), comment: markup.NewCommentRenderer(),
		origins: map[string]bool{}}
	s.staff, s.notify = opts.Staff, notify.New(opts.Store, requestOrigin)
	if s.now == nil {
		s.now = time.Now
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	if err := s.load(opts.Dev); err != nil {
		return nil, err
	}
	size := opts.CacheBytes
	if size == 0 {
		size = DefaultCacheBytes
	}
	s.cache = httpx.NewCache(size)
	s.unsub = s.store.Subscribe(func(c herald.Change) {
		if c.Kind.Public() {
			s.cache.Clear()
		}
	})
	s.errs = &httpx.Adapter{Logger: s.logger, Page: s.errorPage}
	s.handler = s.routes()
	return s, nil
}

// load parses the templates and loads the assets.
func (s *Site) load(dev bool) error {
	fsys, err := render.Templates(templates, "templates", devTemplates, dev)
	if err != nil {
		return fmt.Errorf("site: %w", err)
	}
	if s.render, err = render.New(render.Options{FS: fsys, Dev: dev}); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	if s.assets, err = assets.New(); err != nil {
		return fmt.Errorf("site: %w", err)
	}
	return nil
}

// Close stops listening to the store's changes.
func (s *Site) Close() {
	s.unsub()
}

// Handler returns the handler of every public URL except /media/ and the
// operators' endpoints, which the server mounts.
func (s *Site) Handler() http.Handler {
	return s.handler
}

// routes builds the site's route table.
func (s *Site) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle(assets.Prefix, s.assets.Handler())
	mux.Handle("/", s.errs.Handle(func(w http.ResponseWriter, r *http.Request) error {
		if h := s.commentHandler(r.URL.Path); h != nil {
			return h(w, r)
		}
		if h := s.machineHandler(r.URL.Path); h != nil {
			return h(w, r)
		}
		return s.page(w, r)
	}))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := s.cached(r); p != nil {
			p.ServeHTTP(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// cached returns the fresh cached page for r, or nil. Only canonical paths
// are ever stored, so a hit needs no further checks.
func (s *Site) cached(r *http.Request) *httpx.Page {
	if (r.Method != http.MethodGet && r.Method != http.MethodHead) || r.URL.RawPath != "" || personal(r) {
		return nil
	}
	key, ok := s.cacheKey(r, r.URL.Path)
	if !ok {
		return nil
	}
	p := s.cache.Get(key)
	if p == nil {
		return nil
	}
	if !p.Fresh(s.now()) {
		// A scheduled article has come out: every page may show it.
		s.cache.Clear()
		return nil
	}
	return p
}

// maxOrigins bounds the origins whose pages are cached when the settings
// have no base URL, so that requests naming made-up hosts cannot push the
// site's own pages out of the cache: pages for further hosts are rendered
// for each request.
const maxOrigins = 4

// cacheKey returns the cache key of the page at path for r, and whether
// the page may be cached. Pages name their own absolute address: the base
// URL of the settings or, without one, the origin of the request, so that a
// page rendered for one host is never served to another.
func (s *Site) cacheKey(r *http.Request, path string) (string, bool) {
	if base := s.base.Load(); base != nil && *base != "" {
		return *base + path, true
	}
	origin := httpx.Origin(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.origins[origin] {
		if len(s.origins) >= maxOrigins {
			return origin + path, false
		}
		s.origins[origin] = true
	}
	return origin + path, true
}

// page answers a public page: redirects to the canonical path, renders the
// page, caches it and serves it.
func (s *Site) page(w http.ResponseWriter, r *http.Request) error {
	if !allowMethods(w, r, http.MethodGet, http.MethodHead) {
		return nil
	}
	rt, canonical, ok := canonicalRoute(r.URL.Path)
	if !ok {
		return herald.Errorf(herald.ENOTFOUND, "No page at %s.", r.URL.Path)
	}
	if canonical != r.URL.EscapedPath() {
		redirect(w, r, canonical)
		return nil
	}
	if personal(r) {
		e, err := s.newEnv(r)
		if err != nil {
			return err
		}
		return s.writePersonal(w, e, rt, http.StatusOK)
	}
	p, err := s.renderShared(r, canonical, "text/html; charset=utf-8", false, func(r *http.Request) ([]byte, time.Time, error) {
		return s.renderRoute(r, rt)
	})
	if err != nil {
		return err
	}
	p.ServeHTTP(w, r)
	return nil
}

// renderShared renders the page at path with fn once for the requests that
// ask for it at the same time, and caches it when its key may be cached. The
// render outlives a client that goes away, since others may wait for it,
// but not renderTimeout. The page goes stale at the next publication or
// when fn says, whichever comes first; modified dates it (Last-Modified)
// from the render.
func (s *Site) renderShared(r *http.Request, path, contentType string, modified bool, fn generate) (*httpx.Page, error) {
	key, cacheable := s.cacheKey(r, path)
	gen := s.cache.Generation()
	return s.flight.do(flightKey{key, gen}, func() (*httpx.Page, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), renderTimeout)
		defer cancel()
		r := r.WithContext(ctx)
		body, stale, err := fn(r)
		if err != nil {
			return nil, err
		}
		expires := s.expires(r, gen)
		if !stale.IsZero() && (expires.IsZero() || stale.Before(expires)) {
			expires = stale
		}
		p := httpx.NewPage(contentType, body, expires)
		if modified {
			p.SetLastModified(s.now())
		}
		if cacheable {
			s.cache.Put(gen, key, p)
		}
		return p, nil
	})
}

// renderRoute renders the page of rt, and returns when it goes stale by
// itself (zero: never), such as when an article's comments close.
func (s *Site) renderRoute(r *http.Request, rt route) ([]byte, time.Time, error) {
	e, err := s.newEnv(r)
	if err != nil {
		return nil, time.Time{}, err
	}
	p, err := s.build(e, rt)
	if err != nil {
		return nil, time.Time{}, err
	}
	body, err := s.renderPage(p)
	return body, e.stale, err
}

// build returns the page struct of rt.
func (s *Site) build(e *env, rt route) (page, error) {
	switch rt.kind {
	case routeArticle:
		return s.article(e, rt)
	case routeSection:
		return s.section(e, rt)
	case routeTag:
		return s.tag(e, rt)
	case routeAuthor:
		return s.author(e, rt)
	case routeStory:
		return s.story(e, rt)
	case routeYear, routeMonth, routeDay:
		return s.archive(e, rt)
	}
	return s.front(e, rt)
}

// page is a typed page struct that names its template.
type page interface {
	template() string
}

// renderPage executes the template of p into a new buffer.
func (s *Site) renderPage(p page) ([]byte, error) {
	var buf bytes.Buffer
	if err := s.render.Render(&buf, p.template(), p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// redirect sends a permanent redirect to path, keeping the query string.
func redirect(w http.ResponseWriter, r *http.Request, path string) {
	if r.URL.RawQuery != "" {
		path += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, path, http.StatusMovedPermanently)
}
