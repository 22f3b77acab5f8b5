package assets

import (
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"testing/fstest"
)

func TestAssets(t *testing.T) {
	a, err := Load(fstest.MapFS{"site.css": {Data: []byte("body { color: black; }")}})
	if err != nil {
		t.Fatal(err)
	}
	p := a.Path("site.css")
	if !regexp.MustCompile(`^/assets/site\.[0-9a-f]{12}\.css$`).MatchString(p) {
		t.Fatalf("Path(site.css) = %q", p)
	}
	if a.Path("missing.css") != "" {
		t.Error("a missing file has a path")
	}
	tests := []struct {
		name, method, path, header, value string
		status                            int
		encoding                          string
	}{
		{"current", "GET", p, "", "", 200, ""},
		{"head", "HEAD", p, "", "", 200, ""},
		{"gzip", "GET", p, "Accept-Encoding", "gzip", 200, "gzip"},
		{"unchanged", "GET", p, "If-None-Match", a.files[p].etag, 304, ""},
		{"old hash", "GET", "/assets/site.000000000000.css", "", "", 404, ""},
		{"unhashed", "GET", "/assets/site.css", "", "", 404, ""},
		{"post", "POST", p, "", "", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.header != "" {
				r.Header.Set(tt.header, tt.value)
			}
			w := httptest.NewRecorder()
			a.Handler().ServeHTTP(w, r)
			if w.Code != tt.status || w.Header().Get("Content-Encoding") != tt.encoding {
				t.Fatalf("status %d encoding %q, want %d %q", w.Code, w.Header().Get("Content-Encoding"), tt.status, tt.encoding)
			}
			if tt.status == http.StatusOK && w.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" {
				t.Errorf("Cache-Control = %q", w.Header().Get("Cache-Control"))
			}
		})
	}
}

func TestNew_Embedded(t *testing.T) {
	a, err := New()
	if err != nil {
		t.Fatal(err)
	}
	if a.Path("site.css") == "" {
		t.Error("the theme's stylesheet is not embedded")
	}
}
