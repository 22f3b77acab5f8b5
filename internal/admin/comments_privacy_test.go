package admin

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// wantNoAddress checks that no audit event names the address.
func (f *fixture) wantNoAddress(t *testing.T, email string) {
	t.Helper()
	evs, _, err := f.store.FindAuditEvents(context.Background(), herald.AuditFilter{Limit: 1000})
	must(t, err)
	for _, e := range evs {
		if strings.Contains(strings.ToLower(e.Subject+" "+e.Detail), strings.ToLower(email)) {
			t.Errorf("audit event %+v names the reader's address", e)
		}
	}
}

func TestCommentPrivacy_ExportAndErase(t *testing.T) {
	f := newFixture(t)
	ad := f.as(t, herald.RoleAdmin)
	ctx := context.Background()
	art := f.addArticle(t, "privacy", 0, func(a *herald.Article) {
		a.Status, a.PublishedAt = herald.StatusPublished, f.clock.Now().Add(-time.Hour)
	})
	mine := &herald.Comment{ArticleID: art.ID, Name: "Paula", Email: "Paula@Readers.example", Text: "First.",
		Status: herald.CommentApproved, Notify: true, IP: "203.0.113.9", UserAgent: "Firefox/140"}
	must(t, f.store.CreateComment(ctx, mine))
	other := f.addComment(t, art, "Olga", herald.CommentApproved)
	held := &herald.Comment{ArticleID: art.ID, ParentID: other.ID, Name: "P.", Email: "paula@readers.example",
		Text: "Second.", Status: herald.CommentSpam, Reasons: []string{"hidden anti-spam field filled in"}}
	must(t, f.store.CreateComment(ctx, held))
	must(t, f.store.EnqueueMessages(ctx, &herald.OutboxMessage{To: "paula@readers.example", Subject: "New reply", Text: "Hi."},
		&herald.OutboxMessage{To: "olga@readers.example", Subject: "New reply", Text: "Hi."}))

	resp, body := ad.get("/admin/comments")
	wantPage(t, resp, body, 200, `href="/admin/comments/privacy"`)
	resp, body = f.as(t, herald.RoleEditor).get("/admin/comments")
	wantPage(t, resp, body, 200)
	if strings.Contains(body, "/admin/comments/privacy") {
		t.Error("an editor's queue links to the reader data screen")
	}
	resp, body = ad.get("/admin/comments/privacy")
	wantPage(t, resp, body, 200, "Reader data", `action="/admin/comments/privacy/export"`, `formaction="/admin/comments/privacy/erase"`)

	for _, path := range []string{"/admin/comments/privacy/export", "/admin/comments/privacy/erase"} {
		resp, body = ad.post(path, url.Values{"email": {"paula at readers"}})
		wantPage(t, resp, body, http.StatusUnprocessableEntity, `value="paula at readers"`, `id="email-error"`, "such as name@example.com")
		resp, body = ad.post(path, url.Values{"email": {"nobody@readers.example"}})
		wantPage(t, resp, body, 200, "Nothing is stored for this address", `value="nobody@readers.example"`)
	}

	resp, body = ad.post("/admin/comments/privacy/export", url.Values{"email": {" paula@READERS.example "}})
	wantPage(t, resp, body, 200)
	if ct, cd := resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"); ct != "application/json; charset=utf-8" ||
		!strings.HasPrefix(cd, `attachment; filename="reader-data-2024-03-20.json"`) {
		t.Errorf("Content-Type %q, Content-Disposition %q", ct, cd)
	}
	var doc struct {
		Email    string
		Comments []map[string]any
		Emails   []map[string]any
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatalf("the export is not JSON: %v\n%s", err, body)
	}
	if len(doc.Comments) != 2 || len(doc.Emails) != 1 || doc.Email != "paula@READERS.example" {
		t.Fatalf("export of %q holds %d comments and %d emails, want 2 and 1:\n%s", doc.Email, len(doc.Comments), len(doc.Emails), body)
	}
	c := doc.Comments[0]
	want := map[string]any{"ip_address": "203.0.113.9", "user_agent": "Firefox/140", "text": "First.", "status": "approved",
		"article": "Article privacy", "url": art.Path(time.UTC) + "#comment-" + itoa(mine.ID), "notify_of_replies": true}
	for k, v := range want {
		if c[k] != v {
			t.Errorf("exported comment's %s = %v, want %v", k, c[k], v)
		}
	}
	if _, ok := c["moderation_reasons"]; ok {
		t.Errorf("an approved comment without reasons exports them: %v", c["moderation_reasons"])
	}
	if got := fmt.Sprint(doc.Comments[1]["moderation_reasons"]); got != "[hidden anti-spam field filled in]" {
		t.Errorf("exported reasons of the spam comment = %s", got)
	}
	if doc.Comments[1]["in_reply_to"] != float64(other.ID) || doc.Emails[0]["to"] != "paula@readers.example" {
		t.Errorf("export: %s", body)
	}
	if strings.Contains(body, "olga") || strings.Contains(body, "Olga") {
		t.Error("the export holds another reader's data")
	}
	f.wantAudit(t, "comment.export", "exported 2 comments and 1 email")

	resp, body = ad.post("/admin/comments/privacy/erase", url.Values{"email": {"paula@readers.example"}})
	wantPage(t, resp, body, 200, "Erase this reader&#39;s data?", "2 comments by paula@readers.example", "1 email",
		`name="email" value="paula@readers.example"`, `name="confirm" value="1"`)
	if _, err := f.store.FindComment(ctx, mine.ID); err != nil {
		t.Errorf("erased before confirmation: %v", err)
	}
	resp, _ = ad.post("/admin/comments/privacy/erase", url.Values{"email": {"paula@readers.example"}, "confirm": {"1"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != "/admin/comments/privacy" {
		t.Errorf("after erasing: Location %q", loc)
	}
	if flash := resp.Cookies(); len(flash) != 1 || flash[0].Name != flashCookie || flash[0].Value != url.QueryEscape("Erased 2 comments and 1 email.") {
		t.Errorf("after erasing, the cookies %v do not say what was erased", flash)
	}
	left, err := f.store.FindCommentsByEmail(ctx, "paula@readers.example")
	must(t, err)
	mail, err := f.store.FindMessagesByEmail(ctx, "paula@readers.example")
	must(t, err)
	if len(left) != 0 || len(mail) != 0 {
		t.Errorf("after erasure %d comments and %d emails remain", len(left), len(mail))
	}
	if _, err := f.store.FindComment(ctx, other.ID); err != nil {
		t.Errorf("another reader's comment was erased: %v", err)
	}
	f.wantAudit(t, "comment.erase", "erased 2 comments and 1 email")
	f.wantNoAddress(t, "paula@readers.example")
}

func TestCommentPrivacy_AdminsOnly(t *testing.T) {
	f := newFixture(t)
	for _, role := range []herald.Role{herald.RoleEditor, herald.RoleAuthor, herald.RoleContributor} {
		c := f.as(t, role)
		resp, _ := c.get("/admin/comments/privacy")
		wantPage(t, resp, "", http.StatusForbidden)
		resp, _ = c.post("/admin/comments/privacy/erase", url.Values{"email": {"a@b.example"}, "confirm": {"1"}})
		wantPage(t, resp, "", http.StatusForbidden)
	}
	resp, _ := f.as(t, "").get("/admin/comments/privacy")
	wantPage(t, resp, "", http.StatusSeeOther)
}
