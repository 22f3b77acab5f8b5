package queue

import (
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	for n, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute,
		9: 256 * time.Minute, 10: 6 * time.Hour, 1000: 6 * time.Hour} {
		if got := Backoff(n, time.Minute, 6*time.Hour); got != want {
			t.Errorf("Backoff(%d) = %s, want %s", n, got, want)
		}
	}
}
