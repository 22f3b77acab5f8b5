package api

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/clocktest"
	"github.com/herald-news/herald/internal/sqlstore"
)

// origin is the fixture site's public origin.
const origin = "https://news.example.com"

// fixture is a small site in a real SQLite store, served by the API.
type fixture struct {
	t        *testing.T
	ctx      context.Context
	store    *sqlstore.Store
	clock    *clocktest.Clock
	server   *httptest.Server
	articles map[string]*herald.Article
	users    map[string]*herald.User
	sections map[string]*herald.Section
	tags     map[string]*herald.Tag
	story    *herald.Story
	image    *herald.Media
}

// day is the publication day of the fixture's first article.
var day = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

// newFixture builds a site with public articles in two sections (one a
// subsection), a translation, an approved and a pending comment, and a
// draft, a scheduled, a future-dated and a withdrawn article whose
// headlines, tags and author must never show.
func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{t: t, ctx: t.Context(), clock: clocktest.New(time.Date(2024, 3, 20, 12, 0, 0, 0, time.UTC)),
		articles: map[string]*herald.Article{}, users: map[string]*herald.User{},
		sections: map[string]*herald.Section{}, tags: map[string]*herald.Tag{}}
	st := openStore(t, t.TempDir(), f.clock.Now)
	f.store = st
	f.fill()
	a, err := New(Options{Store: st, Now: f.clock.Now, Logger: slog.New(slog.DiscardHandler)})
	f.check(err)
	t.Cleanup(a.Close)
	f.server = httptest.NewServer(a.Handler())
	t.Cleanup(f.server.Close)
	return f
}

// openStore returns a new, migrated SQLite store in dir, closed when the
// test ends.
func openStore(tb testing.TB, dir string, now func() time.Time) *sqlstore.Store {
	tb.Helper()
	st, err := sqlstore.Open(tb.Context(), sqlstore.Options{DSN: filepath.Join(dir, "herald.db"), Now: now})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(tb.Context()); err != nil {
		tb.Fatal(err)
	}
	return st
}

func (f *fixture) check(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) fill() {
	settings := herald.DefaultSettings()
	settings.Title, settings.BaseURL, settings.TimeZone = "The Harbour Gazette", origin+"/", "Europe/Moscow"
	f.check(f.store.UpdateSettings(f.ctx, settings))
	for _, u := range []*herald.User{
		{Name: "Ann Writer", Slug: "ann", Bio: "Ann covers the harbour.", Email: "ann@example.com", Role: herald.RoleAuthor,
			PasswordHash: "$argon2id$secret-hash"},
		{Name: "Bob Idle", Slug: "bob", Email: "bob@example.com", Role: herald.RoleContributor},
		{Name: "Dora Drafter", Slug: "dora", Email: "dora@example.com", Role: herald.RoleAuthor},
	} {
		f.check(f.store.CreateUser(f.ctx, u))
		f.users[u.Slug] = u
	}
	world := &herald.Section{Slug: "world", Name: "World", Description: "Beyond the harbour.", InNav: true}
	f.check(f.store.CreateSection(f.ctx, world))
	europe := &herald.Section{Slug: "europe", Name: "Europe", ParentID: world.ID}
	f.check(f.store.CreateSection(f.ctx, europe))
	f.sections["world"], f.sections["europe"] = world, europe
	for _, slug := range []string{"vote", "harbour", "secret-merger"} {
		tag := &herald.Tag{Slug: slug, Name: strings.ToUpper(slug[:1]) + slug[1:]}
		f.check(f.store.CreateTag(f.ctx, tag))
		f.tags[slug] = tag
	}
	f.story = &herald.Story{Slug: "election", Name: "The election", Description: "Coverage of the vote."}
	f.check(f.store.CreateStory(f.ctx, f.story))
	f.image = &herald.Media{Hash: strings.Repeat("ab", 32), Type: "image/jpeg", Size: 1000, Width: 1600, Height: 900,
		Alt: "Boats in the harbour", Variants: []int{320, 1024}}
	f.check(f.store.CreateMedia(f.ctx, f.image))

	f.article("lead", func(a *herald.Article) {
		a.Dek, a.Body = "The count is in.", "The polls closed at **eight**.\n\n<script>alert(1)</script>"
		a.SectionID, a.StoryID, a.FeaturedMediaID = world.ID, f.story.ID, f.image.ID
		a.AuthorIDs, a.TagIDs = []int64{f.users["ann"].ID}, []int64{f.tags["vote"].ID, f.tags["harbour"].ID}
		a.UpdatedAt = day.Add(2 * time.Hour)
		a.Corrections = []herald.Correction{{Time: day.Add(3 * time.Hour), Text: "The turnout was 61%, not 16%."}}
	})
	f.article("ferry", func(a *herald.Article) {
		a.SectionID, a.Excerpt = europe.ID, "The ferry runs again."
		a.AuthorIDs, a.TagIDs = []int64{f.users["ann"].ID}, []int64{f.tags["harbour"].ID}
	})
	f.article("vybory", func(a *herald.Article) {
		a.Headline, a.Language, a.TranslationOf = "Выборы", "ru", f.articles["lead"].ID
		a.AuthorIDs = []int64{f.users["ann"].ID}
	})
	private := func(status herald.ArticleStatus, at time.Time) func(a *herald.Article) {
		return func(a *herald.Article) {
			a.Status, a.PublishedAt = status, at
			a.AuthorIDs, a.TagIDs = []int64{f.users["dora"].ID}, []int64{f.tags["secret-merger"].ID}
			a.SectionID = world.ID
		}
	}
	f.article("draft", private(herald.StatusDraft, time.Time{}))
	f.article("scheduled", private(herald.StatusScheduled, f.clock.Now().Add(time.Hour)))
	f.article("future", private(herald.StatusPublished, f.clock.Now().Add(time.Hour)))
	f.article("withdrawn", private(herald.StatusUnpublished, day))
	for _, c := range []*herald.Comment{
		{Name: "Reader", Email: "reader@example.org", Text: "Well reported.", Status: herald.CommentApproved, IP: "203.0.113.9"},
		{Name: "Pending", Email: "pending@example.org", Text: "Hm.", Status: herald.CommentPending},
	} {
		c.ArticleID = f.articles["lead"].ID
		f.check(f.store.CreateComment(f.ctx, c))
	}
}

// article creates a published article named name, an hour after the
// previous one, after edit changes it.
func (f *fixture) article(name string, edit func(a *herald.Article)) *herald.Article {
	a := &herald.Article{
		Slug: name, Headline: "Headline " + name, Body: "Body of " + name + ".", Language: "en",
		Status: herald.StatusPublished, PublishedAt: day.Add(time.Duration(len(f.articles)) * time.Hour),
	}
	edit(a)
	f.check(f.store.CreateArticle(f.ctx, a))
	f.articles[name] = a
	return a
}

// response is an answer read whole.
type response struct {
	status int
	header http.Header
	body   []byte
}

// do sends a request to the API with optional header pairs.
func (f *fixture) do(method, path string, header ...string) response {
	f.t.Helper()
	req, err := http.NewRequestWithContext(f.ctx, method, f.server.URL+path, nil)
	f.check(err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := f.server.Client().Do(req)
	f.check(err)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	f.check(err)
	return response{status: res.StatusCode, header: res.Header, body: body}
}

// getJSON GETs path, wants status, and decodes the body into v.
func (f *fixture) getJSON(path string, status int, v any) response {
	f.t.Helper()
	res := f.do(http.MethodGet, path)
	if res.status != status {
		f.t.Fatalf("GET %s: status %d, want %d; body %s", path, res.status, status, res.body)
	}
	if ct := res.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		f.t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	if v != nil {
		f.check(json.Unmarshal(res.body, v))
	}
	return res
}

// wantError checks a JSON error answer's status and code.
func (f *fixture) wantError(method, path string, status int, code string) response {
	f.t.Helper()
	res := f.do(method, path)
	var e struct {
		Error struct{ Code, Message string }
	}
	if err := json.Unmarshal(res.body, &e); err != nil || res.status != status || e.Error.Code != code || e.Error.Message == "" {
		f.t.Errorf("%s %s: %d %s, want %d with error code %q", method, path, res.status, res.body, status, code)
	}
	return res
}

// pathOf is the API path of a record, such as /api/v1/articles/3.
func pathOf(kind string, id int64) string {
	return fmt.Sprintf("%s%s/%d", Prefix, kind, id)
}
