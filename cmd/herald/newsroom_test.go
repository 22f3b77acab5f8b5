package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServe_SetupLink: a server with no user prints a setup link that
// opens the setup page.
func TestServe_SetupLink(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server")
	}
	dir := t.TempDir()
	var out, errOut syncBuffer
	m := &Main{Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int)
	go func() {
		done <- m.Run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-data-dir", dir, "-db", filepath.Join(dir, "h.db")})
	}()
	linkRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+/admin/setup\?token=\S+`)
	var link string
	for deadline := time.Now().Add(20 * time.Second); link == "" && time.Now().Before(deadline); {
		link = linkRE.FindString(out.String())
		time.Sleep(20 * time.Millisecond) // polling the server's output
	}
	if link == "" {
		cancel()
		t.Fatalf("no setup link in stdout %q, stderr %q", out.String(), errOut.String())
	}
	if !strings.Contains(errOut.String(), "setup link") {
		t.Errorf("the setup link is not in the log: %q", errOut.String())
	}
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Set up the newsroom") {
		t.Errorf("setup page: %d %s", resp.StatusCode, body)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d: %s", code, errOut.String())
	}
}
