package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// TestArticle_EditConflict: two people open version 1; the first save
// wins, the second is refused with the difference shown and the second
// person's text kept, until they save over it deliberately.
func TestArticle_EditConflict(t *testing.T) {
	f := newFixture(t)
	art := f.writeArticle(t, herald.RoleAuthor, "shared", herald.StatusDraft, time.Time{})
	art.AuthorIDs = append(art.AuthorIDs, f.users[herald.RoleContributor].ID)
	v := articleValues(art, "save")
	v.Set("version", "1")

	first := url.Values{}
	for k, vs := range v {
		first[k] = vs
	}
	first.Set("body", "The harbour opened on Monday.")
	resp, body := f.as(t, herald.RoleEditor).post(editPath(art), first)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d\n%s", resp.StatusCode, body)
	}

	v.Set("body", "The harbour opened on Tuesday, said the mayor.")
	second := f.as(t, herald.RoleAuthor)
	resp, body = second.post(editPath(art), v)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("second save: %d, want 409", resp.StatusCode)
	}
	for _, want := range []string{"The harbour opened on Tuesday, said the mayor.", "<del>Monday</del><ins>Tuesday, said the mayor</ins>.",
		"The editor saved version 2", `name="overwrite" value="2"`} {
		if !strings.Contains(body, want) {
			t.Errorf("conflict page lacks %q", want)
		}
	}
	if got := f.find(t, art.ID); got.Body != "The harbour opened on Monday." {
		t.Errorf("stored body %q", got.Body)
	}

	v.Set("overwrite", "2")
	resp, _ = second.post(editPath(art), v)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save over: %d", resp.StatusCode)
	}
	if got := f.find(t, art.ID); got.Body != v.Get("body") || got.Version != 3 {
		t.Errorf("after saving over: version %d, body %q", got.Version, got.Body)
	}
}

// TestArticle_SlugConflict shows a slug taken on the same day beside the
// slug field.
func TestArticle_SlugConflict(t *testing.T) {
	f := newFixture(t)
	day := time.Date(2024, 3, 10, 9, 0, 0, 0, time.UTC)
	f.writeArticle(t, herald.RoleEditor, "taken", herald.StatusPublished, day)
	art := f.writeArticle(t, herald.RoleAuthor, "other", herald.StatusDraft, time.Time{})
	v := articleValues(art, "publish")
	v.Set("slug", "taken")
	v.Set("published_at", "2024-03-10T15:00")
	resp, body := f.as(t, herald.RoleAuthor).post(editPath(art), v)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, `id="slug-error"`) || !strings.Contains(body, "already published") {
		t.Errorf("slug conflict: %d\n%s", resp.StatusCode, body)
	}
	if got := f.find(t, art.ID); got.Status != herald.StatusDraft {
		t.Errorf("status %s", got.Status)
	}
}

// TestArticle_Revisions lists the revisions, compares two word by word and
// restores an earlier text as a new revision.
func TestArticle_Revisions(t *testing.T) {
	f := newFixture(t)
	art := f.writeArticle(t, herald.RoleAuthor, "revised", herald.StatusDraft, time.Time{})
	c := f.as(t, herald.RoleAuthor)
	for i, text := range []string{"Second text here.", "Third text here."} {
		v := articleValues(art, "save")
		v.Set("version", id(int64(i+1)))
		v.Set("body", text)
		if resp, body := c.post(editPath(art), v); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("save %d: %d\n%s", i, resp.StatusCode, body)
		}
	}
	revs, err := f.store.FindRevisions(context.Background(), art.ID)
	must(t, err)
	if len(revs) != 3 {
		t.Fatalf("%d revisions", len(revs))
	}
	base := "/admin/articles/" + id(art.ID) + "/revisions"
	_, body := c.get(base)
	for _, r := range revs {
		if !strings.Contains(body, `value="`+id(r.ID)+`"`) {
			t.Errorf("revision %d not listed", r.ID)
		}
	}
	_, body = c.get(base + "/compare?from=" + id(revs[2].ID) + "&to=" + id(revs[0].ID))
	if !strings.Contains(body, "<del>The first words of revised.</del><ins>Third text here.</ins>") &&
		!strings.Contains(body, "<ins>Third") {
		t.Errorf("compare page lacks the difference:\n%s", body)
	}
	resp, _ := c.get(base + "/compare?from=999&to=" + id(revs[0].ID))
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown revision: %d", resp.StatusCode)
	}
	resp, _ = c.post(base+"/"+id(revs[2].ID)+"/restore", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d", resp.StatusCode)
	}
	if got := f.find(t, art.ID); got.Body != "The first words of revised." || got.Version != 4 {
		t.Errorf("restored: version %d body %q", got.Version, got.Body)
	}
	other := f.writeArticle(t, herald.RoleEditor, "elsewhere", herald.StatusDraft, time.Time{})
	resp, _ = f.as(t, herald.RoleEditor).post("/admin/articles/"+id(other.ID)+"/revisions/"+id(revs[2].ID)+"/restore", nil)
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("restoring another article's revision: %d", resp.StatusCode)
	}
}

// TestArticle_Preview renders the Markdown above the form and saves nothing.
func TestArticle_Preview(t *testing.T) {
	f := newFixture(t)
	art := f.writeArticle(t, herald.RoleAuthor, "preview", herald.StatusDraft, time.Time{})
	v := articleValues(art, "preview")
	v.Set("body", "Some **bold** words <script>alert(1)</script>")
	resp, body := f.as(t, herald.RoleAuthor).post("/admin/articles/"+id(art.ID)+"/preview", v)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "<strong>bold</strong>") || strings.Contains(body, "<script>alert") {
		t.Errorf("preview: %d\n%s", resp.StatusCode, body)
	}
	if got := f.find(t, art.ID); got.Version != 1 {
		t.Errorf("the preview saved: version %d", got.Version)
	}
	resp, body = f.as(t, herald.RoleContributor).post("/admin/articles/new/preview", url.Values{"body": {"# Title"}, "action": {"preview"}})
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "<h2") {
		t.Errorf("preview of a new article: %d", resp.StatusCode)
	}
}

// TestArticle_Delete lets a contributor delete a draft of theirs but not a
// published article, and records deletions.
func TestArticle_Delete(t *testing.T) {
	f := newFixture(t)
	draft := f.writeArticle(t, herald.RoleContributor, "draft", herald.StatusDraft, time.Time{})
	live := f.writeArticle(t, herald.RoleContributor, "live", herald.StatusPublished, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	c := f.as(t, herald.RoleContributor)
	if resp, _ := c.get("/admin/articles/" + id(draft.ID) + "/delete"); resp.StatusCode != http.StatusOK {
		t.Errorf("confirm: %d", resp.StatusCode)
	}
	if resp, _ := c.post("/admin/articles/"+id(draft.ID)+"/delete", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("delete draft: %d", resp.StatusCode)
	}
	if resp, _ := c.post("/admin/articles/"+id(live.ID)+"/delete", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("delete published: %d", resp.StatusCode)
	}
	_, err := f.store.FindArticle(context.Background(), draft.ID)
	if herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Errorf("draft still there: %v", err)
	}
	events, _, err := f.store.FindAuditEvents(context.Background(), herald.AuditFilter{Action: "article.delete"})
	must(t, err)
	if len(events) != 1 {
		t.Errorf("%d delete events", len(events))
	}
}

// TestArticle_ListPaging pages the list and keeps its filters in the links.
func TestArticle_ListPaging(t *testing.T) {
	f := newFixture(t)
	for i := range articlesPerPage + 2 {
		f.writeArticle(t, herald.RoleAuthor, "story-"+id(int64(i)), herald.StatusDraft, time.Time{})
	}
	c := f.as(t, herald.RoleEditor)
	_, body := c.get("/admin/articles?status=draft")
	if !strings.Contains(body, `href="/admin/articles?page=2&amp;status=draft"`) || !strings.Contains(body, "32 articles") {
		t.Errorf("first page lacks the next link or count")
	}
	_, body = c.get("/admin/articles?status=draft&page=2")
	if strings.Count(body, "/edit\">") != 2 {
		t.Errorf("second page shows %d rows", strings.Count(body, "/edit\">"))
	}
	resp, _ := c.get("/admin/articles?page=x&section=-1&status=nonsense")
	if resp.StatusCode != http.StatusOK {
		t.Errorf("bad filters: %d", resp.StatusCode)
	}
}

// TestArticle_FeaturedNeedsAlt refuses to publish an article whose
// featured image has no alt text, and lets a draft keep it.
func TestArticle_FeaturedNeedsAlt(t *testing.T) {
	f := newFixture(t)
	m := &herald.Media{Hash: strings.Repeat("ab", 32), Type: "image/png", Size: 10, Width: 10, Height: 10}
	must(t, f.store.CreateMedia(context.Background(), m))
	art := f.writeArticle(t, herald.RoleAuthor, "pictured", herald.StatusDraft, time.Time{})
	c := f.as(t, herald.RoleAuthor)
	v := articleValues(art, "save")
	v.Set("featured", id(m.ID))
	if resp, body := c.post(editPath(art), v); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("draft with the image: %d\n%s", resp.StatusCode, body)
	}
	v.Set("version", "2")
	v.Set("action", "publish")
	resp, body := c.post(editPath(art), v)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "no alt text") {
		t.Errorf("publishing without alt text: %d", resp.StatusCode)
	}
	m.Alt = "A harbour crane at dusk"
	must(t, f.store.UpdateMedia(context.Background(), m))
	if resp, _ := c.post(editPath(art), v); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("publishing with alt text: %d", resp.StatusCode)
	}
}

// TestArticle_TimeZone reads and shows publication times in the site's
// time zone.
func TestArticle_TimeZone(t *testing.T) {
	f := newFixture(t)
	s, err := f.store.FindSettings(context.Background())
	must(t, err)
	s.TimeZone = "Europe/Moscow"
	must(t, f.store.UpdateSettings(context.Background(), s))
	c := f.as(t, herald.RoleEditor)
	resp, _ := c.post("/admin/articles/new", url.Values{"headline": {"Night"}, "language": {"en"}, "action": {"publish"},
		"published_at": {"2024-03-20T01:30"}, "authors": {id(f.users[herald.RoleEditor].ID)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	res, err := f.store.FindArticles(context.Background(), herald.ArticleFilter{})
	must(t, err)
	art := res.Articles[0]
	if want := time.Date(2024, 3, 19, 22, 30, 0, 0, time.UTC); !art.PublishedAt.Equal(want) {
		t.Errorf("published at %v, want %v", art.PublishedAt, want)
	}
	_, body := c.get(editPath(art))
	if !strings.Contains(body, `value="2024-03-20T01:30"`) || !strings.Contains(body, `href="/2024/03/20/night/"`) {
		t.Errorf("the editor does not show Moscow time")
	}
}

// TestArticle_SessionEnded keeps what was typed when the session ended
// before the save: the sign-in page holds the form to send again.
func TestArticle_SessionEnded(t *testing.T) {
	f := newFixture(t)
	art := f.writeArticle(t, herald.RoleAuthor, "late", herald.StatusDraft, time.Time{})
	c := f.as(t, herald.RoleAuthor)
	must(t, f.store.DeleteUserSessions(context.Background(), f.users[herald.RoleAuthor].ID, ""))
	v := articleValues(art, "save")
	v.Set("body", "Words written while the session ended.")
	resp, body := c.post(editPath(art), v)
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Words written while the session ended.") ||
		!strings.Contains(body, `action="/admin/sign-in"`) {
		t.Errorf("ended session: %d\n%s", resp.StatusCode, body)
	}
}

// TestArticle_Translations links a translation to its original and lists
// the group in each one's editor.
func TestArticle_Translations(t *testing.T) {
	f := newFixture(t)
	orig := f.writeArticle(t, herald.RoleEditor, "original", herald.StatusDraft, time.Time{})
	c := f.as(t, herald.RoleEditor)
	_, body := c.get("/admin/articles/new?translation_of=" + id(orig.ID))
	if !strings.Contains(body, `name="translation_of" min="0" value="`+id(orig.ID)+`"`) || !strings.Contains(body, "Original: About original") {
		t.Fatalf("a new translation does not name its original")
	}
	resp, _ := c.post("/admin/articles/new", url.Values{"headline": {"Перевод"}, "language": {"ru"}, "action": {"save"},
		"translation_of": {id(orig.ID)}, "authors": {id(f.users[herald.RoleEditor].ID)}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save translation: %d", resp.StatusCode)
	}
	_, body = c.get(editPath(orig))
	if !strings.Contains(body, `hreflang="ru" lang="ru">Перевод</a>`) {
		t.Errorf("the original's editor does not list its translation")
	}
	_, body = c.get(resp.Header.Get("Location"))
	if !strings.Contains(body, `hreflang="en" lang="en">About original</a>`) {
		t.Errorf("the translation's editor does not list its original")
	}
	v := articleValues(orig, "save")
	v.Set("translation_of", id(orig.ID))
	if resp, body := c.post(editPath(orig), v); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `id="translation_of-error"`) {
		t.Errorf("an article translating itself: %d", resp.StatusCode)
	}
}

// TestArticle_KeepsSeconds: saving a form, which shows the publication time
// to the minute, keeps the stored time's seconds.
func TestArticle_KeepsSeconds(t *testing.T) {
	f := newFixture(t)
	f.clock.Set(time.Date(2024, 3, 20, 12, 0, 30, 0, time.UTC))
	art := f.writeArticle(t, herald.RoleAuthor, "seconds", herald.StatusDraft, time.Time{})
	c := f.as(t, herald.RoleAuthor)
	if resp, _ := c.post(editPath(art), articleValues(art, "publish")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %d", resp.StatusCode)
	}
	art = f.find(t, art.ID)
	if resp, _ := c.post(editPath(art), articleValues(art, "save")); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	if got := f.find(t, art.ID).PublishedAt; !got.Equal(f.clock.Now()) {
		t.Errorf("published at %v, want %v", got, f.clock.Now())
	}
}
