package publisher

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// fakeStore holds scheduled articles as id → time.
type fakeStore struct {
	herald.ChangeBroker
	mu        sync.Mutex
	scheduled map[int64]time.Time
	published []int64
}

func (f *fakeStore) PublishDueArticles(_ context.Context, now time.Time) ([]int64, error) {
	f.mu.Lock()
	var ids []int64
	for id, t := range f.scheduled {
		if !t.After(now) {
			ids = append(ids, id)
			delete(f.scheduled, id)
		}
	}
	slices.Sort(ids)
	f.published = append(f.published, ids...)
	f.mu.Unlock()
	for _, id := range ids {
		f.Publish(herald.Change{Kind: herald.ChangeArticle, ID: id})
	}
	return ids, nil
}

func (f *fakeStore) NextScheduledTime(context.Context) (time.Time, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var next time.Time
	for _, t := range f.scheduled {
		if next.IsZero() || t.Before(next) {
			next = t
		}
	}
	return next, nil
}

func (f *fakeStore) schedule(id int64, t time.Time) {
	f.mu.Lock()
	f.scheduled[id] = t
	f.mu.Unlock()
	f.Publish(herald.Change{Kind: herald.ChangeArticle, ID: id})
}

func (f *fakeStore) publishedIDs() []int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.published)
}

// fakeTimer is a clock whose sleeps the test ends by hand.
type fakeTimer struct {
	mu    sync.Mutex
	now   time.Time
	waits []wait
}

type wait struct {
	d  time.Duration
	ch chan time.Time
}

func (c *fakeTimer) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeTimer) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1)
	c.waits = append(c.waits, wait{d, ch})
	return ch
}

// latest returns the duration of the publisher's latest sleep, 0 if none.
func (c *fakeTimer) latest() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.waits) == 0 {
		return 0
	}
	return c.waits[len(c.waits)-1].d
}

// eventually fails the test unless cond becomes true within a deadline.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never: %s", what)
		}
		runtime.Gosched()
	}
}

// fire moves the clock by d and ends the latest sleep.
func (c *fakeTimer) fire(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	w := c.waits[len(c.waits)-1]
	c.mu.Unlock()
	w.ch <- c.Now()
}

func TestPublisher(t *testing.T) {
	start := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	st := &fakeStore{scheduled: map[int64]time.Time{
		1: start.Add(-time.Hour), // missed while Herald was down
		2: start.Add(10 * time.Second),
	}}
	clk := &fakeTimer{now: start}
	p := New(Options{Store: st, Now: clk.Now, After: clk.After, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { p.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	// Catches up at start, then sleeps exactly until the next one is due.
	eventually(t, "published [1], sleeping 10s", func() bool {
		return slices.Equal(st.publishedIDs(), []int64{1}) && clk.latest() == 10*time.Second
	})
	// Every step reads the clock, so firing whichever sleep is latest is enough.
	clk.fire(10 * time.Second)
	eventually(t, "published [1 2], sleeping the poll interval", func() bool {
		return slices.Equal(st.publishedIDs(), []int64{1, 2}) && clk.latest() == DefaultPoll
	})
	// A new schedule re-arms the timer at once.
	st.schedule(3, clk.Now().Add(3*time.Second))
	eventually(t, "sleeping 3s", func() bool { return clk.latest() == 3*time.Second })
	clk.fire(3 * time.Second)
	eventually(t, "published [1 2 3]", func() bool { return slices.Equal(st.publishedIDs(), []int64{1, 2, 3}) })
}
