package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/sqlstore"
)

// xssContent is what fillXSS stored: the public pages showing the vectors
// and the newsroom's editor of each article.
type xssContent struct {
	public  []string
	editors []string
	refused int // fields the store refused as not valid
}

// TestXSS_Corpus stores each vector of the XSS corpus of internal/markup
// as an article's headline, dek, body, excerpt and correction, an author's
// name and bio, a section's, tag's and story's name and description, a
// comment's name, website and text, and the site's title, tagline and copy
// protection notice; then opens every public page showing them, and the
// newsroom's screens, in Chromium: no payload may run, seen as a
// JavaScript dialog or as the global the payloads set.
func TestXSS_Corpus(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	vectors := (&site{root: root}).xssCorpus(t)
	dir := t.TempDir()
	content := fillXSS(t, filepath.Join(dir, "herald.db"), vectors)
	if content.refused > len(vectors) {
		t.Fatalf("the store refused %d fields of %d vectors; the test needs most of them on the pages", content.refused, len(vectors))
	}
	s, _ := freshHerald(t, "-data-dir", dir, "-rate-allow", "127.0.0.0/8")
	s.dataDir = dir

	reader := newsroomBrowser(t)
	trap := trapDialogs(t, reader)
	proveTrap(t, reader, trap, s)
	for _, path := range content.public {
		open(t, reader, s.URL+path)
		trap.checkNoScript(t, reader, path)
	}
	// The copy protection notice, a vector too, shows on copying.
	open(t, reader, s.URL+content.public[len(content.public)-1])
	selectLead(t, reader)
	shortcut(t, reader, "c", "copy")
	if got := noticeShown(t, reader); !strings.Contains(got, "onerror=") {
		t.Errorf("copying a protected article shows the notice %q, not its text as typed", got)
	}
	trap.checkNoScript(t, reader, "the copy protection notice")

	desk := newsroomBrowser(t)
	deskTrap := trapDialogs(t, desk)
	signIn(t, desk, s, s.addUser(t, "admin"))
	deskTrap.checkNoScript(t, desk, "the newsroom's front")
	screens := []string{"/admin/articles", "/admin/sections", "/admin/tags", "/admin/stories", "/admin/users",
		"/admin/comments?status=approved", "/admin/settings", "/admin/audit"}
	for _, path := range append(screens, content.editors...) {
		open(t, desk, s.URL+path)
		deskTrap.checkNoScript(t, desk, path)
	}
}

// proveTrap checks that the trap sees a payload that runs, so that the
// test could fail.
func proveTrap(t *testing.T, ctx context.Context, trap *dialogTrap, s *site) {
	t.Helper()
	open(t, ctx, s.URL+"/")
	eval[bool](t, ctx, armed("(alert(1), true)"))
	trap.mu.Lock()
	seen := len(trap.seen)
	trap.seen = nil
	trap.mu.Unlock()
	if seen != 1 || eval[string](t, ctx, "typeof window."+xssGlobal) != "number" {
		t.Fatalf("the trap missed a payload that ran (%d dialogs)", seen)
	}
}

// fillXSS makes the database at path with the corpus in every field that
// pages show, before the server starts.
func fillXSS(t *testing.T, path string, vectors []string) xssContent {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: path})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	var c xssContent
	keep := func(what string, i int, err error) bool {
		if herald.ErrorCode(err) == herald.EINVALID {
			c.refused++
			t.Logf("vector %d as %s refused: %s", i, what, herald.ErrorMessage(err))
			return false
		}
		if err != nil {
			t.Fatalf("vector %d as %s: %v", i, what, err)
		}
		return true
	}
	settings := herald.DefaultSettings()
	settings.Title, settings.Tagline = cut(armed(vectors[0]), 100), cut(armed(vectors[1]), 200)
	// The notice is set as text; a vector that would run as HTML proves it.
	onerror := vectors[slices.IndexFunc(vectors, func(v string) bool { return strings.Contains(v, "onerror=alert(1)") })]
	settings.Protection.CopyProtection, settings.Protection.CopyNotice = herald.CopyNotice, cut(armed(onerror), 200)
	keep("settings", 0, st.UpdateSettings(ctx, settings))
	start := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	c.public = []string{"/", "/2024/", "/2024/03/"}
	for i, v := range vectors {
		p := armed(v)
		a := &herald.Article{
			Slug: fmt.Sprintf("xss-article-%d", i), Headline: cut(p, herald.MaxHeadlineLen), Dek: cut(p, herald.MaxDekLen),
			Body: p + "\n\nSaid: " + p, Excerpt: cut(p, herald.MaxExcerptLen), Language: "en", Status: herald.StatusPublished,
			PublishedAt: start.Add(time.Duration(i) * time.Hour), CommentsOpen: true,
			Corrections: []herald.Correction{{Time: start, Text: p}},
		}
		sec := &herald.Section{Name: cut(p, 100), Slug: fmt.Sprintf("xss-section-%d", i), Description: p, InNav: i < 4}
		if keep("section", i, st.CreateSection(ctx, sec)) {
			a.SectionID = sec.ID
		}
		story := &herald.Story{Name: cut(p, 200), Slug: fmt.Sprintf("xss-story-%d", i), Description: p}
		if keep("story", i, st.CreateStory(ctx, story)) {
			a.StoryID = story.ID
		}
		tag := &herald.Tag{Name: cut(p, 100), Slug: fmt.Sprintf("xss-tag-%d", i)}
		if keep("tag", i, st.CreateTag(ctx, tag)) {
			a.TagIDs = []int64{tag.ID}
		}
		author := &herald.User{Name: cut(p, 100), Slug: fmt.Sprintf("xss-author-%d", i), Bio: p,
			Email: fmt.Sprintf("xss-%d@authors.example", i), Role: herald.RoleAuthor}
		if keep("author", i, st.CreateUser(ctx, author)) {
			a.AuthorIDs = []int64{author.ID}
		}
		if author.ID == 0 || a.SectionID == 0 || a.StoryID == 0 || a.TagIDs == nil || !keep("article", i, st.CreateArticle(ctx, a)) {
			continue
		}
		if day := fmt.Sprintf("/2024/03/%02d/", a.PublishedAt.Day()); !slices.Contains(c.public, day) {
			c.public = append(c.public, day)
		}
		c.public = append(c.public, fmt.Sprintf("/author/xss-author-%d/", i))
		for _, kind := range []string{"section", "story", "tag"} {
			c.public = append(c.public, fmt.Sprintf("/%s/xss-%s-%d/", kind, kind, i))
		}
		c.editors = append(c.editors, fmt.Sprintf("/admin/articles/%d/edit", a.ID))
		cm := &herald.Comment{ArticleID: a.ID, Name: cut(p, 100), Email: fmt.Sprintf("xss-%d@readers.example", i),
			Website: "https://example.com/x?" + p, Text: p, Status: herald.CommentApproved}
		if err := st.CreateComment(ctx, cm); herald.ErrorCode(err) == herald.EINVALID {
			cm.Website = ""
			err = st.CreateComment(ctx, cm)
		}
		if keep("comment", i, err) {
			// The article with its comment, and the form replying to it.
			c.public = append(c.public, fmt.Sprintf("%s?replyto=%d", a.Path(time.UTC), cm.ID))
		}
	}
	return c
}
