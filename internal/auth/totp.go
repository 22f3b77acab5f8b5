package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

// TOTP parameters (RFC 6238 defaults, which every authenticator app
// supports): HMAC-SHA-1, 6 digits, 30-second steps.
const (
	totpStep   = 30 * time.Second
	totpDigits = 6
	// totpSkew is how many steps before or after now a code may be from,
	// for clocks that differ.
	totpSkew = 1
	// RecoveryCodeCount is how many recovery codes a user gets.
	RecoveryCodeCount = 10
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewTOTPSecret returns a random 160-bit secret in base32, as
// authenticator apps take it.
func NewTOTPSecret() string {
	return b32.EncodeToString(randomBytes(20))
}

// TOTPCode returns the code for the base32 secret at time t.
func TOTPCode(secret string, t time.Time) (string, error) {
	key, err := b32.DecodeString(strings.ToUpper(strings.TrimRight(strings.ReplaceAll(secret, " ", ""), "=")))
	if err != nil || len(key) == 0 {
		return "", fmt.Errorf("auth: bad TOTP secret")
	}
	return hotp(key, uint64(t.Unix())/uint64(totpStep/time.Second), totpDigits), nil
}

// hotp is RFC 4226's HOTP with SHA-1.
func hotp(key []byte, counter uint64, digits int) string {
	m := hmac.New(sha1.New, key)
	_ = binary.Write(m, binary.BigEndian, counter)
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:]) & 0x7fffffff
	mod := uint32(1)
	for range digits {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, v%mod)
}

// ValidTOTP reports whether code is the secret's code at t or one step
// before or after it.
func ValidTOTP(secret, code string, t time.Time) bool {
	_, ok := matchTOTP(secret, code, t)
	return ok
}

// matchTOTP returns the time step whose code code is, within one step of t.
func matchTOTP(secret, code string, t time.Time) (step int64, ok bool) {
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	if len(code) != totpDigits {
		return 0, false
	}
	for i := -totpSkew; i <= totpSkew; i++ {
		at := t.Add(time.Duration(i) * totpStep)
		want, err := TOTPCode(secret, at)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			step, ok = at.Unix()/int64(totpStep/time.Second), true
		}
	}
	return step, ok
}

// TOTPURI returns the otpauth:// URI that enrols the secret in an
// authenticator app, labelled with the issuer and the account.
func TOTPURI(issuer, account, secret string) string {
	label := url.PathEscape(issuer) + ":" + url.PathEscape(account)
	q := url.Values{"secret": {secret}, "issuer": {issuer}, "algorithm": {"SHA1"},
		"digits": {fmt.Sprint(totpDigits)}, "period": {fmt.Sprint(int(totpStep / time.Second))}}
	return "otpauth://totp/" + label + "?" + q.Encode()
}

// NewRecoveryCodes returns RecoveryCodeCount fresh one-time codes to show
// the user once, and their hashes to store.
func NewRecoveryCodes() (codes, hashes []string) {
	enc := base32.StdEncoding.WithPadding(base32.NoPadding)
	for range RecoveryCodeCount {
		c := strings.ToLower(enc.EncodeToString(randomBytes(10))) // 80 bits, 16 letters
		c = c[:4] + "-" + c[4:8] + "-" + c[8:12] + "-" + c[12:]
		codes = append(codes, c)
		hashes = append(hashes, hashRecoveryCode(c))
	}
	return codes, hashes
}

// hashRecoveryCode hashes a code as typed, ignoring case, spaces and dashes.
func hashRecoveryCode(code string) string {
	c := strings.ToLower(strings.NewReplacer("-", "", " ", "").Replace(strings.TrimSpace(code)))
	sum := sha256.Sum256([]byte("herald-recovery:" + c))
	return hex.EncodeToString(sum[:])
}

// EnableTOTP turns two-factor sign-in on for u with the secret, once code
// shows that the user's app has it. It returns the recovery codes to show.
func (a *Auth) EnableTOTP(ctx context.Context, u *herald.User, secret, code string) ([]string, error) {
	step, ok := matchTOTP(secret, code, a.now())
	if !ok {
		return nil, &herald.Error{Code: herald.EINVALID, Field: "code",
			Message: "That code is not right. Type the 6 digits your app shows now."}
	}
	codes, hashes := NewRecoveryCodes()
	u.TOTPSecret, u.RecoveryCodes = secret, hashes
	if err := a.store.UpdateUser(ctx, u); err != nil {
		return nil, fmt.Errorf("enable two-factor for user %d: %w", u.ID, err)
	}
	a.audit(ctx, u.ID, "totp_enable", fmt.Sprintf("user %d", u.ID), "")
	return codes, a.useTOTPStep(ctx, u.ID, step, twoFactorKey(u.ID))
}

// useTOTPStep accepts an app code of the time step once: a code seen
// signing in (say, over a shoulder) cannot be used again (RFC 6238, 5.2).
// The throttle store keeps the used steps, so this holds across processes.
func (a *Auth) useTOTPStep(ctx context.Context, userID, step int64, failKey string) error {
	used := fmt.Sprintf("totp-used:%d:%d", userID, step)
	n, _, err := a.store.CountFailures(ctx, used, a.now().UTC().Add(-FailureWindow))
	if err != nil {
		return fmt.Errorf("check used code: %w", err)
	}
	if n > 0 {
		return &herald.Error{Code: herald.EUNAUTHORIZED, Field: "code",
			Message: "That code was used already. Wait for the next one your app shows."}
	}
	if err := a.store.RecordFailure(ctx, used, a.now().UTC()); err != nil {
		return fmt.Errorf("record used code: %w", err)
	}
	return a.store.ClearFailures(ctx, failKey)
}

// DisableTOTP turns two-factor sign-in off for u.
func (a *Auth) DisableTOTP(ctx context.Context, u *herald.User) error {
	u.TOTPSecret, u.RecoveryCodes = "", nil
	if err := a.store.UpdateUser(ctx, u); err != nil {
		return fmt.Errorf("disable two-factor for user %d: %w", u.ID, err)
	}
	a.audit(ctx, u.ID, "totp_disable", fmt.Sprintf("user %d", u.ID), "")
	return nil
}

// VerifySecondFactor checks a code from the user's authenticator app or
// one of their recovery codes, which is then used up. Failures are
// throttled per user.
func (a *Auth) VerifySecondFactor(ctx context.Context, u *herald.User, code, ip string) error {
	key := twoFactorKey(u.ID)
	if err := a.checkThrottle(ctx, "wrong codes", key); err != nil {
		return err
	}
	if step, ok := matchTOTP(u.TOTPSecret, code, a.now()); ok {
		return a.useTOTPStep(ctx, u.ID, step, key)
	}
	h := hashRecoveryCode(code)
	if i := slices.IndexFunc(u.RecoveryCodes, func(s string) bool { return hmac.Equal([]byte(s), []byte(h)) }); i >= 0 {
		u.RecoveryCodes = slices.Delete(slices.Clone(u.RecoveryCodes), i, i+1)
		if err := a.store.UpdateUser(ctx, u); err != nil {
			return fmt.Errorf("use recovery code of user %d: %w", u.ID, err)
		}
		a.audit(ctx, u.ID, "recovery_code_used", fmt.Sprintf("user %d", u.ID), ip)
		return a.store.ClearFailures(ctx, key)
	}
	if err := a.recordFailure(ctx, key); err != nil {
		return err
	}
	a.audit(ctx, u.ID, "sign_in_failed", "second factor", ip)
	return &herald.Error{Code: herald.EUNAUTHORIZED, Field: "code",
		Message: "That code is not right. Type the 6 digits your app shows now, or a recovery code."}
}
