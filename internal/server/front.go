package server

import (
	"fmt"
	"mime"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald/internal/assets"
	"github.com/herald-news/herald/internal/httpx"
)

// Limits on what one request may send. Handlers set tighter body limits of
// their own (a comment form takes 64 KiB, a newsroom form 2 MiB); these are
// the ceilings no route goes past.
const (
	maxQueryBytes     = 2048     // a longer query string is answered 414
	maxBodyBytes      = 1 << 20  // the body of a public request
	maxAdminBodyBytes = 32 << 20 // the body of a newsroom request: an image upload
	// uploadReadTimeout replaces the server's ReadTimeout for a newsroom
	// upload, which may take minutes on a slow line; every other request
	// keeps the short timeout that cuts off slow clients.
	uploadReadTimeout = 10 * time.Minute
)

// Limits are the per-client request rates: each is the number of requests
// a client may make at once and then per minute, 0 for no limit. A client
// is one IPv4 address or one IPv6 /64 network.
type Limits struct {
	Pages int // public pages, feeds, sitemaps, embed cards, newsroom screens
	Media int // /media/ images and /assets/ files
	API   int // the content API and oEmbed under /api/
	Forms int // every POST, PUT, PATCH or DELETE: comments, sign-in, newsroom saves
	// Allow lists addresses and networks that no limit applies to: the
	// newsroom's office, a monitoring service.
	Allow []netip.Prefix
}

// limiters holds one bucket limiter per class of request.
type limiters struct {
	pages, media, api, forms *bucketLimiter
	allow                    proxies
}

// newLimiters returns the limiters for l.
func newLimiters(l Limits, now func() time.Time) *limiters {
	return &limiters{
		pages: newBucketLimiter(l.Pages, now), media: newBucketLimiter(l.Media, now),
		api: newBucketLimiter(l.API, now), forms: newBucketLimiter(l.Forms, now),
		allow: proxies(l.Allow),
	}
}

// wait returns how long the client at ip must wait before r is served, 0
// when it may be served now.
func (ls *limiters) wait(r *http.Request, ip string) time.Duration {
	l := ls.class(r)
	if l == nil {
		return 0
	}
	if a, err := netip.ParseAddr(ip); err == nil && ls.allow.trusts(a.Unmap()) {
		return 0
	}
	return l.allow(clientKey(ip))
}

// class returns the limiter of r's kind, nil for the operators' endpoints,
// which monitoring polls and which do no work.
func (ls *limiters) class(r *http.Request) *bucketLimiter {
	p := r.URL.Path
	switch {
	case p == "/healthz" || p == "/readyz":
		return nil
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		return ls.forms
	case strings.HasPrefix(p, "/media/") || strings.HasPrefix(p, assets.Prefix):
		return ls.media
	case strings.HasPrefix(p, "/api/"):
		return ls.api
	}
	return ls.pages
}

// front is the first handler every request passes: it settles who the
// client is, sets the security headers, refuses over-long queries and
// clients over their rate limit, and bounds the request body, before next
// sees the request.
func (s *Server) front(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip, tls := s.proxies.client(r)
		nonce := newNonce()
		setSecurityHeaders(w.Header(), nonce, tls)
		r = httpx.WithClient(r, ip, tls, nonce)
		if len(r.URL.RawQuery) > maxQueryBytes {
			http.Error(w, "The address is too long.", http.StatusRequestURITooLong)
			return
		}
		if wait := s.limits.wait(r, ip); wait > 0 {
			tooManyRequests(w, wait)
			return
		}
		limitBody(w, r)
		next.ServeHTTP(w, r)
	})
}

// limitBody caps r's body at the ceiling of its route and gives a newsroom
// upload the time a large file needs.
func limitBody(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, "/admin/") {
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxAdminBodyBytes)
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt == "multipart/form-data" {
		// The write deadline runs from the request's headers, so it
		// must outlast the upload too.
		rc := http.NewResponseController(w)
		_ = rc.SetReadDeadline(time.Now().Add(uploadReadTimeout))
		_ = rc.SetWriteDeadline(time.Now().Add(uploadReadTimeout + time.Minute))
	}
}

// plural returns the "s" of n seconds.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// tooManyRequests answers 429 with the whole seconds to wait in
// Retry-After and a short page saying so.
func tooManyRequests(w http.ResponseWriter, wait time.Duration) {
	secs := int((wait + time.Second - 1) / time.Second)
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(secs))
	h.Set("Cache-Control", "no-store")
	body := fmt.Sprintf(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Too many requests</title></head>
<body><main><h1>Too many requests</h1>
<p>You have sent more requests than we can answer in a short time. Please wait %d second%s, then try again.</p></main></body></html>
`, secs, plural(secs))
	httpx.WriteHTML(w, http.StatusTooManyRequests, []byte(body))
}
