package auth

import (
	"bufio"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"github.com/herald-news/herald"
)

// Argon2id parameters for new hashes: OWASP's recommendation of 19 MiB,
// two passes, one lane. Stored hashes carry their own parameters.
const (
	argonMemory  = 19 * 1024
	argonTime    = 2
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// Password length limits, in characters.
const (
	MinPasswordLength = 10
	MaxPasswordLength = 256
)

var b64 = base64.RawStdEncoding

// HashPassword returns the argon2id hash of password in the PHC string
// format: $argon2id$v=19$m=…,t=…,p=…$salt$hash.
func HashPassword(password string) (string, error) {
	salt := randomBytes(argonSaltLen)
	return encodeHash(salt, argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)), nil
}

// unguessableHash returns a hash with today's parameters that no password
// matches: checking a password against it costs what a real check costs,
// without spending the memory of hashing anything when it is made.
func unguessableHash() string {
	return encodeHash(randomBytes(argonSaltLen), randomBytes(argonKeyLen))
}

// encodeHash writes salt and key with today's parameters as a PHC string.
func encodeHash(salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// errBadHash reports a stored hash that is not an argon2id PHC string.
var errBadHash = errors.New("auth: not an argon2id hash")

// CheckPassword reports whether password matches the hash, comparing in
// constant time. An empty or malformed hash matches nothing.
func CheckPassword(hash, password string) bool {
	p, err := parseHash(hash)
	if err != nil {
		return false
	}
	key := argon2.IDKey([]byte(password), p.salt, p.time, p.memory, p.threads, uint32(len(p.key)))
	return subtle.ConstantTimeCompare(key, p.key) == 1
}

// argonHash is a parsed PHC string.
type argonHash struct {
	memory, time uint32
	threads      uint8
	salt, key    []byte
}

// parseHash parses an argon2id PHC string, refusing parameters that would
// make checking a password hang or exhaust memory.
func parseHash(s string) (argonHash, error) {
	var p argonHash
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[1] != "argon2id" || parts[2] != fmt.Sprintf("v=%d", argon2.Version) {
		return p, errBadHash
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, errBadHash
	}
	if p.memory < 8 || p.memory > 1<<20 || p.time < 1 || p.time > 10 || p.threads < 1 {
		return p, errBadHash
	}
	var err1, err2 error
	p.salt, err1 = b64.DecodeString(parts[4])
	p.key, err2 = b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(p.salt) < 8 || len(p.key) < 16 || len(p.key) > 64 {
		return p, errBadHash
	}
	return p, nil
}

//go:embed common-passwords.txt
var commonList string

// common holds the well-known passwords, lower-cased.
var common = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonList))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}()

// ValidatePassword checks a new password against the policy: 10 to 256
// characters, not a well-known password, not the email address. The error
// is an EINVALID *herald.Error about the field "password".
func ValidatePassword(password, email string) error {
	n := utf8.RuneCountInString(password)
	lower := strings.ToLower(password)
	local, _, _ := strings.Cut(strings.ToLower(email), "@")
	msg := ""
	switch {
	case n < MinPasswordLength:
		msg = fmt.Sprintf("Use at least %d characters; a few words together make a good password.", MinPasswordLength)
	case n > MaxPasswordLength:
		msg = fmt.Sprintf("Use at most %d characters.", MaxPasswordLength)
	case common[lower] || strings.Count(lower, lower[:1]) == len(lower):
		msg = "This password is too common and easy to guess. Choose another."
	case email != "" && (lower == strings.ToLower(email) || lower == local):
		msg = "Your password must not be your email address."
	default:
		return nil
	}
	return &herald.Error{Code: herald.EINVALID, Field: "password", Message: msg}
}
