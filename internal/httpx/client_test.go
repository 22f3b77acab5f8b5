package httpx

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestClientIP(t *testing.T) {
	r := httptest.NewRequest("GET", "/", nil)
	r.RemoteAddr = "192.0.2.7:5123"
	r.Header.Set("X-Forwarded-For", "203.0.113.9")
	if got := ClientIP(r); got != "192.0.2.7" {
		t.Errorf("outside the server ClientIP = %q, want the connection's 192.0.2.7", got)
	}
	if got := Nonce(r); got != "" {
		t.Errorf("outside the server Nonce = %q, want none", got)
	}
	r = WithClient(r, "203.0.113.9", false, "bm9uY2U=")
	if got := ClientIP(r); got != "203.0.113.9" {
		t.Errorf("ClientIP = %q, want the address the server settled on", got)
	}
	if got := Nonce(r); got != "bm9uY2U=" {
		t.Errorf("Nonce = %q", got)
	}
	if got := RemoteIP(r); got != "192.0.2.7" {
		t.Errorf("RemoteIP = %q, want the connection's", got)
	}
	r.RemoteAddr = "@unix"
	if got := RemoteIP(r); got != "@unix" {
		t.Errorf("RemoteIP without a port = %q", got)
	}
}

func TestOrigin(t *testing.T) {
	r := httptest.NewRequest("GET", "http://news.example.com/", nil)
	if got := Origin(r); got != "http://news.example.com" {
		t.Errorf("plain request: %q", got)
	}
	if got := Origin(WithClient(r, "203.0.113.9", false, "")); got != "http://news.example.com" {
		t.Errorf("plain request through the server: %q", got)
	}
	// A trusted proxy ended TLS: the server settled tls = true.
	if got := Origin(WithClient(r, "203.0.113.9", true, "")); got != "https://news.example.com" {
		t.Errorf("behind a TLS proxy: %q, want https", got)
	}
	tlsReq := httptest.NewRequest("GET", "https://news.example.com/", nil)
	if got := Origin(tlsReq); got != "https://news.example.com" {
		t.Errorf("TLS request: %q", got)
	}
}

func TestAllowFraming(t *testing.T) {
	h := http.Header{}
	AllowFraming(h)
	if len(h) != 0 {
		t.Errorf("AllowFraming added headers to a response without a policy: %v", h)
	}
	h.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Frame-Options", "DENY")
	AllowFraming(h)
	if got, want := h.Get("Content-Security-Policy"), "default-src 'self'; frame-ancestors *; form-action 'self'"; got != want {
		t.Errorf("policy = %q, want %q", got, want)
	}
	if h.Get("X-Frame-Options") != "" {
		t.Error("X-Frame-Options still refuses framing")
	}
}
