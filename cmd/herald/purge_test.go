package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/clocktest"
	"github.com/herald-news/herald/internal/sqlstore"
)

// purgeFixture is a SQLite store on a settable clock with an article to
// comment on.
type purgeFixture struct {
	st      *sqlstore.Store
	clock   *clocktest.Clock
	article int64
	logs    *syncBuffer
	logger  *slog.Logger
}

func newPurgeFixture(t *testing.T) *purgeFixture {
	t.Helper()
	ctx := context.Background()
	f := &purgeFixture{clock: clocktest.New(time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)), logs: &syncBuffer{}}
	f.logger = slog.New(slog.NewTextHandler(f.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: filepath.Join(t.TempDir(), "h.db"), Now: f.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	f.st = st
	u := &herald.User{Name: "Ed", Slug: "ed", Email: "ed@example.com", Role: herald.RoleEditor}
	if err := st.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	a := &herald.Article{Headline: "Purge", Slug: "purge", Language: "en", Status: herald.StatusDraft, Body: "Text.",
		AuthorIDs: []int64{u.ID}, EditorID: u.ID}
	if err := st.CreateArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	f.article = a.ID
	return f
}

// comment stores a comment of the status at the clock's time.
func (f *purgeFixture) comment(t *testing.T, status herald.CommentStatus) *herald.Comment {
	t.Helper()
	c := &herald.Comment{ArticleID: f.article, Name: "R", Email: "r@example.com", Text: string(status) + " " + f.clock.Now().String(),
		Status: status, IP: "198.51.100.9", UserAgent: "Mozilla/5.0"}
	if err := f.st.CreateComment(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	return c
}

func TestPurgeComments(t *testing.T) {
	f := newPurgeFixture(t)
	ctx := context.Background()
	s, err := f.st.FindSettings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s.Comments.RetentionDays = 7
	if err := f.st.UpdateSettings(ctx, s); err != nil {
		t.Fatal(err)
	}
	oldSpam := f.comment(t, herald.CommentSpam)
	old := f.comment(t, herald.CommentApproved)
	f.clock.Advance(20 * 24 * time.Hour)
	recentSpam := f.comment(t, herald.CommentSpam)
	week := f.comment(t, herald.CommentPending)
	f.clock.Advance(11 * 24 * time.Hour) // 31 days after the first two, 11 after the others

	if err := purgeComments(ctx, f.st, f.clock.Now(), f.logger); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.FindComment(ctx, oldSpam.ID); herald.ErrorCode(err) != herald.ENOTFOUND {
		t.Errorf("spam of 31 days ago: %v, want deleted", err)
	}
	for _, c := range []*herald.Comment{old, recentSpam, week} {
		got, err := f.st.FindComment(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.IP != "" || got.UserAgent != "" {
			t.Errorf("comment %d of more than 7 days ago keeps IP %q and user agent %q", c.ID, got.IP, got.UserAgent)
		}
	}
	fresh := f.comment(t, herald.CommentPending)
	if err := purgeComments(ctx, f.st, f.clock.Now(), f.logger); err != nil {
		t.Fatal(err)
	}
	if got, err := f.st.FindComment(ctx, fresh.ID); err != nil || got.IP != "198.51.100.9" {
		t.Errorf("a new comment's IP = %v, %v; want kept", got, err)
	}
	logs := f.logs.String()
	for _, want := range []string{
		"level=INFO msg=\"purged commenters' data\" ip_and_user_agent_cleared=4 retention_days=7 spam_deleted=1",
		"level=DEBUG msg=\"purged commenters' data\" ip_and_user_agent_cleared=0 retention_days=7 spam_deleted=0",
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
}

// TestRunPurge: the job purges once at start and again at each tick.
func TestRunPurge(t *testing.T) {
	f := newPurgeFixture(t)
	f.comment(t, herald.CommentSpam)
	f.clock.Advance(31 * 24 * time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	tick := make(chan time.Time)
	done := make(chan struct{})
	go func() {
		defer close(done)
		runPurge(ctx, f.st, f.clock.Now, tick, f.logger)
	}()
	waitFor(t, func() bool { return strings.Contains(f.logs.String(), "spam_deleted=1") }, "the purge at start")
	f.comment(t, herald.CommentSpam)
	f.comment(t, herald.CommentSpam)
	f.clock.Advance(31 * 24 * time.Hour)
	tick <- f.clock.Now()
	waitFor(t, func() bool { return strings.Contains(f.logs.String(), "spam_deleted=2") }, "the purge at the tick")
	cancel()
	<-done
}

// waitFor polls cond until it holds, failing after a deadline.
func waitFor(t *testing.T, cond func() bool, what string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond) // polling another goroutine's work
	}
}
