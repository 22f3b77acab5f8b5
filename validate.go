package herald

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// ValidateSlug checks that s is a URL slug: lower-case ASCII letters, digits
// and single hyphens, not at either end.
func ValidateSlug(s string) error {
	if s == "" {
		return errors.New("is required")
	}
	if len(s) > MaxSlugLen {
		return errors.New("is longer than 200 characters")
	}
	prev := byte('-')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-':
			if prev == '-' {
				return errors.New("may not start with a hyphen or have two in a row")
			}
		default:
			return errors.New("may hold only lower-case letters a–z, digits and hyphens")
		}
		prev = c
	}
	if prev == '-' {
		return errors.New("may not end with a hyphen")
	}
	return nil
}

// ValidLanguage reports whether tag looks like a BCP 47 language tag:
// a 2–3 letter primary subtag and optional alphanumeric subtags.
func ValidLanguage(tag string) bool {
	parts := strings.Split(tag, "-")
	if len(parts[0]) < 2 || len(parts[0]) > 3 {
		return false
	}
	for i, p := range parts {
		if len(p) == 0 || len(p) > 8 {
			return false
		}
		for _, c := range p {
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !letter && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

// checkText adds a field error when s is missing (and required), too long
// or not valid UTF-8 text.
func checkText(fe FieldErrors, field, s string, max int, required bool) {
	switch {
	case required && strings.TrimSpace(s) == "":
		fe.Add(field, "is required")
	case !utf8.ValidString(s):
		fe.Add(field, "is not valid UTF-8 text")
	case utf8.RuneCountInString(s) > max:
		fe.Add(field, "is too long")
	}
}
