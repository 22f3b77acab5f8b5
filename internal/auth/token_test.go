package auth

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

func TestAuth_SetupToken(t *testing.T) {
	a, _, clk, u := newTestAuth(t)
	tok := a.SetupToken(SetupLinkTTL)
	if err := a.CheckSetupToken(tok); err != nil {
		t.Fatalf("fresh token: %v", err)
	}
	p, sig, _ := strings.Cut(tok, ".")
	reset := a.UserToken(PurposeReset, u, time.Hour)
	rp, _, _ := strings.Cut(reset, ".")
	tests := map[string]string{
		"tampered payload":  p[:len(p)-2] + "xx" + "." + sig,
		"tampered sig":      p + "." + sig[:len(sig)-2] + "AA",
		"no sig":            p,
		"empty":             "",
		"other purpose":     reset,
		"other payload":     rp + "." + sig,
		"other server":      otherAuth(t).SetupToken(time.Hour),
		"garbage signature": p + ".!!!",
	}
	for name, tok := range tests {
		if err := a.CheckSetupToken(tok); herald.ErrorCode(err) != herald.EFORBIDDEN {
			t.Errorf("%s: %v, want EFORBIDDEN", name, err)
		}
	}
	clk.Advance(SetupLinkTTL)
	if err := a.CheckSetupToken(tok); herald.ErrorCode(err) != herald.EFORBIDDEN {
		t.Errorf("expired token: %v, want EFORBIDDEN", err)
	}
}

// otherAuth returns an Auth with its own secret.
func otherAuth(t *testing.T) *Auth {
	a, _, _, _ := newTestAuth(t)
	return a
}

func TestAuth_ResetToken(t *testing.T) {
	a, _, clk, u := newTestAuth(t)
	ctx := context.Background()
	tok := a.UserToken(PurposeReset, u, ResetLinkTTL)
	got, err := a.CheckUserToken(ctx, tok, PurposeReset)
	if err != nil || got.ID != u.ID {
		t.Fatalf("fresh token: %v, %v", got, err)
	}
	if _, err := a.CheckUserToken(ctx, tok, PurposeTwoFactor); err == nil {
		t.Error("reset token accepted as a two-factor token")
	}
	clk.Advance(30 * time.Minute)
	if err := a.SetPassword(ctx, got, "a much better passphrase", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := a.CheckUserToken(ctx, tok, PurposeReset); herald.ErrorCode(err) != herald.EFORBIDDEN {
		t.Errorf("token after the password changed: %v, want EFORBIDDEN", err)
	}
	tok = a.UserToken(PurposeReset, got, ResetLinkTTL)
	clk.Advance(ResetLinkTTL + time.Second)
	if _, err := a.CheckUserToken(ctx, tok, PurposeReset); herald.ErrorCode(err) != herald.EFORBIDDEN {
		t.Errorf("expired token: %v, want EFORBIDDEN", err)
	}
}

func TestLink(t *testing.T) {
	got := Link("http://127.0.0.1:8080/", SetupPath, "a.b")
	if got != "http://127.0.0.1:8080/admin/setup?token=a.b" {
		t.Errorf("got %q", got)
	}
}
