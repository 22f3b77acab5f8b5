package auth

import (
	"context"
	"encoding/base32"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// TestHOTP_RFC6238 checks the SHA-1 test vectors of RFC 6238, appendix B.
func TestHOTP_RFC6238(t *testing.T) {
	key := []byte("12345678901234567890")
	secret := base32.StdEncoding.EncodeToString(key)
	tests := []struct {
		unix int64
		want string
	}{
		{59, "94287082"},
		{1111111109, "07081804"},
		{1111111111, "14050471"},
		{1234567890, "89005924"},
		{2000000000, "69279037"},
		{20000000000, "65353130"},
	}
	for _, tt := range tests {
		if got := hotp(key, uint64(tt.unix/30), 8); got != tt.want {
			t.Errorf("T=%d: got %s, want %s", tt.unix, got, tt.want)
		}
		got, err := TOTPCode(secret, time.Unix(tt.unix, 0))
		if err != nil || got != tt.want[2:] {
			t.Errorf("TOTPCode T=%d: got %s, %v, want %s", tt.unix, got, err, tt.want[2:])
		}
	}
}

func TestValidTOTP(t *testing.T) {
	secret := NewTOTPSecret()
	now := time.Unix(1_800_000_000, 0)
	code, _ := TOTPCode(secret, now)
	tests := []struct {
		name string
		code string
		at   time.Time
		want bool
	}{
		{"now", code, now, true},
		{"with spaces", code[:3] + " " + code[3:], now, true},
		{"one step late", code, now.Add(30 * time.Second), true},
		{"one step early", code, now.Add(-30 * time.Second), true},
		{"two steps late", code, now.Add(61 * time.Second), false},
		{"wrong", "000000", now, code == "000000"},
		{"too short", code[:5], now, false},
	}
	for _, tt := range tests {
		if got := ValidTOTP(secret, tt.code, tt.at); got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	if ValidTOTP("not base32!", code, now) {
		t.Error("a bad secret accepted a code")
	}
}

func TestTOTPURI(t *testing.T) {
	uri := TOTPURI("Herald News", "ann@example.com", "JBSWY3DPEHPK3PXP")
	u, err := url.Parse(uri)
	if err != nil {
		t.Fatal(err)
	}
	if u.Scheme != "otpauth" || u.Host != "totp" || u.Path != "/Herald News:ann@example.com" {
		t.Errorf("uri %q: wrong scheme, type or label", uri)
	}
	q := u.Query()
	if q.Get("secret") != "JBSWY3DPEHPK3PXP" || q.Get("issuer") != "Herald News" || q.Get("digits") != "6" || q.Get("period") != "30" {
		t.Errorf("uri %q: wrong parameters", uri)
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes, hashes := NewRecoveryCodes()
	if len(codes) != RecoveryCodeCount || len(hashes) != RecoveryCodeCount {
		t.Fatalf("got %d codes and %d hashes", len(codes), len(hashes))
	}
	seen := map[string]bool{}
	for i, c := range codes {
		if seen[c] || len(c) != 19 {
			t.Errorf("code %q repeated or of the wrong length", c)
		}
		seen[c] = true
		if hashRecoveryCode(strings.ToUpper(strings.ReplaceAll(c, "-", " "))) != hashes[i] || strings.Contains(hashes[i], c) {
			t.Errorf("code %q does not match its hash regardless of case and separators", c)
		}
	}
}

func TestAuth_TwoFactor(t *testing.T) {
	a, st, clk, u := newTestAuth(t)
	ctx := context.Background()
	secret := NewTOTPSecret()
	if _, err := a.EnableTOTP(ctx, u, secret, "123"); herald.ErrorCode(err) != herald.EINVALID {
		t.Fatalf("enable with a wrong code: %v, want EINVALID", err)
	}
	code, _ := TOTPCode(secret, clk.Now())
	codes, err := a.EnableTOTP(ctx, u, secret, code)
	if err != nil {
		t.Fatal(err)
	}
	stored, _ := st.FindUser(ctx, u.ID)
	if stored.TOTPSecret != secret || len(stored.RecoveryCodes) != RecoveryCodeCount {
		t.Fatalf("stored user: secret %q, %d recovery codes", stored.TOTPSecret, len(stored.RecoveryCodes))
	}
	if err := a.VerifySecondFactor(ctx, stored, code, "192.0.2.1"); herald.ErrorCode(err) != herald.EUNAUTHORIZED {
		t.Errorf("the code that turned it on, again: %v, want EUNAUTHORIZED", err)
	}
	clk.Advance(30 * time.Second)
	code, _ = TOTPCode(secret, clk.Now())
	if err := a.VerifySecondFactor(ctx, stored, code, "192.0.2.1"); err != nil {
		t.Errorf("app code: %v", err)
	}
	if err := a.VerifySecondFactor(ctx, stored, code, "192.0.2.1"); herald.ErrorCode(err) != herald.EUNAUTHORIZED {
		t.Errorf("app code used twice: %v, want EUNAUTHORIZED", err)
	}
	if err := a.VerifySecondFactor(ctx, stored, codes[3], "192.0.2.1"); err != nil {
		t.Errorf("recovery code: %v", err)
	}
	stored, _ = st.FindUser(ctx, u.ID)
	if err := a.VerifySecondFactor(ctx, stored, codes[3], "192.0.2.1"); herald.ErrorCode(err) != herald.EUNAUTHORIZED {
		t.Errorf("recovery code used twice: %v, want EUNAUTHORIZED", err)
	}
	for range MaxFailures {
		_ = a.VerifySecondFactor(ctx, stored, "000000x", "192.0.2.1")
	}
	if err := a.VerifySecondFactor(ctx, stored, code, "192.0.2.1"); herald.ErrorCode(err) != herald.ETOOMANY {
		t.Errorf("after %d wrong codes: %v, want ETOOMANY", MaxFailures, err)
	}
	if err := a.DisableTOTP(ctx, stored); err != nil {
		t.Fatal(err)
	}
	if stored, _ = st.FindUser(ctx, u.ID); stored.TOTPSecret != "" || len(stored.RecoveryCodes) != 0 {
		t.Error("two-factor still on after DisableTOTP")
	}
}
