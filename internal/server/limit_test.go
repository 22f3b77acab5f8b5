package server

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestBucketLimiter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newBucketLimiter(60, func() time.Time { return now }) // one a second, 60 at once
	for i := range 60 {
		if wait := l.allow("a"); wait != 0 {
			t.Fatalf("request %d of the burst refused (wait %v)", i+1, wait)
		}
	}
	if wait := l.allow("a"); wait <= 0 || wait > time.Second {
		t.Errorf("past the burst: wait %v, want up to 1s", wait)
	}
	if wait := l.allow("b"); wait != 0 {
		t.Errorf("another client was refused: wait %v", wait)
	}
	now = now.Add(2 * time.Second)
	for i := range 2 {
		if wait := l.allow("a"); wait != 0 {
			t.Errorf("after 2s, request %d refused (wait %v)", i+1, wait)
		}
	}
	if wait := l.allow("a"); wait == 0 {
		t.Error("a third request after 2s was allowed")
	}
	if newBucketLimiter(0, time.Now) != nil {
		t.Error("a rate of 0 made a limiter")
	}
}

func TestBucketLimiter_Sweep(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := newBucketLimiter(60, func() time.Time { return now })
	for i := range maxBuckets {
		l.allow(fmt.Sprint(i))
	}
	now = now.Add(time.Minute) // every bucket has refilled
	l.allow("new")
	if n := len(l.buckets); n != 1 {
		t.Errorf("after the sweep %d buckets, want only the new one", n)
	}
	for i := range maxBuckets {
		l.allow(fmt.Sprint(i)) // none has refilled: the oldest half goes
	}
	if n := len(l.buckets); n >= maxBuckets {
		t.Errorf("%d buckets, want fewer than %d", n, maxBuckets)
	}
}

func TestClientKey(t *testing.T) {
	for ip, want := range map[string]string{
		"192.0.2.7":             "192.0.2.7",
		"2001:db8:1:2:3:4:5:6":  "2001:db8:1:2::/64",
		"2001:db8:1:2:ff::1":    "2001:db8:1:2::/64",
		"not an address at all": "not an address at all",
	} {
		if got := clientKey(ip); got != want {
			t.Errorf("clientKey(%q) = %q, want %q", ip, got, want)
		}
	}
}

// TestServer_RateLimit shows a client over its limit answered 429 with
// Retry-After over real HTTP, while allowlisted clients, other classes of
// request and the operators' endpoints go on being served.
func TestServer_RateLimit(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })
	srv := New(Options{Site: h, Media: h, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Ready: func(context.Context) error { return nil }, Now: func() time.Time { return now },
		Limits: Limits{Pages: 3, Media: 5, Forms: 1, Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.2/32")}}})
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	from := func(n byte) *http.Client {
		d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.IPv4(127, 0, 0, n)}}
		return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
	}
	do := func(c *http.Client, method, path string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader("a=1"))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	reader, office := from(1), from(2)
	for i := range 3 {
		if resp := do(reader, "GET", "/"); resp.StatusCode != 200 {
			t.Fatalf("page %d: status %d", i+1, resp.StatusCode)
		}
	}
	resp := do(reader, "GET", "/section/world/")
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "20" {
		t.Errorf("4th page: %d, Retry-After %q; want 429 after 20 s (3 a minute)", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if resp.Header.Get("Content-Security-Policy") == "" {
		t.Error("the 429 page lacks the security headers")
	}
	if resp.Header.Get("Cache-Control") != "no-store" || resp.Header.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("the 429 page: %v", resp.Header)
	}
	for _, tt := range []struct {
		c      *http.Client
		method string
		path   string
		want   int
	}{
		{reader, "GET", "/media/a.jpg", 200}, // media has a bucket of its own
		{reader, "GET", "/healthz", 200},     // never limited
		{reader, "POST", "/2026/01/01/x/comments/", 200},
		{reader, "POST", "/2026/01/01/x/comments/", 429},
		{office, "GET", "/", 200}, // allowlisted
		{office, "GET", "/", 200},
		{office, "GET", "/", 200},
		{office, "GET", "/", 200},
	} {
		if resp := do(tt.c, tt.method, tt.path); resp.StatusCode != tt.want {
			t.Errorf("%s %s = %d, want %d", tt.method, tt.path, resp.StatusCode, tt.want)
		}
	}
	now = now.Add(20 * time.Second)
	if resp := do(reader, "GET", "/"); resp.StatusCode != 200 {
		t.Errorf("after Retry-After the page is still refused: %d", resp.StatusCode)
	}
}

// TestServer_BodyLimit checks the ceilings on request bodies.
func TestServer_BodyLimit(t *testing.T) {
	read := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			http.Error(w, "too big", http.StatusRequestEntityTooLarge)
		}
	})
	srv := New(Options{Site: read, Media: read, Admin: read, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Ready: func(context.Context) error { return nil }})
	for _, tt := range []struct {
		path string
		size int
		want int
	}{
		{"/2026/01/01/x/comments/", maxBodyBytes, 200},
		{"/2026/01/01/x/comments/", maxBodyBytes + 1, 413},
		{"/admin/media", maxBodyBytes + 1, 200},
		{"/admin/media", maxAdminBodyBytes + 1, 413},
	} {
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, httptest.NewRequest("POST", tt.path, strings.NewReader(strings.Repeat("x", tt.size))))
		if rec.Code != tt.want {
			t.Errorf("POST %s with %d bytes = %d, want %d", tt.path, tt.size, rec.Code, tt.want)
		}
	}
}

// slowBody sends a form body a piece at a time over about a second, as a
// slow client does.
type slowBody struct{ left int }

func (b *slowBody) Read(p []byte) (int, error) {
	if b.left == 0 {
		return 0, io.EOF
	}
	time.Sleep(100 * time.Millisecond) // the client's slowness, not a wait for the server
	b.left--
	return copy(p, "a=1&"), nil
}

// TestServer_SlowClients shows the read timeout cutting off a client that
// sends its body too slowly, except for a newsroom upload, which may take
// longer.
func TestServer_SlowClients(t *testing.T) {
	var logs strings.Builder
	read := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, err := io.Copy(io.Discard, r.Body); err != nil {
			http.Error(w, "body cut off", http.StatusRequestTimeout)
			return
		}
		io.WriteString(w, "read")
	})
	s := New(Options{Site: read, Media: read, Admin: read, Logger: slog.New(slog.NewTextHandler(&logs, nil)),
		Ready: func(context.Context) error { return nil }})
	s.http.ReadTimeout, s.http.WriteTimeout = 300*time.Millisecond, 300*time.Millisecond
	l, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Serve(ctx, l, time.Second)
	for _, tt := range []struct {
		path, contentType string
		ok                bool
	}{
		{"/2026/01/01/x/comments/", "application/x-www-form-urlencoded", false},
		{"/admin/media", "application/x-www-form-urlencoded", false},
		{"/admin/media", "multipart/form-data; boundary=x", true},
	} {
		req, _ := http.NewRequest("POST", "http://"+l.Addr().String()+tt.path, &slowBody{left: 10})
		req.Header.Set("Content-Type", tt.contentType)
		resp, err := http.DefaultClient.Do(req)
		ok := err == nil && resp.StatusCode == 200
		if err == nil {
			resp.Body.Close()
		}
		if ok != tt.ok {
			t.Errorf("slow %s to %s: served %v (%v), want %v", tt.contentType, tt.path, ok, err, tt.ok)
		}
	}
}
