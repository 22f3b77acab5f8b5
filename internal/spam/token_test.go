package spam

import (
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestTokens_Check(t *testing.T) {
	start := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	now := start
	tok := Tokens{Key: []byte("secret"), Now: func() time.Time { return now }}
	issued := tok.Issue(42)
	mac := issued[strings.LastIndexByte(issued, '.'):]
	earlier := "42." + strconv.FormatInt(start.Add(-time.Minute).Unix(), 10) + mac
	tests := []struct {
		name    string
		token   string
		article int64
		after   time.Duration
		key     string
		want    error
	}{
		{"in time", issued, 42, 10 * time.Second, "secret", nil},
		{"at minimum fill", issued, 42, DefaultMinFill, "secret", nil},
		{"too fast", issued, 42, time.Second, "secret", ErrTooFast},
		{"at expiry", issued, 42, DefaultMaxAge, "secret", nil},
		{"expired", issued, 42, DefaultMaxAge + time.Second, "secret", ErrTokenExpired},
		{"other article", issued, 43, 10 * time.Second, "secret", ErrTokenInvalid},
		{"other key", issued, 42, 10 * time.Second, "other", ErrTokenInvalid},
		{"empty", "", 42, 10 * time.Second, "secret", ErrTokenInvalid},
		{"tampered time", earlier, 42, 10 * time.Second, "secret", ErrTokenInvalid},
		{"no signature", "42.1795953600", 42, 10 * time.Second, "secret", ErrTokenInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			now = start.Add(tt.after)
			c := tok
			c.Key = []byte(tt.key)
			if got := c.Check(tt.token, tt.article); !errors.Is(got, tt.want) {
				t.Errorf("Check(%q, %d) = %v, want %v", tt.token, tt.article, got, tt.want)
			}
		})
	}
}

func TestTokens_CheckLimits(t *testing.T) {
	start := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	now := start
	tok := Tokens{Key: []byte("k"), MinFill: 10 * time.Second, MaxAge: time.Hour, Now: func() time.Time { return now }}
	issued := tok.Issue(7)
	for _, tt := range []struct {
		after time.Duration
		want  error
	}{{5 * time.Second, ErrTooFast}, {30 * time.Minute, nil}, {2 * time.Hour, ErrTokenExpired}} {
		now = start.Add(tt.after)
		if got := tok.Check(issued, 7); !errors.Is(got, tt.want) {
			t.Errorf("Check after %v = %v, want %v", tt.after, got, tt.want)
		}
	}
}

func FuzzTokens_Check(f *testing.F) {
	now := time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC)
	tok := Tokens{Key: []byte("secret"), Now: func() time.Time { return now }}
	f.Add(tok.Issue(1), int64(1))
	f.Add("1.2.3", int64(1))
	f.Fuzz(func(t *testing.T, token string, article int64) {
		err := tok.Check(token, article)
		if err == nil {
			t.Errorf("Check(%q, %d) accepted a token made less than MinFill ago or never issued", token, article)
		}
	})
}
