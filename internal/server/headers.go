package server

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
)

// frameSources are the only origins a page may show in a frame: the
// privacy-enhanced YouTube player, which an article's click-to-load embed
// inserts only after the reader clicks. Nothing is framed on page load, so
// no third party is contacted before that click.
var frameSources = []string{"https://www.youtube-nocookie.com"}

// permissionsPolicy turns off the browser features no Herald page uses,
// for the page and every frame in it, and opts out of interest-based
// advertising (FLoC's interest-cohort, its successor browsing-topics).
// Autoplay stays allowed to the video player a reader has just clicked
// to load, so the video starts on that click.
const permissionsPolicy = `accelerometer=(), autoplay=(self "https://www.youtube-nocookie.com"), camera=(), ` +
	`display-capture=(), geolocation=(), gyroscope=(), interest-cohort=(), magnetometer=(), microphone=(), ` +
	`payment=(), usb=(), browsing-topics=()`

// hstsValue asks browsers to use HTTPS only for two years. It is sent only
// on responses that came over TLS, so a plain-HTTP test server never sets it.
const hstsValue = "max-age=63072000; includeSubDomains"

// contentSecurityPolicy is the policy of a response with the given nonce:
// first-party scripts, styles, images and fonts only; inline scripts and
// styles only with the nonce (and no response carries one today: see
// httpx.Nonce); no plugins; forms post only back to the site; and no
// framing by other sites (httpx.AllowFraming relaxes that one directive).
func contentSecurityPolicy(nonce string) string {
	return "default-src 'self'; script-src 'self' 'nonce-" + nonce + "'; style-src 'self' 'nonce-" + nonce + "'; " + cspRest
}

// cspRest is the part of the policy that no response changes, made once.
var cspRest = strings.Join([]string{
	"img-src 'self' data:",
	"font-src 'self'",
	"connect-src 'self'",
	"frame-src " + strings.Join(frameSources, " "),
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
	"frame-ancestors 'none'",
}, "; ")

// newNonce returns 128 random bits in base64, fresh for each response.
func newNonce() string {
	var b [16]byte
	rand.Read(b[:])
	return base64.StdEncoding.EncodeToString(b[:])
}

// fixedHeaders are the security headers whose values never change, kept
// as ready slices (length equal to capacity, so a handler's Add copies
// rather than writes into them) to spare each response the allocations.
var fixedHeaders = map[string][]string{
	"X-Content-Type-Options":     {"nosniff"},
	"X-Frame-Options":            {"DENY"},
	"Referrer-Policy":            {"strict-origin-when-cross-origin"},
	"Permissions-Policy":         {permissionsPolicy},
	"Cross-Origin-Opener-Policy": {"same-origin"},
}

// hsts is the Strict-Transport-Security value, ready to send.
var hsts = []string{hstsValue}

// setSecurityHeaders sets on h the headers every response carries; tls
// says whether the client reached Herald over HTTPS (directly or through a
// trusted proxy), the only case in which HSTS is sent.
func setSecurityHeaders(h http.Header, nonce string, tls bool) {
	h["Content-Security-Policy"] = []string{contentSecurityPolicy(nonce)}
	for k, v := range fixedHeaders {
		h[k] = v
	}
	if tls {
		h["Strict-Transport-Security"] = hsts
	}
}
