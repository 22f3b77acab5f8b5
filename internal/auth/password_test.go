package auth

import (
	"strings"
	"testing"

	"github.com/herald-news/herald"
)

func TestHashPassword(t *testing.T) {
	h, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not a PHC argon2id string with the expected parameters", h)
	}
	h2, _ := HashPassword("correct horse battery")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
	tests := []struct {
		name, hash, password string
		want                 bool
	}{
		{"right", h, "correct horse battery", true},
		{"wrong", h, "correct horse battery!", false},
		{"empty password", h, "", false},
		{"empty hash", "", "", false},
		{"not argon", "$2a$10$abcdefghijklmnopqrstuv", "x", false},
		{"huge memory refused", strings.Replace(h, "m=19456", "m=99999999", 1), "correct horse battery", false},
		{"other parameters still check", mustHashWith(t, "pw", 8, 1), "pw", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := CheckPassword(tt.hash, tt.password); got != tt.want {
				t.Errorf("CheckPassword = %v, want %v", got, tt.want)
			}
		})
	}
}

// mustHashWith hashes with other argon2 parameters, as an older Herald might.
func mustHashWith(t *testing.T, pw string, memory, time uint32) string {
	t.Helper()
	h, _ := HashPassword(pw)
	p, err := parseHash(h)
	if err != nil {
		t.Fatal(err)
	}
	return rehash(pw, p.salt, memory, time)
}

func TestValidatePassword(t *testing.T) {
	tests := []struct {
		password, email string
		want            string // part of the message, "" for none
	}{
		{"correct horse battery", "ann@example.com", ""},
		{"short", "", "at least 10 characters"},
		{strings.Repeat("x", 257), "", "at most 256"},
		{"Password123", "", "too common"},
		{"QWERTYUIOP", "", "too common"},
		{"aaaaaaaaaaaa", "", "too common"},
		{"ann.smith@example.com", "Ann.Smith@example.com", "email"},
		{"annsmith12", "annsmith12@example.com", "email"},
		{"пароль-для-газеты", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.password[:min(len(tt.password), 20)], func(t *testing.T) {
			err := ValidatePassword(tt.password, tt.email)
			if tt.want == "" {
				if err != nil {
					t.Errorf("got %v, want nil", err)
				}
				return
			}
			var e *herald.Error
			if !errorsAs(err, &e) || e.Code != herald.EINVALID || e.Field != "password" || !strings.Contains(e.Message, tt.want) {
				t.Errorf("got %v, want EINVALID on password containing %q", err, tt.want)
			}
		})
	}
}

func TestCommonList(t *testing.T) {
	if len(common) < 300 {
		t.Errorf("common list has %d passwords, want a few hundred", len(common))
	}
}

func TestUnguessableHash(t *testing.T) {
	h := unguessableHash()
	p, err := parseHash(h)
	if err != nil {
		t.Fatalf("unguessableHash() = %q does not parse: %v", h, err)
	}
	if p.memory != argonMemory || p.time != argonTime || len(p.key) != argonKeyLen {
		t.Errorf("unguessableHash() parameters %+v differ from a real hash's, so a check would take another time", p)
	}
	if CheckPassword(h, "") || CheckPassword(h, "correct horse battery staple") {
		t.Errorf("a password matched the unguessable hash")
	}
	if unguessableHash() == h {
		t.Errorf("two unguessable hashes are equal")
	}
}
