// Package api serves Herald's read-only JSON API under /api/v1/ — public
// articles, sections, tags, authors and stories, and oEmbed — and the
// article cards other sites embed from /embed/. It shows only what the
// public pages show: never a draft, a scheduled article, an email address,
// a role or any other private field.
package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
)

// Prefix is where the API is mounted; EmbedPrefix is where the cards are.
const (
	Prefix      = "/api/v1/"
	EmbedPrefix = "/embed/"
)

// Limits of the answer cache.
const (
	cacheBytes = 8 << 20
	// cacheFor bounds how long an answer is kept without a change: an
	// article published with a time ahead comes out with none.
	cacheFor = time.Minute
)

// Options configure an API.
type Options struct {
	Store  Store
	Now    func() time.Time // time.Now when nil
	Logger *slog.Logger     // slog.Default() when nil
}

// API is the JSON API and the embed cards. It is safe for concurrent use.
type API struct {
	store   Store
	enc     *Encoder
	now     func() time.Time
	errs    *httpx.Adapter
	cache   *httpx.Cache
	unsub   func()
	handler http.Handler
}

// New returns the API reading from opts.Store.
func New(opts Options) (*API, error) {
	if opts.Store == nil {
		return nil, errors.New("api: no store")
	}
	a := &API{store: opts.Store, enc: NewEncoder(opts.Store), now: opts.Now}
	if a.now == nil {
		a.now = time.Now
	}
	a.errs = &httpx.Adapter{Logger: opts.Logger, Page: writeError}
	a.cache = httpx.NewCache(cacheBytes)
	a.unsub = opts.Store.Subscribe(func(c herald.Change) {
		if c.Kind.Public() {
			a.cache.Clear()
		}
	})
	a.handler = a.routes()
	return a, nil
}

// Close stops listening to the store's changes.
func (a *API) Close() {
	a.unsub()
}

// Handler serves every path under Prefix and EmbedPrefix.
func (a *API) Handler() http.Handler {
	return a.handler
}

// routes builds the route table. Every route answers GET and HEAD; other
// methods get 405, and OPTIONS the CORS preflight.
func (a *API) routes() http.Handler {
	mux := http.NewServeMux()
	for pattern, h := range map[string]httpx.HandlerFunc{
		Prefix + "articles":       a.articles,
		Prefix + "articles/{id}":  a.article,
		Prefix + "sections":       a.sections,
		Prefix + "sections/{id}":  a.section,
		Prefix + "tags":           a.tags,
		Prefix + "tags/{id}":      a.tag,
		Prefix + "authors":        a.authors,
		Prefix + "authors/{id}":   a.author,
		Prefix + "stories":        a.stories,
		Prefix + "stories/{id}":   a.story,
		Prefix + "oembed":         a.oembed,
		EmbedPrefix + "{path...}": a.card,
		"/api/{rest...}":          notFound,
	} {
		mux.Handle(pattern, a.errs.Handle(readOnly(a.cached(h))))
	}
	return mux
}

// readOnly answers the CORS preflight and refuses methods other than GET
// and HEAD, then runs h. The content is public, so any origin may read it.
func readOnly(h httpx.HandlerFunc) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		hd := w.Header()
		hd.Set("Access-Control-Allow-Origin", "*")
		hd.Set("Access-Control-Expose-Headers", "ETag")
		switch r.Method {
		case http.MethodGet, http.MethodHead:
			return h(w, r)
		case http.MethodOptions:
			hd.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
			hd.Set("Access-Control-Allow-Headers", "If-None-Match")
			hd.Set("Access-Control-Max-Age", "86400")
			hd.Set("Allow", "GET, HEAD, OPTIONS")
			w.WriteHeader(http.StatusNoContent)
			return nil
		}
		hd.Set("Allow", "GET, HEAD, OPTIONS")
		writeError(w, r, httpx.ErrorInfo{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed",
			Message: "The API is read-only: use GET."})
		return nil
	}
}

// notFound answers a path the API does not have.
func notFound(w http.ResponseWriter, r *http.Request) error {
	return herald.Errorf(herald.ENOTFOUND, "Nothing at %s; see /api/v1/articles.", r.URL.Path)
}

// errorBody is the JSON of every error answer.
type errorBody struct {
	Error struct {
		Code      string `json:"code"`
		Message   string `json:"message"`
		RequestID string `json:"request_id,omitempty"`
	} `json:"error"`
}

// writeError answers an error as JSON with e's status; a card's error as
// plain text.
func writeError(w http.ResponseWriter, r *http.Request, e httpx.ErrorInfo) {
	var b errorBody
	b.Error.Code, b.Error.Message, b.Error.RequestID = e.Code, e.Message, e.RequestID
	if strings.HasPrefix(r.URL.Path, EmbedPrefix) {
		// A card's error shows in someone else's page: plain words.
		httpx.PlainError(w, e)
		return
	}
	body, _ := json.Marshal(b) // cannot fail: strings only
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(e.Status)
	_, _ = w.Write(append(body, '\n'))
}

// writeJSON answers v with an ETag, answering 304 to a client that holds
// the same answer, and gzip to one that accepts it. The answer is kept in
// the cache when w is a capture.
func (a *API) writeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	p := httpx.NewPage("application/json; charset=utf-8", b.Bytes(), a.now().Add(cacheFor))
	if c, ok := w.(*capture); ok {
		c.page = p
	}
	p.ServeHTTP(w, r)
	return nil
}

// capture notes the JSON page an answer wrote, for the cache.
type capture struct {
	http.ResponseWriter
	page *httpx.Page
}

// cached answers from the cache, which every change in the store empties,
// and keeps each new JSON answer there. The key holds the request's origin,
// since URLs in answers use it when the settings name none.
func (a *API) cached(h httpx.HandlerFunc) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		key := httpx.Origin(r) + r.URL.RequestURI()
		if p := a.cache.Get(key); p != nil && p.Fresh(a.now()) {
			p.ServeHTTP(w, r)
			return nil
		}
		gen := a.cache.Generation()
		c := &capture{ResponseWriter: w}
		if err := h(c, r); err != nil {
			return err
		}
		if c.page != nil {
			a.cache.Put(gen, key, c.page)
		}
		return nil
	}
}

// site reads the settings and returns the Site of the request: absolute
// URLs use the settings' origin, or the request's when none is set.
func (a *API) site(r *http.Request) (Site, error) {
	settings, err := a.store.FindSettings(r.Context())
	if err != nil {
		return Site{}, err
	}
	return SiteFor(settings, httpx.Origin(r), a.now()), nil
}

// hostOf returns the host of an origin, without the port's default.
func hostOf(origin string) string {
	_, host, _ := strings.Cut(origin, "://")
	return strings.ToLower(host)
}
