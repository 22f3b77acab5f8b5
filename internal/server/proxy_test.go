package server

import (
	"crypto/tls"
	"net/http/httptest"
	"net/netip"
	"testing"
)

func TestProxies_Client(t *testing.T) {
	trusted := proxies{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("2001:db8:ffff::/48")}
	tests := []struct {
		name    string
		proxies proxies
		remote  string
		header  map[string]string
		tls     bool
		want    string
		wantTLS bool
	}{
		{"no proxy", trusted, "192.0.2.7:4000", nil, false, "192.0.2.7", false},
		{"direct over TLS", trusted, "192.0.2.7:4000", nil, true, "192.0.2.7", true},
		{"untrusted sender's header ignored", trusted, "192.0.2.7:4000",
			map[string]string{"X-Forwarded-For": "203.0.113.1", "X-Forwarded-Proto": "https"}, false, "192.0.2.7", false},
		{"no proxies configured", nil, "10.0.0.1:4000",
			map[string]string{"X-Forwarded-For": "203.0.113.1"}, false, "10.0.0.1", false},
		{"trusted proxy", trusted, "10.0.0.1:4000",
			map[string]string{"X-Forwarded-For": "203.0.113.1", "X-Forwarded-Proto": "https"}, false, "203.0.113.1", true},
		{"spoofed entry left of the client", trusted, "10.0.0.1:4000",
			map[string]string{"X-Forwarded-For": "198.51.100.66, 203.0.113.1"}, false, "203.0.113.1", false},
		{"chain of trusted proxies", trusted, "10.0.0.1:4000",
			map[string]string{"X-Forwarded-For": "203.0.113.1, 10.0.0.9, 10.0.0.8"}, false, "203.0.113.1", false},
		{"only proxies in the chain", trusted, "10.0.0.1:4000",
			map[string]string{"X-Forwarded-For": "10.0.0.9"}, false, "10.0.0.9", false},
		{"garbage in the chain", trusted, "10.0.0.1:4000",
			map[string]string{"X-Forwarded-For": "203.0.113.1, <script>, 10.0.0.9"}, false, "10.0.0.9", false},
		{"empty header", trusted, "10.0.0.1:4000",
			map[string]string{"X-Forwarded-For": ""}, false, "10.0.0.1", false},
		{"Forwarded", trusted, "10.0.0.1:4000",
			map[string]string{"Forwarded": `for=198.51.100.66, for="203.0.113.1:4711";proto=https;by=10.0.0.1`}, false, "203.0.113.1", true},
		{"Forwarded wins over X-Forwarded-For", trusted, "10.0.0.1:4000",
			map[string]string{"Forwarded": "for=203.0.113.1", "X-Forwarded-For": "198.51.100.66"}, false, "203.0.113.1", false},
		{"Forwarded IPv6", trusted, "[2001:db8:ffff::1]:4000",
			map[string]string{"Forwarded": `for="[2001:db8:1::7]:4711"`}, false, "2001:db8:1::7", false},
		{"Forwarded obfuscated", trusted, "10.0.0.1:4000",
			map[string]string{"Forwarded": "for=_hidden"}, false, "10.0.0.1", false},
		{"IPv4-mapped proxy", trusted, "[::ffff:10.0.0.1]:4000",
			map[string]string{"X-Forwarded-For": "203.0.113.1"}, false, "203.0.113.1", false},
		{"last X-Forwarded-Proto counts", trusted, "10.0.0.1:4000",
			map[string]string{"X-Forwarded-For": "203.0.113.1", "X-Forwarded-Proto": "https, http"}, false, "203.0.113.1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			for k, v := range tt.header {
				r.Header.Set(k, v)
			}
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			ip, isTLS := tt.proxies.client(r)
			if ip != tt.want || isTLS != tt.wantTLS {
				t.Errorf("client = %q, TLS %v; want %q, %v", ip, isTLS, tt.want, tt.wantTLS)
			}
		})
	}
}
