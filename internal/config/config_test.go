package config

import (
	"flag"
	"io"
	"strings"
	"testing"
)

func parse(t *testing.T, args []string, env map[string]string) (Config, error) {
	t.Helper()
	c := Default()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.Register(fs, "addr", "db", "data-dir", "demo", "articles", "dev", "log-format", "log-level", "smtp", "tls", "trusted-proxies", "rate")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if err := LoadEnv(fs, func(k string) string { return env[k] }); err != nil {
		return c, err
	}
	return c, c.Validate()
}

func TestConfig_Defaults(t *testing.T) {
	c, err := parse(t, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DB != "data/herald.db" || c.Articles != 2000 {
		t.Errorf("defaults = %+v", c)
	}
}

func TestConfig_EnvAndFlags(t *testing.T) {
	env := map[string]string{"HERALD_ADDR": "0.0.0.0:9000", "HERALD_DEMO": "true", "HERALD_DATA_DIR": "/srv/herald"}
	c, err := parse(t, []string{"-addr", "127.0.0.1:7000"}, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:7000" {
		t.Errorf("a flag must win over the environment: addr = %q", c.Addr)
	}
	if !c.Demo || c.DB != "/srv/herald/herald.db" {
		t.Errorf("environment not applied: %+v", c)
	}
}

func TestConfig_BadValues(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-addr", "nonsense"}, nil, "-addr"},
		{[]string{"-addr", "127.0.0.1:99999"}, nil, "port"},
		{[]string{"-articles", "0"}, nil, "-articles"},
		{[]string{"-log-format", "xml"}, nil, "-log-format"},
		{[]string{"-log-level", "loud"}, nil, "-log-level"},
		{nil, map[string]string{"HERALD_ARTICLES": "many"}, "HERALD_ARTICLES"},
		{nil, map[string]string{"HERALD_DEMO": "perhaps"}, "HERALD_DEMO"},
		{[]string{"-data-dir", ""}, nil, "-data-dir"},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.args, tt.env)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("args %v env %v: error %v, want one naming %q", tt.args, tt.env, err, tt.want)
		}
	}
}

func TestConfig_SMTP(t *testing.T) {
	c, err := parse(t, nil, nil)
	if err != nil || c.SMTP.Host != "" || c.SMTP.Port != 587 || c.SMTP.Security != "starttls" {
		t.Fatalf("default SMTP = %+v, %v; want no host, port 587, starttls", c.SMTP, err)
	}
	env := map[string]string{"HERALD_SMTP_HOST": "smtp.example.com", "HERALD_SMTP_PASSWORD": "s3cret",
		"HERALD_MAIL_FROM": "Herald <news@example.com>"}
	c, err = parse(t, []string{"-smtp-port", "465", "-smtp-security", "tls", "-smtp-user", "news"}, env)
	want := SMTP{Host: "smtp.example.com", Port: 465, User: "news", Password: "s3cret", Security: "tls",
		From: "Herald <news@example.com>"}
	if err != nil || c.SMTP != want {
		t.Errorf("SMTP = %+v, %v; want %+v", c.SMTP, err, want)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-smtp-host", "h", "-mail-from", "a@b.c", "-smtp-port", "0"}, "-smtp-port"},
		{[]string{"-smtp-host", "h", "-mail-from", "a@b.c", "-smtp-security", "ssl"}, "-smtp-security"},
		{[]string{"-smtp-host", "h"}, "-mail-from"},
	} {
		if _, err := parse(t, tc.args, nil); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: %v, want an error naming %s", tc.args, err, tc.want)
		}
	}
}
