package site

import (
	"context"
	"encoding/xml"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

// The documents of the sitemaps.org, image and news schemas, as
// encoding/xml reads them: names are matched with their namespaces.
type (
	sitemapIndexDoc struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
			LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemap"`
	}
	urlsetDoc struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
			LastMod string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 lastmod"`
			Images  []struct {
				Loc string `xml:"http://www.google.com/schemas/sitemap-image/1.1 loc"`
			} `xml:"http://www.google.com/schemas/sitemap-image/1.1 image"`
			News *struct {
				Name     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>name"`
				Language string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication>language"`
				Date     string `xml:"http://www.google.com/schemas/sitemap-news/0.9 publication_date"`
				Title    string `xml:"http://www.google.com/schemas/sitemap-news/0.9 title"`
			} `xml:"http://www.google.com/schemas/sitemap-news/0.9 news"`
		} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
	}
)

// getXML fetches path and decodes it into doc.
func (f *fixture) getXML(t *testing.T, path string, doc any) {
	t.Helper()
	w := f.get(t, "GET", path)
	if w.Code != 200 || w.Header().Get("Content-Type") != "application/xml; charset=utf-8" {
		t.Fatalf("GET %s: %d %q", path, w.Code, w.Header().Get("Content-Type"))
	}
	if err := xml.Unmarshal(w.Body.Bytes(), doc); err != nil {
		t.Fatalf("%s: %v\n%s", path, err, w.Body.String())
	}
}

// checkTime fails unless s is an RFC 3339 time.
func checkTime(t *testing.T, where, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Errorf("%s: lastmod %q: %v", where, s, err)
	}
	return at
}

func TestSitemaps(t *testing.T) {
	f := newFixture(t)
	f.site.sitemapPage = 4 // 15 public articles: four files; the front page and four sections: two
	var index sitemapIndexDoc
	f.getXML(t, "/sitemap.xml", &index)
	var files []string
	for _, sm := range index.Sitemaps {
		files = append(files, strings.TrimPrefix(sm.Loc, origin))
		checkTime(t, sm.Loc, sm.LastMod)
	}
	wantFiles := []string{
		"/sitemap-articles-1.xml", "/sitemap-articles-2.xml", "/sitemap-articles-3.xml", "/sitemap-articles-4.xml",
		"/sitemap-sections-1.xml", "/sitemap-sections-2.xml", "/sitemap-tags-1.xml", "/sitemap-authors-1.xml", "/sitemap-stories-1.xml",
	}
	if diff := cmp.Diff(wantFiles, files); diff != "" {
		t.Fatalf("index (-want +got):\n%s", diff)
	}
	got := map[string]bool{}
	images := map[string]string{}
	for _, file := range files {
		var set urlsetDoc
		f.getXML(t, file, &set)
		if len(set.URLs) == 0 || len(set.URLs) > 4 {
			t.Errorf("%s has %d URLs, want 1 to 4", file, len(set.URLs))
		}
		for _, u := range set.URLs {
			checkTime(t, u.Loc, u.LastMod)
			if got[u.Loc] {
				t.Errorf("%s lists %s again", file, u.Loc)
			}
			got[u.Loc] = true
			for _, img := range u.Images {
				images[u.Loc] = img.Loc
			}
		}
	}
	want := map[string]bool{}
	for _, a := range f.publicArticles(t, herald.ArticleFilter{}, 100) {
		want[origin+f.path(a.Slug)] = true
	}
	for _, p := range []string{
		"/", "/section/world/", "/section/business/", "/section/culture/", "/section/europe/",
		"/tag/harbour/", "/tag/economy/", "/author/ann-writer/", "/author/boris-petrov/", "/story/harbour-fire/",
	} {
		want[origin+p] = true
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("URLs (-want +got):\n%s", diff)
	}
	fire, err := f.store.FindArticle(context.Background(), f.articles["fire-breaks-out-at-harbour"].ID)
	must(t, err)
	wantImages := map[string]string{origin + f.path(fire.Slug): origin + "/media/" + fire.Featured.Hash + ".png"}
	if diff := cmp.Diff(wantImages, images); diff != "" {
		t.Errorf("images (-want +got):\n%s", diff)
	}
}

// TestSitemaps_Namespaces checks the root elements' namespace
// declarations as written, which the schemas fix.
func TestSitemaps_Namespaces(t *testing.T) {
	f := newFixture(t)
	for path, root := range map[string]string{
		"/sitemap.xml":            `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">`,
		"/sitemap-articles-1.xml": `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">`,
		"/sitemap-news.xml":       `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">`,
	} {
		body := f.get(t, "GET", path).Body.String()
		if !strings.HasPrefix(body, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+root) {
			t.Errorf("%s starts %q, want %s", path, body[:min(len(body), 200)], root)
		}
	}
}

func TestSitemaps_News(t *testing.T) {
	f := newFixture(t)
	// At 15:00 on 2024-03-20 the articles younger than two days are the
	// Russian one, of 2024-03-18 23:30, and the one of 14:00.
	f.clock.Advance(3 * time.Hour)
	ru, late := f.articles["pozhar-v-portu"], f.articles["future-piece"]
	var set urlsetDoc
	f.getXML(t, "/sitemap-news.xml", &set)
	if len(set.URLs) != 2 || set.URLs[0].News == nil {
		t.Fatalf("news sitemap has %+v, want two articles", set.URLs)
	}
	u := set.URLs[0]
	if u.Loc != origin+f.path(ru.Slug) || u.News.Name != "The Harbour Gazette" || u.News.Language != "ru" ||
		u.News.Title != ru.Headline || !checkTime(t, "news", u.News.Date).Equal(ru.PublishedAt) {
		t.Errorf("news entry %+v %+v", u.Loc, *u.News)
	}
	// Two days after its publication the Russian article leaves, with no
	// change in the store.
	f.clock.Advance(ru.PublishedAt.Add(newsWindow + time.Second).Sub(f.clock.Now()))
	set = urlsetDoc{}
	f.getXML(t, "/sitemap-news.xml", &set)
	if len(set.URLs) != 1 || set.URLs[0].Loc != origin+f.path(late.Slug) || set.URLs[0].News.Language != "en" {
		t.Errorf("news sitemap after two days has %+v, want only %s", set.URLs, late.Slug)
	}
}

func TestRobots(t *testing.T) {
	f := newFixture(t)
	w := f.get(t, "GET", "/robots.txt")
	want := "User-agent: *\nDisallow: /admin/\n\nSitemap: http://news.example/sitemap.xml\nSitemap: http://news.example/sitemap-news.xml\n"
	if w.Code != 200 || w.Body.String() != want {
		t.Errorf("robots.txt: %d\n%s\nwant\n%s", w.Code, w.Body.String(), want)
	}
	ctx := context.Background()
	settings, err := f.store.FindSettings(ctx)
	must(t, err)
	settings.BaseURL = "https://harbour.example"
	must(t, f.store.UpdateSettings(ctx, settings))
	if body := f.get(t, "GET", "/robots.txt").Body.String(); !strings.Contains(body, "Sitemap: https://harbour.example/sitemap.xml\n") {
		t.Errorf("robots.txt with a base URL:\n%s", body)
	}
}

// TestSitemaps_ListingPages splits the listings' files one URL a file:
// the two tags make two files, and the file past them is not found.
func TestSitemaps_ListingPages(t *testing.T) {
	f := newFixture(t)
	f.site.sitemapPage = 1
	var index sitemapIndexDoc
	f.getXML(t, "/sitemap.xml", &index)
	count := map[string]int{}
	for _, sm := range index.Sitemaps {
		kind, _, _ := strings.Cut(strings.TrimPrefix(sm.Loc, origin+sitemapPrefix), "-")
		count[kind]++
	}
	want := map[string]int{"articles": 15, "sections": 5, "tags": 2, "authors": 2, "stories": 1}
	if diff := cmp.Diff(want, count); diff != "" {
		t.Errorf("files by kind (-want +got):\n%s", diff)
	}
	for path, loc := range map[string]string{
		"/sitemap-tags-1.xml": "/tag/economy/", "/sitemap-tags-2.xml": "/tag/harbour/",
		"/sitemap-authors-2.xml": "/author/boris-petrov/", "/sitemap-sections-1.xml": "/",
	} {
		var set urlsetDoc
		f.getXML(t, path, &set)
		if len(set.URLs) != 1 || set.URLs[0].Loc != origin+loc {
			t.Errorf("%s lists %+v, want %s", path, set.URLs, loc)
		}
	}
	for _, path := range []string{"/sitemap-tags-3.xml", "/sitemap-articles-16.xml", "/sitemap-sections-6.xml", "/sitemap-stories-2.xml"} {
		if w := f.get(t, "GET", path); w.Code != 404 {
			t.Errorf("%s: %d, want 404", path, w.Code)
		}
	}
}

// TestSitemaps_Empty checks a site with no public article: the index
// still names the articles' first file, as the schema wants a sitemap.
func TestSitemaps_Empty(t *testing.T) {
	f := newFixture(t)
	f.clock.Advance(-30 * 24 * time.Hour) // before the first article
	var index sitemapIndexDoc
	f.getXML(t, "/sitemap.xml", &index)
	if len(index.Sitemaps) != 1 || index.Sitemaps[0].Loc != origin+"/sitemap-articles-1.xml" || index.Sitemaps[0].LastMod != "" {
		t.Errorf("index of an empty site: %+v", index.Sitemaps)
	}
	var set urlsetDoc
	f.getXML(t, "/sitemap-articles-1.xml", &set)
	if len(set.URLs) != 0 {
		t.Errorf("articles of an empty site: %+v", set.URLs)
	}
}

// TestSitemaps_IndexTimes checks that the index dates each file with the
// latest lastmod of its URLs, however many URLs a file holds. The articles
// are edited a minute apart, the newest first, so each file's latest time
// is that of its oldest article, and no two files have the same.
func TestSitemaps_IndexTimes(t *testing.T) {
	f := newFixture(t)
	for _, a := range f.publicArticles(t, herald.ArticleFilter{}, 100) {
		f.clock.Advance(time.Minute)
		must(t, f.store.UpdateArticle(context.Background(), a))
	}
	for _, size := range []int{1, 4, 0} {
		f.site.sitemapPage = size
		f.site.cache.Clear()
		var index sitemapIndexDoc
		f.getXML(t, "/sitemap.xml", &index)
		for _, sm := range index.Sitemaps {
			var set urlsetDoc
			f.getXML(t, strings.TrimPrefix(sm.Loc, origin), &set)
			latest := ""
			for _, u := range set.URLs {
				latest = max(latest, u.LastMod) // RFC 3339 times in UTC sort as text
			}
			if sm.LastMod != latest {
				t.Errorf("files of %d URLs: the index dates %s %q, its URLs' latest is %q", size, sm.Loc, sm.LastMod, latest)
			}
		}
	}
}
