package main

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
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
	s := startServe(t)
	link := s.wait(t, regexp.MustCompile(`http://127\.0\.0\.1:\d+/admin/setup\?token=\S+`))
	if !strings.Contains(s.errOut.String(), "setup link") {
		t.Errorf("the setup link is not in the log: %q", s.errOut.String())
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
	s.stop(t)
}
