package main

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald/internal/certtest"
)

// serving is a "herald serve" running in the test's process.
type serving struct {
	out, errOut syncBuffer
	cancel      func()
	done        chan int
}

// startServe runs "herald serve" with a fresh data directory and args
// until the test ends.
func startServe(t *testing.T, args ...string) *serving {
	t.Helper()
	if testing.Short() {
		t.Skip("starts a server")
	}
	dir := t.TempDir()
	s := &serving{done: make(chan int, 1)}
	m := &Main{Stdout: &s.out, Stderr: &s.errOut, Getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	args = append([]string{"serve", "-addr", "127.0.0.1:0", "-data-dir", dir, "-db", filepath.Join(dir, "h.db")}, args...)
	go func() { s.done <- m.Run(ctx, args) }()
	t.Cleanup(cancel)
	return s
}

// wait polls the server's output until re matches it, and returns the match.
func (s *serving) wait(t *testing.T, re *regexp.Regexp) string {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); {
		if m := re.FindString(s.out.String()); m != "" {
			return m
		}
		time.Sleep(20 * time.Millisecond) // polling the server's output
	}
	t.Fatalf("no %s in stdout %q, stderr %q", re, s.out.String(), s.errOut.String())
	return ""
}

// stop stops the server and checks that it exited cleanly.
func (s *serving) stop(t *testing.T) {
	t.Helper()
	s.cancel()
	if code := <-s.done; code != 0 {
		t.Errorf("serve exited %d: %s", code, s.errOut.String())
	}
}

// TestServe_TLS runs "herald serve -tls-cert … -tls-key …" on real
// listeners: the setup page over HTTPS with HSTS and a Secure cookie, and
// plain HTTP redirecting to it.
func TestServe_TLS(t *testing.T) {
	certFile, keyFile, cert := certtest.Write(t, t.TempDir(), 1)
	s := startServe(t, "-tls-cert", certFile, "-tls-key", keyFile, "-https-addr", "127.0.0.1:0")
	link := s.wait(t, regexp.MustCompile(`https://127\.0\.0\.1:\d+/admin/setup\?token=\S+`))
	plain := s.wait(t, regexp.MustCompile(`http://127\.0\.0\.1:\d+`))
	c := certtest.Client(cert)
	resp, err := c.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Set up the newsroom") {
		t.Errorf("setup page over HTTPS: %d %s", resp.StatusCode, body)
	}
	if !strings.HasPrefix(resp.Header.Get("Strict-Transport-Security"), "max-age=") || resp.Header.Get("Content-Security-Policy") == "" {
		t.Errorf("HTTPS headers: %v", resp.Header)
	}
	for _, ck := range resp.Cookies() {
		if !ck.Secure {
			t.Errorf("cookie %s is not Secure under TLS", ck.Name)
		}
	}
	path := link[strings.Index(link, "/admin/"):]
	resp, err = c.Get(plain + path)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	_, port, _ := strings.Cut(strings.TrimPrefix(link, "https://127.0.0.1"), ":")
	port, _, _ = strings.Cut(port, "/")
	if want := "https://127.0.0.1:" + port + path; resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != want {
		t.Errorf("plain HTTP: %d to %q, want 301 to %q", resp.StatusCode, resp.Header.Get("Location"), want)
	}
	s.stop(t)
}
