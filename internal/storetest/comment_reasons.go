package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

// testCommentReasons checks that the reasons of the spam checks are kept
// with a comment, read back by every query, kept by a moderator's
// decision and replaced when an edit is held.
func testCommentReasons(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	r := record(t, s)
	reasons := []string{"blocked word “casino”", "too many links (3, at most 2)", "first comment from this address"}
	held := f.comment(a.ID, 0, func(c *herald.Comment) { c.Status, c.Reasons = herald.CommentPending, reasons })
	approved := f.comment(a.ID, 0, nil)
	r.take()
	got, err := s.FindComment(f.ctx, held.ID)
	f.check(err)
	if diff := cmp.Diff(held, got); diff != "" {
		t.Errorf("FindComment of a held comment (-want +got):\n%s", diff)
	}
	queue, _, err := s.FindComments(f.ctx, herald.CommentFilter{Status: herald.CommentPending})
	f.check(err)
	if len(queue) != 1 || !cmp.Equal(queue[0].Reasons, reasons) {
		t.Errorf("FindComments of the queue = %v, want the held comment with its reasons", queue)
	}
	export, err := s.FindCommentsByEmail(f.ctx, held.Email)
	f.check(err)
	if len(export) != 1 || !cmp.Equal(export[0].Reasons, reasons) {
		t.Errorf("FindCommentsByEmail = %v, want the held comment with its reasons", export)
	}
	if got, _ := s.FindComment(f.ctx, approved.ID); got == nil || got.Reasons != nil {
		t.Errorf("reasons of a comment stored without any = %#v, want nil", got)
	}

	f.check(s.UpdateCommentStatus(f.ctx, []int64{held.ID}, herald.CommentSpam))
	f.check(s.UpdateCommentText(f.ctx, held.ID, "Edited by a moderator."))
	if got, _ := s.FindComment(f.ctx, held.ID); got == nil || !cmp.Equal(got.Reasons, reasons) || got.Status != herald.CommentSpam {
		t.Errorf("after a moderator's decision and edit: %+v, want spam with the reasons kept", got)
	}
	r.take()

	again := []string{"blocked word “casino”"}
	f.check(s.HoldCommentText(f.ctx, approved.ID, "Now about casino.", again))
	want := *approved
	want.Text, want.Status, want.Reasons = "Now about casino.", herald.CommentPending, again
	got, err = s.FindComment(f.ctx, approved.ID)
	f.check(err)
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("after HoldCommentText (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]herald.Change{{Kind: herald.ChangeComment, ID: a.ID}}, r.take()); diff != "" {
		t.Errorf("holding an approved comment: changes (-want +got):\n%s", diff)
	}
	f.check(s.HoldCommentText(f.ctx, approved.ID, "Casino again.", again))
	if diff := cmp.Diff([]herald.Change{{Kind: herald.ChangeModeration, ID: a.ID}}, r.take()); diff != "" {
		t.Errorf("holding a held comment: changes (-want +got):\n%s", diff)
	}
	wantCode(t, s.HoldCommentText(f.ctx, approved.ID, " ", again), herald.EINVALID)
	wantCode(t, s.HoldCommentText(f.ctx, approved.ID+100, "x", again), herald.ENOTFOUND)
	if got, _ := s.FindComment(f.ctx, approved.ID); got == nil || got.Text != "Casino again." {
		t.Errorf("a refused HoldCommentText changed the comment: %+v", got)
	}
}
