package admin

import (
	"context"
	"strings"
	"testing"

	"github.com/herald-news/herald"
)

// TestComments_QueueReasons checks that the queue's cards say why the spam
// checks held a comment or marked it spam, escaped, and only in those
// folders.
func TestComments_QueueReasons(t *testing.T) {
	f := newFixture(t)
	ed := f.as(t, herald.RoleEditor)
	art := f.addArticle(t, "talk", 0, nil)
	ctx := context.Background()
	add := func(name string, status herald.CommentStatus, reasons ...string) *herald.Comment {
		c := &herald.Comment{ArticleID: art.ID, Name: name, Email: strings.ToLower(name) + "@readers.example",
			Text: "Words of " + name + ".", Status: status, Reasons: reasons}
		must(t, f.store.CreateComment(ctx, c))
		return c
	}
	ann := add("Ann", herald.CommentPending, "too many links (3, at most 2)", "first comment from this address")
	add("Bob", herald.CommentPending)
	add("Eve", herald.CommentSpam, "blocked word “<b>”", "spam score 9 (spam from 8)")
	moved := add("Cid", herald.CommentPending, "every comment is held")
	must(t, f.store.UpdateCommentStatus(ctx, []int64{moved.ID}, herald.CommentApproved))

	resp, body := ed.get("/admin/comments")
	wantPage(t, resp, body, 200, `<div class="comment-reasons"><dt>Held because</dt>`+
		`<dd>too many links (3, at most 2); first comment from this address</dd></div>`)
	if n := strings.Count(body, `class="comment-reasons"`); n != 1 {
		t.Errorf("the pending tab shows reasons on %d cards, want 1 (Bob's comment has none)", n)
	}
	resp, body = ed.get("/admin/comments?status=spam")
	wantPage(t, resp, body, 200, `<dt>Spam because</dt><dd>blocked word “&lt;b&gt;”; spam score 9 (spam from 8)</dd>`)
	resp, body = ed.get("/admin/comments?status=approved")
	wantPage(t, resp, body, 200, "Cid")
	if strings.Contains(body, "comment-reasons") || strings.Contains(body, "every comment is held") {
		t.Error("the approved tab shows why a comment was once held")
	}
	resp, body = ed.get("/admin/comments/" + itoa(ann.ID) + "/edit")
	wantPage(t, resp, body, 200, "Held because", "first comment from this address")
}
