package admin

import (
	"fmt"
	"net/http"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/markup"
)

// setupView is the first-admin page reached by the link `herald serve`
// prints while nobody can sign in as an admin.
type setupView struct {
	chrome
	Token  string
	Name   string
	Email  string
	Errors herald.FieldErrors
}

func (setupView) template() string { return "auth-setup" }

// setupForm is the first admin's input.
type setupForm struct {
	Token    string `form:"token"`
	Name     string `form:"name"`
	Email    string `form:"email"`
	Password string `form:"password"`
	Confirm  string `form:"confirm"`
}

// errSetUp refuses the setup page once the newsroom has a member.
var errSetUp = herald.Errorf(herald.EGONE,
	"The newsroom is already set up. Sign in, or ask an administrator for an account.")

// checkSetup returns an error unless token is a live setup token and
// nobody can sign in as an admin yet.
func (a *Admin) checkSetup(r *http.Request, token string) error {
	needed, err := a.auth.NeedsFirstAdmin(r.Context())
	if err != nil {
		return err
	}
	if !needed {
		return errSetUp
	}
	return a.auth.CheckSetupToken(token)
}

// setupPage shows the form that makes the first admin.
func (a *Admin) setupPage(w http.ResponseWriter, r *http.Request) error {
	tok := r.URL.Query().Get("token")
	if err := a.checkSetup(r, tok); err != nil {
		return err
	}
	return a.renderPage(w, r, http.StatusOK, "Set up the newsroom", &setupView{Token: tok})
}

// setupPost makes the first admin and signs them in.
func (a *Admin) setupPost(w http.ResponseWriter, r *http.Request) error {
	var f setupForm
	if _, err := decodeForm(r, &f); err != nil {
		return err
	}
	if err := a.checkSetup(r, f.Token); err != nil {
		return err
	}
	u := &herald.User{Name: f.Name, Email: f.Email, Role: herald.RoleAdmin, Slug: markup.Slugify(f.Name)}
	if u.Slug == "" {
		u.Slug = "admin"
	}
	fe := newPasswordErrors(f.Password, f.Confirm, f.Email)
	if err := u.Validate(); err != nil {
		for k, msg := range fieldErrors(err) {
			fe.Add(k, msg)
		}
	}
	if len(fe) > 0 {
		v := &setupView{Token: f.Token, Name: f.Name, Email: f.Email, Errors: fe}
		return a.renderPage(w, r, http.StatusBadRequest, "Set up the newsroom", v)
	}
	var err error
	if u.PasswordHash, err = auth.HashPassword(f.Password); err != nil {
		return err
	}
	if err := a.store.CreateUser(r.Context(), u); err != nil {
		return err
	}
	if err := a.record(r, "user.create", userSubject(u), fmt.Sprintf("%s <%s>, admin, from the setup link", u.Name, u.Email)); err != nil {
		return err
	}
	if _, err := a.auth.SignIn(w, r, u); err != nil {
		return err
	}
	redirect(w, r, "/admin/", "Welcome, "+u.Name+". The newsroom is yours.")
	return nil
}

// newPasswordErrors checks a new password and its confirmation.
func newPasswordErrors(password, confirm, email string) herald.FieldErrors {
	fe := herald.FieldErrors{}
	if err := auth.ValidatePassword(password, email); err != nil {
		fe.Add("password", herald.ErrorMessage(err))
	} else if confirm != password {
		fe.Add("confirm", "The two passwords differ. Type the same password twice.")
	}
	return fe
}
