package site

import (
	"net/http"
	"sync"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
)

// retryExpiry is how long pages stay cached when the next publication time
// could not be read.
const retryExpiry = time.Minute

// expiry records when the pages of one cache generation go stale: an
// article published with a future time appears at that time, with no
// change in the store to announce it.
type expiry struct {
	gen   uint64
	at    time.Time // zero: never
	known bool
}

// expires returns when pages rendered in generation gen go stale.
func (s *Site) expires(r *http.Request, gen uint64) time.Time {
	now := s.now()
	s.mu.Lock()
	e := s.expiry
	s.mu.Unlock()
	if e.known && e.gen == gen && (e.at.IsZero() || now.Before(e.at)) {
		return e.at
	}
	at := s.nextPublication(r, now)
	s.mu.Lock()
	s.expiry = expiry{gen: gen, at: at, known: true}
	s.mu.Unlock()
	return at
}

// nextPublication returns the publication time of the next article due to
// appear after now, zero if there is none.
func (s *Site) nextPublication(r *http.Request, now time.Time) time.Time {
	page, err := s.store.FindArticles(r.Context(), herald.ArticleFilter{
		Statuses:      []herald.ArticleStatus{herald.StatusPublished},
		PublishedFrom: now.Truncate(time.Microsecond).Add(time.Microsecond),
		Order:         herald.OldestFirst,
		Limit:         1,
	})
	if err != nil {
		s.logger.WarnContext(r.Context(), "finding the next publication", "err", err)
		return now.Add(retryExpiry)
	}
	if len(page.Articles) == 0 {
		return time.Time{}
	}
	return page.Articles[0].PublishedAt
}

// flight makes concurrent requests for one page share one render, so a
// change that empties the cache is not followed by a stampede of renders.
type flight struct {
	mu    sync.Mutex
	calls map[flightKey]*flightCall
}

// flightKey names a render: the page's path and the cache generation it
// renders in, so a request made after a change never gets a page rendered
// before it.
type flightKey struct {
	path string
	gen  uint64
}

// flightCall is one render in progress.
type flightCall struct {
	done    chan struct{}
	waiters int // requests waiting for the render
	page    *httpx.Page
	err     error
}

// do returns the result of fn for key, calling fn only if no call for key
// is in progress and otherwise waiting for that call's result.
func (f *flight) do(key flightKey, fn func() (*httpx.Page, error)) (*httpx.Page, error) {
	f.mu.Lock()
	if c, ok := f.calls[key]; ok {
		c.waiters++
		f.mu.Unlock()
		<-c.done
		return c.page, c.err
	}
	if f.calls == nil {
		f.calls = map[flightKey]*flightCall{}
	}
	c := &flightCall{done: make(chan struct{})}
	f.calls[key] = c
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		delete(f.calls, key)
		f.mu.Unlock()
		close(c.done)
	}()
	c.page, c.err = fn()
	return c.page, c.err
}
