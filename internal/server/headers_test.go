package server

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/herald-news/herald/internal/httpx"
)

// TestServer_SecurityHeaders checks the headers of every kind of response
// the server gives: pages, media, the newsroom, operator endpoints, errors
// and its own refusals.
func TestServer_SecurityHeaders(t *testing.T) {
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/boom":
			panic("boom")
		case "/missing/":
			http.NotFound(w, r)
		case "/embed/1/":
			httpx.AllowFraming(w.Header())
			io.WriteString(w, "card")
		default:
			io.WriteString(w, "page")
		}
	})
	admin := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "newsroom") })
	srv := New(Options{Site: site, Media: site, Admin: admin, Logger: logger,
		Ready: func(context.Context) error { return nil }})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	nonces := map[string]bool{}
	for _, tt := range []struct {
		method, path string
		status       int
		framable     bool
	}{
		{"GET", "/", 200, false},
		{"GET", "/2022/09/27/x/", 200, false},
		{"HEAD", "/", 200, false},
		{"GET", "/media/a.jpg", 200, false},
		{"GET", "/admin/articles", 200, false},
		{"POST", "/admin/sign-in", 200, false},
		{"GET", "/healthz", 200, false},
		{"GET", "/readyz", 200, false},
		{"GET", "/missing/", 404, false},
		{"GET", "/boom", 500, false},
		{"GET", "/?q=" + strings.Repeat("x", maxQueryBytes), 414, false},
		{"GET", "/embed/1/", 200, true},
	} {
		req, _ := http.NewRequest(tt.method, ts.URL+tt.path, nil)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		name := tt.method + " " + tt.path[:min(len(tt.path), 20)]
		if resp.StatusCode != tt.status {
			t.Errorf("%s = %d, want %d", name, resp.StatusCode, tt.status)
		}
		h := resp.Header
		for k, want := range map[string]string{
			"X-Content-Type-Options":     "nosniff",
			"Referrer-Policy":            "strict-origin-when-cross-origin",
			"Cross-Origin-Opener-Policy": "same-origin",
		} {
			if got := h.Get(k); got != want {
				t.Errorf("%s: %s = %q, want %q", name, k, got, want)
			}
		}
		if pp := h.Get("Permissions-Policy"); !strings.Contains(pp, "camera=()") || !strings.Contains(pp, "geolocation=()") {
			t.Errorf("%s: Permissions-Policy = %q", name, pp)
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS sent over plain HTTP", name)
		}
		csp := h.Get("Content-Security-Policy")
		nonce := cspNonce(t, name, csp)
		if nonces[nonce] {
			t.Errorf("%s: nonce %q repeated", name, nonce)
		}
		nonces[nonce] = true
		if want := "frame-ancestors 'none'"; tt.framable == strings.Contains(csp, want) {
			t.Errorf("%s: framable %v but policy %q", name, tt.framable, csp)
		}
		if tt.framable != (h.Get("X-Frame-Options") == "") {
			t.Errorf("%s: framable %v but X-Frame-Options %q", name, tt.framable, h.Get("X-Frame-Options"))
		}
	}
}

// cspNonce checks that csp allows scripts and styles only from the site
// and with one nonce, and returns the nonce.
func cspNonce(t *testing.T, name, csp string) string {
	t.Helper()
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("%s: policy allows inline code: %q", name, csp)
	}
	for _, d := range []string{"object-src 'none'", "base-uri 'self'", "form-action 'self'", "img-src 'self' data:",
		"frame-src https://www.youtube-nocookie.com"} {
		if !strings.Contains(csp, d) {
			t.Errorf("%s: policy lacks %q: %q", name, d, csp)
		}
	}
	_, rest, ok := strings.Cut(csp, "script-src 'self' 'nonce-")
	nonce, _, _ := strings.Cut(rest, "'")
	if !ok || len(nonce) != 24 || !strings.Contains(csp, "style-src 'self' 'nonce-"+nonce+"'") {
		t.Errorf("%s: no 128-bit nonce for scripts and styles in %q", name, csp)
	}
	return nonce
}

// TestServer_NonceReachesHandlers checks that a handler sees the nonce of
// its own response's policy.
func TestServer_NonceReachesHandlers(t *testing.T) {
	var logs bytes.Buffer
	site := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, httpx.Nonce(r)) })
	srv := New(Options{Site: site, Media: site, Logger: slog.New(slog.NewTextHandler(&logs, nil)),
		Ready: func(context.Context) error { return nil }})
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if body := rec.Body.String(); body == "" || !strings.Contains(rec.Header().Get("Content-Security-Policy"), "'nonce-"+body+"'") {
		t.Errorf("handler saw nonce %q, policy %q", body, rec.Header().Get("Content-Security-Policy"))
	}
}

// TestServer_Timeouts checks that the server cuts off slow clients.
func TestServer_Timeouts(t *testing.T) {
	var logs bytes.Buffer
	hs := newTestServer(nil, &logs).http
	if hs.ReadHeaderTimeout <= 0 || hs.ReadHeaderTimeout > hs.ReadTimeout || hs.ReadTimeout <= 0 ||
		hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 {
		t.Errorf("timeouts: read header %v, read %v, write %v, idle %v", hs.ReadHeaderTimeout, hs.ReadTimeout, hs.WriteTimeout, hs.IdleTimeout)
	}
	if hs.MaxHeaderBytes <= 0 || hs.MaxHeaderBytes > 1<<20 {
		t.Errorf("MaxHeaderBytes = %d, want a bound under 1 MiB", hs.MaxHeaderBytes)
	}
}

// BenchmarkServer_Front measures what the front handler adds to a request:
// client address, nonce, headers and the rate limit check.
func BenchmarkServer_Front(b *testing.B) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	s := New(Options{Site: ok, Media: ok, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Ready: func(context.Context) error { return nil }, Limits: Limits{Pages: 1 << 30}})
	h := s.front(ok)
	r := httptest.NewRequest("GET", "/2022/09/27/x/", nil)
	w := httptest.NewRecorder()
	b.ReportAllocs()
	for b.Loop() {
		clear(w.Header())
		h.ServeHTTP(w, r)
	}
}
