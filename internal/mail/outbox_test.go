package mail

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/queue"
)

// memOutbox is an in-memory outbox with the claim rules of herald.OutboxStore.
type memOutbox struct {
	herald.ChangeBroker
	mu     sync.Mutex
	nextID int64
	msgs   map[int64]*herald.OutboxMessage
}

func (s *memOutbox) enqueue(now time.Time, msgs ...*herald.OutboxMessage) {
	s.mu.Lock()
	for _, m := range msgs {
		s.nextID++
		m.ID, m.CreatedAt = s.nextID, now
		if m.NextAttemptAt.IsZero() {
			m.NextAttemptAt = now
		}
		s.msgs[m.ID] = m
	}
	s.mu.Unlock()
	s.Publish(herald.Change{Kind: herald.ChangeOutbox})
}

func (s *memOutbox) ClaimMessages(_ context.Context, now time.Time, lease time.Duration, limit int) ([]*herald.OutboxMessage, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var due []*herald.OutboxMessage
	for _, m := range s.msgs {
		if !m.NextAttemptAt.IsZero() && !m.NextAttemptAt.After(now) {
			due = append(due, m)
		}
	}
	sort.Slice(due, func(i, j int) bool { return due[i].ID < due[j].ID })
	due = due[:min(len(due), limit)]
	var out []*herald.OutboxMessage
	for _, m := range due {
		m.Attempts++
		m.NextAttemptAt = now.Add(lease)
		c := *m
		out = append(out, &c)
	}
	return out, nil
}

func (s *memOutbox) MarkMessageSent(_ context.Context, id int64, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs[id].SentAt, s.msgs[id].NextAttemptAt = at, time.Time{}
	return nil
}

func (s *memOutbox) MarkMessageFailed(_ context.Context, id int64, reason string, next time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs[id].LastError, s.msgs[id].NextAttemptAt = reason, next
	return nil
}

func (s *memOutbox) NextMessageTime(context.Context) (time.Time, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var next time.Time
	for _, m := range s.msgs {
		if !m.NextAttemptAt.IsZero() && (next.IsZero() || m.NextAttemptAt.Before(next)) {
			next = m.NextAttemptAt
		}
	}
	return next, nil
}

// get returns a copy of message id.
func (s *memOutbox) get(id int64) herald.OutboxMessage {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.msgs[id]
}

// fakeClock is a clock whose sleeps the test ends by hand.
type fakeClock struct {
	mu    sync.Mutex
	now   time.Time
	waits []chan time.Time
	last  time.Duration
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.waits, c.last = append(c.waits, ch), d
	return ch
}

// advance moves the clock by d without ending any sleep.
func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// sleeping reports the duration of the latest sleep and how many began.
func (c *fakeClock) sleeping() (time.Duration, int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.last, len(c.waits)
}

// eventually fails the test unless cond becomes true within a deadline.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		runtime.Gosched()
	}
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestOutboxRun(t *testing.T) {
	start := time.Date(2026, 11, 29, 22, 0, 0, 0, time.UTC)
	clk := &fakeClock{now: start}
	st := &memOutbox{msgs: map[int64]*herald.OutboxMessage{}}
	// Left from before a restart: claimed twice, due again.
	st.enqueue(start.Add(-time.Hour), &herald.OutboxMessage{To: "old@example.com", Subject: "Old",
		Text: "left over", Attempts: 2, NextAttemptAt: start.Add(-time.Minute)})
	srv := startServer(t, SecurityStartTLS, "anna", "s3cret")
	c, err := NewSMTP(srv.settings(SecurityStartTLS))
	if err != nil {
		t.Fatal(err)
	}
	o := NewOutbox(Options{Store: st, Transport: c, From: c.From(), Logger: quiet,
		Timing: queue.Timing{Now: clk.Now, After: clk.After}})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { o.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	eventually(t, "the left-over message sent", func() bool { return !st.get(1).SentAt.IsZero() })
	eventually(t, "sleeping a poll", func() bool { d, _ := clk.sleeping(); return d == queue.DefaultPoll })

	// A new message wakes the sender without the clock moving.
	st.enqueue(start, &herald.OutboxMessage{To: "anna@example.com", Subject: "Ответ на ваш комментарий",
		Text: "Boris replied.", Headers: map[string]string{"List-Unsubscribe": "<https://herald.test/u?t=x>"}})
	eventually(t, "the new message sent", func() bool { return !st.get(2).SentAt.IsZero() })

	got := srv.delivered()
	if len(got) != 2 || got[0].To != "old@example.com" || got[1].To != "anna@example.com" {
		t.Fatalf("delivered %+v", got)
	}
	m, body := parse(t, got[1].Data)
	var want = map[string]string{
		"List-Unsubscribe": "<https://herald.test/u?t=x>",
		"Message-Id":       fmt.Sprintf("<outbox.2.%d@herald.test>", start.UnixNano()),
		"Date":             "Sun, 29 Nov 2026 22:00:00 +0000",
	}
	for name, w := range want {
		if g := m.Header.Get(name); g != w {
			t.Errorf("%s = %q, want %q", name, g, w)
		}
	}
	if b := decodedBody(t, m, body); b != "Boris replied.\r\n" {
		t.Errorf("body %q", b)
	}
}

func TestOutboxRetries(t *testing.T) {
	start := time.Date(2026, 11, 29, 22, 0, 0, 0, time.UTC)
	clk := &fakeClock{now: start}
	st := &memOutbox{msgs: map[int64]*herald.OutboxMessage{}}
	srv := startServer(t, SecurityNone, "", "")
	c, err := NewSMTP(srv.settings(SecurityNone))
	if err != nil {
		t.Fatal(err)
	}
	o := NewOutbox(Options{Store: st, Transport: c, From: c.From(), Logger: quiet, Timing: queue.Timing{
		Now: clk.Now, After: clk.After, Poll: time.Hour, Backoff: time.Minute, MaxBackoff: 5 * time.Minute, MaxAttempts: 5}})
	ctx := context.Background()
	st.enqueue(start, &herald.OutboxMessage{To: "anna@example.com", Subject: "s", Text: "t"})

	srv.refuseWith(&smtp.SMTPError{Code: 451, Message: "greylisted"})
	// Delays after attempts 1…4: 1, 2, 4, then capped at 5 minutes.
	for i, delay := range []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute, 5 * time.Minute} {
		if wait := o.drain.Step(ctx); wait != delay {
			t.Errorf("attempt %d: waits %s, want %s", i+1, wait, delay)
		}
		m := st.get(1)
		if m.Attempts != i+1 || !m.NextAttemptAt.Equal(clk.Now().Add(delay)) || m.LastError == "" {
			t.Fatalf("after attempt %d: %+v", i+1, m)
		}
		clk.advance(delay)
	}
	o.drain.Step(ctx) // the fifth and last attempt
	if m := st.get(1); m.Attempts != 5 || !m.NextAttemptAt.IsZero() || !m.SentAt.IsZero() {
		t.Errorf("after the last attempt: %+v", m)
	}

	// A permanent refusal gives up at once; a later message still goes out.
	srv.refuseWith(&smtp.SMTPError{Code: 550, Message: "no such user"})
	st.enqueue(clk.Now(), &herald.OutboxMessage{To: "gone@example.com", Subject: "s", Text: "t"})
	o.drain.Step(ctx)
	if m := st.get(2); m.Attempts != 1 || !m.NextAttemptAt.IsZero() {
		t.Errorf("after a 550: %+v", m)
	}
	srv.refuseWith(nil)
	st.enqueue(clk.Now(), &herald.OutboxMessage{To: "boris@example.com", Subject: "s", Text: "t"})
	if wait := o.drain.Step(ctx); wait != time.Hour {
		t.Errorf("nothing due: waits %s", wait)
	}
	if m := st.get(3); m.SentAt.IsZero() || len(srv.delivered()) != 1 {
		t.Errorf("after accepting again: %+v, %d delivered", m, len(srv.delivered()))
	}
}
