package auth

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

// Token purposes; a token made for one is refused for any other.
const (
	PurposeSetup     = "setup"     // create the first admin
	PurposeReset     = "reset"     // set a user's password
	PurposeTwoFactor = "twofactor" // finish a sign-in with a second factor
)

// Link lifetimes.
const (
	SetupLinkTTL     = time.Hour
	ResetLinkTTL     = time.Hour
	TwoFactorStepTTL = 10 * time.Minute
)

// Newsroom paths that links point to.
const (
	SetupPath = "/admin/setup"
	ResetPath = "/admin/reset"
)

// claims are what a token says. Fingerprint ties it to the user's password
// hash, so that a reset link stops working once the password changed.
type claims struct {
	Purpose     string `json:"p"`
	UserID      int64  `json:"u,omitempty"`
	Expires     int64  `json:"e"`
	Fingerprint string `json:"f,omitempty"`
}

var errBadLink = &herald.Error{Code: herald.EFORBIDDEN,
	Message: "This link is not valid: it may have expired or been used already. Ask for a new one."}

// sign returns a token: base64url(JSON claims) "." base64url(HMAC-SHA256).
func (a *Auth) sign(c claims) string {
	body, _ := json.Marshal(c) // claims always marshal
	p := base64.RawURLEncoding.EncodeToString(body)
	return p + "." + base64.RawURLEncoding.EncodeToString(a.tokenMAC(p))
}

// verify returns the claims of a token made for purpose and not expired.
func (a *Auth) verify(token, purpose string) (claims, error) {
	var c claims
	p, sig, ok := strings.Cut(token, ".")
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if !ok || err != nil || !hmac.Equal(got, a.tokenMAC(p)) {
		return c, errBadLink
	}
	body, err := base64.RawURLEncoding.DecodeString(p)
	if err != nil || json.Unmarshal(body, &c) != nil || c.Purpose != purpose || a.now().Unix() >= c.Expires {
		return c, errBadLink
	}
	return c, nil
}

func (a *Auth) tokenMAC(payload string) []byte {
	m := hmac.New(sha256.New, a.tokenKey)
	m.Write([]byte(payload))
	return m.Sum(nil)
}

// fingerprint identifies a password hash without revealing it.
func (a *Auth) fingerprint(hash string) string {
	m := hmac.New(sha256.New, a.tokenKey)
	m.Write([]byte("password:" + hash))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)[:12])
}

// SetupToken returns a token for the first-admin setup page, valid for ttl.
func (a *Auth) SetupToken(ttl time.Duration) string {
	return a.sign(claims{Purpose: PurposeSetup, Expires: a.now().Add(ttl).Unix()})
}

// CheckSetupToken returns an EFORBIDDEN error unless token is a live setup
// token. The setup page must also check that there is still no user.
func (a *Auth) CheckSetupToken(token string) error {
	_, err := a.verify(token, PurposeSetup)
	return err
}

// UserToken returns a token for the purpose (PurposeReset or
// PurposeTwoFactor) about u, valid for ttl and only while u's password
// stays the same.
func (a *Auth) UserToken(purpose string, u *herald.User, ttl time.Duration) string {
	return a.sign(claims{Purpose: purpose, UserID: u.ID, Expires: a.now().Add(ttl).Unix(),
		Fingerprint: a.fingerprint(u.PasswordHash)})
}

// CheckUserToken returns the user of a live token made by UserToken for
// the purpose, or an EFORBIDDEN error.
func (a *Auth) CheckUserToken(ctx context.Context, token, purpose string) (*herald.User, error) {
	c, err := a.verify(token, purpose)
	if err != nil {
		return nil, err
	}
	u, err := a.store.FindUser(ctx, c.UserID)
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		return nil, errBadLink
	} else if err != nil {
		return nil, fmt.Errorf("user of token: %w", err)
	}
	if !hmac.Equal([]byte(c.Fingerprint), []byte(a.fingerprint(u.PasswordHash))) {
		return nil, errBadLink
	}
	return u, nil
}

// Link returns base (e.g. "https://news.example") joined with a
// newsroom path and the token as its query.
func Link(base, path, token string) string {
	return strings.TrimRight(base, "/") + path + "?" + url.Values{"token": {token}}.Encode()
}

// NeedsFirstAdmin reports whether nobody can sign in as an admin: there is
// no user at all, or no admin has a password yet (as after loading the demo,
// whose authors have none). Then the setup link may make the first admin.
func (a *Auth) NeedsFirstAdmin(ctx context.Context) (bool, error) {
	const page = 500
	for offset := 0; ; offset += page {
		users, err := a.store.FindUsers(ctx, herald.UserFilter{Offset: offset, Limit: page})
		if err != nil {
			return false, err
		}
		for _, u := range users {
			if u.Role == herald.RoleAdmin && u.PasswordHash != "" {
				return false, nil
			}
		}
		if len(users) < page {
			return true, nil
		}
	}
}
