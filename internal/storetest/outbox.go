package storetest

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

// testOutbox follows a message through claims, a failure, a retry and
// delivery, and one that is given up.
func testOutbox(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	next, err := s.NextMessageTime(f.ctx)
	f.check(err)
	if !next.IsZero() {
		t.Errorf("NextMessageTime of an empty outbox = %v", next)
	}
	m := &herald.OutboxMessage{To: "reader@example.com", Subject: "A reply", Text: "Hello.\n",
		Headers: map[string]string{"List-Unsubscribe": "<https://news.example.com/u/1>"}, NextAttemptAt: day}
	later := &herald.OutboxMessage{To: "editor@example.com", Subject: "Pending", NextAttemptAt: day.Add(time.Hour)}
	f.check(s.EnqueueMessages(f.ctx, m, later))
	next, err = s.NextMessageTime(f.ctx)
	f.check(err)
	if !next.Equal(day) {
		t.Errorf("NextMessageTime = %v, want %v", next, day)
	}
	claimed, err := s.ClaimMessages(f.ctx, day, time.Minute, 10)
	f.check(err)
	want := *m
	want.Attempts, want.NextAttemptAt = 1, day.Add(time.Minute)
	if diff := cmp.Diff([]*herald.OutboxMessage{&want}, claimed); diff != "" {
		t.Errorf("first claim (-want +got):\n%s", diff)
	}
	claimed, err = s.ClaimMessages(f.ctx, day.Add(30*time.Second), time.Minute, 10)
	f.check(err)
	if len(claimed) != 0 {
		t.Errorf("a claim within the lease took %d messages", len(claimed))
	}
	// A mail server's reply may hold bytes that are not UTF-8; the store
	// keeps the valid text.
	f.check(s.MarkMessageFailed(f.ctx, m.ID, "421 try \xfflater", day.Add(2*time.Minute)))
	claimed, err = s.ClaimMessages(f.ctx, day.Add(5*time.Minute), time.Minute, 10)
	f.check(err)
	if len(claimed) != 1 || claimed[0].Attempts != 2 || claimed[0].LastError != "421 try later" {
		t.Fatalf("claim after a failure = %+v, want the message, attempt 2, with its error", claimed)
	}
	f.check(s.MarkMessageSent(f.ctx, m.ID, day.Add(6*time.Minute)))
	claimed, err = s.ClaimMessages(f.ctx, day.Add(2*time.Hour), time.Minute, 10)
	f.check(err)
	if diff := cmp.Diff([]int64{later.ID}, outboxIDs(claimed)); diff != "" {
		t.Errorf("claim after delivery (-want +got):\n%s", diff)
	}
	f.check(s.MarkMessageFailed(f.ctx, later.ID, "550 no such user", time.Time{}))
	next, err = s.NextMessageTime(f.ctx)
	f.check(err)
	if !next.IsZero() {
		t.Errorf("NextMessageTime after delivery and giving up = %v", next)
	}
	wantCode(t, s.MarkMessageSent(f.ctx, later.ID+100, day), herald.ENOTFOUND)
	wantCode(t, s.EnqueueMessages(f.ctx, &herald.OutboxMessage{Subject: "Nobody"}), herald.EINVALID)
}

func outboxIDs(msgs []*herald.OutboxMessage) []int64 {
	out := []int64{}
	for _, m := range msgs {
		out = append(out, m.ID)
	}
	return out
}

// testOutboxConcurrent checks that senders claiming at once never claim
// one message twice.
func testOutboxConcurrent(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	var want []int64
	for range 40 {
		m := &herald.OutboxMessage{To: "reader@example.com", Subject: "Hi", NextAttemptAt: day}
		f.check(s.EnqueueMessages(f.ctx, m))
		want = append(want, m.ID)
	}
	var mu sync.Mutex
	var got []int64
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for {
				msgs, err := s.ClaimMessages(f.ctx, day, time.Hour, 3)
				if err != nil {
					t.Error(err)
				}
				if len(msgs) == 0 {
					return
				}
				mu.Lock()
				got = append(got, outboxIDs(msgs)...)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("claimed ids over all senders (-want +got):\n%s", diff)
	}
}

// testCommentOutbox checks that a comment and its messages are stored in
// one transaction, and the changes a comment reports.
func testCommentOutbox(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	r := record(t, s)
	c := newComment(a.ID, 0, 1)
	m := &herald.OutboxMessage{To: "editor@example.com", Subject: "A comment awaits"}
	f.check(s.CreateComment(f.ctx, c, m))
	if m.ID == 0 || m.NextAttemptAt.IsZero() {
		t.Errorf("CreateComment left the message's ID %d, NextAttemptAt %v", m.ID, m.NextAttemptAt)
	}
	bad := newComment(a.ID, 0, 2)
	wantCode(t, s.CreateComment(f.ctx, bad, &herald.OutboxMessage{Subject: "Nobody"}), herald.EINVALID)
	f.check(s.UpdateCommentStatus(f.ctx, []int64{c.ID}, herald.CommentSpam))
	want := []herald.Change{
		{Kind: herald.ChangeComment, ID: a.ID}, {Kind: herald.ChangeOutbox},
		{Kind: herald.ChangeComment, ID: a.ID},
	}
	if diff := cmp.Diff(want, r.take()); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	list, err := s.FindArticleComments(f.ctx, a.ID, []int64{c.ID, c.ID + 1})
	f.check(err)
	if len(list) != 0 {
		t.Errorf("the comment whose message failed was stored: %v", commentIDs(list))
	}
	claimed, err := s.ClaimMessages(f.ctx, time.Now().Add(time.Hour), time.Minute, 10)
	f.check(err)
	if diff := cmp.Diff([]int64{m.ID}, outboxIDs(claimed)); diff != "" {
		t.Errorf("outbox after the comments (-want +got):\n%s", diff)
	}
}
