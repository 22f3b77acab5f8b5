package httpx

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Page is a rendered response kept in memory: its body, the body gzipped,
// a strong ETag and the header values ready to send, so serving it does no
// work beyond writing.
type Page struct {
	body, gz []byte
	expires  time.Time

	contentType, etag, length, gzLength []string
	vary, gzipEncoding, cacheControl    []string
	lastModified                        []string // nil: not sent
	modified                            time.Time
}

// NewPage prepares body for serving. The page is fresh until expires; a
// zero expires never ends. It keeps copies of exactly the bodies' lengths,
// so a cached page holds no spare capacity of the buffer it was rendered in.
func NewPage(contentType string, body []byte, expires time.Time) *Page {
	sum := sha256.Sum256(body)
	p := &Page{
		body:        bytes.Clone(body),
		gz:          gzipBytes(body),
		expires:     expires,
		contentType: []string{contentType},
		etag:        []string{`"` + hex.EncodeToString(sum[:12]) + `"`},
		length:      []string{strconv.Itoa(len(body))},
		// Clients may keep the page but must ask whether it changed.
		cacheControl: []string{"public, no-cache"},
		vary:         []string{"Accept-Encoding"},
		gzipEncoding: []string{"gzip"},
	}
	p.gzLength = []string{strconv.Itoa(len(p.gz))}
	return p
}

// gzipBytes compresses b.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return bytes.Clone(buf.Bytes())
}

// Size is the memory the page's bodies take.
func (p *Page) Size() int64 {
	return int64(len(p.body) + len(p.gz) + 256)
}

// SetLastModified makes the page carry a Last-Modified header of t and
// answer If-Modified-Since. Call it before the page is served or cached.
func (p *Page) SetLastModified(t time.Time) {
	p.modified = t.UTC().Truncate(time.Second)
	p.lastModified = []string{p.modified.Format(http.TimeFormat)}
}

// ETag returns the page's strong entity tag, quotes included.
func (p *Page) ETag() string {
	return p.etag[0]
}

// Fresh reports whether the page may still be served at now.
func (p *Page) Fresh(now time.Time) bool {
	return p.expires.IsZero() || now.Before(p.expires)
}

// ServeHTTP answers with the page: 304 when the client holds it already,
// the gzipped body when the client accepts gzip, the plain body otherwise.
func (p *Page) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h["Content-Type"] = p.contentType
	h["Etag"] = p.etag
	h["Vary"] = p.vary
	h["Cache-Control"] = p.cacheControl
	if p.lastModified != nil {
		h["Last-Modified"] = p.lastModified
	}
	if p.notModified(r) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body, length := p.body, p.length
	if acceptsGzip(r.Header["Accept-Encoding"]) {
		h["Content-Encoding"] = p.gzipEncoding
		body, length = p.gz, p.gzLength
	}
	h["Content-Length"] = length
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		_, _ = w.Write(body)
	}
}

// notModified reports whether the client holds the page already: its
// If-None-Match lists the ETag or, without If-None-Match, its
// If-Modified-Since is not before the page's Last-Modified (RFC 9110 13.2.2).
func (p *Page) notModified(r *http.Request) bool {
	if inm := r.Header["If-None-Match"]; len(inm) > 0 {
		return etagMatch(inm, p.etag[0])
	}
	ims := r.Header["If-Modified-Since"]
	if p.lastModified == nil || len(ims) == 0 {
		return false
	}
	since, err := http.ParseTime(ims[0])
	return err == nil && !p.modified.After(since)
}

// etagMatch reports whether an If-None-Match header lists etag or "*",
// comparing weakly as RFC 9110 asks for If-None-Match.
func etagMatch(values []string, etag string) bool {
	for _, v := range values {
		for v != "" {
			var tag string
			tag, v, _ = strings.Cut(v, ",")
			tag = strings.TrimPrefix(strings.TrimSpace(tag), "W/")
			if tag == etag || tag == "*" {
				return true
			}
		}
	}
	return false
}

// acceptsGzip reports whether Accept-Encoding values allow gzip.
func acceptsGzip(values []string) bool {
	for _, v := range values {
		for v != "" {
			var item string
			item, v, _ = strings.Cut(v, ",")
			name, params, _ := strings.Cut(item, ";")
			name = strings.TrimSpace(name)
			if (strings.EqualFold(name, "gzip") || name == "*") && !zeroQuality(params) {
				return true
			}
		}
	}
	return false
}

// zeroQuality reports whether coding parameters say q=0.
func zeroQuality(params string) bool {
	params = strings.TrimSpace(params)
	q, ok := strings.CutPrefix(params, "q=")
	if !ok {
		return false
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(q), 64)
	return err == nil && f == 0
}
