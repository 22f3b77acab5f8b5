package config

import (
	"net/netip"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestConfig_TLS(t *testing.T) {
	c, err := parse(t, nil, nil)
	if err != nil || c.TLS.Cert != "" || c.TLS.Domains != nil || c.TLS.HTTPSAddr != ":443" || c.TLS.CacheDir != "data/autocert" {
		t.Fatalf("default TLS = %+v, %v; want off, :443, data/autocert", c.TLS, err)
	}
	c, err = parse(t, []string{"-tls-cert", "c.pem", "-tls-key", "k.pem", "-https-addr", "127.0.0.1:8443"}, nil)
	if err != nil || c.TLS.Cert != "c.pem" || c.TLS.Key != "k.pem" || c.TLS.HTTPSAddr != "127.0.0.1:8443" {
		t.Errorf("certificate files: %+v, %v", c.TLS, err)
	}
	env := map[string]string{"HERALD_AUTOCERT_DOMAIN": "news.example.com, www.news.example.com", "HERALD_AUTOCERT_EMAIL": "ops@example.com"}
	c, err = parse(t, []string{"-autocert-cache", "/var/lib/herald/acme"}, env)
	want := TLS{Domains: []string{"news.example.com", "www.news.example.com"}, Email: "ops@example.com",
		CacheDir: "/var/lib/herald/acme", HTTPSAddr: ":443"}
	if err != nil || !cmp.Equal(c.TLS, want) {
		t.Errorf("autocert: %v, %v", cmp.Diff(want, c.TLS), err)
	}
}

func TestConfig_ProxiesAndLimits(t *testing.T) {
	c, err := parse(t, nil, nil)
	if err != nil || c.TrustedProxies != nil || c.Limits.Pages != 600 || c.Limits.Forms != 60 {
		t.Fatalf("defaults: proxies %v limits %+v, %v", c.TrustedProxies, c.Limits, err)
	}
	loopback := []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	if !cmp.Equal(c.Limits.Allow, loopback, cmp.Comparer(func(a, b netip.Prefix) bool { return a == b })) {
		t.Errorf("default allowlist %v, want loopback", c.Limits.Allow)
	}
	c, err = parse(t, []string{"-trusted-proxies", "10.0.0.0/8, 192.0.2.7,2001:db8::/32", "-rate-pages", "0", "-rate-allow", ""},
		map[string]string{"HERALD_RATE_FORMS": "10"})
	if err != nil {
		t.Fatal(err)
	}
	if got := (*prefixList)(&c.TrustedProxies).String(); got != "10.0.0.0/8,192.0.2.7/32,2001:db8::/32" {
		t.Errorf("trusted proxies %s", got)
	}
	if c.Limits.Pages != 0 || c.Limits.Forms != 10 || c.Limits.Allow != nil {
		t.Errorf("limits %+v", c.Limits)
	}
}

func TestConfig_BadNetworkValues(t *testing.T) {
	tests := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"-tls-cert", "c.pem"}, nil, "-tls-cert and -tls-key"},
		{[]string{"-tls-key", "k.pem"}, nil, "-tls-cert and -tls-key"},
		{[]string{"-tls-cert", "c.pem", "-tls-key", "k.pem", "-autocert-domain", "news.example.com"}, nil, "-autocert-domain"},
		{[]string{"-autocert-domain", "https://news.example.com/"}, nil, `-autocert-domain "https://news.example.com/"`},
		{[]string{"-autocert-domain", "localhost"}, nil, "-autocert-domain"},
		{[]string{"-autocert-domain", "news.example.com", "-autocert-email", "nobody"}, nil, "-autocert-email"},
		{[]string{"-https-addr", "443"}, nil, "-https-addr"},
		{[]string{"-trusted-proxies", "10.0.0.0/33"}, nil, `"10.0.0.0/33" is not a CIDR network`},
		{[]string{"-trusted-proxies", "proxy.internal"}, nil, `"proxy.internal" is not an address`},
		{nil, map[string]string{"HERALD_TRUSTED_PROXIES": "10.0.0.1,nope"}, "HERALD_TRUSTED_PROXIES"},
		{[]string{"-rate-allow", "fe80::1%eth0"}, nil, "-rate-allow"},
		{[]string{"-rate-pages", "-1"}, nil, "-rate-pages -1"},
		{[]string{"-rate-forms", "2000000"}, nil, "-rate-forms"},
		{nil, map[string]string{"HERALD_RATE_API": "lots"}, "HERALD_RATE_API"},
	}
	for _, tt := range tests {
		_, err := parse(t, tt.args, tt.env)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("args %v env %v: error %v, want one line naming %q", tt.args, tt.env, err, tt.want)
		}
	}
}
