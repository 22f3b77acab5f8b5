package site

import (
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzSite_Request sends any path and query to the public site: it answers
// without a server error, and its redirects stay on the site.
func FuzzSite_Request(f *testing.F) {
	fx := newFixture(f)
	fire := fx.path("fire-breaks-out-at-harbour")
	for _, s := range [][2]string{
		{"/", ""}, {"/section/world/page/2/", ""}, {fire, "replyto=3"}, {fire + "comment-page-2/", "replyto=-1"},
		{"/2024/03/", "page=2"}, {"/tag/harbour/page/99999/", ""}, {"/Section/World", ""}, {"//evil.example/", ""},
		{"/\\evil.example/", ""}, {"/2024/02/30/", ""}, {"/story/harbour-fire/page/0/", "x=%zz"}, {"/author/ann-writer", "a=1&a=2"},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, path, query string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.URL = &url.URL{Path: "/" + strings.TrimPrefix(path, "/"), RawQuery: query}
		r.RequestURI = r.URL.RequestURI()
		w := httptest.NewRecorder()
		fx.site.Handler().ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("GET %s: status %d\n%s", r.RequestURI, w.Code, w.Body)
		}
		if loc := w.Header().Get("Location"); loc != "" && !localPath(loc) {
			t.Fatalf("GET %s redirects off the site to %q", r.RequestURI, loc)
		}
	})
}

// localPath reports whether loc is a path on this site: a browser reads
// "//host" and "/\host" as another host.
func localPath(loc string) bool {
	return strings.HasPrefix(loc, "/") && !strings.HasPrefix(loc, "//") && !strings.HasPrefix(loc, "/\\")
}
