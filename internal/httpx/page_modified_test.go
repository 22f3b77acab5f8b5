package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestPage_LastModified(t *testing.T) {
	modified := time.Date(2022, 9, 27, 8, 30, 15, 500, time.UTC)
	p := NewPage("application/rss+xml", []byte("<rss/>"), time.Time{})
	p.SetLastModified(modified)
	at := func(d time.Duration) string { return modified.Add(d).Format(http.TimeFormat) }
	tests := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"no condition", nil, 200},
		{"same time", map[string]string{"If-Modified-Since": at(0)}, 304},
		{"later", map[string]string{"If-Modified-Since": at(time.Hour)}, 304},
		{"earlier", map[string]string{"If-Modified-Since": at(-time.Second)}, 200},
		{"not a date", map[string]string{"If-Modified-Since": "yesterday"}, 200},
		{"etag differs, date matches", map[string]string{"If-None-Match": `"old"`, "If-Modified-Since": at(0)}, 200},
		{"etag matches, date old", map[string]string{"If-None-Match": p.ETag(), "If-Modified-Since": at(-time.Hour)}, 304},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/feed/", nil)
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			w := httptest.NewRecorder()
			p.ServeHTTP(w, r)
			if w.Code != tt.status {
				t.Errorf("status %d, want %d", w.Code, tt.status)
			}
			if got := w.Header().Get("Last-Modified"); got != at(0) {
				t.Errorf("Last-Modified %q, want %q", got, at(0))
			}
		})
	}
	plain := NewPage("text/html", []byte("x"), time.Time{})
	r := httptest.NewRequest("GET", "/", nil)
	r.Header.Set("If-Modified-Since", at(time.Hour))
	w := httptest.NewRecorder()
	plain.ServeHTTP(w, r)
	if w.Code != 200 || w.Header().Get("Last-Modified") != "" {
		t.Errorf("a page without a modification time: status %d, Last-Modified %q", w.Code, w.Header().Get("Last-Modified"))
	}
}
