package storetest

import (
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

// comment creates a comment on the article, answering parent (0 for
// none), after edit changes it.
func (f *fixture) comment(article, parent int64, edit func(c *herald.Comment)) *herald.Comment {
	f.t.Helper()
	c := newComment(article, parent, f.n)
	f.n++
	if edit != nil {
		edit(c)
	}
	f.check(f.s.CreateComment(f.ctx, c))
	return c
}

// newComment returns a valid approved comment numbered n.
func newComment(article, parent int64, n int) *herald.Comment {
	return &herald.Comment{
		ArticleID: article, ParentID: parent, Name: fmt.Sprintf("Reader %d", n),
		Email: fmt.Sprintf("reader%d@example.com", n), Website: "https://reader.example.com/",
		Text: fmt.Sprintf("Comment %d.", n), Status: herald.CommentApproved, Notify: true,
		IP: "192.0.2.1", UserAgent: "Mozilla/5.0",
	}
}

// commentIDs returns the ids of the comments, for compact comparisons.
func commentIDs(comments []*herald.Comment) []int64 {
	out := []int64{}
	for _, c := range comments {
		out = append(out, c.ID)
	}
	return out
}

func testCommentCreate(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	u := f.user("ann")
	c := f.comment(a.ID, 0, func(c *herald.Comment) { c.UserID = u.ID })
	if c.ID == 0 || c.CreatedAt.IsZero() {
		t.Fatalf("CreateComment left ID %d, CreatedAt %v", c.ID, c.CreatedAt)
	}
	got, err := s.FindComment(f.ctx, c.ID)
	f.check(err)
	if diff := cmp.Diff(c, got); diff != "" {
		t.Errorf("FindComment (-want +got):\n%s", diff)
	}
	reply := f.comment(a.ID, c.ID, nil)
	got, err = s.FindComment(f.ctx, reply.ID)
	f.check(err)
	if diff := cmp.Diff(reply, got); diff != "" {
		t.Errorf("FindComment of a reply (-want +got):\n%s", diff)
	}
	_, err = s.FindComment(f.ctx, reply.ID+100)
	wantCode(t, err, herald.ENOTFOUND)
}

func testCommentValidation(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	other := f.article(nil)
	elsewhere := f.comment(other.ID, 0, nil)
	tests := map[string]func(c *herald.Comment){
		"no name":           func(c *herald.Comment) { c.Name = " " },
		"bad email":         func(c *herald.Comment) { c.Email = "reader" },
		"named email":       func(c *herald.Comment) { c.Email = "Reader <r@example.com>" },
		"javascript site":   func(c *herald.Comment) { c.Website = "javascript:alert(1)" },
		"relative site":     func(c *herald.Comment) { c.Website = "/me" },
		"no text":           func(c *herald.Comment) { c.Text = "" },
		"bad status":        func(c *herald.Comment) { c.Status = "hidden" },
		"missing article":   func(c *herald.Comment) { c.ArticleID = other.ID + 100 },
		"missing user":      func(c *herald.Comment) { c.UserID = 1000 },
		"missing parent":    func(c *herald.Comment) { c.ParentID = elsewhere.ID + 100 },
		"parent on another": func(c *herald.Comment) { c.ParentID = elsewhere.ID },
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			c := newComment(a.ID, 0, 1)
			edit(c)
			wantCode(t, s.CreateComment(f.ctx, c), herald.EINVALID)
		})
	}
	list, err := s.FindArticleComments(f.ctx, a.ID, nil)
	f.check(err)
	if len(list) != 0 {
		t.Errorf("rejected comments were stored: %v", commentIDs(list))
	}
}

// testCommentThread checks an article's public comments: approved ones
// oldest first, and the pending ones named by the commenter.
func testCommentThread(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	other := f.article(nil)
	first := f.comment(a.ID, 0, nil)
	reply := f.comment(a.ID, first.ID, nil)
	pending := f.comment(a.ID, first.ID, func(c *herald.Comment) { c.Status = herald.CommentPending })
	spam := f.comment(a.ID, 0, func(c *herald.Comment) { c.Status = herald.CommentSpam })
	trash := f.comment(a.ID, 0, func(c *herald.Comment) { c.Status = herald.CommentTrash })
	second := f.comment(a.ID, 0, nil)
	elsewhere := f.comment(other.ID, 0, func(c *herald.Comment) { c.Status = herald.CommentPending })
	tests := []struct {
		name    string
		include []int64
		want    []int64
	}{
		{"approved", nil, []int64{first.ID, reply.ID, second.ID}},
		{"own pending", []int64{pending.ID, spam.ID, trash.ID, elsewhere.ID},
			[]int64{first.ID, reply.ID, pending.ID, second.ID}},
	}
	for _, tt := range tests {
		got, err := s.FindArticleComments(f.ctx, a.ID, tt.include)
		f.check(err)
		if diff := cmp.Diff(tt.want, commentIDs(got)); diff != "" {
			t.Errorf("%s: FindArticleComments (-want +got):\n%s", tt.name, diff)
		}
	}
	got, err := s.FindArticleComments(f.ctx, a.ID, nil)
	f.check(err)
	if got[1].ParentID != first.ID {
		t.Errorf("reply's ParentID = %d, want %d", got[1].ParentID, first.ID)
	}
}

// testCommentModeration checks the queue, the counts and bulk status changes.
func testCommentModeration(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	b := f.article(nil)
	pend := func(c *herald.Comment) { c.Status = herald.CommentPending }
	p1 := f.comment(a.ID, 0, pend)
	p2 := f.comment(b.ID, 0, pend)
	p3 := f.comment(a.ID, 0, pend)
	ok := f.comment(a.ID, 0, nil)
	n, err := s.CountPendingComments(f.ctx)
	f.check(err)
	if n != 3 {
		t.Errorf("CountPendingComments = %d, want 3", n)
	}
	tests := []struct {
		filter    herald.CommentFilter
		want      []int64
		wantTotal int
	}{
		{herald.CommentFilter{}, []int64{ok.ID, p3.ID, p2.ID, p1.ID}, 4},
		{herald.CommentFilter{Status: herald.CommentPending}, []int64{p3.ID, p2.ID, p1.ID}, 3},
		{herald.CommentFilter{Status: herald.CommentPending, ArticleID: a.ID}, []int64{p3.ID, p1.ID}, 2},
		{herald.CommentFilter{Status: herald.CommentPending, Offset: 1, Limit: 1}, []int64{p2.ID}, 3},
		{herald.CommentFilter{Status: herald.CommentSpam}, []int64{}, 0},
	}
	for _, tt := range tests {
		got, total, err := s.FindComments(f.ctx, tt.filter)
		f.check(err)
		if diff := cmp.Diff(tt.want, commentIDs(got)); diff != "" || total != tt.wantTotal {
			t.Errorf("FindComments(%+v) total %d, want %d (-want +got):\n%s", tt.filter, total, tt.wantTotal, diff)
		}
	}
	f.check(s.UpdateCommentStatus(f.ctx, []int64{p1.ID, p2.ID}, herald.CommentApproved))
	counts, err := s.CountComments(f.ctx, []int64{a.ID, b.ID, b.ID + 100})
	f.check(err)
	if diff := cmp.Diff(map[int64]int{a.ID: 2, b.ID: 1}, counts); diff != "" {
		t.Errorf("CountComments (-want +got):\n%s", diff)
	}
	has, err := s.HasApprovedComment(f.ctx, "READER"+p1.Email[len("reader"):])
	f.check(err)
	if !has {
		t.Errorf("HasApprovedComment(%q in capitals) = false", p1.Email)
	}
	has, err = s.HasApprovedComment(f.ctx, p3.Email)
	f.check(err)
	if has {
		t.Errorf("HasApprovedComment(%q) = true for a pending comment only", p3.Email)
	}
	wantCode(t, s.UpdateCommentStatus(f.ctx, []int64{p3.ID}, "hidden"), herald.EINVALID)
	wantCode(t, s.UpdateCommentStatus(f.ctx, []int64{ok.ID + 100}, herald.CommentSpam), herald.ENOTFOUND)
}

// testCommentEdit checks editing a comment's text and deleting a comment
// whose replies move up to its parent.
func testCommentEdit(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	top := f.comment(a.ID, 0, nil)
	mid := f.comment(a.ID, top.ID, nil)
	low := f.comment(a.ID, mid.ID, nil)
	f.check(s.UpdateCommentText(f.ctx, mid.ID, "Edited."))
	wantCode(t, s.UpdateCommentText(f.ctx, mid.ID, ""), herald.EINVALID)
	wantCode(t, s.UpdateCommentText(f.ctx, low.ID+100, "x"), herald.ENOTFOUND)
	got, err := s.FindComment(f.ctx, mid.ID)
	f.check(err)
	if got.Text != "Edited." {
		t.Errorf("text after UpdateCommentText = %q", got.Text)
	}
	f.check(s.DeleteComment(f.ctx, mid.ID))
	wantCode(t, s.DeleteComment(f.ctx, mid.ID), herald.ENOTFOUND)
	got, err = s.FindComment(f.ctx, low.ID)
	f.check(err)
	if got.ParentID != top.ID {
		t.Errorf("reply's ParentID after deleting its parent = %d, want %d", got.ParentID, top.ID)
	}
	f.check(s.DeleteArticle(f.ctx, a.ID))
	_, err = s.FindComment(f.ctx, top.ID)
	wantCode(t, err, herald.ENOTFOUND)
}

// testCommentPrivacy checks the purges and the export and erasure by email.
func testCommentPrivacy(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	mine := func(c *herald.Comment) { c.Email = "Me@Example.com" }
	c1 := f.comment(a.ID, 0, mine)
	spam := f.comment(a.ID, 0, func(c *herald.Comment) { c.Status = herald.CommentSpam })
	c2 := f.comment(a.ID, c1.ID, mine)
	other := f.comment(a.ID, c2.ID, nil)
	past := time.Now().Add(-time.Hour)
	purged, err := s.PurgeCommentClients(f.ctx, past)
	f.check(err)
	spammed, err := s.PurgeSpam(f.ctx, past)
	f.check(err)
	if purged != 0 || spammed != 0 {
		t.Errorf("purges of nothing old enough: %d clients, %d spam", purged, spammed)
	}
	future := time.Now().Add(time.Hour)
	purged, err = s.PurgeCommentClients(f.ctx, future)
	f.check(err)
	spammed, err = s.PurgeSpam(f.ctx, future)
	f.check(err)
	if purged != 4 || spammed != 1 {
		t.Errorf("purges: %d clients, %d spam; want 4 and 1", purged, spammed)
	}
	got, err := s.FindComment(f.ctx, c1.ID)
	f.check(err)
	if got.IP != "" || got.UserAgent != "" {
		t.Errorf("after the purge IP = %q, UserAgent = %q", got.IP, got.UserAgent)
	}
	_, err = s.FindComment(f.ctx, spam.ID)
	wantCode(t, err, herald.ENOTFOUND)
	export, err := s.FindCommentsByEmail(f.ctx, "me@example.COM")
	f.check(err)
	if diff := cmp.Diff([]int64{c1.ID, c2.ID}, commentIDs(export)); diff != "" {
		t.Errorf("FindCommentsByEmail (-want +got):\n%s", diff)
	}
	f.check(s.EnqueueMessages(f.ctx, &herald.OutboxMessage{To: "me@example.com", Subject: "Reply"},
		&herald.OutboxMessage{To: "other@example.com", Subject: "Reply"}))
	sent := &herald.OutboxMessage{To: "ME@example.com", Subject: "Earlier"}
	f.check(s.EnqueueMessages(f.ctx, sent))
	f.check(s.MarkMessageSent(f.ctx, sent.ID, time.Now()))
	mail, err := s.FindMessagesByEmail(f.ctx, "me@EXAMPLE.com")
	f.check(err)
	if len(mail) != 2 || mail[0].Subject != "Reply" || mail[1].Subject != "Earlier" || mail[1].SentAt.IsZero() {
		t.Errorf("FindMessagesByEmail = %+v, want the two messages to me@example.com, sent or not, oldest first", mail)
	}
	n, err := s.DeleteCommentsByEmail(f.ctx, "ME@example.com")
	f.check(err)
	if n != 2 {
		t.Errorf("DeleteCommentsByEmail = %d, want 2", n)
	}
	left, err := s.FindArticleComments(f.ctx, a.ID, nil)
	f.check(err)
	if len(left) != 1 || left[0].ID != other.ID || left[0].ParentID != 0 {
		t.Errorf("after erasure the article keeps %+v, want only comment %d at the top", left, other.ID)
	}
	msgs, err := s.ClaimMessages(f.ctx, future, time.Minute, 10)
	f.check(err)
	if len(msgs) != 1 || msgs[0].To != "other@example.com" {
		t.Errorf("after erasure the outbox holds %+v, want only the message to other@example.com", msgs)
	}
	mail, err = s.FindMessagesByEmail(f.ctx, "me@example.com")
	f.check(err)
	if len(mail) != 0 {
		t.Errorf("after erasure FindMessagesByEmail = %+v, want none", mail)
	}
}

// testCommentSubscriptions checks duplicate detection and unsubscribing.
func testCommentSubscriptions(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	b := f.article(nil)
	mine := f.comment(a.ID, 0, func(c *herald.Comment) { c.Email = "me@example.com" })
	again := f.comment(b.ID, 0, func(c *herald.Comment) { c.Email = "ME@example.com" })
	other := f.comment(a.ID, 0, nil)
	dups := []struct {
		name string
		edit func(c *herald.Comment)
		want bool
	}{
		{"same", func(c *herald.Comment) {}, true},
		{"email in capitals", func(c *herald.Comment) { c.Email = "Me@Example.com" }, true},
		{"other text", func(c *herald.Comment) { c.Text += " More." }, false},
		{"other article", func(c *herald.Comment) { c.ArticleID = other.ArticleID + 100 }, false},
	}
	for _, tt := range dups {
		c := *mine
		tt.edit(&c)
		got, err := s.IsDuplicateComment(f.ctx, &c)
		f.check(err)
		if got != tt.want {
			t.Errorf("%s: IsDuplicateComment = %v, want %v", tt.name, got, tt.want)
		}
	}
	f.check(s.UnsubscribeComments(f.ctx, mine.ID))
	wantCode(t, s.UnsubscribeComments(f.ctx, other.ID+100), herald.ENOTFOUND)
	for _, tt := range []struct {
		c    *herald.Comment
		want bool
	}{{mine, false}, {again, false}, {other, true}} {
		got, err := s.FindComment(f.ctx, tt.c.ID)
		f.check(err)
		if got.Notify != tt.want {
			t.Errorf("comment by %s: Notify = %v, want %v", tt.c.Email, got.Notify, tt.want)
		}
	}
}

// testCommentStatusOutbox checks that a status change and its messages are
// stored in one transaction: both, or neither.
func testCommentStatusOutbox(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	parent := f.comment(a.ID, 0, nil)
	reply := f.comment(a.ID, parent.ID, func(c *herald.Comment) { c.Status = herald.CommentPending })
	r := record(t, s)
	m := &herald.OutboxMessage{To: parent.Email, Subject: "A reply", Text: "Read it.\n"}
	f.check(s.UpdateCommentStatus(f.ctx, []int64{reply.ID}, herald.CommentApproved, m))
	if m.ID == 0 || m.CreatedAt.IsZero() {
		t.Errorf("UpdateCommentStatus left the message's ID %d, CreatedAt %v", m.ID, m.CreatedAt)
	}
	want := []herald.Change{{Kind: herald.ChangeComment, ID: a.ID}, {Kind: herald.ChangeOutbox}}
	if diff := cmp.Diff(want, r.take()); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}

	// Nothing is stored when the change fails, nor the change when a
	// message is bad.
	wantCode(t, s.UpdateCommentStatus(f.ctx, []int64{reply.ID + 100}, herald.CommentApproved,
		&herald.OutboxMessage{To: "nobody@example.com", Subject: "Lost"}), herald.ENOTFOUND)
	wantCode(t, s.UpdateCommentStatus(f.ctx, []int64{reply.ID}, "hidden",
		&herald.OutboxMessage{To: "nobody@example.com", Subject: "Lost"}), herald.EINVALID)
	wantCode(t, s.UpdateCommentStatus(f.ctx, []int64{reply.ID}, herald.CommentSpam,
		&herald.OutboxMessage{Subject: "Nobody"}), herald.EINVALID)
	got, err := s.FindComment(f.ctx, reply.ID)
	f.check(err)
	if got.Status != herald.CommentApproved {
		t.Errorf("status after a failed change = %s, want approved", got.Status)
	}
	if changes := r.take(); len(changes) != 0 {
		t.Errorf("failed changes reported %v", changes)
	}
	claimed, err := s.ClaimMessages(f.ctx, time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC), time.Minute, 10)
	f.check(err)
	if len(claimed) != 1 || claimed[0].ID != m.ID || claimed[0].To != parent.Email {
		t.Errorf("outbox holds %+v, want only the message %d to %s", claimed, m.ID, parent.Email)
	}
}

// testCommentChangeKinds checks that a comment change reports ChangeComment
// when readers can see it and ChangeModeration when they cannot, so that
// caches of public pages keep what a held comment does not alter.
func testCommentChangeKinds(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	r := record(t, s)
	held := func(c *herald.Comment) { c.Status = herald.CommentPending }
	public, hidden := herald.ChangeComment, herald.ChangeModeration
	var pending, approved, lone *herald.Comment
	steps := []struct {
		name string
		do   func() error
		want herald.ChangeKind
	}{
		{"create pending", func() error { pending = f.comment(a.ID, 0, held); return nil }, hidden},
		{"create approved", func() error { approved = f.comment(a.ID, 0, nil); return nil }, public},
		{"create another pending", func() error { lone = f.comment(a.ID, 0, held); return nil }, hidden},
		{"pending to spam", func() error { return s.UpdateCommentStatus(f.ctx, []int64{pending.ID}, herald.CommentSpam) }, hidden},
		{"edit held text", func() error { return s.UpdateCommentText(f.ctx, pending.ID, "Changed.") }, hidden},
		{"spam to approved", func() error { return s.UpdateCommentStatus(f.ctx, []int64{pending.ID}, herald.CommentApproved) }, public},
		{"edit approved text", func() error { return s.UpdateCommentText(f.ctx, approved.ID, "Changed.") }, public},
		{"approved to trash", func() error { return s.UpdateCommentStatus(f.ctx, []int64{approved.ID}, herald.CommentTrash) }, public},
		{"trash to pending", func() error { return s.UpdateCommentStatus(f.ctx, []int64{approved.ID}, herald.CommentPending) }, hidden},
		{"delete a held comment without replies", func() error { return s.DeleteComment(f.ctx, lone.ID) }, hidden},
		{"delete an approved comment", func() error { return s.DeleteComment(f.ctx, pending.ID) }, public},
		{"purge spam", func() error {
			f.check(s.UpdateCommentStatus(f.ctx, []int64{approved.ID}, herald.CommentSpam))
			r.take()
			_, err := s.PurgeSpam(f.ctx, time.Now().Add(time.Hour))
			return err
		}, hidden},
	}
	for _, st := range steps {
		f.check(st.do())
		want := []herald.Change{{Kind: st.want, ID: a.ID}}
		if diff := cmp.Diff(want, r.take()); diff != "" {
			t.Errorf("%s: changes (-want +got):\n%s", st.name, diff)
		}
	}
	if public.Public() == hidden.Public() || herald.ChangeOutbox.Public() || !herald.ChangeArticle.Public() {
		t.Error("ChangeComment and ChangeArticle must be public, ChangeModeration and ChangeOutbox not")
	}
}

// testCommentAnnouncedOnce checks that a reply's approval is announced
// once: approving it again, or a reply stored approved, queues nothing.
func testCommentAnnouncedOnce(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	parent := f.comment(a.ID, 0, nil)
	reply := f.comment(a.ID, parent.ID, func(c *herald.Comment) { c.Status = herald.CommentPending })
	announce := func(id int64) *herald.OutboxMessage {
		return &herald.OutboxMessage{To: parent.Email, Subject: "A reply", Text: "Read it.\n", Announces: id}
	}
	r := record(t, s)
	first := announce(reply.ID)
	f.check(s.UpdateCommentStatus(f.ctx, []int64{reply.ID}, herald.CommentApproved, first))
	if first.ID == 0 {
		t.Fatal("the first approval queued no announcement")
	}
	f.check(s.UpdateCommentStatus(f.ctx, []int64{reply.ID}, herald.CommentPending))
	again := announce(reply.ID)
	f.check(s.UpdateCommentStatus(f.ctx, []int64{reply.ID}, herald.CommentApproved, again))
	if again.ID != 0 {
		t.Errorf("approving the reply again queued announcement %d", again.ID)
	}
	want := []herald.Change{
		{Kind: herald.ChangeComment, ID: a.ID}, {Kind: herald.ChangeOutbox},
		{Kind: herald.ChangeComment, ID: a.ID}, {Kind: herald.ChangeComment, ID: a.ID},
	}
	if diff := cmp.Diff(want, r.take()); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	// A reply stored approved was announced as it was stored.
	direct := f.comment(a.ID, parent.ID, nil)
	f.check(s.UpdateCommentStatus(f.ctx, []int64{direct.ID}, herald.CommentApproved, announce(direct.ID)))
	// Other messages in the same call are queued.
	other := &herald.OutboxMessage{To: "editor@example.com", Subject: "Moderated"}
	late := announce(direct.ID)
	f.check(s.UpdateCommentStatus(f.ctx, []int64{direct.ID}, herald.CommentApproved, late, other))
	if late.ID != 0 || other.ID == 0 {
		t.Errorf("announcement of a reply stored approved: ID %d; the other message: ID %d", late.ID, other.ID)
	}
	msgs, err := s.FindMessagesByEmail(f.ctx, parent.Email)
	f.check(err)
	if len(msgs) != 1 || msgs[0].ID != first.ID {
		t.Errorf("messages to the parent's author: %d, want only the first announcement", len(msgs))
	}
}
