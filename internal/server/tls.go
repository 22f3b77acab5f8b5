package server

import (
	"crypto/tls"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/acme/autocert"
)

// TLS is where the HTTPS server gets its certificate: files on disk, or
// Let's Encrypt through ACME.
type TLS struct {
	config  *tls.Config
	manager *autocert.Manager // nil with certificate files
}

// CertFiles returns a TLS that serves the certificate chain and private
// key in the given PEM files. It loads them now, so that a wrong path or
// a key that does not match fails at start; later, a handshake after either
// file changed loads them again, so a renewed certificate needs no restart.
func CertFiles(certFile, keyFile string) (*TLS, error) {
	f := &certFiles{cert: certFile, key: keyFile}
	if _, err := f.load(); err != nil {
		return nil, err
	}
	return &TLS{config: &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: f.get}}, nil
}

// Autocert returns a TLS that obtains and renews certificates for the
// given domains from Let's Encrypt, keeping them in cacheDir. email, when
// set, is given to Let's Encrypt for notices about the certificates.
// Requests for any other host name get no certificate, so that nobody can
// make Herald ask for certificates of names it does not serve.
func Autocert(domains []string, cacheDir, email string) *TLS {
	m := &autocert.Manager{
		Prompt:     autocert.AcceptTOS,
		Cache:      autocert.DirCache(cacheDir),
		HostPolicy: autocert.HostWhitelist(domains...),
		Email:      email,
	}
	c := m.TLSConfig()
	c.MinVersion = tls.VersionTLS12
	return &TLS{config: c, manager: m}
}

// certFiles loads a certificate from files when they change.
type certFiles struct {
	cert, key string

	mu   sync.Mutex
	mod  time.Time
	last *tls.Certificate
}

// get returns the certificate, reloading it when a file changed since the
// last load. A file caught half-written keeps the previous certificate.
func (f *certFiles) get(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if mod, err := f.modTime(); err == nil && !mod.Equal(f.mod) {
		if c, err := f.loadLocked(); err == nil {
			return c, nil
		}
	}
	return f.last, nil
}

// load reads the files; see loadLocked.
func (f *certFiles) load() (*tls.Certificate, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.loadLocked()
}

// loadLocked reads the certificate and key and remembers them with the
// files' modification time; the caller holds mu.
func (f *certFiles) loadLocked() (*tls.Certificate, error) {
	mod, err := f.modTime()
	if err != nil {
		return nil, err
	}
	c, err := tls.LoadX509KeyPair(f.cert, f.key)
	if err != nil {
		return nil, fmt.Errorf("-tls-cert %s, -tls-key %s: %w", f.cert, f.key, err)
	}
	f.last, f.mod = &c, mod
	return &c, nil
}

// modTime returns the later modification time of the two files.
func (f *certFiles) modTime() (time.Time, error) {
	var latest time.Time
	for _, name := range []string{f.cert, f.key} {
		fi, err := os.Stat(name)
		if err != nil {
			return time.Time{}, fmt.Errorf("TLS certificate: %w", err)
		}
		if fi.ModTime().After(latest) {
			latest = fi.ModTime()
		}
	}
	return latest, nil
}

// redirectHandler is what plain HTTP serves while HTTPS is on: /healthz
// for load balancers, the ACME http-01 challenges when certificates come
// from Let's Encrypt, and for everything else a permanent redirect to the
// same path and query on HTTPS at httpsPort.
func (t *TLS) redirectHandler(httpsPort string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", health)
	mux.Handle("/", toHTTPS(httpsPort))
	if t.manager != nil {
		return t.manager.HTTPHandler(mux)
	}
	return mux
}

// toHTTPS redirects to the request's URL on HTTPS at port.
func toHTTPS(port string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.Host)
		if err != nil { // no port: "news.example", "[2001:db8::1]"
			host = strings.TrimSuffix(strings.TrimPrefix(r.Host, "["), "]")
		}
		if host == "" || strings.ContainsAny(host, "/\\@ []") {
			http.Error(w, "Use HTTPS.", http.StatusBadRequest)
			return
		}
		// An IPv6 address keeps its brackets without the port.
		target := strings.TrimSuffix(net.JoinHostPort(host, port), ":443")
		http.Redirect(w, r, "https://"+target+r.URL.RequestURI(), http.StatusMovedPermanently)
	})
}
