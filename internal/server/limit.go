package server

import (
	"net/netip"
	"sync"
	"time"
)

// maxBuckets bounds a limiter's memory: past it, the buckets that have
// refilled (clients that have gone quiet) are dropped, and if that frees
// nothing the oldest are.
const maxBuckets = 100_000

// bucketLimiter is a token bucket per client, in this process's memory:
// each client may make up to burst requests at once and perMinute requests
// a minute after that. It is safe for concurrent use.
type bucketLimiter struct {
	rate  float64 // tokens added per second
	burst float64
	now   func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

// bucket is one client's tokens at a time.
type bucket struct {
	tokens float64
	at     time.Time
}

// newBucketLimiter returns a limiter of perMinute requests a minute with a
// burst of as many, or nil when perMinute is 0 (no limit).
func newBucketLimiter(perMinute int, now func() time.Time) *bucketLimiter {
	if perMinute <= 0 {
		return nil
	}
	return &bucketLimiter{rate: float64(perMinute) / 60, burst: float64(perMinute), now: now, buckets: map[string]*bucket{}}
}

// allow takes a token from key's bucket. When the bucket is empty it
// returns how long until the next token, and takes nothing.
func (l *bucketLimiter) allow(key string) (wait time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[key]
	if b == nil {
		if len(l.buckets) >= maxBuckets {
			l.sweep(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
	}
	b.tokens = min(l.burst, b.tokens+now.Sub(b.at).Seconds()*l.rate)
	b.at = now
	if b.tokens < 1 {
		return time.Duration((1 - b.tokens) / l.rate * float64(time.Second))
	}
	b.tokens--
	return 0
}

// sweep drops the buckets that are full again, and when that frees less
// than a quarter, those used before the midpoint of the oldest use and now, and
// then any until a quarter is free; the caller holds mu.
func (l *bucketLimiter) sweep(now time.Time) {
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for k, b := range l.buckets {
		if now.Sub(b.at) >= full {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) <= maxBuckets*3/4 {
		return
	}
	var oldest time.Time
	for _, b := range l.buckets {
		if oldest.IsZero() || b.at.Before(oldest) {
			oldest = b.at
		}
	}
	cut := oldest.Add(now.Sub(oldest) / 2)
	for k, b := range l.buckets {
		if b.at.Before(cut) || len(l.buckets) > maxBuckets*3/4 {
			delete(l.buckets, k)
		}
	}
}

// clientKey is the bucket key of a client address: the address itself for
// IPv4, and its /64 network for IPv6, since one household or server is
// given a whole /64 and can pick any address in it.
func clientKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil || a.Is4() {
		return ip
	}
	p, _ := a.Prefix(64)
	return p.String()
}
