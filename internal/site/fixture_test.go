package site

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/clocktest"
	"github.com/herald-news/herald/internal/markup"
	"github.com/herald-news/herald/internal/media"
	"github.com/herald-news/herald/internal/sqlstore"
)

// fixture is a small site in a real SQLite store.
type fixture struct {
	store    *sqlstore.Store
	lib      *media.Library
	site     *Site
	clock    *clocktest.Clock
	articles map[string]*herald.Article
	sections map[string]*herald.Section
	users    map[string]*herald.User
	tags     map[string]*herald.Tag
	story    *herald.Story
	logs     *bytes.Buffer
}

// fixtureStart is the publication time of the first fixture article.
var fixtureStart = time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)

// newFixture builds the fixture site: three navigation sections and a
// subsection, three people, tags, a running story, fourteen public
// articles (one in Russian), and a draft, a scheduled, a future and an
// unpublished article.
func newFixture(t testing.TB) *fixture {
	t.Helper()
	ctx := context.Background()
	f := &fixture{
		clock:    clocktest.New(time.Date(2024, 3, 20, 12, 0, 0, 0, time.UTC)),
		articles: map[string]*herald.Article{}, sections: map[string]*herald.Section{},
		users: map[string]*herald.User{}, tags: map[string]*herald.Tag{}, logs: &bytes.Buffer{},
	}
	dir := t.TempDir()
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: filepath.Join(dir, "herald.db"), Now: f.clock.Now})
	must(t, err)
	t.Cleanup(func() { st.Close() })
	_, err = st.Migrate(ctx)
	must(t, err)
	f.store = st
	f.lib, err = media.NewLibrary(filepath.Join(dir, "media"))
	must(t, err)
	f.fill(t, ctx)
	f.site, err = New(Options{Store: st, Now: f.clock.Now, Logger: slog.New(slog.NewTextHandler(f.logs, nil))})
	must(t, err)
	t.Cleanup(f.site.Close)
	return f
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// fill creates the fixture's content.
func (f *fixture) fill(t testing.TB, ctx context.Context) {
	t.Helper()
	settings := herald.DefaultSettings()
	settings.Title, settings.Tagline = "The Harbour Gazette", "News from the harbour town"
	settings.TimeZone, settings.PerPage = "Europe/Moscow", 5
	must(t, f.store.UpdateSettings(ctx, settings))
	f.addSections(t, ctx)
	f.addPeople(t, ctx)
	for _, slug := range []string{"elections", "economy", "harbour"} {
		tag := &herald.Tag{Slug: slug, Name: strings.ToUpper(slug[:1]) + slug[1:]}
		must(t, f.store.CreateTag(ctx, tag))
		f.tags[slug] = tag
	}
	f.story = &herald.Story{Slug: "harbour-fire", Name: "Harbour fire", Description: "The fire at the old harbour and what followed."}
	must(t, f.store.CreateStory(ctx, f.story))
	img := f.addImage(t, ctx)
	f.addArticles(t, ctx, img)
	must(t, f.store.CreateRedirect(ctx, &herald.Redirect{From: "/old/fire-story", To: "/2024/03/01/fire-breaks-out-at-harbour/"}))
}

func (f *fixture) addSections(t testing.TB, ctx context.Context) {
	t.Helper()
	for i, s := range []*herald.Section{
		{Slug: "world", Name: "World", Description: "News from abroad.", InNav: true},
		{Slug: "business", Name: "Business", InNav: true},
		{Slug: "culture", Name: "Culture", InNav: true},
		{Slug: "europe", Name: "Europe"},
	} {
		s.Position = i
		if s.Slug == "europe" {
			s.ParentID = f.sections["world"].ID
		}
		must(t, f.store.CreateSection(ctx, s))
		f.sections[s.Slug] = s
	}
}

func (f *fixture) addPeople(t testing.TB, ctx context.Context) {
	t.Helper()
	for _, u := range []*herald.User{
		{Name: "Ann Writer", Slug: "ann-writer", Bio: "Ann covers the harbour.", Email: "ann@example.com", Role: herald.RoleAuthor},
		{Name: "Борис Петров", Slug: "boris-petrov", Email: "boris@example.com", Role: herald.RoleAuthor},
		{Name: "Carl Editor", Slug: "carl-editor", Email: "carl@example.com", Role: herald.RoleEditor},
	} {
		must(t, f.store.CreateUser(ctx, u))
		f.users[u.Slug] = u
	}
}

// addImage stores a generated picture in the library and the store.
func (f *fixture) addImage(t testing.TB, ctx context.Context) *herald.Media {
	t.Helper()
	pic := image.NewRGBA(image.Rect(0, 0, 1200, 675))
	for i := 0; i < len(pic.Pix); i += 4 {
		x, y := (i/4)%1200, (i/4)/1200
		copy(pic.Pix[i:], []byte{uint8(x / 5), uint8(60 + y/5), 140, 255})
	}
	var buf bytes.Buffer
	must(t, png.Encode(&buf, pic))
	m, err := f.lib.Add(&buf, 0)
	must(t, err)
	m.Alt, m.Caption, m.Credit = "Smoke over the harbour cranes", "Smoke rose over the harbour on Friday.", "Photo: Ann Writer"
	must(t, f.store.CreateMedia(ctx, m))
	return m
}

// addArticles creates the articles, one a day from fixtureStart.
func (f *fixture) addArticles(t testing.TB, ctx context.Context, img *herald.Media) {
	t.Helper()
	ann, boris := f.users["ann-writer"].ID, f.users["boris-petrov"].ID
	secs := []string{"world", "business", "culture", "europe"}
	headlines := []string{
		"Fire breaks out at harbour", "Council debates port budget", "Museum reopens after repairs",
		"Ministers meet in Brussels", "Harbour fire: cause found", "Shipping rates climb",
		"Festival draws record crowds", "Talks resume on fishing rights", "Harbour fire: rebuilding begins",
		"Bank raises interest rate", "Orchestra names new conductor", "Election date set",
		"Trade fair opens", "New ferry route announced",
	}
	for i, h := range headlines {
		a := &herald.Article{
			Slug: markup.Slugify(h), Headline: h, Language: "en", Status: herald.StatusPublished,
			PublishedAt: fixtureStart.AddDate(0, 0, i), Body: body(h), AuthorIDs: []int64{ann},
			SectionID: f.sections[secs[i%4]].ID,
		}
		if strings.HasPrefix(h, "Harbour fire") || i == 0 {
			a.StoryID = f.story.ID
		}
		if i%3 == 0 {
			a.TagIDs = []int64{f.tags["harbour"].ID, f.tags["economy"].ID}
		}
		f.add(t, ctx, a)
	}
	first := f.articles["fire-breaks-out-at-harbour"]
	first.Dek = "Crews fought the blaze through the night."
	first.FeaturedMediaID = img.ID
	first.AuthorIDs = []int64{ann, boris}
	first.UpdatedAt = fixtureStart.Add(26 * time.Hour)
	first.Corrections = []herald.Correction{{Time: fixtureStart.Add(30 * time.Hour), Text: "An earlier version misstated the number of crews."}}
	must(t, f.store.UpdateArticle(ctx, first))
	f.addSpecial(t, ctx, boris)
}

// addSpecial adds the Russian article and those readers may not see.
func (f *fixture) addSpecial(t testing.TB, ctx context.Context, boris int64) {
	t.Helper()
	ru := &herald.Article{
		Slug: "pozhar-v-portu", Headline: "Пожар в порту потушен", Language: "ru", Status: herald.StatusPublished,
		PublishedAt: time.Date(2024, 3, 18, 23, 30, 0, 0, time.UTC), Body: "Пожарные потушили огонь.\n\nРасследование продолжается.\n\nПорт открыт.",
		AuthorIDs: []int64{boris}, SectionID: f.sections["europe"].ID, StoryID: f.story.ID,
	}
	f.add(t, ctx, ru)
	for _, a := range []*herald.Article{
		{Slug: "draft-piece", Status: herald.StatusDraft},
		{Slug: "scheduled-piece", Status: herald.StatusScheduled, PublishedAt: f.clock.Now().Add(48 * time.Hour)},
		{Slug: "future-piece", Status: herald.StatusPublished, PublishedAt: f.clock.Now().Add(2 * time.Hour)},
		{Slug: "withdrawn-piece", Status: herald.StatusUnpublished, PublishedAt: fixtureStart.Add(12 * time.Hour)},
	} {
		a.Headline, a.Language, a.Body = "Piece "+a.Slug, "en", "Text."
		a.AuthorIDs, a.SectionID = []int64{boris}, f.sections["world"].ID
		if a.PublishedAt.IsZero() {
			a.PublishedAt = fixtureStart.Add(13 * time.Hour)
		}
		f.add(t, ctx, a)
	}
}

func (f *fixture) add(t testing.TB, ctx context.Context, a *herald.Article) {
	t.Helper()
	must(t, f.store.CreateArticle(ctx, a))
	f.articles[a.Slug] = a
}

// body returns a Markdown body of a few paragraphs about h.
func body(h string) string {
	return fmt.Sprintf("%s, officials said on Tuesday.\n\n"+
		"The events unfolded over several hours, and residents were asked to stay indoors while crews worked. "+
		"*Witnesses* described long queues at the waterfront.\n\n"+
		"## What comes next\n\nA full report is expected next month. See [the council's statement](https://example.com/statement).\n\n"+
		"> We will rebuild, the mayor said.\n", h)
}

// path returns the permalink of the fixture article slug.
func (f *fixture) path(slug string) string {
	loc, _ := time.LoadLocation("Europe/Moscow")
	return f.articles[slug].Path(loc)
}

// discardBody drains and closes a response body.
func discardBody(r io.ReadCloser) {
	_, _ = io.Copy(io.Discard, r)
	_ = r.Close()
}
