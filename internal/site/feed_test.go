package site

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/markup"
	"github.com/mmcdole/gofeed"
)

// origin is where the fixture's requests go.
const origin = "http://news.example"

// parseFeed fetches and parses the feed at path with gofeed.
func (f *fixture) parseFeed(t *testing.T, path string) (*gofeed.Feed, *http.Response) {
	t.Helper()
	w := f.get(t, "GET", path)
	if w.Code != 200 {
		t.Fatalf("GET %s: %d\n%s", path, w.Code, w.Body.String())
	}
	parsed, err := gofeed.NewParser().ParseString(w.Body.String())
	if err != nil {
		t.Fatalf("gofeed %s: %v\n%s", path, err, w.Body.String())
	}
	return parsed, w.Result()
}

// publicArticles returns the newest public articles matching filter, as a
// feed lists them.
func (f *fixture) publicArticles(t *testing.T, filter herald.ArticleFilter, limit int) []*herald.Article {
	t.Helper()
	filter.PublicAt, filter.Limit = f.clock.Now(), limit
	res, err := f.store.FindArticles(context.Background(), filter)
	must(t, err)
	return res.Articles
}

// wantFullContent is an article's content in a full-text feed.
func wantFullContent(a *herald.Article) string {
	return markup.Absolute(markup.New().HTML(a.Body), origin)
}

func TestFeeds_Articles(t *testing.T) {
	f := newFixture(t)
	feeds := []struct {
		page   string
		title  string
		filter herald.ArticleFilter
	}{
		{"/", "The Harbour Gazette", herald.ArticleFilter{}},
		{"/section/world/", "World — The Harbour Gazette", herald.ArticleFilter{SectionID: f.sections["world"].ID}},
		{"/tag/harbour/", "Harbour — The Harbour Gazette", herald.ArticleFilter{TagID: f.tags["harbour"].ID}},
		{"/author/ann-writer/", "Ann Writer — The Harbour Gazette", herald.ArticleFilter{AuthorID: f.users["ann-writer"].ID}},
		{"/story/harbour-fire/", "Harbour fire — The Harbour Gazette", herald.ArticleFilter{StoryID: f.story.ID}},
	}
	for _, fd := range feeds {
		want := f.publicArticles(t, fd.filter, 20)
		for _, suffix := range []string{"feed/", "feed/atom/", "feed/json/"} {
			path := fd.page + suffix
			t.Run(path, func(t *testing.T) {
				got, _ := f.parseFeed(t, path)
				if got.Title != fd.title || got.Link != origin+fd.page {
					t.Errorf("feed title %q link %q, want %q %q", got.Title, got.Link, fd.title, origin+fd.page)
				}
				if len(got.Items) != len(want) {
					t.Fatalf("%d items, want %d", len(got.Items), len(want))
				}
				for i, it := range got.Items {
					checkArticleItem(t, f, it, want[i])
				}
			})
		}
	}
}

// checkArticleItem compares a parsed item with the article, field by field.
func checkArticleItem(t *testing.T, f *fixture, it *gofeed.Item, a *herald.Article) {
	t.Helper()
	wantID := "tag:news.example," + a.CreatedAt.UTC().Format("2006-01-02") + ":article-" + strconv.FormatInt(a.ID, 10)
	if it.Title != a.Headline || it.Link != origin+f.path(a.Slug) || it.GUID != wantID {
		t.Errorf("item %q %q %q, want %q %q %q", it.Title, it.Link, it.GUID, a.Headline, origin+f.path(a.Slug), wantID)
	}
	if it.PublishedParsed == nil || !it.PublishedParsed.Equal(a.PublishedAt) {
		t.Errorf("%s: published %v, want %v", a.Slug, it.PublishedParsed, a.PublishedAt)
	}
	want := wantFullContent(a)
	if !strings.HasPrefix(it.Content, want) {
		t.Errorf("%s: content %q, want it to start with %q", a.Slug, it.Content, want)
	}
	if len(a.Corrections) == 0 && it.Content != want {
		t.Errorf("%s: content %q, want %q", a.Slug, it.Content, want)
	}
}

// TestFeeds_ArticleDetails checks what the fixture's first article brings
// to its item: the absolute links, the corrections, the image and the
// byline.
func TestFeeds_ArticleDetails(t *testing.T) {
	f := newFixture(t)
	fire := f.articles["fire-breaks-out-at-harbour"]
	stored, err := f.store.FindArticle(context.Background(), fire.ID)
	must(t, err)
	for _, path := range []string{"/story/harbour-fire/feed/", "/story/harbour-fire/feed/atom/", "/story/harbour-fire/feed/json/"} {
		got, _ := f.parseFeed(t, path)
		it := got.Items[len(got.Items)-1] // the oldest
		if it.Title != fire.Headline {
			t.Fatalf("%s: last item %q", path, it.Title)
		}
		for _, s := range []string{
			`<h2>What comes next</h2>`, `href="https://example.com/statement"`,
			`<aside class="corrections"><h2>Corrections</h2><p><time datetime="2024-03-02T18:00:00+03:00">March 2, 2024</time>: An earlier version misstated the number of crews.</p></aside>`,
		} {
			if !strings.Contains(it.Content, s) {
				t.Errorf("%s: content lacks %s:\n%s", path, s, it.Content)
			}
		}
		if len(it.Authors) == 0 || it.Authors[0].Name != "Ann Writer" {
			t.Errorf("%s: authors %v", path, it.Authors)
		}
		wantImage := origin + "/media/" + stored.Featured.Hash + ".png"
		if path == "/story/harbour-fire/feed/json/" {
			if it.Image == nil || it.Image.URL != wantImage {
				t.Errorf("%s: image %v, want %s", path, it.Image, wantImage)
			}
			continue
		}
		if len(it.Enclosures) != 1 || it.Enclosures[0].URL != wantImage || it.Enclosures[0].Type != "image/png" ||
			it.Enclosures[0].Length != strconv.FormatInt(stored.Featured.Size, 10) {
			t.Errorf("%s: enclosures %+v, want %s image/png %d", path, it.Enclosures, wantImage, stored.Featured.Size)
		}
	}
	if atom := f.get(t, "GET", "/story/harbour-fire/feed/atom/").Body.String(); strings.Count(atom, `<entry xml:lang="ru">`) != 1 ||
		strings.Count(atom, "<entry>") != len(f.publicArticles(t, herald.ArticleFilter{StoryID: f.story.ID}, 20))-1 {
		t.Errorf("the Russian article's entry, alone, should name its language:\n%s", atom)
	}
	rss := f.get(t, "GET", "/story/harbour-fire/feed/").Body.String()
	if !strings.Contains(rss, `<media:content url="`+origin+"/media/"+stored.Featured.Hash+`.png" type="image/png" medium="image"`) {
		t.Errorf("RSS lacks media:content:\n%s", rss)
	}
}

func TestFeeds_Settings(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	settings, err := f.store.FindSettings(ctx)
	must(t, err)
	settings.Distribution.FeedFullText, settings.Distribution.FeedItems = false, 3
	must(t, f.store.UpdateSettings(ctx, settings))
	want := f.publicArticles(t, herald.ArticleFilter{}, 3)
	got, _ := f.parseFeed(t, "/feed/atom/")
	if len(got.Items) != 3 {
		t.Fatalf("%d items, want 3", len(got.Items))
	}
	conv := markup.New()
	for i, it := range got.Items {
		if wantContent := "<p>" + summary(conv, want[i]) + "</p>"; it.Content != wantContent || it.Description != summary(conv, want[i]) {
			t.Errorf("item %d: content %q, summary %q; want the excerpt %q", i, it.Content, it.Description, wantContent)
		}
	}
}

// TestFeeds_CopyProtection checks that an article protected from copying
// gives only its summary, whether the site or the article asks for it.
func TestFeeds_CopyProtection(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fair := f.articles["trade-fair-opens"]
	fair.CopyProtection = herald.CopyNotice
	must(t, f.store.UpdateArticle(ctx, fair))
	conv := markup.New()
	check := func(when string, protected func(*herald.Article) bool) {
		t.Helper()
		got, _ := f.parseFeed(t, "/feed/json/")
		for i, a := range f.publicArticles(t, herald.ArticleFilter{}, 20) {
			want := wantFullContent(a)
			if protected(a) {
				want = "<p>" + summary(conv, a) + "</p>"
			}
			content := got.Items[i].Content // with any corrections after
			if !strings.HasPrefix(content, want) || (len(a.Corrections) == 0 && content != want) {
				t.Errorf("%s: %s content %q, want %q", when, a.Slug, got.Items[i].Content, want)
			}
		}
	}
	check("article protected", func(a *herald.Article) bool { return a.ID == fair.ID })
	settings, err := f.store.FindSettings(ctx)
	must(t, err)
	settings.Protection.CopyProtection = herald.CopyAttribute
	must(t, f.store.UpdateSettings(ctx, settings))
	fair.CopyProtection = herald.CopyOff
	must(t, f.store.UpdateArticle(ctx, fair))
	check("site protected", func(a *herald.Article) bool { return a.ID != fair.ID })
}

func TestFeeds_Conditional(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/feed/", "/section/world/feed/json/", "/sitemap.xml", "/sitemap-news.xml", "/robots.txt"} {
		first := f.get(t, "GET", path)
		etag, modified := first.Header().Get("ETag"), first.Header().Get("Last-Modified")
		if first.Code != 200 || etag == "" || modified == "" {
			t.Fatalf("%s: %d, ETag %q, Last-Modified %q", path, first.Code, etag, modified)
		}
		if w := f.get(t, "GET", path, "If-None-Match", etag); w.Code != 304 || w.Body.Len() != 0 {
			t.Errorf("%s: If-None-Match answered %d", path, w.Code)
		}
		if w := f.get(t, "GET", path, "If-Modified-Since", modified); w.Code != 304 {
			t.Errorf("%s: If-Modified-Since answered %d", path, w.Code)
		}
		early := f.clock.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
		if w := f.get(t, "GET", path, "If-Modified-Since", early); w.Code != 200 {
			t.Errorf("%s: If-Modified-Since an hour earlier answered %d", path, w.Code)
		}
	}
	// A change in the store renders the feed afresh.
	before := f.get(t, "GET", "/feed/").Header().Get("ETag")
	a := f.articles["trade-fair-opens"]
	a.Headline = "Trade fair opens its doors"
	must(t, f.store.UpdateArticle(context.Background(), a))
	after := f.get(t, "GET", "/feed/")
	if after.Header().Get("ETag") == before || !strings.Contains(after.Body.String(), "Trade fair opens its doors") {
		t.Errorf("the feed did not change with the headline")
	}
}

func TestFeeds_Addresses(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		method, path string
		status       int
		location     string
	}{
		{"GET", "/feed", 301, "/feed/"},
		{"GET", "/FEED/Atom/", 301, "/feed/atom/"},
		{"HEAD", "/feed/json/", 200, ""},
		{"POST", "/feed/", 405, ""},
		{"GET", "/feed/nope/", 404, ""},
		{"GET", "/feed/rss/", 404, ""},
		{"GET", "/section/nope/feed/", 404, ""},
		{"GET", "/tag/nope/feed/atom/", 404, ""},
		{"GET", "/story/nope/feed/json/", 404, ""},
		{"GET", "/author/carl-editor/feed/", 404, ""}, // no public article, no page
		{"GET", "/section/world/page/2/feed/", 404, ""},
		{"GET", f.path("fire-breaks-out-at-harbour") + "comment-page-2/feed/", 404, ""},
		{"GET", "/2024/03/feed/", 404, ""},
		{"GET", "/2024/03/01/feed/", 404, ""},
		{"GET", "/2099/01/01/nope/feed/", 404, ""},
		{"GET", f.path("draft-piece") + "feed/", 404, ""},
		{"GET", f.path("withdrawn-piece") + "feed/", 410, ""},
		{"GET", "/sitemap-articles-0.xml", 404, ""},
		{"GET", "/sitemap-articles-01.xml", 404, ""},
		{"GET", "/sitemap-articles-2.xml", 404, ""},
		{"GET", "/sitemap-articles-99999999999999999999.xml", 404, ""},
		{"GET", "/sitemap-nope-1.xml", 404, ""},
		{"GET", "/sitemap-articles.xml", 404, ""},
		{"GET", "/sitemap-tags-2.xml", 404, ""},
		{"POST", "/sitemap.xml", 405, ""},
	}
	for _, tt := range tests {
		w := f.get(t, tt.method, tt.path)
		if w.Code != tt.status || w.Header().Get("Location") != tt.location {
			t.Errorf("%s %s: %d %q, want %d %q", tt.method, tt.path, w.Code, w.Header().Get("Location"), tt.status, tt.location)
		}
	}
	for path, typ := range map[string]string{
		"/feed/": "application/rss+xml; charset=utf-8", "/feed/atom/": "application/atom+xml; charset=utf-8",
		"/feed/json/": "application/feed+json; charset=utf-8", "/sitemap.xml": "application/xml; charset=utf-8",
		"/robots.txt": "text/plain; charset=utf-8",
	} {
		if got := f.get(t, "GET", path).Header().Get("Content-Type"); got != typ {
			t.Errorf("%s: Content-Type %q, want %q", path, got, typ)
		}
	}
}

func TestFeeds_DiscoveryLinks(t *testing.T) {
	f := newFixture(t)
	site := `<link rel="alternate" type="application/rss+xml" title="The Harbour Gazette (RSS)" href="http://news.example/feed/">`
	tests := []struct {
		path  string
		want  []string
		links int // the site's three, and a listing's three
	}{
		{"/", []string{site, `<link rel="alternate" type="application/atom+xml" title="The Harbour Gazette (Atom)" href="http://news.example/feed/atom/">`,
			`<link rel="alternate" type="application/feed+json" title="The Harbour Gazette (JSON Feed)" href="http://news.example/feed/json/">`}, 3},
		{"/section/world/", []string{site, `<link rel="alternate" type="application/rss+xml" title="World — The Harbour Gazette (RSS)" href="http://news.example/section/world/feed/">`}, 6},
		{"/tag/harbour/", []string{site, `href="http://news.example/tag/harbour/feed/json/"`}, 6},
		{"/author/ann-writer/page/2/", []string{site, `href="http://news.example/author/ann-writer/feed/"`}, 6},
		{"/story/harbour-fire/", []string{site, `href="http://news.example/story/harbour-fire/feed/atom/"`}, 6},
		{"/2024/03/", []string{site}, 3},
		{f.path("trade-fair-opens"), []string{site, `<link rel="alternate" type="application/rss+xml" title="Comments on “Trade fair opens” — The Harbour Gazette (RSS)" href="http://news.example/2024/03/13/trade-fair-opens/feed/">`}, 6},
	}
	for _, tt := range tests {
		body := f.get(t, "GET", tt.path).Body.String()
		for _, s := range tt.want {
			if !strings.Contains(body, s) {
				t.Errorf("%s lacks %s", tt.path, s)
			}
		}
		n := 0
		for _, typ := range []string{"rss+xml", "atom+xml", "feed+json"} {
			n += strings.Count(body, `<link rel="alternate" type="application/`+typ+`"`)
		}
		if n != tt.links {
			t.Errorf("%s has %d feed links, want %d", tt.path, n, tt.links)
		}
	}
}
