package storetest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

// recorder collects the changes a store reports.
type recorder struct {
	changes []herald.Change
}

func record(t *testing.T, s herald.Store) *recorder {
	r := &recorder{}
	t.Cleanup(s.Subscribe(func(c herald.Change) { r.changes = append(r.changes, c) }))
	return r
}

// take returns the changes recorded since the last call.
func (r *recorder) take() []herald.Change {
	c := r.changes
	r.changes = nil
	return c
}

// testChanges checks that each write reports what it changed, and that a
// failed write reports nothing.
func testChanges(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	r := record(t, s)
	tag := f.tag("vote")
	sec := f.section("world", 0, 0)
	st := f.story("election")
	u := f.user("ann")
	m := f.media(1)
	a := f.article(nil)
	want := []herald.Change{
		{Kind: herald.ChangeTag, ID: tag.ID}, {Kind: herald.ChangeSection, ID: sec.ID},
		{Kind: herald.ChangeStory, ID: st.ID}, {Kind: herald.ChangeUser, ID: u.ID},
		{Kind: herald.ChangeMedia, ID: m.ID}, {Kind: herald.ChangeArticle, ID: a.ID},
	}
	if diff := cmp.Diff(want, r.take()); diff != "" {
		t.Errorf("changes of creates (-want +got):\n%s", diff)
	}
	rd := &herald.Redirect{From: "/old/", To: "/new/"}
	f.check(s.CreateRedirect(f.ctx, rd))
	f.check(s.UpdateSettings(f.ctx, herald.DefaultSettings()))
	f.check(s.UpdateArticle(f.ctx, a))
	f.check(s.DeleteArticle(f.ctx, a.ID))
	f.check(s.DeleteTag(f.ctx, tag.ID))
	want = []herald.Change{
		{Kind: herald.ChangeRedirect, ID: rd.ID}, {Kind: herald.ChangeSettings},
		{Kind: herald.ChangeArticle, ID: a.ID}, {Kind: herald.ChangeArticle, ID: a.ID},
		{Kind: herald.ChangeTag, ID: tag.ID},
	}
	if diff := cmp.Diff(want, r.take()); diff != "" {
		t.Errorf("changes of updates and deletes (-want +got):\n%s", diff)
	}
	wantCode(t, s.CreateSection(f.ctx, &herald.Section{Slug: "world", Name: "Again"}), herald.ECONFLICT)
	wantCode(t, s.DeleteStory(f.ctx, 9999), herald.ENOTFOUND)
	if got := r.take(); len(got) != 0 {
		t.Errorf("failed writes reported changes: %v", got)
	}
}

// testChangesAfterCommit checks that a change is reported only once the
// write is visible to readers. Subscribers must not call the store; this
// test does, only to look.
func testChangesAfterCommit(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	var seen []string
	t.Cleanup(s.Subscribe(func(c herald.Change) {
		if c.Kind != herald.ChangeTag {
			return
		}
		tag, err := s.FindTag(f.ctx, c.ID)
		if err != nil {
			t.Errorf("change %v reported before its commit: %v", c, err)
			return
		}
		seen = append(seen, tag.Slug)
	}))
	f.tag("vote")
	if diff := cmp.Diff([]string{"vote"}, seen); diff != "" {
		t.Errorf("tags seen by the subscriber (-want +got):\n%s", diff)
	}
}
