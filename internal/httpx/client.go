package httpx

import (
	"context"
	"net"
	"net/http"
	"strings"
)

// clientKey is the context key of a request's client facts.
type clientKey struct{}

// client is what the server learned about a request's client before any
// handler ran.
type client struct {
	ip    string // the client's address, from a trusted proxy's header or the connection
	tls   bool   // the client reached the site over TLS, here or at a trusted proxy
	nonce string // the Content-Security-Policy nonce of this response
}

// WithClient returns r carrying the client's address, whether the client
// used TLS, and the response's CSP nonce. The server calls it once per
// request, after it has decided whether to believe a proxy's
// X-Forwarded-For and X-Forwarded-Proto.
func WithClient(r *http.Request, ip string, tls bool, nonce string) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), clientKey{}, client{ip: ip, tls: tls, nonce: nonce}))
}

// ClientIP returns the address the request came from: the one the server
// settled on (a trusted proxy's X-Forwarded-For or Forwarded, else the
// connection's), or, for a request that did not pass through the server,
// the connection's address without its port. Rate limits, sign-in
// throttling, comments and the audit log all key on it.
func ClientIP(r *http.Request) string {
	if c, ok := r.Context().Value(clientKey{}).(client); ok {
		return c.ip
	}
	return RemoteIP(r)
}

// RemoteIP returns the address of the connection's other end, without its
// port — the client, or the proxy in front of it.
func RemoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Origin returns the scheme and host r was made to, such as
// "https://news.example.com": the site's address when the settings name no
// base URL. Behind a trusted proxy that ended TLS, the scheme is https.
func Origin(r *http.Request) string {
	c, _ := r.Context().Value(clientKey{}).(client)
	if r.TLS != nil || c.tls {
		return "https://" + r.Host
	}
	return "http://" + r.Host
}

// Nonce returns the Content-Security-Policy nonce of the response to r, ""
// outside the server. Only a response that is never cached may carry it,
// in a nonce="…" attribute of an inline <script> or <style>: a cached page
// would repeat an old nonce, which the next response's policy refuses.
// Cached pages carry no inline script or style at all.
func Nonce(r *http.Request) string {
	c, _ := r.Context().Value(clientKey{}).(client)
	return c.nonce
}

// AllowFraming lets any site show the response in a frame: it relaxes
// the frame-ancestors directive of the Content-Security-Policy in h, which
// the server sets to 'none' before the handler runs. For embeddable cards
// only; every other response keeps refusing to be framed.
func AllowFraming(h http.Header) {
	csp := h.Get("Content-Security-Policy")
	if csp == "" {
		return
	}
	directives := strings.Split(csp, "; ")
	for i, d := range directives {
		if strings.HasPrefix(d, "frame-ancestors ") {
			directives[i] = "frame-ancestors *"
		}
	}
	h.Set("Content-Security-Policy", strings.Join(directives, "; "))
	h.Del("X-Frame-Options")
}
