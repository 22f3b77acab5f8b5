package main

import (
	"bytes"
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/config"
	"github.com/herald-news/herald/internal/sqlstore"
)

// runStdin runs the command with stdin.
func runStdin(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errOut, Getenv: func(string) string { return "" }}
	code = m.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestUserAdd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "herald.db")
	code, out, errOut := runStdin(t, "correct horse battery\n", "user", "add", "-db", db,
		"--email", "ann@example.com", "--name", "Ann Admin", "--role", "admin", "--password-stdin")
	if code != 0 || !strings.Contains(out, "Added Ann Admin <ann@example.com>, admin.") {
		t.Fatalf("add with password: %d %q %q", code, out, errOut)
	}
	code, out, errOut = runStdin(t, "", "user", "add", "-db", db, "-addr", ":9090",
		"-email", "bo@example.com", "-name", "Ann Admin", "-role", "author")
	link := regexp.MustCompile(`http://localhost:9090/admin/reset\?token=\S+`).FindString(out)
	if code != 0 || link == "" {
		t.Fatalf("add without password: %d %q %q", code, out, errOut)
	}

	st, err := sqlstore.Open(context.Background(), sqlstore.Options{DSN: db, Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	us, err := st.FindUsers(context.Background(), herald.UserFilter{})
	if err != nil || len(us) != 2 {
		t.Fatalf("users %v, %v", us, err)
	}
	for _, u := range us {
		switch u.Email {
		case "ann@example.com":
			if u.Role != herald.RoleAdmin || u.Slug != "ann-admin" || !auth.CheckPassword(u.PasswordHash, "correct horse battery") {
				t.Errorf("ann: %+v", u)
			}
		case "bo@example.com":
			if u.Role != herald.RoleAuthor || u.Slug != "ann-admin-2" || u.PasswordHash != "" {
				t.Errorf("bo: %+v", u)
			}
		}
	}
}

func TestUserAdd_BadInput(t *testing.T) {
	db := filepath.Join(t.TempDir(), "herald.db")
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"no subcommand", "", nil, 2, "Usage: herald user add"},
		{"bad role", "", []string{"add", "-db", db, "-email", "a@example.com", "-name", "A", "-role", "boss"}, 1, "role"},
		{"bad email", "", []string{"add", "-db", db, "-email", "nope", "-name", "A", "-role", "admin"}, 1, "email"},
		{"weak password", "password123\n", []string{"add", "-db", db, "-email", "a@example.com", "-name", "A", "-role", "admin", "-password-stdin"}, 1, "too common"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runStdin(t, tt.stdin, append([]string{"user"}, tt.args...)...)
			if code != tt.code || !strings.Contains(errOut, tt.want) {
				t.Errorf("code %d, stderr %q; want %d containing %q", code, errOut, tt.code, tt.want)
			}
		})
	}
	runStdin(t, "correct horse battery\n", "user", "add", "-db", db, "-email", "a@example.com", "-name", "A", "-role", "admin", "-password-stdin")
	if code, _, errOut := runStdin(t, "", "user", "add", "-db", db, "-email", "A@example.com", "-name", "B", "-role", "admin"); code != 1 || !strings.Contains(errOut, "already exists") {
		t.Errorf("duplicate email: %d %q", code, errOut)
	}
}

func TestOriginOf(t *testing.T) {
	for addr, want := range map[string]string{
		":8080": "http://localhost:8080", "0.0.0.0:80": "http://localhost:80", "[::]:8080": "http://localhost:8080",
		"127.0.0.1:8080": "http://127.0.0.1:8080", "news.example:443": "http://news.example:443",
	} {
		if got := originOf(addr); got != want {
			t.Errorf("originOf(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestHTTPSOrigin(t *testing.T) {
	acme := config.TLS{Domains: []string{"news.example", "www.news.example"}}
	for _, tt := range []struct {
		tls        config.TLS
		addr, want string
	}{
		{config.TLS{}, "[::]:8443", "https://localhost:8443"},
		{config.TLS{}, "0.0.0.0:443", "https://localhost"},
		{config.TLS{}, "[2001:db8::1]:443", "https://[2001:db8::1]"},
		{config.TLS{}, "127.0.0.1:8443", "https://127.0.0.1:8443"},
		{acme, "[::]:443", "https://news.example"},
		{acme, ":8443", "https://news.example:8443"},
	} {
		if got := httpsOrigin(tt.tls, tt.addr); got != tt.want {
			t.Errorf("httpsOrigin(%v, %q) = %q, want %q", tt.tls.Domains, tt.addr, got, tt.want)
		}
	}
}
