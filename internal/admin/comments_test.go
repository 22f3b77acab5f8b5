package admin

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// addComment stores a reader's comment on art.
func (f *fixture) addComment(t *testing.T, art *herald.Article, name string, status herald.CommentStatus) *herald.Comment {
	t.Helper()
	c := &herald.Comment{ArticleID: art.ID, Name: name, Email: strings.ToLower(name) + "@readers.example",
		Website: "https://" + strings.ToLower(name) + ".example/", Text: "Words of " + name + ".",
		Status: status, IP: "203.0.113.7"}
	must(t, f.store.CreateComment(context.Background(), c))
	return c
}

// commentStatus returns the stored status of the comment id.
func (f *fixture) commentStatus(t *testing.T, id int64) herald.CommentStatus {
	t.Helper()
	c, err := f.store.FindComment(context.Background(), id)
	must(t, err)
	return c.Status
}

func TestComments_QueueAndSingleActions(t *testing.T) {
	f := newFixture(t)
	ed := f.as(t, herald.RoleEditor)
	art := f.addArticle(t, "talk", 0, nil)
	ann := f.addComment(t, art, "Ann", herald.CommentPending)
	bob := f.addComment(t, art, "Bob", herald.CommentPending)
	f.addComment(t, art, "Cid", herald.CommentApproved)

	resp, body := ed.get("/admin/comments")
	wantPage(t, resp, body, 200, "2 comments pending.", "Ann", "ann@readers.example", "https://ann.example/",
		"203.0.113.7", "Words of Ann.", "Article talk", `/admin/articles/`+itoa(art.ID)+`/edit`,
		`<span class="count">2<span class="visually-hidden"> pending</span></span>`)
	if strings.Contains(body, "Cid") {
		t.Error("the pending tab shows an approved comment")
	}
	resp, body = ed.get("/admin/comments?status=approved")
	wantPage(t, resp, body, 200, "1 comment approved.", "Cid")

	back := "/admin/comments?status=pending"
	resp, _ = ed.post("/admin/comments/"+itoa(ann.ID)+"/status", url.Values{"status": {"approved"}, "back": {back}})
	wantPage(t, resp, "", http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != back {
		t.Errorf("Location %q, want %q", loc, back)
	}
	if s := f.commentStatus(t, ann.ID); s != herald.CommentApproved {
		t.Errorf("approved comment is %s", s)
	}
	resp, _ = ed.post("/admin/comments/"+itoa(bob.ID)+"/status", url.Values{"status": {"spam"}, "back": {"https://evil.example/"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	if loc := resp.Header.Get("Location"); loc != back {
		t.Errorf("Location %q, want the queue", loc)
	}
	if s := f.commentStatus(t, bob.ID); s != herald.CommentSpam {
		t.Errorf("spam comment is %s", s)
	}
	resp, _ = ed.post("/admin/comments/"+itoa(bob.ID)+"/status", url.Values{"status": {"gone"}})
	wantPage(t, resp, "", http.StatusBadRequest)

	resp, body = ed.post("/admin/comments/"+itoa(ann.ID)+"/edit", url.Values{"text": {"  "}})
	wantPage(t, resp, body, 422, `id="text-error"`)
	resp, _ = ed.post("/admin/comments/"+itoa(ann.ID)+"/edit", url.Values{"text": {"Edited words."}})
	wantPage(t, resp, "", http.StatusSeeOther)
	got, err := f.store.FindComment(context.Background(), ann.ID)
	must(t, err)
	if got.Text != "Edited words." {
		t.Errorf("edited text = %q", got.Text)
	}

	resp, body = ed.get("/admin/comments/" + itoa(ann.ID) + "/reply")
	wantPage(t, resp, body, 200, "Reply to Ann", "Edited words.")
	resp, body = ed.post("/admin/comments/"+itoa(ann.ID)+"/reply", url.Values{"text": {""}})
	wantPage(t, resp, body, 422, `id="text-error"`)
	resp, _ = ed.post("/admin/comments/"+itoa(ann.ID)+"/reply", url.Values{"text": {"Thank you, Ann."}})
	wantPage(t, resp, "", http.StatusSeeOther)
	thread, err := f.store.FindArticleComments(context.Background(), art.ID, nil)
	must(t, err)
	var reply *herald.Comment
	for _, c := range thread {
		if c.Text == "Thank you, Ann." {
			reply = c
		}
	}
	editor := f.users[herald.RoleEditor]
	if reply == nil || reply.ParentID != ann.ID || reply.UserID != editor.ID || reply.Name != editor.Name || reply.Status != herald.CommentApproved {
		t.Errorf("staff reply = %+v", reply)
	}

	resp, body = ed.get("/admin/comments/" + itoa(bob.ID) + "/delete")
	wantPage(t, resp, body, 200, "cannot be brought back")
	resp, _ = ed.post("/admin/comments/"+itoa(bob.ID)+"/delete", url.Values{"confirm": {"1"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	if _, err := f.store.FindComment(context.Background(), bob.ID); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Errorf("deleted comment still found: %v", err)
	}
	f.wantAudit(t, "comment.delete", "Bob")
	resp, _ = ed.get("/admin/comments/999/edit")
	wantPage(t, resp, "", http.StatusNotFound)
}

func TestComments_Bulk(t *testing.T) {
	f := newFixture(t)
	ed := f.as(t, herald.RoleAdmin)
	art := f.addArticle(t, "bulk", 0, nil)
	var ids []string
	var cs []*herald.Comment
	for _, n := range []string{"Ann", "Bob", "Cid"} {
		c := f.addComment(t, art, n, herald.CommentPending)
		cs = append(cs, c)
		ids = append(ids, itoa(c.ID))
	}
	resp, _ := ed.post("/admin/comments", url.Values{"action": {"spam"}, "ids": ids[:2]})
	wantPage(t, resp, "", http.StatusSeeOther)
	for i, want := range []herald.CommentStatus{herald.CommentSpam, herald.CommentSpam, herald.CommentPending} {
		if s := f.commentStatus(t, cs[i].ID); s != want {
			t.Errorf("comment %d is %s, want %s", i, s, want)
		}
	}
	f.wantAudit(t, "comment.bulk_spam", "2 comments")

	resp, _ = ed.post("/admin/comments", url.Values{"action": {"approve"}, "ids": ids[2:]})
	wantPage(t, resp, "", http.StatusSeeOther)
	if s := f.commentStatus(t, cs[2].ID); s != herald.CommentApproved {
		t.Errorf("bulk-approved comment is %s", s)
	}
	f.wantAudit(t, "comment.bulk_approved", "1 comment")

	resp, body := ed.post("/admin/comments", url.Values{"action": {"delete"}, "ids": ids[:2]})
	wantPage(t, resp, body, 200, "Delete 2 comments permanently?", `name="ids" value="`+ids[0]+`"`)
	if s := f.commentStatus(t, cs[0].ID); s != herald.CommentSpam {
		t.Errorf("deleted before confirmation: %s", s)
	}
	resp, _ = ed.post("/admin/comments", url.Values{"action": {"delete"}, "ids": ids[:2], "confirm": {"1"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	for _, c := range cs[:2] {
		if _, err := f.store.FindComment(context.Background(), c.ID); herald.ErrorCode(err) != herald.ENOTFOUND {
			t.Errorf("bulk-deleted comment still found: %v", err)
		}
	}
	f.wantAudit(t, "comment.bulk_delete", "2 comments")

	resp, _ = ed.post("/admin/comments", url.Values{"action": {"nothing"}, "ids": ids[2:]})
	wantPage(t, resp, "", http.StatusBadRequest)
	resp, _ = ed.post("/admin/comments", url.Values{"action": {"approve"}})
	wantPage(t, resp, "", http.StatusSeeOther)
}

func TestComments_OnlyModerators(t *testing.T) {
	f := newFixture(t)
	art := f.addArticle(t, "x", 0, nil)
	f.addComment(t, art, "Ann", herald.CommentPending)
	resp, body := f.as(t, herald.RoleAuthor).get("/admin/articles")
	wantPage(t, resp, body, 200)
	if strings.Contains(body, "/admin/comments") {
		t.Error("an author's navigation links to the comments")
	}
	resp, _ = f.as(t, herald.RoleAuthor).get("/admin/comments")
	wantPage(t, resp, "", http.StatusForbidden)
	resp, body = f.as(t, herald.RoleEditor).get("/admin/articles")
	wantPage(t, resp, body, 200, `href="/admin/comments">Comments <span class="count">1`)
}

func TestComments_Paging(t *testing.T) {
	f := newFixture(t)
	ed := f.as(t, herald.RoleEditor)
	art := f.addArticle(t, "many", 0, nil)
	for i := range commentsPerPage + 3 {
		f.addComment(t, art, "Reader"+strconv.Itoa(i), herald.CommentSpam)
	}
	resp, body := ed.get("/admin/comments?status=spam")
	wantPage(t, resp, body, 200, "53 comments spam.", `href="/admin/comments?page=2&amp;status=spam" rel="next"`)
	if n := strings.Count(body, `name="ids"`); n != commentsPerPage {
		t.Errorf("first page shows %d comments, want %d", n, commentsPerPage)
	}
	resp, body = ed.get("/admin/comments?status=spam&page=2")
	wantPage(t, resp, body, 200, `rel="prev"`)
	if n := strings.Count(body, `name="ids"`); n != 3 {
		t.Errorf("second page shows %d comments, want 3", n)
	}
	if strings.Contains(body, `class="count"`) {
		t.Error("the navigation counts spam as pending")
	}
}

func TestComments_QueueRendersText(t *testing.T) {
	f := newFixture(t)
	ed := f.as(t, herald.RoleEditor)
	art := f.addArticle(t, "render", 0, func(a *herald.Article) {
		a.Status, a.PublishedAt = herald.StatusPublished, f.clock.Now().Add(-time.Hour)
	})
	ann := f.addComment(t, art, "Ann", herald.CommentApproved)
	c := &herald.Comment{ArticleID: art.ID, ParentID: ann.ID, Name: "Bob", Email: "bob@readers.example",
		Text: "I *agree*.\n\n<script>alert(1)</script> [see](javascript:alert(1))", Status: herald.CommentPending}
	must(t, f.store.CreateComment(context.Background(), c))

	resp, body := ed.get("/admin/comments")
	wantPage(t, resp, body, 200, "<em>agree</em>", "&lt;script&gt;alert(1)&lt;/script&gt;",
		"<dt>In reply to</dt><dd>Ann</dd>", `Pending <span class="tab-count">1</span>`,
		`Approved <span class="tab-count">1</span>`, `id="comment-`+itoa(c.ID)+`"`)
	if strings.Contains(body, "<script>alert") || strings.Contains(body, `href="javascript`) {
		t.Errorf("the queue shows the comment's markup unsanitized:\n%s", body)
	}
	if strings.Contains(body, "view on the site") {
		t.Error("a pending comment links to the site, where readers cannot see it")
	}
	resp, body = ed.get("/admin/comments?status=approved")
	wantPage(t, resp, body, 200, `href="`+art.Path(time.UTC)+`#comment-`+itoa(ann.ID)+`">view on the site</a>`)
	resp, body = ed.get("/admin/comments?status=trash")
	wantPage(t, resp, body, 200, "No comments here.")
}
