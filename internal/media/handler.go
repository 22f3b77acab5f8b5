package media

import (
	"net/http"
	"os"
	"strings"
)

// Handler serves GET and HEAD /media/<name> from the library. A name is a
// hex SHA-256, an optional -<width> and a known extension; anything else is
// 404. Files never change under a name, so they are cached for a year and
// marked immutable, and their ETag is the name without the extension.
func (l *Library) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Method not allowed", http.StatusMethodNotAllowed)
			return
		}
		name, ok := strings.CutPrefix(r.URL.Path, "/media/")
		stem, ext, valid := parseName(name)
		if !ok || !valid {
			http.NotFound(w, r)
			return
		}
		f, err := os.Open(l.path(name))
		if err != nil {
			if os.IsNotExist(err) {
				http.NotFound(w, r)
				return
			}
			http.Error(w, "The file could not be read.", http.StatusInternalServerError)
			return
		}
		defer f.Close()
		fi, err := f.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			http.NotFound(w, r)
			return
		}
		h := w.Header()
		h.Set("Content-Type", contentType(ext))
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		h.Set("ETag", `"`+stem+`"`)
		h.Set("X-Content-Type-Options", "nosniff")
		http.ServeContent(w, r, "", fi.ModTime(), f)
	})
}

// parseName splits a file name of the form <64 lower-case hex>[-<width>].<ext>
// into its stem and extension, reporting whether it has that form.
func parseName(name string) (stem, ext string, ok bool) {
	stem, ext, found := strings.Cut(name, ".")
	if !found || contentType(ext) == "" || len(stem) < 64 {
		return "", "", false
	}
	for _, c := range stem[:64] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return "", "", false
		}
	}
	if width := stem[64:]; width != "" {
		if len(width) < 2 || len(width) > 6 || width[0] != '-' || width[1] == '0' {
			return "", "", false
		}
		for _, c := range width[1:] {
			if c < '0' || c > '9' {
				return "", "", false
			}
		}
	}
	return stem, ext, true
}

// contentType returns the MIME type of the files the library writes with
// extension ext, "" for any other extension.
func contentType(ext string) string {
	switch ext {
	case "jpg":
		return "image/jpeg"
	case "png":
		return "image/png"
	case "gif":
		return "image/gif"
	case "webp":
		return "image/webp"
	}
	return ""
}
