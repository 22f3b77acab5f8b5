package server

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/acme/autocert"

	"github.com/herald-news/herald/internal/certtest"
)

// TestServer_ServeTLS serves HTTPS with certificate files over real
// listeners: the handshake, HSTS, and the redirect from plain HTTP.
func TestServer_ServeTLS(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, cert := certtest.Write(t, dir, 1)
	certs, err := CertFiles(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	s := newTestServer(nil, &logs)
	tl, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	pl, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.ServeTLS(ctx, tl, pl, certs, 5*time.Second) }()

	client := certtest.Client(cert)
	httpsURL := "https://" + tl.Addr().String()
	resp, err := client.Get(httpsURL + "/2022/09/27/x/")
	if err != nil {
		t.Fatalf("HTTPS request: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(string(body), "site ") {
		t.Errorf("HTTPS page = %d %q", resp.StatusCode, body)
	}
	if got := resp.Header.Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=") {
		t.Errorf("HTTPS response Strict-Transport-Security = %q", got)
	}
	if resp.TLS == nil || !resp.TLS.PeerCertificates[0].Equal(cert) {
		t.Error("the handshake did not present the certificate from the files")
	}

	_, port, _ := net.SplitHostPort(tl.Addr().String())
	plainURL := "http://" + pl.Addr().String()
	for _, tt := range []struct {
		path, location string
		status         int
	}{
		{"/2022/09/27/x/?utm=1&b=%20c", "https://127.0.0.1:" + port + "/2022/09/27/x/?utm=1&b=%20c", 301},
		{"/admin/sign-in", "https://127.0.0.1:" + port + "/admin/sign-in", 301},
		{"/healthz", "", 200},
	} {
		resp, err := client.Get(plainURL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status || resp.Header.Get("Location") != tt.location {
			t.Errorf("http %s = %d to %q, want %d to %q", tt.path, resp.StatusCode, resp.Header.Get("Location"), tt.status, tt.location)
		}
		if resp.Header.Get("Strict-Transport-Security") != "" {
			t.Errorf("http %s sent HSTS over plain HTTP", tt.path)
		}
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("ServeTLS returned %v after shutdown", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ServeTLS did not stop within 10 s of cancellation")
	}
}

// TestCertFiles_Reload checks that a renewed certificate is served
// without a restart, and that bad files fail at start.
func TestCertFiles_Reload(t *testing.T) {
	dir := t.TempDir()
	certFile, keyFile, _ := certtest.Write(t, dir, 1)
	certs, err := CertFiles(certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	serial := func() int64 {
		c, err := certs.config.GetCertificate(&tls.ClientHelloInfo{})
		if err != nil {
			t.Fatal(err)
		}
		x, _ := x509.ParseCertificate(c.Certificate[0])
		return x.SerialNumber.Int64()
	}
	if got := serial(); got != 1 {
		t.Fatalf("serial %d, want 1", got)
	}
	certtest.Write(t, dir, 2)
	later := time.Now().Add(time.Minute)
	for _, f := range []string{certFile, keyFile} {
		if err := os.Chtimes(f, later, later); err != nil {
			t.Fatal(err)
		}
	}
	if got := serial(); got != 2 {
		t.Errorf("after renewal serial %d, want 2", got)
	}
	if err := os.WriteFile(keyFile, []byte("half-written"), 0o600); err != nil {
		t.Fatal(err)
	}
	if got := serial(); got != 2 {
		t.Errorf("with a broken key file serial %d, want the previous certificate's 2", got)
	}
	for _, tt := range []struct{ cert, key, want string }{
		{filepath.Join(dir, "missing.pem"), keyFile, "missing.pem"},
		{certFile, keyFile, "-tls-key"},
	} {
		if _, err := CertFiles(tt.cert, tt.key); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CertFiles(%s, %s) = %v, want an error naming %q", tt.cert, tt.key, err, tt.want)
		}
	}
}

// TestAutocert checks the ACME wiring without the network: the manager
// asks only for the configured names, keeps certificates in the cache
// directory, and plain HTTP answers http-01 challenges instead of
// redirecting them.
func TestAutocert(t *testing.T) {
	cache := t.TempDir()
	a := Autocert([]string{"news.example.com", "www.news.example.com"}, cache, "ops@example.com")
	m := a.manager
	if m.Email != "ops@example.com" || m.Cache != autocert.DirCache(cache) || m.Prompt == nil {
		t.Errorf("manager email %q cache %v", m.Email, m.Cache)
	}
	ctx := context.Background()
	for host, ok := range map[string]bool{"news.example.com": true, "www.news.example.com": true, "evil.example.net": false, "127.0.0.1": false} {
		if err := m.HostPolicy(ctx, host); (err == nil) != ok {
			t.Errorf("HostPolicy(%s) = %v, want allowed %v", host, err, ok)
		}
	}
	if !strings.Contains(strings.Join(a.config.NextProtos, ","), "acme-tls/1") || a.config.MinVersion != tls.VersionTLS12 {
		t.Errorf("TLS config: protocols %v, min version %x", a.config.NextProtos, a.config.MinVersion)
	}
	h := a.redirectHandler("443")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://news.example.com/section/world/?page=2", nil))
	if rec.Code != 301 || rec.Header().Get("Location") != "https://news.example.com/section/world/?page=2" {
		t.Errorf("page: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://news.example.com/.well-known/acme-challenge/token", nil))
	if rec.Code == 301 {
		t.Error("an ACME challenge was redirected instead of answered by the manager")
	}
}

func TestToHTTPS_Hosts(t *testing.T) {
	for _, tt := range []struct{ host, port, want string }{
		{"news.example", "443", "https://news.example/p/?q=1"},
		{"news.example:80", "8443", "https://news.example:8443/p/?q=1"},
		{"[2001:db8::1]:80", "443", "https://[2001:db8::1]/p/?q=1"},
		{"[2001:db8::1]", "443", "https://[2001:db8::1]/p/?q=1"},
		{"[::1]", "8443", "https://[::1]:8443/p/?q=1"},
	} {
		r := httptest.NewRequest("GET", "/p/?q=1", nil)
		r.Host = tt.host
		rec := httptest.NewRecorder()
		toHTTPS(tt.port).ServeHTTP(rec, r)
		if got := rec.Header().Get("Location"); rec.Code != 301 || got != tt.want {
			t.Errorf("Host %q to port %s: %d to %q, want 301 to %q", tt.host, tt.port, rec.Code, got, tt.want)
		}
	}
}
