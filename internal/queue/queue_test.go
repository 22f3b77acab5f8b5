package queue

import (
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	for n, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute,
		9: 256 * time.Minute, 10: 6 * time.Hour, 1000: 6 * time.Hour} {
		if got := backoff(n, time.Minute, 6*time.Hour); got != want {
			t.Errorf("backoff(%d) = %s, want %s", n, got, want)
		}
	}
}

func TestTiming(t *testing.T) {
	now := time.Date(2024, 3, 20, 12, 0, 0, 0, time.UTC)
	got := Timing{Now: func() time.Time { return now }, Poll: time.Hour}.
		WithDefaults(Timing{Poll: time.Second, Backoff: time.Minute, MaxBackoff: 3 * time.Minute, MaxAttempts: 4})
	if got.Poll != time.Hour || got.Lease != DefaultLease || got.Batch != DefaultBatch || got.Backoff != time.Minute ||
		got.MaxAttempts != 4 || got.After == nil {
		t.Errorf("WithDefaults = %+v: want its own Poll, the given Backoff and attempts, the package's Lease and Batch", got)
	}
	for attempts, want := range map[int]time.Time{
		1: now.Add(time.Minute), 2: now.Add(2 * time.Minute), 3: now.Add(3 * time.Minute), 4: {}, 5: {},
	} {
		if at := got.RetryAt(attempts); !at.Equal(want) {
			t.Errorf("RetryAt(%d) = %v, want %v", attempts, at, want)
		}
	}
}
