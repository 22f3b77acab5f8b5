package site

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
)

func TestSite_CacheInvalidation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	path := f.path("trade-fair-opens")
	first := f.get(t, "GET", path)
	if n, _ := f.site.cache.Stats(); n != 1 {
		t.Fatalf("cache holds %d pages after one view, want 1", n)
	}
	if again := f.get(t, "GET", path); again.Header().Get("ETag") != first.Header().Get("ETag") {
		t.Fatal("a second view gave another ETag")
	}
	a := f.articles["trade-fair-opens"]
	a.Headline = "Trade fair opens its doors"
	must(t, f.store.UpdateArticle(ctx, a))
	for _, p := range []string{path, "/"} {
		if body := f.get(t, "GET", p).Body.String(); !strings.Contains(body, "Trade fair opens its doors") {
			t.Errorf("%s still shows the old headline after an update", p)
		}
	}
	a.Status = herald.StatusUnpublished
	must(t, f.store.UpdateArticle(ctx, a))
	if w := f.get(t, "GET", path); w.Code != 410 {
		t.Errorf("unpublished article answered %d, want 410", w.Code)
	}
}

// A held comment changes nothing readers see: cached pages stay; an
// approved one empties the cache.
func TestSite_CacheKeptForHeldComments(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	a := f.articles["trade-fair-opens"]
	path := f.path(a.Slug)
	f.get(t, "GET", path)
	f.get(t, "GET", "/")
	c := &herald.Comment{ArticleID: a.ID, Name: "Ann", Email: "ann@example.com", Text: "Held.", Status: herald.CommentPending}
	must(t, f.store.CreateComment(ctx, c, &herald.OutboxMessage{To: "editor@example.com", Subject: "A comment awaits"}))
	must(t, f.store.UpdateCommentStatus(ctx, []int64{c.ID}, herald.CommentSpam))
	if n, _ := f.site.cache.Stats(); n != 2 {
		t.Errorf("cache holds %d pages after a held comment, want 2", n)
	}
	must(t, f.store.UpdateCommentStatus(ctx, []int64{c.ID}, herald.CommentApproved))
	if n, _ := f.site.cache.Stats(); n != 0 {
		t.Errorf("cache holds %d pages after a comment was approved, want 0", n)
	}
	if body := f.get(t, "GET", path).Body.String(); !strings.Contains(body, `id="comment-`+strconv.FormatInt(c.ID, 10)+`"`) {
		t.Error("the approved comment is not on the article page")
	}
}

func TestSite_CacheSettingsChange(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.get(t, "GET", "/")
	s, err := f.store.FindSettings(ctx)
	must(t, err)
	s.Title, s.BaseURL = "The Evening Harbour", "https://news.example.com"
	must(t, f.store.UpdateSettings(ctx, s))
	body := f.get(t, "GET", "/").Body.String()
	if !strings.Contains(body, "The Evening Harbour") || !strings.Contains(body, `<link rel="canonical" href="https://news.example.com/">`) {
		t.Error("front page kept the old title and origin after a settings change")
	}
}

func TestSite_FuturePublication(t *testing.T) {
	f := newFixture(t)
	future := "/2024/03/20/future-piece/"
	if w := f.get(t, "GET", "/"); strings.Contains(w.Body.String(), "future-piece") {
		t.Fatal("front page shows an article before its time")
	}
	if w := f.get(t, "GET", future); w.Code != 404 {
		t.Fatalf("future article answered %d before its time", w.Code)
	}
	f.clock.Set(f.clock.Now().Add(3 * time.Hour))
	if w := f.get(t, "GET", "/"); !strings.Contains(w.Body.String(), "future-piece") {
		t.Error("cached front page still lacks the article once its time has come")
	}
	if w := f.get(t, "GET", future); w.Code != 200 {
		t.Errorf("article answered %d once its time had come", w.Code)
	}
}

func TestSite_ConditionalAndGzip(t *testing.T) {
	f := newFixture(t)
	path := f.path("trade-fair-opens")
	plain := f.get(t, "GET", path)
	etag := plain.Header().Get("ETag")
	if !strings.HasPrefix(etag, `"`) || plain.Header().Get("Vary") != "Accept-Encoding" {
		t.Fatalf("headers %v", plain.Header())
	}
	for _, cached := range []bool{false, true} {
		if !cached {
			f.site.cache.Clear()
		}
		if w := f.get(t, "GET", path, "If-None-Match", etag); w.Code != 304 || w.Body.Len() != 0 {
			t.Errorf("cached=%v: If-None-Match answered %d with %d bytes", cached, w.Code, w.Body.Len())
		}
	}
	zipped := f.get(t, "GET", path, "Accept-Encoding", "gzip, br")
	if zipped.Header().Get("Content-Encoding") != "gzip" || zipped.Header().Get("ETag") != etag {
		t.Fatalf("gzip response headers %v", zipped.Header())
	}
	zr, err := gzip.NewReader(zipped.Body)
	must(t, err)
	body, err := io.ReadAll(zr)
	must(t, err)
	if !bytes.Equal(body, plain.Body.Bytes()) {
		t.Error("gzipped body differs from the plain one")
	}
	if w := f.get(t, "HEAD", path); w.Code != 200 || w.Body.Len() != 0 {
		t.Errorf("HEAD answered %d with %d bytes", w.Code, w.Body.Len())
	}
}

// failingStore fails to read settings, as a broken database would.
type failingStore struct {
	herald.Store
}

func (failingStore) FindSettings(context.Context) (herald.Settings, error) {
	return herald.Settings{}, errors.New("database is on fire")
}

func TestSite_InternalError(t *testing.T) {
	f := newFixture(t)
	var logs bytes.Buffer
	s, err := New(Options{Store: failingStore{f.store}, Now: f.clock.Now, Logger: slog.New(slog.NewTextHandler(&logs, nil))})
	must(t, err)
	defer s.Close()
	f.site = s
	w := f.get(t, "GET", "/section/world/", "X-Request-Id", "req-42")
	if w.Code != 500 {
		t.Fatalf("status %d, want 500", w.Code)
	}
	body := w.Body.String()
	if !strings.Contains(body, "req-42") || strings.Contains(body, "on fire") {
		t.Errorf("apology page: %s", body)
	}
	if !strings.Contains(logs.String(), "database is on fire") || !strings.Contains(logs.String(), "req-42") {
		t.Errorf("log lacks the detail or the request id: %s", logs.String())
	}
	if n, _ := s.cache.Stats(); n != 0 {
		t.Error("an error page was cached")
	}
}

func TestFlight_SharesOneRender(t *testing.T) {
	var f flight
	release := make(chan struct{})
	calls := 0
	render := func() (*httpx.Page, error) {
		calls++
		<-release
		return httpx.NewPage("text/plain", []byte("x"), time.Time{}), nil
	}
	key := flightKey{"/", 1}
	results := make(chan *httpx.Page, 3)
	go func() { p, _ := f.do(key, render); results <- p }()
	waitFor(t, func() bool { return f.waiters(key) == 0 })
	for range 2 {
		go func() {
			p, _ := f.do(key, func() (*httpx.Page, error) { t.Error("second render"); return nil, nil })
			results <- p
		}()
	}
	waitFor(t, func() bool { return f.waiters(key) == 2 })
	close(release)
	first := <-results
	if (<-results) != first || (<-results) != first || calls != 1 {
		t.Errorf("waiting requests did not share the one render (%d calls)", calls)
	}
	if p, _ := f.do(flightKey{"/", 2}, render); p == first {
		t.Error("a new generation reused the old render")
	}
}

// waiters returns how many requests wait for the render of key, -1 when
// there is no such render.
func (f *flight) waiters(key flightKey) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c := f.calls[key]; c != nil {
		return c.waiters
	}
	return -1
}

// waitFor polls cond until it holds, failing the test after 5 seconds.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met within 5 s")
		}
		time.Sleep(time.Millisecond)
	}
}

// Without a base URL pages take their origin from the Host header: the
// cache keeps the pages of a few origins only, so made-up hosts cannot push
// the site's own pages out. With a base URL every host shares one page.
func TestSite_CacheOrigins(t *testing.T) {
	f := newFixture(t)
	get := func(host string) *httptest.ResponseRecorder {
		t.Helper()
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		f.site.Handler().ServeHTTP(w, r)
		if w.Code != 200 {
			t.Fatalf("GET / for %s: %d", host, w.Code)
		}
		return w
	}
	for i := range 10 {
		host := "made-up-" + strconv.Itoa(i) + ".example"
		if body := get(host).Body.String(); !strings.Contains(body, `href="http://`+host+`/"`) {
			t.Errorf("the page for %s does not name its own origin", host)
		}
	}
	if n, _ := f.site.cache.Stats(); n != maxOrigins {
		t.Errorf("cache holds %d pages after 10 hosts, want %d", n, maxOrigins)
	}

	s, err := f.store.FindSettings(context.Background())
	must(t, err)
	s.BaseURL = "https://news.example.com"
	must(t, f.store.UpdateSettings(context.Background(), s))
	for i := range 10 {
		if body := get("other-" + strconv.Itoa(i) + ".example").Body.String(); !strings.Contains(body, `<link rel="canonical" href="https://news.example.com/">`) {
			t.Error("with a base URL, the page does not name it")
		}
	}
	if n, _ := f.site.cache.Stats(); n != 1 {
		t.Errorf("with a base URL, cache holds %d pages for 10 hosts, want 1", n)
	}
}
