package admin

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/notify"
)

// addReply stores a reader's comment answering parent (nil for none), with
// notifications of replies asked for.
func (f *fixture) addReply(t *testing.T, art *herald.Article, parent *herald.Comment, name string, status herald.CommentStatus) *herald.Comment {
	t.Helper()
	c := &herald.Comment{ArticleID: art.ID, Name: name, Email: strings.ToLower(name) + "@readers.example",
		Text: "Words of " + name + ".", Status: status, Notify: true}
	if parent != nil {
		c.ParentID = parent.ID
	}
	must(t, f.store.CreateComment(context.Background(), c))
	return c
}

// newMail returns the messages put in the outbox since the last call.
func (f *fixture) newMail(t *testing.T) []*herald.OutboxMessage {
	t.Helper()
	msgs, err := f.store.ClaimMessages(context.Background(), time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), time.Hour, 100)
	must(t, err)
	return msgs
}

// wantMail checks that the outbox got one message to each of to since
// the last look, in any order, and returns them by recipient.
func (f *fixture) wantMail(t *testing.T, to ...string) map[string]*herald.OutboxMessage {
	t.Helper()
	got := map[string]*herald.OutboxMessage{}
	for _, m := range f.newMail(t) {
		got[m.To] = m
	}
	if len(got) != len(to) {
		t.Errorf("new mail to %v, want to %v", keysOf(got), to)
	}
	for _, addr := range to {
		if got[addr] == nil {
			t.Errorf("no new mail to %s; got mail to %v", addr, keysOf(got))
		}
	}
	return got
}

func keysOf(m map[string]*herald.OutboxMessage) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestComments_ApprovingNotifies(t *testing.T) {
	f := newFixture(t)
	ed := f.as(t, herald.RoleEditor)
	art := f.addArticle(t, "bridge", 0, nil)
	paula := f.addReply(t, art, nil, "Paula", herald.CommentApproved)
	rob := f.addReply(t, art, paula, "Rob", herald.CommentPending)
	f.wantMail(t)

	resp, _ := ed.post("/admin/comments/"+itoa(rob.ID)+"/status", url.Values{"status": {"approved"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	m := f.wantMail(t, "paula@readers.example")["paula@readers.example"]
	if m != nil {
		for _, want := range []string{"From: Rob", "> Words of Rob.", "http://example.com/", "/comments/" + itoa(rob.ID) + "/\n"} {
			if !strings.Contains(m.Text, want) {
				t.Errorf("the reply notification lacks %q:\n%s", want, m.Text)
			}
		}
		key, err := notify.Key(context.Background(), f.store)
		must(t, err)
		link := strings.TrimSuffix(strings.TrimPrefix(m.Headers["List-Unsubscribe"], "<"), ">")
		token, _ := strings.CutPrefix(link, "http://example.com/comments/unsubscribe/?token=")
		if id, err := notify.CheckUnsubscribe(key, token); err != nil || id != paula.ID {
			t.Errorf("List-Unsubscribe %q names comment %d (%v), want %d", link, id, err, paula.ID)
		}
	}
	f.wantAudit(t, "comment.approved", "Rob")

	// Approving an approved reply again, moving it elsewhere, or back to
	// pending and approving it once more, sends nothing.
	for _, status := range []string{"approved", "trash", "pending", "approved"} {
		resp, _ = ed.post("/admin/comments/"+itoa(rob.ID)+"/status", url.Values{"status": {status}})
		wantPage(t, resp, "", http.StatusSeeOther)
	}
	f.wantAudit(t, "comment.approved", "Rob")
	f.wantMail(t)
	resp, _ = ed.post("/admin/comments/"+itoa(rob.ID)+"/status", url.Values{"status": {"trash"}})
	wantPage(t, resp, "", http.StatusSeeOther)

	// In bulk: a reply by another reader notifies; one by Paula herself, a
	// top-level comment, a reply already approved and spam do not.
	sue := f.addReply(t, art, paula, "Sue", herald.CommentPending)
	own := &herald.Comment{ArticleID: art.ID, ParentID: paula.ID, Name: "Paula", Email: "PAULA@readers.example",
		Text: "And more.", Status: herald.CommentPending}
	must(t, f.store.CreateComment(context.Background(), own))
	top := f.addReply(t, art, nil, "Tom", herald.CommentPending)
	old := f.addReply(t, art, paula, "Olga", herald.CommentApproved)
	spam := f.addReply(t, art, paula, "Spammer", herald.CommentSpam)
	resp, _ = ed.post("/admin/comments", url.Values{"action": {"approve"},
		"ids": {itoa(sue.ID), itoa(own.ID), itoa(top.ID), itoa(old.ID), itoa(spam.ID), "999"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	msgs := f.wantMail(t, "paula@readers.example")
	if m := msgs["paula@readers.example"]; m != nil && !strings.Contains(m.Text, "From: Sue") {
		t.Errorf("the bulk notification is not Sue's reply:\n%s", m.Text)
	}
	f.wantAudit(t, "comment.bulk_approved", "5 comments")
	resp, _ = ed.post("/admin/comments", url.Values{"action": {"approve"}, "ids": {"998", "999"}})
	wantPage(t, resp, "", http.StatusNotFound)

	// Unsubscribed, Paula hears of nothing more.
	must(t, f.store.UnsubscribeComments(context.Background(), paula.ID))
	late := f.addReply(t, art, paula, "Late", herald.CommentPending)
	resp, _ = ed.post("/admin/comments/"+itoa(late.ID)+"/status", url.Values{"status": {"approved"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	f.wantMail(t)
}

func TestComments_StaffReplyNotifies(t *testing.T) {
	f := newFixture(t)
	ed := f.as(t, herald.RoleEditor)
	art := f.addArticle(t, "staff", 0, nil)
	paula := f.addReply(t, art, nil, "Paula", herald.CommentPending)
	resp, body := ed.get("/admin/comments/" + itoa(paula.ID) + "/reply")
	wantPage(t, resp, body, 200, "replying approves Paula’s comment", "asked to be told of replies")
	resp, _ = ed.post("/admin/comments/"+itoa(paula.ID)+"/reply", url.Values{"text": {"Thank you, Paula."}})
	wantPage(t, resp, "", http.StatusSeeOther)
	if s := f.commentStatus(t, paula.ID); s != herald.CommentApproved {
		t.Errorf("the answered comment is %s, want approved", s)
	}
	m := f.wantMail(t, "paula@readers.example")["paula@readers.example"]
	if m != nil && (!strings.Contains(m.Text, "From: The editor") || !strings.Contains(m.Text, "> Thank you, Paula.")) {
		t.Errorf("the staff reply's notification:\n%s", m.Text)
	}
	f.wantAudit(t, "comment.approved", "Paula")
	f.wantAudit(t, "comment.reply", "in reply to Paula")

	resp, _ = ed.post("/admin/comments/"+itoa(paula.ID)+"/edit", url.Values{"text": {"Edited."}})
	wantPage(t, resp, "", http.StatusSeeOther)
	f.wantAudit(t, "comment.edit", "Paula")
}
