package herald

import (
	"net/mail"
	"time"
)

// Role is what a member of the newsroom may do.
type Role string

// Roles, from most to least powerful.
const (
	RoleAdmin       Role = "admin"
	RoleEditor      Role = "editor"
	RoleAuthor      Role = "author"
	RoleContributor Role = "contributor"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RoleAdmin, RoleEditor, RoleAuthor, RoleContributor:
		return true
	}
	return false
}

// User is a member of the newsroom; authors are users. Email and
// PasswordHash are private and never shown on public pages.
type User struct {
	ID           int64
	Name         string
	Slug         string
	Bio          string
	Email        string
	Role         Role
	PasswordHash string
	PhotoMediaID int64
	CreatedAt    time.Time
	// TOTPSecret is the base32 secret of the user's authenticator app;
	// empty when two-factor sign-in is off.
	TOTPSecret string
	// RecoveryCodes are hashes of the unused one-time recovery codes.
	RecoveryCodes []string
}

// Validate checks the user's own fields.
func (u *User) Validate() error {
	fe := FieldErrors{}
	checkText(fe, "name", u.Name, 100, true)
	checkText(fe, "bio", u.Bio, 2000, false)
	if err := ValidateSlug(u.Slug); err != nil {
		fe.Add("slug", err.Error())
	}
	if a, err := mail.ParseAddress(u.Email); err != nil || a.Address != u.Email || len(u.Email) > 254 {
		fe.Add("email", "must be an email address such as name@example.com")
	}
	if !u.Role.Valid() {
		fe.Add("role", "must be one of admin, editor, author, contributor")
	}
	return fe.Err()
}

// UserFilter selects users. Zero fields do not filter.
type UserFilter struct {
	ID     int64
	Slug   string
	Email  string // matched without regard to case
	Offset int
	Limit  int
}
