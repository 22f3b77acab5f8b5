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

// writeArticle stores an article written by the user of role.
func (f *fixture) writeArticle(t *testing.T, role herald.Role, slug string, status herald.ArticleStatus, published time.Time) *herald.Article {
	t.Helper()
	art := &herald.Article{Headline: "About " + slug, Slug: slug, Language: "en", Status: status,
		Body: "The first words of " + slug + ".", PublishedAt: published,
		AuthorIDs: []int64{f.users[role].ID}, EditorID: f.users[role].ID}
	must(t, f.store.CreateArticle(context.Background(), art))
	return art
}

// find reads the stored article.
func (f *fixture) find(t *testing.T, id int64) *herald.Article {
	t.Helper()
	art, err := f.store.FindArticle(context.Background(), id)
	must(t, err)
	return art
}

// articleForm is the form of art as the editor sends it, with action.
func articleValues(art *herald.Article, action string) url.Values {
	v := url.Values{
		"version": {id(int64(art.Version))}, "headline": {art.Headline}, "slug": {art.Slug}, "body": {art.Body},
		"language": {art.Language}, "action": {action},
	}
	if !art.PublishedAt.IsZero() {
		v.Set("published_at", art.PublishedAt.UTC().Format(localInput))
	}
	for _, a := range art.AuthorIDs {
		v.Add("authors", id(a))
	}
	return v
}

func editPath(art *herald.Article) string {
	return "/admin/articles/" + id(art.ID) + "/edit"
}

// TestArticle_Create covers new articles: defaults, slug suggestion, tags
// made on the fly, the workflow step by role, and errors beside fields.
func TestArticle_Create(t *testing.T) {
	tests := []struct {
		name       string
		role       herald.Role
		form       url.Values
		status     int
		wantStatus herald.ArticleStatus
		wantInBody []string
	}{
		{"draft with suggested slug", herald.RoleContributor,
			url.Values{"headline": {"Щука ест ёжика"}, "body": {"Text."}, "language": {"ru"}, "action": {"save"}, "tags": {"Fish, Hedgehogs, fish"}},
			303, herald.StatusDraft, nil},
		{"submit for review", herald.RoleContributor,
			url.Values{"headline": {"Harbour opens"}, "language": {"en"}, "action": {"submit"}},
			303, herald.StatusInReview, nil},
		{"contributor may not publish", herald.RoleContributor,
			url.Values{"headline": {"Harbour opens"}, "language": {"en"}, "action": {"publish"}},
			403, "", []string{"may not publish"}},
		{"author publishes", herald.RoleAuthor,
			url.Values{"headline": {"Harbour opens"}, "language": {"en"}, "action": {"publish"}},
			303, herald.StatusPublished, nil},
		{"a later time schedules", herald.RoleEditor,
			url.Values{"headline": {"Harbour opens"}, "language": {"en"}, "action": {"publish"}, "published_at": {"2024-03-21T09:00"}},
			303, herald.StatusScheduled, nil},
		{"errors come back with the text", herald.RoleAuthor,
			url.Values{"headline": {"  "}, "body": {"Kept <text> & all"}, "language": {"english!"}, "published_at": {"soon"},
				"section": {"x"}, "action": {"schedule"}},
			422, "", []string{"Kept &lt;text&gt; &amp; all", `id="headline-error"`, `id="language-error"`,
				`id="published_at-error"`, `id="section-error"`, `aria-invalid="true"`}},
		{"a year a permalink cannot hold", herald.RoleAuthor,
			url.Values{"headline": {"Ancient"}, "language": {"en"}, "action": {"publish"}, "published_at": {"0999-03-19T09:00"}},
			422, "", []string{`id="published_at-error"`}},
		{"schedule needs a later time", herald.RoleAuthor,
			url.Values{"headline": {"Later"}, "language": {"en"}, "action": {"schedule"}, "published_at": {"2024-03-19T09:00"}},
			422, "", []string{"must be a time in the future"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			c := f.as(t, tt.role)
			tt.form.Add("authors", id(f.users[tt.role].ID))
			resp, body := c.post("/admin/articles/new", tt.form)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			for _, s := range tt.wantInBody {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q", s)
				}
			}
			if tt.wantStatus == "" {
				return
			}
			res, err := f.store.FindArticles(context.Background(), herald.ArticleFilter{})
			must(t, err)
			if res.Total != 1 {
				t.Fatalf("%d articles stored", res.Total)
			}
			art := res.Articles[0]
			if art.Status != tt.wantStatus || resp.Header.Get("Location") != editPath(art) {
				t.Errorf("status %s at %s, want %s", art.Status, resp.Header.Get("Location"), tt.wantStatus)
			}
			if art.Headline == "Щука ест ёжика" && (art.Slug != "shchuka-est-ezhika" || len(art.Tags) != 2) {
				t.Errorf("slug %q, tags %v", art.Slug, art.Tags)
			}
		})
	}
}

// TestArticle_Ownership keeps authors and contributors to their own articles.
func TestArticle_Ownership(t *testing.T) {
	f := newFixture(t)
	mine := f.writeArticle(t, herald.RoleEditor, "editors", herald.StatusDraft, time.Time{})
	for _, tt := range []struct {
		role   herald.Role
		status int
	}{{herald.RoleContributor, 403}, {herald.RoleAuthor, 403}, {herald.RoleEditor, 200}, {herald.RoleAdmin, 200}} {
		resp, _ := f.as(t, tt.role).get(editPath(mine))
		if resp.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d", tt.role, resp.StatusCode, tt.status)
		}
		resp, _ = f.as(t, tt.role).post(editPath(mine), articleValues(mine, "save"))
		if resp.StatusCode != tt.status && !(tt.status == 200 && resp.StatusCode == 303) {
			t.Errorf("%s saving: %d", tt.role, resp.StatusCode)
		}
		mine = f.find(t, mine.ID)
	}
	_, body := f.as(t, herald.RoleContributor).get("/admin/articles")
	if strings.Contains(body, "About editors") {
		t.Error("a contributor's list shows an editor's article")
	}
	_, body = f.as(t, herald.RoleEditor).get("/admin/articles?status=draft&q=editors")
	if !strings.Contains(body, "About editors") {
		t.Error("an editor's list lacks the article")
	}
}

// TestArticle_PublishedEdits covers the minor edit and the update of a
// published article, the correction note, and the redirect from the old
// permalink when the slug or date changes.
func TestArticle_PublishedEdits(t *testing.T) {
	day := time.Date(2024, 3, 10, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		change   func(v url.Values)
		status   int
		updated  bool
		redirect string // the new path the old one leads to
	}{
		{"text change needs a choice", func(v url.Values) { v.Set("body", "New text.") }, 422, false, ""},
		{"minor edit", func(v url.Values) { v.Set("body", "New text."); v.Set("edit", "minor") }, 303, false, ""},
		{"update with correction", func(v url.Values) {
			v.Set("body", "New text.")
			v.Set("edit", "update")
			v.Set("correction", "An earlier version misnamed the harbour.")
		}, 303, true, ""},
		{"correction needs an update", func(v url.Values) { v.Set("correction", "Oops."); v.Set("edit", "minor") }, 422, false, ""},
		{"new slug", func(v url.Values) { v.Set("slug", "renamed") }, 303, false, "/2024/03/10/renamed/"},
		{"new date", func(v url.Values) { v.Set("published_at", "2024-03-11T09:00") }, 303, false, "/2024/03/11/live/"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFixture(t)
			art := f.writeArticle(t, herald.RoleAuthor, "live", herald.StatusPublished, day)
			v := articleValues(art, "save")
			tt.change(v)
			resp, body := f.as(t, herald.RoleAuthor).post(editPath(art), v)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%s", resp.StatusCode, tt.status, body)
			}
			got := f.find(t, art.ID)
			if got.UpdatedAt.IsZero() == tt.updated {
				t.Errorf("UpdatedAt %v, want set: %v", got.UpdatedAt, tt.updated)
			}
			if tt.updated && (len(got.Corrections) != 1 || !got.Corrections[0].Time.Equal(f.clock.Now())) {
				t.Errorf("corrections %v", got.Corrections)
			}
			rd, err := f.store.FindRedirect(context.Background(), "/2024/03/10/live/")
			if tt.redirect == "" && err == nil {
				t.Errorf("unexpected redirect to %s", rd.To)
			}
			if tt.redirect != "" {
				if err != nil || rd.To != tt.redirect {
					t.Fatalf("redirect %v, %v; want to %s", rd, err, tt.redirect)
				}
				// Moving back drops the redirect away from the old path.
				back := articleValues(got, "save")
				back.Set("slug", "live")
				back.Set("published_at", "2024-03-10T09:00")
				if resp, body := f.as(t, herald.RoleAuthor).post(editPath(art), back); resp.StatusCode != http.StatusSeeOther {
					t.Fatalf("moving back: %d\n%s", resp.StatusCode, body)
				}
				if _, err := f.store.FindRedirect(context.Background(), "/2024/03/10/live/"); herald.ErrorCode(err) != herald.ENOTFOUND {
					t.Errorf("a redirect from the article's own path is left: %v", err)
				}
				rd, err = f.store.FindRedirect(context.Background(), tt.redirect)
				if err != nil || rd.To != "/2024/03/10/live/" {
					t.Errorf("redirect back %v, %v", rd, err)
				}
			}
		})
	}
}

// TestArticle_Unpublish lets an author take their article down and records
// it in the audit log; a contributor may not change a published article.
func TestArticle_Unpublish(t *testing.T) {
	f := newFixture(t)
	art := f.writeArticle(t, herald.RoleContributor, "live", herald.StatusPublished, time.Date(2024, 3, 10, 9, 0, 0, 0, time.UTC))
	resp, _ := f.as(t, herald.RoleContributor).post(editPath(art), articleValues(art, "save"))
	if resp.StatusCode != http.StatusForbidden {
		t.Errorf("contributor saving a published article: %d", resp.StatusCode)
	}
	_, body := f.as(t, herald.RoleContributor).get(editPath(art))
	if strings.Contains(body, `name="action"`+" value=\"save\"") || strings.Contains(body, "/delete\"") ||
		!strings.Contains(body, "may not change this article") {
		t.Errorf("a contributor's editor of a published article offers to save or delete it")
	}
	resp, body = f.as(t, herald.RoleEditor).post(editPath(art), articleValues(art, "unpublish"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("unpublish: %d\n%s", resp.StatusCode, body)
	}
	if got := f.find(t, art.ID); got.Status != herald.StatusUnpublished {
		t.Errorf("status %s", got.Status)
	}
	events, _, err := f.store.FindAuditEvents(context.Background(), herald.AuditFilter{Action: "article.unpublish"})
	must(t, err)
	if len(events) != 1 || events[0].UserID != f.users[herald.RoleEditor].ID || events[0].Subject != "article "+id(art.ID) {
		t.Errorf("audit events %+v", events)
	}
}
