package site

import (
	"strings"
	"testing"
)

func TestParsePath(t *testing.T) {
	tests := []struct {
		path string
		want route
		ok   bool
	}{
		{"/", route{kind: routeFront, page: 1}, true},
		{"/page/2/", route{kind: routeFront, page: 2, paged: true}, true},
		{"/2022/09/27/council-votes/", route{kind: routeArticle, slug: "council-votes", year: 2022, month: 9, day: 27, page: 1}, true},
		{"/2022/09/27/page/", route{kind: routeArticle, slug: "page", year: 2022, month: 9, day: 27, page: 1}, true},
		{"/2022/09/27/page/3/", route{kind: routeDay, year: 2022, month: 9, day: 27, page: 3, paged: true}, true},
		{"/2022/", route{kind: routeYear, year: 2022, page: 1}, true},
		{"/2022/02/", route{kind: routeMonth, year: 2022, month: 2, page: 1}, true},
		{"/2024/02/29/", route{kind: routeDay, year: 2024, month: 2, day: 29, page: 1}, true},
		{"/section/world/", route{kind: routeSection, slug: "world", page: 1}, true},
		{"/section/world/page/12/", route{kind: routeSection, slug: "world", page: 12, paged: true}, true},
		{"/tag/elections/", route{kind: routeTag, slug: "elections", page: 1}, true},
		{"/author/jane-doe/", route{kind: routeAuthor, slug: "jane-doe", page: 1}, true},
		{"/story/harbour-fire/", route{kind: routeStory, slug: "harbour-fire", page: 1}, true},
		{"/section/world/page/1/", route{kind: routeSection, slug: "world", page: 1, paged: true}, true},
		{"", route{}, false},
		{"/2023/02/30/", route{}, false},
		{"/2023/13/", route{}, false},
		{"/2023/00/", route{}, false},
		{"/2023/1/", route{}, false},
		{"/0999/", route{}, false},
		{"/section/world/page/0/", route{}, false},
		{"/section/world/page/007/", route{}, false},
		{"/section/world/page/100000/", route{}, false},
		{"/section/world/page/", route{}, false},
		{"/2022/09/27/slug/page/2/", route{}, false},
		{"/section/", route{}, false},
		{"/section/World/", route{}, false},
		{"/section/world", route{}, false},
		{"/section/a b/", route{}, false},
		{"/section/été/", route{}, false},
		{"//", route{}, false},
		{"/unknown/thing/", route{}, false},
		{"/no-such-page/", route{}, false},
		{"/2022/09/27/a/b/", route{}, false},
		{"/" + strings.Repeat("a/", 300), route{}, false},
	}
	for _, tt := range tests {
		got, ok := parsePath(tt.path)
		if ok != tt.ok || got != tt.want {
			t.Errorf("parsePath(%q) = %+v, %v; want %+v, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCanonicalRoute(t *testing.T) {
	tests := []struct {
		path, want string
		ok         bool
	}{
		{"/", "/", true},
		{"/Section/World", "/section/world/", true},
		{"/section/world/page/1/", "/section/world/", true},
		{"/page/1", "/", true},
		{"/2022/09/27/Council-Votes", "/2022/09/27/council-votes/", true},
		{"/tag/x/page/2", "/tag/x/page/2/", true},
		{"/nope/", "", false},
		{"/" + strings.Repeat("x", 600), "", false},
	}
	for _, tt := range tests {
		_, got, ok := canonicalRoute(tt.path)
		if got != tt.want || ok != tt.ok {
			t.Errorf("canonicalRoute(%q) = %q, %v; want %q, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzParsePath checks that the parser never panics and that every path
// it accepts leads back to itself through the canonical form.
func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"/", "/2022/09/27/a-b/", "/section/x/page/2/", "/2024/02/29/", "/tag/y/page/1/", "/%41/", "/page/99999/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		rt, ok := parsePath(p)
		if !ok {
			_, _, _ = canonicalRoute(p)
			return
		}
		c := rt.canonical()
		if !rt.paged || rt.page > 1 {
			if c != p {
				t.Fatalf("parsePath(%q).canonical() = %q", p, c)
			}
		}
		back, ok := parsePath(c)
		if !ok || back.kind != rt.kind || back.slug != rt.slug || back.page != rt.page {
			t.Fatalf("canonical %q of %q parses to %+v, %v", c, p, back, ok)
		}
	})
}
