package site

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// get requests path from the fixture's site with optional header pairs.
func (f *fixture) get(t *testing.T, method, path string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	r := httptest.NewRequest(method, "http://news.example"+path, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	f.site.Handler().ServeHTTP(w, r)
	return w
}

func TestSite_Routes(t *testing.T) {
	f := newFixture(t)
	fire := f.path("fire-breaks-out-at-harbour")
	tests := []struct {
		name     string
		path     string
		status   int
		location string   // for redirects
		contains []string // in the body
	}{
		{"front", "/", 200, "", []string{`<h1 class="site-title">`, `href="/story/harbour-fire/"`, `href="/section/world/"`, `href="/page/2/" rel="next"`}},
		{"front page 2", "/page/2/", 200, "", []string{"Latest news", `href="/" rel="prev"`, `href="/page/3/" rel="next"`}},
		{"front last page", "/page/3/", 200, "", []string{`href="/page/2/" rel="prev"`}},
		{"front past the end", "/page/4/", 404, "", []string{"Page not found"}},
		{"front page 1", "/page/1/", 301, "/", nil},
		{"front page 0", "/page/0/", 404, "", nil},
		{"front page 99999", "/page/99999/", 404, "", nil},
		{"article", fire, 200, "", []string{"<h1 class=\"headline\">Fire breaks out at harbour</h1>", `<html lang="en">`}},
		{"russian article", "/2024/03/19/pozhar-v-portu/", 200, "", []string{`<html lang="ru">`, "19 марта 2024 г.", "Текст:"}},
		{"article on the utc date", "/2024/03/18/pozhar-v-portu/", 404, "", nil},
		{"article upper case", strings.ToUpper(fire), 301, fire, nil},
		{"article without slash", strings.TrimSuffix(fire, "/") + "?utm=x", 301, fire + "?utm=x", nil},
		{"draft", "/2024/03/01/draft-piece/", 404, "", nil},
		{"scheduled", "/2024/03/22/scheduled-piece/", 404, "", nil},
		{"future", "/2024/03/20/future-piece/", 404, "", nil},
		{"withdrawn", "/2024/03/02/withdrawn-piece/", 410, "", []string{"Page removed", `<nav class="sections"`}},
		{"withdrawn on another date", "/2024/03/01/withdrawn-piece/", 404, "", nil},
		{"no such article", "/2024/03/01/no-such-thing/", 404, "", []string{"Page not found", `class="site-title"`}},
		{"section", "/section/world/", 200, "", []string{"<h1>World</h1>", "News from abroad.", `href="/section/europe/"`, `aria-current="page"`, `href="/section/world/page/2/" rel="next"`}},
		{"section page 2", "/section/world/page/2/", 200, "", []string{`href="/section/world/" rel="prev"`, "Page 2 of 2"}},
		{"section page 1", "/section/world/page/1/?a=b", 301, "/section/world/?a=b", nil},
		{"section past the end", "/section/world/page/3/", 404, "", nil},
		{"empty section", "/section/culture/", 200, "", []string{"Museum reopens"}},
		{"no such section", "/section/sport/", 404, "", nil},
		{"tag", "/tag/harbour/", 200, "", []string{"<h1>Harbour</h1>"}},
		{"author", "/author/ann-writer/", 200, "", []string{"<h1>Ann Writer</h1>", "Ann covers the harbour."}},
		{"author without articles", "/author/carl-editor/", 404, "", nil},
		{"story", "/story/harbour-fire/", 200, "", []string{`<ol class="timeline timeline-full">`, "Harbour fire: rebuilding begins"}},
		{"no such story", "/story/flood/", 404, "", nil},
		{"year", "/2024/", 200, "", []string{"<h1>2024</h1>", `href="/2024/03/"`}},
		{"month", "/2024/03/", 200, "", []string{"<h1>March 2024</h1>"}},
		{"day", "/2024/03/05/", 200, "", []string{"<h1>March 5, 2024</h1>", "Harbour fire: cause found"}},
		{"empty year", "/2023/", 404, "", nil},
		{"february 30", "/2023/02/30/", 404, "", nil},
		{"month 13", "/2024/13/", 404, "", nil},
		{"redirects table", "/old/fire-story", 301, fire, nil},
		{"redirects table with slash", "/old/fire-story/", 301, fire, nil},
		{"unknown", "/no-such-page/", 404, "", []string{"Page not found"}},
		{"encoded slug", "/%73ection/world/", 301, "/section/world/", nil},
		{"encoded slash", "/section/a%2Fb/", 404, "", nil},
		{"zero width space", "/section/%E2%80%8B/", 404, "", nil},
		{"nul", "/%00/", 404, "", nil},
		{"invalid utf-8", "/section/%ff/", 404, "", nil},
		{"long path", "/" + strings.Repeat("abc/", 3000), 404, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := f.get(t, "GET", tt.path)
			if w.Code != tt.status {
				t.Fatalf("GET %s: status %d, want %d", tt.path, w.Code, tt.status)
			}
			if got := w.Header().Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			for _, s := range tt.contains {
				if !strings.Contains(w.Body.String(), s) {
					t.Errorf("body lacks %q", s)
				}
			}
			if w.Header().Get("Set-Cookie") != "" {
				t.Error("a public page set a cookie")
			}
		})
	}
}

func TestSite_Article(t *testing.T) {
	f := newFixture(t)
	body := f.get(t, "GET", f.path("fire-breaks-out-at-harbour")).Body.String()
	for _, want := range []string{
		`<p class="dateline"><time datetime="2024-03-01T12:00:00&#43;03:00">March 1, 2024</time>`,
		`Updated <time datetime="2024-03-02T14:00:00&#43;03:00">March 2, 2024</time>`,
		`<p class="dek">Crews fought the blaze through the night.</p>`,
		`By <a href="/author/ann-writer/" rel="author">Ann Writer</a> and <a href="/author/boris-petrov/" rel="author">Борис Петров</a>`,
		`alt="Smoke over the harbour cranes"`, `sizes="(min-width: 48rem) 46rem, 100vw" width="1024" height="576"`,
		`<figcaption>Smoke rose over the harbour on Friday. <span class="credit">Photo: Ann Writer</span></figcaption>`,
		`<div class="article-body">`, `<h2>What comes next</h2>`,
		`An earlier version misstated the number of crews.`,
		`<a href="/tag/harbour/" rel="tag">Harbour</a>`,
		`More on <a href="/story/harbour-fire/">Harbour fire</a>`,
		`<li lang="ru"><time datetime="2024-03-19T02:30:00&#43;03:00">March 19, 2024</time> <a href="/2024/03/19/pozhar-v-portu/">`,
		`rel="next">Ministers meet in Brussels</a>`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	for _, never := range []string{"ann@example.com", "Piece draft-piece", "Piece withdrawn-piece"} {
		if strings.Contains(body, never) {
			t.Errorf("article page shows %q", never)
		}
	}
}

func TestSite_RelatedByTags(t *testing.T) {
	f := newFixture(t)
	body := f.get(t, "GET", f.path("ministers-meet-in-brussels")).Body.String()
	if !strings.Contains(body, "Related coverage") || !strings.Contains(body, `href="`+f.path("trade-fair-opens")+`"`) {
		t.Errorf("article outside a story does not list articles sharing its tags")
	}
	if !strings.Contains(body, `rel="next">Talks resume on fishing rights</a>`) || strings.Contains(body, `rel="prev"`) {
		t.Errorf("previous and next articles of the section wrong")
	}
}

func TestSite_MethodNotAllowed(t *testing.T) {
	f := newFixture(t)
	w := f.get(t, "POST", "/")
	if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /: status %d, Allow %q", w.Code, w.Header().Get("Allow"))
	}
}

func TestSite_Assets(t *testing.T) {
	f := newFixture(t)
	css := f.site.assets.Path("site.css")
	w := f.get(t, "GET", css)
	if w.Code != 200 || w.Header().Get("Cache-Control") != "public, max-age=31536000, immutable" ||
		!strings.HasPrefix(w.Header().Get("Content-Type"), "text/css") {
		t.Errorf("GET %s: %d %v", css, w.Code, w.Header())
	}
	if w := f.get(t, "GET", "/assets/site.000000000000.css"); w.Code != 404 {
		t.Errorf("an old asset hash answered %d", w.Code)
	}
	icon := f.site.assets.Path("favicon.svg")
	if w := f.get(t, "GET", icon); w.Code != 200 || w.Header().Get("Content-Type") != "image/svg+xml" {
		t.Errorf("GET %s: %d %q", icon, w.Code, w.Header().Get("Content-Type"))
	}
	front := f.get(t, "GET", "/").Body.String()
	if !strings.Contains(front, `href="`+css+`"`) || !strings.Contains(front, `<link rel="icon" href="`+icon+`"`) {
		t.Error("pages do not link the hashed stylesheet and icon")
	}
}
