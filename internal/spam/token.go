package spam

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"time"
)

// Token errors. The web layer shows the form again on each of them, with
// everything typed kept.
var (
	// ErrTokenInvalid: the token is missing, malformed, forged or for
	// another article.
	ErrTokenInvalid = errors.New("spam: invalid form token")
	// ErrTooFast: the form came back sooner than a person types.
	ErrTooFast = errors.New("spam: form sent too fast")
	// ErrTokenExpired: the form was served too long ago.
	ErrTokenExpired = errors.New("spam: form token expired")
)

// Default limits of a Tokens with zero MinFill or MaxAge.
const (
	DefaultMinFill = 3 * time.Second
	DefaultMaxAge  = 24 * time.Hour
)

// tokenDomain keeps these MACs apart from any other use of the key.
const tokenDomain = "herald comment form\x00"

// Tokens issues and checks the signed token a comment form carries: it
// names the article and the time the form was served, so that a form
// posted back too soon, too late, or to another article is refused.
type Tokens struct {
	Key     []byte           // HMAC key, a server secret
	MinFill time.Duration    // DefaultMinFill when zero
	MaxAge  time.Duration    // DefaultMaxAge when zero
	Now     func() time.Time // time.Now when nil
}

// Issue returns the token for a form about articleID served now.
func (t Tokens) Issue(articleID int64) string {
	payload := strconv.FormatInt(articleID, 10) + "." + strconv.FormatInt(t.now().Unix(), 10)
	return payload + "." + t.mac(payload)
}

// Check returns nil when token was issued for articleID by this key at
// least MinFill and at most MaxAge ago.
func (t Tokens) Check(token string, articleID int64) error {
	i := strings.LastIndexByte(token, '.')
	if i < 0 || !hmac.Equal([]byte(token[i+1:]), []byte(t.mac(token[:i]))) {
		return ErrTokenInvalid
	}
	id, served, ok := parsePayload(token[:i])
	if !ok || id != articleID {
		return ErrTokenInvalid
	}
	age := t.now().Sub(served)
	if age < t.minFill() {
		return ErrTooFast
	}
	if age > t.maxAge() {
		return ErrTokenExpired
	}
	return nil
}

// parsePayload splits "articleID.unixSeconds".
func parsePayload(p string) (id int64, served time.Time, ok bool) {
	a, b, found := strings.Cut(p, ".")
	id, err1 := strconv.ParseInt(a, 10, 64)
	sec, err2 := strconv.ParseInt(b, 10, 64)
	if !found || err1 != nil || err2 != nil {
		return 0, time.Time{}, false
	}
	return id, time.Unix(sec, 0), true
}

// mac signs payload.
func (t Tokens) mac(payload string) string {
	m := hmac.New(sha256.New, t.Key)
	m.Write([]byte(tokenDomain + payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// now is the injected clock or time.Now.
func (t Tokens) now() time.Time {
	if t.Now == nil {
		return time.Now()
	}
	return t.Now()
}

// minFill is MinFill or its default.
func (t Tokens) minFill() time.Duration {
	if t.MinFill <= 0 {
		return DefaultMinFill
	}
	return t.MinFill
}

// maxAge is MaxAge or its default.
func (t Tokens) maxAge() time.Duration {
	if t.MaxAge <= 0 {
		return DefaultMaxAge
	}
	return t.MaxAge
}
