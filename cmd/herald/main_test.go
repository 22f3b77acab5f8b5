package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func run(t *testing.T, env map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	m := &Main{Stdout: &out, Stderr: &errOut, Getenv: func(k string) string { return env[k] }}
	code = m.Run(context.Background(), args)
	return code, out.String(), errOut.String()
}

func TestMain_BadInput(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		env  map[string]string
		args []string
		code int
		want string
	}{
		{"no command", nil, nil, 2, "Usage:"},
		{"unknown command", nil, []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"unknown flag", nil, []string{"serve", "-colour", "red"}, 1, "flag provided but not defined: -colour"},
		{"bad addr", nil, []string{"serve", "-addr", "everywhere"}, 1, `-addr "everywhere"`},
		{"bad trusted proxy", nil, []string{"serve", "-trusted-proxies", "10.0.0.0/8,proxy"}, 1, `invalid value "10.0.0.0/8,proxy" for flag -trusted-proxies: "proxy" is not an address`},
		{"bad trusted proxy env", map[string]string{"HERALD_TRUSTED_PROXIES": "10.1/8"}, []string{"serve"}, 1, "HERALD_TRUSTED_PROXIES"},
		{"negative rate", nil, []string{"serve", "-rate-forms", "-5"}, 1, "-rate-forms -5: must be from 0"},
		{"bad rate allowlist", nil, []string{"serve", "-rate-allow", "office"}, 1, `"office" is not an address`},
		{"certificate without key", nil, []string{"serve", "-tls-cert", "cert.pem"}, 1, "-tls-cert and -tls-key"},
		{"missing certificate", nil, []string{"serve", "-data-dir", dir, "-tls-cert", dir + "/none.pem", "-tls-key", dir + "/none.key"}, 1, "none.pem"},
		{"files and autocert", nil, []string{"serve", "-tls-cert", "c.pem", "-tls-key", "k.pem", "-autocert-domain", "news.example.com"}, 1, "-autocert-domain"},
		{"bad autocert domain", nil, []string{"serve", "-autocert-domain", "news.example.com:443"}, 1, `-autocert-domain "news.example.com:443"`},
		{"bad https addr", nil, []string{"serve", "-tls-cert", "c.pem", "-tls-key", "k.pem", "-https-addr", "https"}, 1, `-https-addr "https"`},
		{"bad env", map[string]string{"HERALD_ARTICLES": "lots"}, []string{"demo", "-data-dir", dir}, 1, "HERALD_ARTICLES"},
		{"stray argument", nil, []string{"migrate", "now"}, 1, `unexpected argument "now"`},
		{"unreachable postgres", nil, []string{"migrate", "-db", "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2"}, 1, "127.0.0.1"},
		{"unusable sqlite path", nil, []string{"migrate", "-db", "/proc/herald/x.db"}, 1, "/proc/herald"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.env, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.want)
			}
			if tt.code == 1 && strings.Count(strings.TrimSpace(stderr), "\n") != 0 {
				t.Errorf("want one line of error, got:\n%s", stderr)
			}
		})
	}
}

func TestMain_HelpAndVersion(t *testing.T) {
	if code, out, _ := run(t, nil, "help"); code != 0 || !strings.Contains(out, "herald serve") {
		t.Errorf("help: code %d, output %q", code, out)
	}
	if code, out, _ := run(t, nil, "serve", "-h"); code != 0 || !strings.Contains(out, "-addr") {
		t.Errorf("serve -h: code %d, output %q", code, out)
	}
	if code, out, _ := run(t, nil, "version"); code != 0 || !strings.HasPrefix(out, "herald ") {
		t.Errorf("version: code %d, output %q", code, out)
	}
}

func TestMain_MigrateTwice(t *testing.T) {
	db := filepath.Join(t.TempDir(), "h.db")
	code, out, stderr := run(t, nil, "migrate", "-db", db)
	if code != 0 || !strings.Contains(out, "applied") {
		t.Fatalf("first migrate: code %d, out %q, err %q", code, out, stderr)
	}
	code, out, _ = run(t, nil, "migrate", "-db", db)
	if code != 0 || !strings.Contains(out, "(0 migrations applied now)") {
		t.Errorf("second migrate: code %d, out %q", code, out)
	}
}

func TestMain_DemoRefusesFullDatabase(t *testing.T) {
	dir := t.TempDir()
	if code, _, stderr := run(t, nil, "demo", "-data-dir", dir, "-articles", "30"); code != 0 {
		t.Fatalf("demo: code %d: %s", code, stderr)
	}
	code, _, stderr := run(t, nil, "demo", "-data-dir", dir, "-articles", "30")
	if code != 1 || !strings.Contains(stderr, "already has articles") {
		t.Errorf("second demo: code %d, stderr %q", code, stderr)
	}
}
