package site

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/herald-news/herald"
)

// parsedPage is what the tests read from a page: its head's metadata,
// JSON-LD and the elements of its body.
type parsedPage struct {
	doc    *html.Node
	meta   map[string][]string // property or name → contents, in order
	links  map[string][]string // rel (and hreflang) → hrefs
	jsonLD []string
}

// getPage requests path from host and parses the answer, which must be 200.
func (f *fixture) getPage(t *testing.T, host, path string) *parsedPage {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "http://"+host+path, nil)
	w := httptest.NewRecorder()
	f.site.Handler().ServeHTTP(w, r)
	if w.Code != http.StatusOK {
		t.Fatalf("GET %s: status %d", path, w.Code)
	}
	return parsePage(t, w.Body.String())
}

func parsePage(t *testing.T, body string) *parsedPage {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	p := &parsedPage{doc: doc, meta: map[string][]string{}, links: map[string][]string{}}
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "meta":
			key := attr(n, "property")
			if key == "" {
				key = attr(n, "name")
			}
			p.meta[key] = append(p.meta[key], attr(n, "content"))
		case "link":
			key := attr(n, "rel")
			if l := attr(n, "hreflang"); l != "" {
				key += " " + l
			}
			if ty := attr(n, "type"); ty != "" && key == "alternate" {
				key += " " + ty
			}
			p.links[key] = append(p.links[key], attr(n, "href"))
		case "script":
			if attr(n, "type") == "application/ld+json" && n.FirstChild != nil {
				p.jsonLD = append(p.jsonLD, n.FirstChild.Data)
			}
		}
	}
	return p
}

// attr returns the value of n's attribute key.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// one returns the only value of key in m, failing otherwise.
func one(t *testing.T, m map[string][]string, key string) string {
	t.Helper()
	if len(m[key]) != 1 {
		t.Errorf("%s: got %q, want one value", key, m[key])
		return ""
	}
	return m[key][0]
}

// ld decodes the JSON-LD object of type typ into v.
func (p *parsedPage) ld(t *testing.T, typ string, v any) {
	t.Helper()
	for _, s := range p.jsonLD {
		var head struct {
			Type string `json:"@type"`
		}
		if err := json.Unmarshal([]byte(s), &head); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%s", err, s)
		}
		if head.Type == typ {
			dec := json.NewDecoder(strings.NewReader(s))
			dec.DisallowUnknownFields()
			if err := dec.Decode(v); err != nil {
				t.Fatalf("JSON-LD %s: %v", typ, err)
			}
			return
		}
	}
	t.Fatalf("no JSON-LD %s in %q", typ, p.jsonLD)
}

// setSettings changes the fixture's settings.
func (f *fixture) setSettings(t *testing.T, change func(*herald.Settings)) {
	t.Helper()
	ctx := context.Background()
	s, err := f.store.FindSettings(ctx)
	must(t, err)
	change(&s)
	must(t, f.store.UpdateSettings(ctx, s))
}

func TestArticle_Metadata(t *testing.T) {
	f := newFixture(t)
	fire := f.articles["fire-breaks-out-at-harbour"]
	f.setSettings(t, func(s *herald.Settings) {
		s.BaseURL = "https://harbour.example"
		s.LogoMediaID = fire.FeaturedMediaID
	})
	p := f.getPage(t, "news.example", f.path(fire.Slug))
	const base = "https://harbour.example"
	canonical := base + "/2024/03/01/fire-breaks-out-at-harbour/"
	img := base + "/media/" + mediaHash(t, f, fire.FeaturedMediaID) + "-1024.png"
	wantMeta := map[string]string{
		"description": "Crews fought the blaze through the night.", "og:type": "article",
		"og:title": "Fire breaks out at harbour", "og:description": "Crews fought the blaze through the night.",
		"og:url": canonical, "og:site_name": "The Harbour Gazette", "og:locale": "en_US",
		"og:image": img, "og:image:width": "1024", "og:image:height": "576", "og:image:alt": "Smoke over the harbour cranes",
		"article:published_time": "2024-03-01T12:00:00+03:00", "article:modified_time": "2024-03-02T14:00:00+03:00",
		"article:section": "World", "twitter:card": "summary_large_image", "twitter:title": "Fire breaks out at harbour",
		"twitter:description": "Crews fought the blaze through the night.", "twitter:image": img,
	}
	for k, want := range wantMeta {
		if got := one(t, p.meta, k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if v, ok := p.meta["og:locale:alternate"]; ok {
		t.Errorf("og:locale:alternate = %q on an article without translations", v)
	}
	if diff := cmp.Diff([]string{"Harbour", "Economy"}, p.meta["article:tag"]); diff != "" {
		t.Errorf("article:tag (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{base + "/author/ann-writer/", base + "/author/boris-petrov/"}, p.meta["article:author"]); diff != "" {
		t.Errorf("article:author (-want +got):\n%s", diff)
	}
	if got := one(t, p.links, "canonical"); got != canonical {
		t.Errorf("canonical = %q, want %q", got, canonical)
	}
	wantOEmbed := base + "/api/v1/oembed?url=https%3A%2F%2Fharbour.example%2F2024%2F03%2F01%2Ffire-breaks-out-at-harbour%2F"
	if got := one(t, p.links, "alternate application/json+oembed"); got != wantOEmbed {
		t.Errorf("oEmbed = %q, want %q", got, wantOEmbed)
	}

	var got ldNewsArticle
	p.ld(t, "NewsArticle", &got)
	logo := &ldImage{Type: "ImageObject", URL: img, Width: 1024, Height: 576}
	want := ldNewsArticle{
		Context: "https://schema.org", Type: "NewsArticle", Headline: "Fire breaks out at harbour",
		Description: "Crews fought the blaze through the night.", URL: canonical,
		DatePublished: "2024-03-01T12:00:00+03:00", DateModified: "2024-03-02T14:00:00+03:00",
		Author: []ldPerson{
			{Type: "Person", Name: "Ann Writer", URL: base + "/author/ann-writer/"},
			{Type: "Person", Name: "Борис Петров", URL: base + "/author/boris-petrov/"},
		},
		Publisher:        ldOrganization{Type: "Organization", Name: "The Harbour Gazette", URL: base + "/", Logo: logo},
		Image:            []ldImage{*logo},
		MainEntityOfPage: ldWebPage{Type: "WebPage", ID: canonical},
		ArticleSection:   "World", Keywords: []string{"Harbour", "Economy"}, InLanguage: "en",
		IsAccessibleForFree: true,
		Correction:          []ldCorrection{{Type: "CorrectionComment", DatePublished: "2024-03-02T18:00:00+03:00", Text: "An earlier version misstated the number of crews."}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("NewsArticle (-want +got):\n%s", diff)
	}

	var crumbs ldBreadcrumbs
	p.ld(t, "BreadcrumbList", &crumbs)
	wantCrumbs := ldBreadcrumbs{Context: "https://schema.org", Type: "BreadcrumbList", Items: []ldBreadcrumb{
		{Type: "ListItem", Position: 1, Name: "The Harbour Gazette", Item: base + "/"},
		{Type: "ListItem", Position: 2, Name: "World", Item: base + "/section/world/"},
		{Type: "ListItem", Position: 3, Name: "Fire breaks out at harbour", Item: canonical},
	}}
	if diff := cmp.Diff(wantCrumbs, crumbs); diff != "" {
		t.Errorf("BreadcrumbList (-want +got):\n%s", diff)
	}
}

// mediaHash returns the content hash of a stored media record.
func mediaHash(t *testing.T, f *fixture, id int64) string {
	t.Helper()
	m, err := f.store.FindMedia(context.Background(), id)
	must(t, err)
	return m.Hash
}

func TestArticle_MetadataDefaults(t *testing.T) {
	f := newFixture(t)
	// Without a base URL, absolute URLs name the host of the request, and a
	// page cached for one host is never served to another.
	for _, host := range []string{"news.example", "mirror.example:8080", "news.example"} {
		p := f.getPage(t, host, "/2024/03/19/pozhar-v-portu/")
		canonical := "http://" + host + "/2024/03/19/pozhar-v-portu/"
		if got := one(t, p.links, "canonical"); got != canonical {
			t.Errorf("canonical = %q, want %q", got, canonical)
		}
		if got := one(t, p.meta, "og:url"); got != canonical {
			t.Errorf("og:url = %q, want %q", got, canonical)
		}
	}
	// An article without dek, image, tags, update or corrections: the
	// summary, no image, modified = published, a section's parent in the
	// breadcrumbs.
	p := f.getPage(t, "news.example", "/2024/03/19/pozhar-v-portu/")
	for _, k := range []string{"og:image", "twitter:image", "article:tag", "og:image:width"} {
		if v, ok := p.meta[k]; ok {
			t.Errorf("%s = %q, want none", k, v)
		}
	}
	if got := one(t, p.meta, "twitter:card"); got != "summary" {
		t.Errorf("twitter:card = %q, want summary without an image", got)
	}
	if got := one(t, p.meta, "og:locale"); got != "ru_RU" {
		t.Errorf("og:locale = %q, want ru_RU", got)
	}
	var got ldNewsArticle
	p.ld(t, "NewsArticle", &got)
	if got.DateModified != got.DatePublished || got.DatePublished != "2024-03-19T02:30:00+03:00" {
		t.Errorf("dates = %q, %q, want both 2024-03-19T02:30:00+03:00", got.DatePublished, got.DateModified)
	}
	if got.InLanguage != "ru" || !got.IsAccessibleForFree || got.Description != "Пожарные потушили огонь. Расследование продолжается. Порт открыт." || got.Image != nil || got.Correction != nil {
		t.Errorf("NewsArticle = %+v", got)
	}
	var crumbs ldBreadcrumbs
	p.ld(t, "BreadcrumbList", &crumbs)
	var names []string
	for _, c := range crumbs.Items {
		names = append(names, c.Name)
	}
	if diff := cmp.Diff([]string{"The Harbour Gazette", "World", "Europe", "Пожар в порту потушен"}, names); diff != "" {
		t.Errorf("breadcrumbs (-want +got):\n%s", diff)
	}
}

func TestArticle_JSONLDEscapesScript(t *testing.T) {
	f := newFixture(t)
	a := f.articles["shipping-rates-climb"]
	a.Headline = `Rates </script><script>alert(1)</script> & "quotes" <!--`
	must(t, f.store.UpdateArticle(context.Background(), a))
	w := f.get(t, http.MethodGet, f.path(a.Slug))
	if strings.Contains(w.Body.String(), "<script>alert(1)") || strings.Contains(w.Body.String(), "<!--") {
		t.Fatalf("the headline broke out of its script element:\n%s", w.Body.String())
	}
	p := parsePage(t, w.Body.String())
	var got ldNewsArticle
	p.ld(t, "NewsArticle", &got)
	if got.Headline != a.Headline {
		t.Errorf("headline = %q, want %q", got.Headline, a.Headline)
	}
}

func TestFront_WebSiteMetadata(t *testing.T) {
	f := newFixture(t)
	p := f.getPage(t, "news.example", "/")
	var got ldWebSite
	p.ld(t, "WebSite", &got)
	want := ldWebSite{
		ldPage: ldPage{
			Context: "https://schema.org", Type: "WebSite", Name: "The Harbour Gazette", URL: "http://news.example/",
			Description: "News from the harbour town", InLanguage: "en",
		},
		Publisher: ldOrganization{Type: "Organization", Name: "The Harbour Gazette", URL: "http://news.example/"},
		PotentialAction: ldSearchAction{
			Type:       "SearchAction",
			Target:     ldEntryPoint{Type: "EntryPoint", URLTemplate: "http://news.example/search/?q={search_term_string}"},
			QueryInput: "required name=search_term_string",
		},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(ldWebSite{})); diff != "" {
		t.Errorf("WebSite (-want +got):\n%s", diff)
	}
	for k, want := range map[string]string{"og:type": "website", "og:title": "The Harbour Gazette", "og:url": "http://news.example/", "twitter:card": "summary"} {
		if got := one(t, p.meta, k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if got := one(t, p.links, "next"); got != "http://news.example/page/2/" {
		t.Errorf("next = %q", got)
	}
}

func TestListing_CanonicalPrevNext(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		path, prev, next string
	}{
		{"/section/world/", "", "/section/world/page/2/"},
		{"/section/world/page/2/", "/section/world/", ""},
		{"/page/2/", "/", "/page/3/"},
		{"/page/3/", "/page/2/", ""},
		{"/tag/harbour/", "", ""},
		{"/2024/03/", "", "/2024/03/page/2/"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p := f.getPage(t, "news.example", tt.path)
			if got := one(t, p.links, "canonical"); got != "http://news.example"+tt.path {
				t.Errorf("canonical = %q", got)
			}
			for rel, want := range map[string]string{"prev": tt.prev, "next": tt.next} {
				got := p.links[rel]
				if want == "" {
					if got != nil {
						t.Errorf("%s = %q, want none", rel, got)
					}
					continue
				}
				if len(got) != 1 || got[0] != "http://news.example"+want {
					t.Errorf("%s = %q, want %q", rel, got, "http://news.example"+want)
				}
			}
			var page ldListingPage
			p.ld(t, "CollectionPage", &page)
			if page.URL != "http://news.example"+tt.path {
				t.Errorf("CollectionPage url = %q, want the canonical URL", page.URL)
			}
		})
	}
}

func TestArticle_LogoStandsInForImage(t *testing.T) {
	f := newFixture(t)
	logoID := f.articles["fire-breaks-out-at-harbour"].FeaturedMediaID
	f.setSettings(t, func(s *herald.Settings) {
		s.BaseURL = "https://harbour.example"
		s.LogoMediaID = logoID
	})
	// The Russian article has no featured image: the logo stands in, with
	// its size, but the card stays small.
	p := f.getPage(t, "news.example", "/2024/03/19/pozhar-v-portu/")
	logo := "https://harbour.example/media/" + mediaHash(t, f, logoID) + "-1024.png"
	for k, want := range map[string]string{
		"og:image": logo, "og:image:width": "1024", "og:image:height": "576",
		"twitter:image": logo, "twitter:card": "summary",
	} {
		if got := one(t, p.meta, k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	var got ldNewsArticle
	p.ld(t, "NewsArticle", &got)
	want := ldImage{Type: "ImageObject", URL: logo, Width: 1024, Height: 576}
	if diff := cmp.Diff([]ldImage{want}, got.Image); diff != "" {
		t.Errorf("NewsArticle image (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(&want, got.Publisher.Logo); diff != "" {
		t.Errorf("publisher logo (-want +got):\n%s", diff)
	}
}

func TestArticle_OGLocale(t *testing.T) {
	f := newFixture(t)
	fire, ru := f.articles["fire-breaks-out-at-harbour"], f.articles["pozhar-v-portu"]
	ru.TranslationOf = fire.ID
	must(t, f.store.UpdateArticle(context.Background(), ru))
	check := func(path, locale string, alternates ...string) {
		t.Helper()
		p := f.getPage(t, "news.example", path)
		if got := one(t, p.meta, "og:locale"); got != locale {
			t.Errorf("%s: og:locale = %q, want %q", path, got, locale)
		}
		if diff := cmp.Diff(alternates, p.meta["og:locale:alternate"]); diff != "" {
			t.Errorf("%s: og:locale:alternate (-want +got):\n%s", path, diff)
		}
	}
	check(f.path(fire.Slug), "en_US", "ru_RU")
	check(f.path(ru.Slug), "ru_RU", "en_US")
	check("/", "en_US")
	check("/section/world/", "en_US")
	// A site in British English gives English pages its territory; the
	// Russian version keeps Russia's.
	f.setSettings(t, func(s *herald.Settings) { s.Language = "en-GB" })
	check(f.path(fire.Slug), "en_GB", "ru_RU")
	check(f.path(ru.Slug), "ru_RU", "en_GB")
	check("/", "en_GB")
}

func TestOGLocale(t *testing.T) {
	tests := []struct{ site, lang, want string }{
		{"en", "en", "en_US"},
		{"en", "ru", "ru_RU"},
		{"en", "uk", "uk_UA"},
		{"en", "pt-BR", "pt_BR"},
		{"en", "en-gb", "en_GB"},
		{"en-GB", "en", "en_GB"},
		{"en-GB", "en-AU", "en_AU"},
		{"en-GB", "de", "de_DE"},
		{"pt-BR", "pt", "pt_BR"},
		{"en", "zh-Hant", "zh_TW"},
		{"en", "es-419", "es_ES"},
		{"es-419", "es", "es_ES"},
		{"en", "qq", ""},
	}
	for _, tt := range tests {
		e := &env{settings: herald.Settings{Language: tt.site}}
		if got := e.ogLocale(tt.lang); got != tt.want {
			t.Errorf("ogLocale(%q) on a %q site = %q, want %q", tt.lang, tt.site, got, tt.want)
		}
	}
}

func TestListing_JSONLD(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ann := f.users["ann-writer"]
	ann.PhotoMediaID = f.articles["fire-breaks-out-at-harbour"].FeaturedMediaID
	must(t, f.store.UpdateUser(ctx, ann))
	const base = "http://news.example"

	tests := []struct {
		path string
		want ldPage
	}{
		{"/section/world/", ldPage{Name: "World", Description: "News from abroad."}},
		{"/section/world/page/2/", ldPage{Name: "World, Page 2 of 2", Description: "News from abroad."}},
		{"/tag/harbour/", ldPage{Name: "Harbour"}},
		{"/story/harbour-fire/", ldPage{Name: "Harbour fire", Description: "The fire at the old harbour and what followed."}},
		{"/2024/03/", ldPage{Name: "March 2024"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var got ldListingPage
			f.getPage(t, "news.example", tt.path).ld(t, "CollectionPage", &got)
			want := ldListingPage{ldPage: tt.want}
			want.Context, want.Type, want.URL, want.InLanguage = "https://schema.org", "CollectionPage", base+tt.path, "en"
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(ldListingPage{})); diff != "" {
				t.Errorf("CollectionPage (-want +got):\n%s", diff)
			}
		})
	}

	// An author's page is a ProfilePage of the author, with the bio and
	// the photo when there are.
	var got ldListingPage
	f.getPage(t, "news.example", "/author/ann-writer/").ld(t, "ProfilePage", &got)
	photo := base + "/media/" + mediaHash(t, f, ann.PhotoMediaID) + "-1024.png"
	want := ldListingPage{
		ldPage: ldPage{Context: "https://schema.org", Type: "ProfilePage", Name: "Ann Writer", URL: base + "/author/ann-writer/", InLanguage: "en"},
		MainEntity: &ldPerson{
			Type: "Person", Name: "Ann Writer", URL: base + "/author/ann-writer/", Description: "Ann covers the harbour.",
			Image: &ldImage{Type: "ImageObject", URL: photo, Width: 1024, Height: 576},
		},
	}
	if diff := cmp.Diff(want, got, cmp.AllowUnexported(ldListingPage{})); diff != "" {
		t.Errorf("ProfilePage (-want +got):\n%s", diff)
	}
	var boris ldListingPage
	f.getPage(t, "news.example", "/author/boris-petrov/").ld(t, "ProfilePage", &boris)
	wantPerson := &ldPerson{Type: "Person", Name: "Борис Петров", URL: base + "/author/boris-petrov/"}
	if diff := cmp.Diff(wantPerson, boris.MainEntity); diff != "" {
		t.Errorf("ProfilePage without bio or photo (-want +got):\n%s", diff)
	}
}
