package auth

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

func TestAuth_Authenticate(t *testing.T) {
	a, _, _, u := newTestAuth(t)
	ctx := context.Background()
	got, err := a.Authenticate(ctx, " ANN@example.com ", "correct horse battery", "192.0.2.1")
	if err != nil || got.ID != u.ID {
		t.Fatalf("right password: %v, %v", got, err)
	}
	for _, tt := range []struct{ email, password string }{
		{"ann@example.com", "wrong password"},
		{"nobody@example.com", "correct horse battery"},
		{"", ""},
	} {
		if _, err := a.Authenticate(ctx, tt.email, tt.password, "192.0.2.1"); herald.ErrorCode(err) != herald.EUNAUTHORIZED {
			t.Errorf("%q/%q: %v, want EUNAUTHORIZED", tt.email, tt.password, err)
		}
	}
}

func TestAuth_Throttle(t *testing.T) {
	a, _, clk, _ := newTestAuth(t)
	ctx := context.Background()
	for i := range MaxFailures {
		if _, err := a.Authenticate(ctx, "ann@example.com", "wrong", "192.0.2.1"); herald.ErrorCode(err) != herald.EUNAUTHORIZED {
			t.Fatalf("failure %d: %v", i, err)
		}
		clk.Advance(time.Minute)
	}
	// The account is locked, even with the right password and from another address.
	_, err := a.Authenticate(ctx, "ann@example.com", "correct horse battery", "198.51.100.7")
	wait, ok := RetryAfter(err)
	if herald.ErrorCode(err) != herald.ETOOMANY || !ok || wait != 10*time.Minute {
		t.Fatalf("locked account: %v (retry after %v), want ETOOMANY in 10 minutes", err, wait)
	}
	if msg := herald.ErrorMessage(err); msg != "Too many failed sign-ins. Try again in 10 minutes." {
		t.Errorf("message %q", msg)
	}
	// The address is locked for other accounts too.
	if _, err := a.Authenticate(ctx, "bob@example.com", "x", "192.0.2.1"); herald.ErrorCode(err) != herald.ETOOMANY {
		t.Errorf("locked address: %v, want ETOOMANY", err)
	}
	// When the oldest failure ages out, one more attempt is allowed.
	clk.Advance(10 * time.Minute)
	if _, err := a.Authenticate(ctx, "ann@example.com", "correct horse battery", "198.51.100.7"); err != nil {
		t.Errorf("after the window: %v", err)
	}
}

func TestHumanDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		500 * time.Millisecond: "1 second", 59 * time.Second: "59 seconds",
		time.Minute: "1 minute", 61 * time.Second: "2 minutes", 12 * time.Minute: "12 minutes",
	} {
		if got := humanDuration(d); got != want {
			t.Errorf("%v: got %q, want %q", d, got, want)
		}
	}
}

func TestAuth_SetPassword(t *testing.T) {
	a, st, _, u := newTestAuth(t)
	ctx := context.Background()
	if err := a.SetPassword(ctx, u, "password123", ""); err == nil || !strings.Contains(herald.ErrorMessage(err), "common") {
		t.Errorf("common password: %v", err)
	}
	if err := a.SetPassword(ctx, u, "a much better passphrase", ""); err != nil {
		t.Fatal(err)
	}
	got, _ := st.FindUser(ctx, u.ID)
	if !CheckPassword(got.PasswordHash, "a much better passphrase") {
		t.Error("new password does not check")
	}
}
