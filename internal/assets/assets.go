// Package assets serves Herald's embedded static files (the theme's CSS)
// under URLs that carry a hash of their content, so browsers may keep them
// forever and a new release is fetched at once.
package assets

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// Prefix is the URL path under which assets are served.
const Prefix = "/assets/"

//go:embed static
var static embed.FS

// Assets holds the static files in memory with their hashed URLs. It is
// safe for concurrent use.
type Assets struct {
	paths map[string]string // name → hashed URL path
	files map[string]*file  // hashed URL path → file
}

// file is one asset ready to serve.
type file struct {
	body, gz    []byte
	contentType string
	etag        string
}

// New loads the embedded files.
func New() (*Assets, error) {
	sub, err := fs.Sub(static, "static")
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	return Load(sub)
}

// Load reads every file of fsys and gives it a hashed URL.
func Load(fsys fs.FS) (*Assets, error) {
	a := &Assets{paths: map[string]string{}, files: map[string]*file{}}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		a.add(name, body)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	return a, nil
}

// add registers one file under its hashed path.
func (a *Assets) add(name string, body []byte) {
	sum := sha256.Sum256(body)
	hash := hex.EncodeToString(sum[:])[:12]
	ext := path.Ext(name)
	urlPath := Prefix + strings.TrimSuffix(name, ext) + "." + hash + ext
	a.paths[name] = urlPath
	a.files[urlPath] = &file{
		body:        body,
		gz:          gzipBytes(body),
		contentType: mime.TypeByExtension(ext),
		etag:        `"` + hash + `"`,
	}
}

// Path returns the hashed URL path of the named file, such as
// "/assets/site.3f2a1b9c0d4e.css" for "site.css", or "" if there is none.
func (a *Assets) Path(name string) string {
	return a.paths[name]
}

// Handler serves the files at their hashed paths under Prefix; any other
// path, an outdated hash included, is not found.
func (a *Assets) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := a.files[r.URL.Path]
		if f == nil || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
			http.NotFound(w, r)
			return
		}
		f.serve(w, r)
	})
}

// serve writes the file with headers that let clients keep it forever.
func (f *file) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", f.contentType)
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	h.Set("ETag", f.etag)
	h.Set("Vary", "Accept-Encoding")
	if r.Header.Get("If-None-Match") == f.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	body := f.body
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		h.Set("Content-Encoding", "gzip")
		body = f.gz
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	_, _ = w.Write(body)
}

// gzipBytes compresses b.
func gzipBytes(b []byte) []byte {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	_, _ = zw.Write(b)
	_ = zw.Close()
	return buf.Bytes()
}
