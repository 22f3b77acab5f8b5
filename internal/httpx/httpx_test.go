package httpx

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

func TestAdapter_Error(t *testing.T) {
	var logs bytes.Buffer
	a := &Adapter{Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantBody   string
		wantLog    bool
	}{
		{"not found", herald.Errorf(herald.ENOTFOUND, "No such article."), 404, "No such article.", false},
		{"gone", fmt.Errorf("wrapped: %w", herald.Errorf(herald.EGONE, "Removed.")), 410, "Removed.", false},
		{"invalid", herald.FieldErrors{"q": "is required"}.Err(), 400, "q: is required", false},
		{"internal", errors.New("disk on fire"), 500, "Something went wrong on our side. (request ", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logs.Reset()
			h := a.Handle(func(http.ResponseWriter, *http.Request) error { return tt.err })
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/x/", nil))
			if w.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", w.Code, tt.wantStatus)
			}
			if !strings.Contains(w.Body.String(), tt.wantBody) {
				t.Errorf("body = %q, want it to contain %q", w.Body.String(), tt.wantBody)
			}
			if strings.Contains(w.Body.String(), "disk on fire") {
				t.Error("internal detail reached the response")
			}
			if got := strings.Contains(logs.String(), "disk on fire"); got != tt.wantLog {
				t.Errorf("logged = %v, want %v: %s", got, tt.wantLog, logs.String())
			}
		})
	}
}

func TestRequestID(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set(RequestIDHeader, "abc-1")
	if got := RequestID(httptest.NewRecorder(), r); got != "abc-1" {
		t.Errorf("RequestID = %q, want the server's abc-1", got)
	}
	w := httptest.NewRecorder()
	got := RequestID(w, httptest.NewRequest("GET", "/", nil))
	if len(got) != 16 || w.Header().Get(RequestIDHeader) != got {
		t.Errorf("made id %q, response header %q", got, w.Header().Get(RequestIDHeader))
	}
}

func TestPage_ServeHTTP(t *testing.T) {
	body := []byte(strings.Repeat("<p>Hello, reader.</p>", 50))
	p := NewPage("text/html; charset=utf-8", body, time.Time{})
	tests := []struct {
		name     string
		method   string
		header   map[string]string
		status   int
		encoding string
	}{
		{"plain", "GET", nil, 200, ""},
		{"gzip", "GET", map[string]string{"Accept-Encoding": "br, gzip;q=0.8"}, 200, "gzip"},
		{"gzip refused", "GET", map[string]string{"Accept-Encoding": "gzip;q=0, br"}, 200, ""},
		{"etag match", "GET", map[string]string{"If-None-Match": `"x", ` + p.ETag()}, 304, ""},
		{"weak match", "GET", map[string]string{"If-None-Match": "W/" + p.ETag()}, 304, ""},
		{"star", "GET", map[string]string{"If-None-Match": "*"}, 304, ""},
		{"etag differs", "GET", map[string]string{"If-None-Match": `"old"`}, 200, ""},
		{"head", "HEAD", nil, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "/", nil)
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			p.ServeHTTP(w, r)
			if w.Code != tt.status || w.Header().Get("Content-Encoding") != tt.encoding {
				t.Fatalf("status %d encoding %q, want %d %q", w.Code, w.Header().Get("Content-Encoding"), tt.status, tt.encoding)
			}
			if w.Header().Get("ETag") != p.ETag() || w.Header().Get("Vary") != "Accept-Encoding" {
				t.Errorf("headers %v", w.Header())
			}
			if tt.status != 200 || tt.method == "HEAD" {
				if w.Body.Len() != 0 {
					t.Errorf("body of %d bytes, want none", w.Body.Len())
				}
				return
			}
			if got := decode(t, w); !bytes.Equal(got, body) {
				t.Errorf("body differs")
			}
		})
	}
}

// decode returns the response body, gunzipped when it is gzipped.
func decode(t *testing.T, w *httptest.ResponseRecorder) []byte {
	t.Helper()
	if w.Header().Get("Content-Encoding") != "gzip" {
		return w.Body.Bytes()
	}
	zr, err := gzip.NewReader(w.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPage_Fresh(t *testing.T) {
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	p := NewPage("text/html", []byte("x"), now.Add(time.Minute))
	if !p.Fresh(now) || p.Fresh(now.Add(time.Minute)) {
		t.Error("freshness wrong around the expiry")
	}
}

func TestCache(t *testing.T) {
	page := func(n int) *Page { return NewPage("text/plain", bytes.Repeat([]byte("x"), n), time.Time{}) }
	size := page(100).Size()
	c := NewCache(size * 4)
	gen := c.Generation()
	for _, k := range []string{"a", "b", "c", "d"} {
		if !c.Put(gen, k, page(100)) {
			t.Fatalf("Put(%s) refused", k)
		}
	}
	c.Get("a") // a becomes most recently used; b is now the oldest
	c.Put(gen, "e", page(100))
	if c.Get("b") != nil || c.Get("a") == nil || c.Get("e") == nil {
		t.Error("LRU eviction dropped the wrong page")
	}
	if n, b := c.Stats(); n != 4 || b != 4*size {
		t.Errorf("stats = %d pages, %d bytes", n, b)
	}
	c.Clear()
	if c.Get("a") != nil {
		t.Error("Clear kept a page")
	}
	if c.Put(gen, "a", page(100)) {
		t.Error("Put with a stale generation stored the page")
	}
	if c.Put(c.Generation(), "big", page(int(size*2))) {
		t.Error("Put stored a page bigger than a quarter of the cache")
	}
}

func BenchmarkPage_ServeHTTP(b *testing.B) {
	p := NewPage("text/html; charset=utf-8", bytes.Repeat([]byte("<p>news</p>"), 4000), time.Time{})
	c := NewCache(1 << 20)
	c.Put(c.Generation(), "/", p)
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("Accept-Encoding", "gzip, deflate")
	w := &discard{h: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		c.Get("/").ServeHTTP(w, r)
	}
}

// discard is a ResponseWriter that keeps nothing.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}
