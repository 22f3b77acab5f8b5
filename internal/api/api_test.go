package api

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// articleIDs returns the ids of a listing, in order.
func (f *fixture) listIDs(path string) []int64 {
	f.t.Helper()
	var l list[struct{ ID int64 }]
	f.getJSON(path, http.StatusOK, &l)
	ids := []int64{}
	for _, a := range l.Data {
		ids = append(ids, a.ID)
	}
	return ids
}

func (f *fixture) ids(names ...string) []int64 {
	out := []int64{}
	for _, n := range names {
		out = append(out, f.articles[n].ID)
	}
	return out
}

func TestArticles_Filters(t *testing.T) {
	f := newFixture(t)
	for _, tt := range []struct {
		query string
		want  []int64
	}{
		{"", f.ids("vybory", "ferry", "lead")},
		{"?order=oldest", f.ids("lead", "ferry", "vybory")},
		{"?section=world", f.ids("ferry", "lead")}, // with its subsection
		{"?section=europe", f.ids("ferry")},
		{"?section_id=" + itoa(f.sections["europe"].ID), f.ids("ferry")},
		{"?tag=vote", f.ids("lead")},
		{"?tag_id=" + itoa(f.tags["harbour"].ID), f.ids("ferry", "lead")},
		{"?tag=secret-merger", f.ids()},
		{"?author=ann", f.ids("vybory", "ferry", "lead")},
		{"?author=dora", f.ids()},
		{"?author_id=" + itoa(f.users["ann"].ID) + "&section=europe", f.ids("ferry")},
		{"?story=election", f.ids("lead")},
		{"?published_from=2024-03-01T10:00:00Z", f.ids("vybory", "ferry")},
		{"?published_before=2024-03-01T10:00:00Z", f.ids("lead")},
		// Dates are days in the site's time zone (Moscow, UTC+3).
		{"?published_from=2024-03-01&published_before=2024-03-02", f.ids("vybory", "ferry", "lead")},
		{"?published_before=2024-03-01", f.ids()},
	} {
		t.Run(tt.query, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, f.listIDs(Prefix+"articles"+tt.query)); diff != "" {
				t.Errorf("ids (-want +got):\n%s", diff)
			}
		})
	}
}

func itoa(id int64) string {
	return strings.TrimPrefix(pathOf("", id), Prefix+"/")
}

func TestArticles_Paging(t *testing.T) {
	f := newFixture(t)
	var l list[Article]
	f.getJSON(Prefix+"articles?per_page=1&page=2&tag=harbour", http.StatusOK, &l)
	if len(l.Data) != 1 || l.Data[0].ID != f.articles["lead"].ID || l.Page != 2 || l.PerPage != 1 || l.Total != 2 ||
		l.TotalPages != 2 {
		t.Fatalf("page 2 of 2: %+v", l)
	}
	if l.Next != nil || l.Prev == nil {
		t.Fatalf("links next %v prev %v", l.Next, l.Prev)
	}
	prev, err := url.Parse(*l.Prev)
	if err != nil || prev.Host != "news.example.com" || prev.Query().Get("page") != "1" ||
		prev.Query().Get("tag") != "harbour" || prev.Query().Get("per_page") != "1" {
		t.Errorf("prev = %s, want page 1 with the other parameters", *l.Prev)
	}
	f.getJSON(Prefix+"articles?per_page=100&page=7", http.StatusOK, &l)
	if len(l.Data) != 0 || l.Total != 3 || l.Data == nil {
		t.Errorf("a page past the end: %+v, want an empty data array and the total", l)
	}
}

func TestArticles_BadParameters(t *testing.T) {
	f := newFixture(t)
	for _, q := range []string{
		"page=0", "page=-1", "page=two", "page=", "page=100001", "per_page=0", "per_page=101", "per_page=1e3",
		"section=nowhere", "tag=nothing", "author=nobody", "story=none", "section_id=abc", "tag_id=-3",
		"published_from=yesterday", "published_before=2024-13-01", "order=random",
	} {
		t.Run(q, func(t *testing.T) {
			res := f.wantError(http.MethodGet, Prefix+"articles?"+q, http.StatusBadRequest, "invalid")
			name, _, _ := strings.Cut(q, "=")
			if !strings.Contains(string(res.body), name) {
				t.Errorf("the error does not name the parameter %s: %s", name, res.body)
			}
		})
	}
	for _, path := range []string{"sections", "tags", "authors", "stories"} {
		f.wantError(http.MethodGet, Prefix+path+"?per_page=1000", http.StatusBadRequest, "invalid")
	}
}

func TestArticle_One(t *testing.T) {
	f := newFixture(t)
	lead := f.articles["lead"]
	var got Article
	f.getJSON(pathOf("articles", lead.ID), http.StatusOK, &got)
	updated := day.Add(2 * time.Hour)
	site := origin
	want := Article{
		ID: lead.ID, URL: site + "/2024/03/01/lead/", Headline: "Headline lead", Dek: "The count is in.",
		BodyHTML: "<p>The polls closed at <strong>eight</strong>.</p>\n\n", Excerpt: "The polls closed at eight.",
		PublishedAt: day, UpdatedAt: &updated,
		Authors: []Link{{ID: f.users["ann"].ID, Name: "Ann Writer", Slug: "ann", URL: site + "/author/ann/"}},
		Section: &Link{ID: f.sections["world"].ID, Name: "World", Slug: "world", URL: site + "/section/world/"},
		Tags: []Link{
			{ID: f.tags["vote"].ID, Name: "Vote", Slug: "vote", URL: site + "/tag/vote/"},
			{ID: f.tags["harbour"].ID, Name: "Harbour", Slug: "harbour", URL: site + "/tag/harbour/"},
		},
		Story:    &Link{ID: f.story.ID, Name: "The election", Slug: "election", URL: site + "/story/election/"},
		Image:    &Image{URL: site + "/media/" + f.image.Hash + "-1024.jpg", Width: 1024, Height: 576, Alt: "Boats in the harbour"},
		Language: "en",
		Translations: []Translation{{ID: f.articles["vybory"].ID, Language: "ru", Headline: "Выборы",
			URL: site + "/2024/03/01/vybory/"}},
		Corrections:  []Correction{{Time: day.Add(3 * time.Hour), Text: "The turnout was 61%, not 16%."}},
		CommentCount: 1,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("article (-want +got):\n%s", diff)
	}
	var ru Article
	f.getJSON(pathOf("articles", f.articles["vybory"].ID), http.StatusOK, &ru)
	if len(ru.Translations) != 1 || ru.Translations[0].ID != lead.ID {
		t.Errorf("the translation's translations = %+v, want the original", ru.Translations)
	}
}

func TestArticle_NotPublicIsNotFound(t *testing.T) {
	f := newFixture(t)
	for _, name := range []string{"draft", "scheduled", "future", "withdrawn"} {
		f.wantError(http.MethodGet, pathOf("articles", f.articles[name].ID), http.StatusNotFound, "not_found")
	}
	for _, path := range []string{
		Prefix + "articles/999999", Prefix + "articles/abc", Prefix + "articles/-1", Prefix + "articles/1/extra",
		Prefix + "nothing", Prefix, "/api/", "/api/v2/articles",
		pathOf("sections", 999999), pathOf("tags", 999999), pathOf("stories", 999999), pathOf("authors", 999999),
		pathOf("authors", f.users["bob"].ID), pathOf("authors", f.users["dora"].ID),
	} {
		f.wantError(http.MethodGet, path, http.StatusNotFound, "not_found")
	}
	// The scheduled article appears once its time comes.
	f.clock.Advance(2 * time.Hour)
	_, err := f.store.PublishDueArticles(f.ctx, f.clock.Now())
	f.check(err)
	f.getJSON(pathOf("articles", f.articles["scheduled"].ID), http.StatusOK, nil)
	f.getJSON(pathOf("articles", f.articles["future"].ID), http.StatusOK, nil)
}

func TestAPI_Methods(t *testing.T) {
	f := newFixture(t)
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		for _, path := range []string{Prefix + "articles", pathOf("articles", f.articles["lead"].ID), Prefix + "oembed",
			EmbedPrefix + "2024/03/01/lead/"} {
			res := f.do(m, path)
			if res.status != http.StatusMethodNotAllowed || !strings.Contains(res.header.Get("Allow"), "GET") {
				t.Errorf("%s %s: %d, Allow %q", m, path, res.status, res.header.Get("Allow"))
			}
		}
	}
	res := f.wantError(http.MethodPost, Prefix+"articles", http.StatusMethodNotAllowed, "method_not_allowed")
	if strings.Contains(string(res.body), "request_id") {
		t.Errorf("a wrong method is answered as a server failure: %s", res.body)
	}
	res = f.do(http.MethodOptions, Prefix+"articles", "Origin", "https://elsewhere.example", "Access-Control-Request-Method", "GET")
	if res.status != http.StatusNoContent || res.header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(res.header.Get("Access-Control-Allow-Methods"), "GET") {
		t.Errorf("preflight: %d %v", res.status, res.header)
	}
	res = f.do(http.MethodHead, Prefix+"articles")
	if res.status != http.StatusOK || len(res.body) != 0 {
		t.Errorf("HEAD: %d with %d bytes", res.status, len(res.body))
	}
}

func TestAPI_CachingAndCORS(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{Prefix + "articles", pathOf("articles", f.articles["lead"].ID), Prefix + "sections",
		Prefix + "tags", Prefix + "authors", Prefix + "stories"} {
		res := f.getJSON(path, http.StatusOK, nil)
		etag := res.header.Get("ETag")
		if etag == "" || res.header.Get("Cache-Control") == "" || res.header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: ETag %q, Cache-Control %q, Access-Control-Allow-Origin %q", path, etag,
				res.header.Get("Cache-Control"), res.header.Get("Access-Control-Allow-Origin"))
		}
		again := f.do(http.MethodGet, path, "If-None-Match", etag)
		if again.status != http.StatusNotModified || len(again.body) != 0 {
			t.Errorf("%s with If-None-Match: %d, %d bytes; want 304", path, again.status, len(again.body))
		}
	}
	before := f.do(http.MethodGet, Prefix+"articles").header.Get("ETag")
	lead := f.articles["lead"]
	lead.Headline = "A new headline"
	f.check(f.store.UpdateArticle(f.ctx, lead))
	if res := f.do(http.MethodGet, Prefix+"articles", "If-None-Match", before); res.status != http.StatusOK {
		t.Errorf("after an edit, the old ETag got %d, want 200", res.status)
	}
}

func TestTaxonomy(t *testing.T) {
	f := newFixture(t)
	var sections list[Section]
	f.getJSON(Prefix+"sections", http.StatusOK, &sections)
	world := f.sections["world"].ID
	want := []Section{
		{ID: world, Name: "World", Slug: "world", Description: "Beyond the harbour.", URL: origin + "/section/world/"},
		{ID: f.sections["europe"].ID, Name: "Europe", Slug: "europe", ParentID: &world, URL: origin + "/section/europe/"},
	}
	if diff := cmp.Diff(want, sections.Data); diff != "" {
		t.Errorf("sections (-want +got):\n%s", diff)
	}
	var one Section
	f.getJSON(pathOf("sections", f.sections["europe"].ID), http.StatusOK, &one)
	if diff := cmp.Diff(want[1], one); diff != "" {
		t.Errorf("one section (-want +got):\n%s", diff)
	}
	var tags list[Tag]
	f.getJSON(Prefix+"tags?per_page=2", http.StatusOK, &tags)
	if tags.Total != 2 || len(tags.Data) != 2 || tags.Data[0].Slug != "harbour" || tags.Data[0].ArticleCount != 2 ||
		tags.Next != nil {
		t.Errorf("tags of public articles: %+v", tags)
	}
	f.wantError(http.MethodGet, pathOf("tags", f.tags["secret-merger"].ID), http.StatusNotFound, "not_found")
	var tag Tag
	f.getJSON(pathOf("tags", f.tags["vote"].ID), http.StatusOK, &tag)
	if tag != (Tag{ID: f.tags["vote"].ID, Name: "Vote", Slug: "vote", URL: origin + "/tag/vote/", ArticleCount: 1}) {
		t.Errorf("tag = %+v", tag)
	}
	var stories list[Story]
	f.getJSON(Prefix+"stories", http.StatusOK, &stories)
	wantStory := Story{ID: f.story.ID, Name: "The election", Slug: "election", Description: "Coverage of the vote.",
		URL: origin + "/story/election/", ArticleCount: 1}
	if diff := cmp.Diff([]Story{wantStory}, stories.Data); diff != "" {
		t.Errorf("stories (-want +got):\n%s", diff)
	}
	var story Story
	f.getJSON(pathOf("stories", f.story.ID), http.StatusOK, &story)
	if story != wantStory {
		t.Errorf("story = %+v", story)
	}
	var authors list[Author]
	f.getJSON(Prefix+"authors", http.StatusOK, &authors)
	wantAuthor := Author{ID: f.users["ann"].ID, Name: "Ann Writer", Slug: "ann", Bio: "Ann covers the harbour.",
		URL: origin + "/author/ann/", ArticleCount: 3}
	if diff := cmp.Diff([]Author{wantAuthor}, authors.Data); diff != "" {
		t.Errorf("authors: only people with a public byline (-want +got):\n%s", diff)
	}
	var author Author
	f.getJSON(pathOf("authors", f.users["ann"].ID), http.StatusOK, &author)
	if diff := cmp.Diff(wantAuthor, author); diff != "" {
		t.Errorf("author (-want +got):\n%s", diff)
	}
}

func TestTaxonomy_Paging(t *testing.T) {
	f := newFixture(t)
	var tags list[Tag]
	f.getJSON(Prefix+"tags?per_page=1&page=2", http.StatusOK, &tags)
	if tags.Total != 2 || tags.TotalPages != 2 || len(tags.Data) != 1 || tags.Data[0].Slug != "vote" ||
		tags.Next != nil || tags.Prev == nil || *tags.Prev != origin+Prefix+"tags?page=1&per_page=1" {
		t.Errorf("second page of tags: %+v", tags)
	}
	// Past the end: no data, but the total and a way back.
	f.getJSON(Prefix+"tags?per_page=1&page=9", http.StatusOK, &tags)
	if tags.Total != 2 || len(tags.Data) != 0 || tags.Prev == nil || *tags.Prev != origin+Prefix+"tags?page=2&per_page=1" {
		t.Errorf("tags past the end: %+v", tags)
	}
}

func TestTaxonomy_AuthorPhoto(t *testing.T) {
	f := newFixture(t)
	ann := f.users["ann"]
	ann.PhotoMediaID = f.image.ID
	f.check(f.store.UpdateUser(f.ctx, ann))
	var authors list[Author]
	f.getJSON(Prefix+"authors", http.StatusOK, &authors)
	if len(authors.Data) != 1 {
		t.Fatalf("authors = %+v, want ann", authors.Data)
	}
	var lead Article
	f.getJSON(pathOf("articles", f.articles["lead"].ID), http.StatusOK, &lead)
	if p := authors.Data[0].Photo; p == nil || lead.Image == nil || *p != *lead.Image {
		t.Errorf("ann's photo = %+v, want the image %+v", p, lead.Image)
	}
}

func TestAPI_OriginFromRequest(t *testing.T) {
	f := newFixture(t)
	settings, err := f.store.FindSettings(f.ctx)
	f.check(err)
	settings.BaseURL = ""
	f.check(f.store.UpdateSettings(f.ctx, settings))
	var a Article
	f.getJSON(pathOf("articles", f.articles["ferry"].ID), http.StatusOK, &a)
	if want := f.server.URL + "/2024/03/01/ferry/"; a.URL != want {
		t.Errorf("url = %s, want %s", a.URL, want)
	}
}

func TestAPI_Errors(t *testing.T) {
	f := newFixture(t)
	res := f.wantError(http.MethodGet, Prefix+"articles?page=0", http.StatusBadRequest, "invalid")
	if res.header.Get("Access-Control-Allow-Origin") != "*" || res.header.Get("Cache-Control") != "no-store" {
		t.Errorf("error headers: %v", res.header)
	}
	if !slices.Contains([]string{"application/json; charset=utf-8"}, res.header.Get("Content-Type")) {
		t.Errorf("Content-Type %q", res.header.Get("Content-Type"))
	}
}

// TestAPI_Cache checks that answers kept in memory give way to changes in
// the store and, within a minute, to the passing of time.
func TestAPI_Cache(t *testing.T) {
	f := newFixture(t)
	path := Prefix + "articles?per_page=100"
	before := f.listIDs(path)
	lead := f.articles["lead"]
	f.check(f.store.DeleteArticle(f.ctx, f.articles["ferry"].ID))
	if got := f.listIDs(path); len(got) != len(before)-1 {
		t.Errorf("after a deletion: %v, was %v", got, before)
	}
	f.getJSON(pathOf("articles", lead.ID), http.StatusOK, nil)
	// The future-dated article comes out by the clock alone, with no change.
	f.clock.Advance(2 * time.Hour)
	if got := f.listIDs(path); !slices.Contains(got, f.articles["future"].ID) {
		t.Errorf("two hours on, the listing %v lacks the article that came out", got)
	}
	// Without a base URL, answers name the origin asked, so each has its own.
	settings, err := f.store.FindSettings(f.ctx)
	f.check(err)
	settings.BaseURL = ""
	f.check(f.store.UpdateSettings(f.ctx, settings))
	for _, host := range []string{"a.example", "b.example"} {
		req, err := http.NewRequestWithContext(f.ctx, http.MethodGet, f.server.URL+pathOf("articles", lead.ID), nil)
		f.check(err)
		req.Host = host
		res, err := f.server.Client().Do(req)
		f.check(err)
		var a Article
		f.check(json.NewDecoder(res.Body).Decode(&a))
		res.Body.Close()
		if !strings.HasPrefix(a.URL, "http://"+host+"/") {
			t.Errorf("asked of %s, the article's url is %s", host, a.URL)
		}
	}
}
