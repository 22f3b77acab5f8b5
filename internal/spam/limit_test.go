package spam

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// The web layer backs a Limiter with the store's throttle table.
var _ Counter = herald.ThrottleStore(nil)

// memCounter is a Counter in memory.
type memCounter struct {
	events map[string][]time.Time
	err    error
}

func (m *memCounter) RecordFailure(_ context.Context, key string, at time.Time) error {
	m.events[key] = append(m.events[key], at)
	return m.err
}

func (m *memCounter) CountFailures(_ context.Context, key string, since time.Time) (int, time.Time, error) {
	n, oldest := 0, time.Time{}
	for _, at := range m.events[key] {
		if !at.Before(since) {
			if n == 0 {
				oldest = at
			}
			n++
		}
	}
	return n, oldest, m.err
}

func TestLimiter_Allow(t *testing.T) {
	ctx := context.Background()
	start := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	now := start
	c := &memCounter{events: map[string][]time.Time{}}
	l := Limiter{Counter: c, Max: 2, Window: 10 * time.Minute, Now: func() time.Time { return now }}
	steps := []struct {
		at   time.Duration
		key  string
		want time.Duration
	}{
		{0, "ip:a", 0},
		{time.Minute, "ip:a", 0},
		{2 * time.Minute, "ip:a", 8 * time.Minute},
		{2 * time.Minute, "ip:b", 0},
		{9*time.Minute + 59*time.Second + 500*time.Millisecond, "ip:a", time.Second},
		{10 * time.Minute, "ip:a", time.Second},
		{10*time.Minute + time.Second, "ip:a", 0},
		{10*time.Minute + time.Second, "ip:a", 59 * time.Second},
	}
	for i, s := range steps {
		now = start.Add(s.at)
		got, err := l.Allow(ctx, s.key)
		if err != nil || got != s.want {
			t.Errorf("step %d: Allow(%q) at %v = %v, %v; want %v", i, s.key, s.at, got, err, s.want)
		}
	}
}

func TestLimiter_AllowError(t *testing.T) {
	boom := errors.New("boom")
	l := Limiter{Counter: &memCounter{events: map[string][]time.Time{}, err: boom}, Max: 1, Window: time.Minute}
	if _, err := l.Allow(context.Background(), "k"); !errors.Is(err, boom) {
		t.Errorf("Allow = %v, want %v", err, boom)
	}
}
