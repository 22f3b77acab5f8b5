package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald/internal/httpx"
)

func newTestServer(ready error, logs *bytes.Buffer) *Server {
	logger := slog.New(slog.NewTextHandler(logs, nil))
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/boom" {
			panic("boom")
		}
		io.WriteString(w, "site "+r.Header.Get(httpx.RequestIDHeader))
	})
	media := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "media") })
	return New(Options{Site: site, Media: media, Ready: func(context.Context) error { return ready }, Logger: logger})
}

func TestServer_Routes(t *testing.T) {
	var logs bytes.Buffer
	ts := httptest.NewServer(newTestServer(nil, &logs).Handler())
	defer ts.Close()
	tests := []struct {
		path   string
		status int
		body   string
	}{
		{"/healthz", 200, "ok"},
		{"/readyz", 200, "ready"},
		{"/media/abc.jpg", 200, "media"},
		{"/2022/09/27/x/", 200, "site "},
		{"/boom", 500, "Something went wrong"},
	}
	for _, tt := range tests {
		resp, err := http.Get(ts.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.status || !strings.Contains(string(b), tt.body) {
			t.Errorf("GET %s = %d %q, want %d containing %q", tt.path, resp.StatusCode, b, tt.status, tt.body)
		}
		if resp.Header.Get(httpx.RequestIDHeader) == "" {
			t.Errorf("GET %s: no %s header", tt.path, httpx.RequestIDHeader)
		}
	}
	if !strings.Contains(logs.String(), "path=/2022/09/27/x/ status=200") {
		t.Errorf("no request log line in:\n%s", logs.String())
	}
	if !strings.Contains(logs.String(), "msg=panic") || !strings.Contains(logs.String(), "status=500") {
		t.Errorf("panic not logged as a 500:\n%s", logs.String())
	}
}

func TestServer_NotReady(t *testing.T) {
	var logs bytes.Buffer
	ts := httptest.NewServer(newTestServer(errors.New("connection refused"), &logs).Handler())
	defer ts.Close()
	resp, err := http.Get(ts.URL + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz = %d, want 503", resp.StatusCode)
	}
}

func TestServer_RequestIDsDiffer(t *testing.T) {
	var logs bytes.Buffer
	h := newTestServer(nil, &logs).Handler()
	seen := map[string]bool{}
	for range 100 {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set(httpx.RequestIDHeader, "client-chosen")
		h.ServeHTTP(rec, req)
		id := rec.Header().Get(httpx.RequestIDHeader)
		if id == "client-chosen" || seen[id] {
			t.Fatalf("request id %q reused or taken from the client", id)
		}
		seen[id] = true
	}
}

func TestServer_GracefulShutdown(t *testing.T) {
	var logs bytes.Buffer
	s := newTestServer(nil, &logs)
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, l, 5*time.Second) }()
	resp, err := http.Get("http://" + l.Addr().String() + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve returned %v after shutdown", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop within 10 s of cancellation")
	}
}

// TestServer_Admin mounts the newsroom under /admin/ only when given.
func TestServer_Admin(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "site") })
	admin := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "admin") })
	ready := func(context.Context) error { return nil }
	tests := []struct {
		admin http.Handler
		path  string
		want  string
	}{
		{admin, "/admin/articles", "admin"},
		{admin, "/administration/", "site"},
		{nil, "/admin/articles", "site"},
	}
	for _, tt := range tests {
		srv := New(Options{Site: site, Media: site, Admin: tt.admin, Ready: ready, Logger: logger})
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", tt.path, nil))
		if got := rec.Body.String(); got != tt.want {
			t.Errorf("GET %s (admin %v) = %q, want %q", tt.path, tt.admin != nil, got, tt.want)
		}
	}
}
