package auth

import (
	"context"
	"fmt"
	"strings"

	"github.com/herald-news/herald"
)

// errWrongLogin does not say which of email or password was wrong.
var errWrongLogin = &herald.Error{Code: herald.EUNAUTHORIZED, Field: "password",
	Message: "The email or the password is not right."}

// Authenticate checks an email and password from the address ip. It
// returns the user, EUNAUTHORIZED when they do not match, or a
// ThrottledError after too many failures for the email or the address.
// A user with two-factor sign-in still needs VerifySecondFactor.
func (a *Auth) Authenticate(ctx context.Context, email, password, ip string) (*herald.User, error) {
	email = strings.TrimSpace(email)
	keys := []string{emailKey(email), ipKey(ip)}
	if err := a.checkThrottle(ctx, "failed sign-ins", keys...); err != nil {
		return nil, err
	}
	u, err := a.FindUserByEmail(ctx, email)
	if err != nil && herald.ErrorCode(err) != herald.ENOTFOUND {
		return nil, err
	}
	if u == nil || u.PasswordHash == "" {
		CheckPassword(a.dummyHash, password) // take as long as a real check
	}
	if u == nil || !CheckPassword(u.PasswordHash, password) {
		if err := a.recordFailure(ctx, keys...); err != nil {
			return nil, err
		}
		a.audit(ctx, 0, "sign_in_failed", truncate(email, 254), ip)
		return nil, errWrongLogin
	}
	if err := a.store.ClearFailures(ctx, emailKey(email)); err != nil {
		return nil, fmt.Errorf("clear failures: %w", err)
	}
	return u, nil
}

// FindUserByEmail returns the user with the email, compared without regard
// to case, or ENOTFOUND.
func (a *Auth) FindUserByEmail(ctx context.Context, email string) (*herald.User, error) {
	if email == "" {
		return nil, herald.Errorf(herald.ENOTFOUND, "No such user.")
	}
	us, err := a.store.FindUsers(ctx, herald.UserFilter{Email: email, Limit: 1})
	if err != nil {
		return nil, fmt.Errorf("find user by email: %w", err)
	}
	if len(us) == 0 {
		return nil, herald.Errorf(herald.ENOTFOUND, "No such user.")
	}
	return us[0], nil
}

// SetPassword checks the new password against the policy, stores its hash
// and signs the user out of every session but except (which may be "").
func (a *Auth) SetPassword(ctx context.Context, u *herald.User, password, except string) error {
	if err := ValidatePassword(password, u.Email); err != nil {
		return err
	}
	hash, err := HashPassword(password)
	if err != nil {
		return err
	}
	u.PasswordHash = hash
	if err := a.store.UpdateUser(ctx, u); err != nil {
		return fmt.Errorf("set password of user %d: %w", u.ID, err)
	}
	if err := a.store.DeleteUserSessions(ctx, u.ID, except); err != nil {
		return fmt.Errorf("end sessions of user %d: %w", u.ID, err)
	}
	a.audit(ctx, u.ID, "password_change", fmt.Sprintf("user %d", u.ID), "")
	return nil
}

// AllowResetRequest counts a password-reset request from ip and refuses
// it with a ThrottledError when the address asks too often.
func (a *Auth) AllowResetRequest(ctx context.Context, ip string) error {
	if err := a.checkThrottle(ctx, "reset requests", resetKey(ip)); err != nil {
		return err
	}
	return a.recordFailure(ctx, resetKey(ip))
}
