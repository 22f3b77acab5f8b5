package admin

import (
	"net/http"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/httpx"
)

// resetRequestView asks for the email of the account whose password was
// forgotten.
type resetRequestView struct {
	chrome
	Email   string
	Sent    bool
	Errors  herald.FieldErrors
	Message string
}

func (resetRequestView) template() string { return "auth-reset-request" }

// resetView chooses a new password from a reset link.
type resetView struct {
	chrome
	Token  string
	Errors herald.FieldErrors
}

func (resetView) template() string { return "auth-reset" }

// resetPage shows the new-password form for a reset link, or the form to
// ask for a link.
func (a *Admin) resetPage(w http.ResponseWriter, r *http.Request) error {
	tok := r.URL.Query().Get("token")
	if tok == "" {
		return a.renderPage(w, r, http.StatusOK, "Forgotten password", &resetRequestView{})
	}
	if _, err := a.auth.CheckUserToken(r.Context(), tok, auth.PurposeReset); err != nil {
		return err
	}
	return a.renderPage(w, r, http.StatusOK, "Choose a password", &resetView{Token: tok})
}

// resetRequest writes a reset link for the account to the log. Its answer
// is the same whether or not the account exists.
func (a *Admin) resetRequest(w http.ResponseWriter, r *http.Request) error {
	email := strings.TrimSpace(r.PostFormValue("email"))
	v := &resetRequestView{Email: email, Errors: herald.FieldErrors{}}
	if email == "" {
		v.Errors.Add("email", "Type the email address of your account.")
		return a.renderPage(w, r, http.StatusBadRequest, "Forgotten password", v)
	}
	err := a.auth.AllowResetRequest(r.Context(), httpx.ClientIP(r))
	if status, ok := a.refused(w, err, &v.Message, v.Errors, "email"); ok {
		return a.renderPage(w, r, status, "Forgotten password", v)
	} else if err != nil {
		return err
	}
	u, err := a.auth.FindUserByEmail(r.Context(), email)
	if err != nil && herald.ErrorCode(err) != herald.ENOTFOUND {
		return err
	}
	if u != nil {
		link := auth.Link(httpx.Origin(r), auth.ResetPath, a.auth.UserToken(auth.PurposeReset, u, auth.ResetLinkTTL))
		a.logger.WarnContext(r.Context(), "password reset requested; Herald cannot send email yet, so give this link to the user yourself",
			"user", u.ID, "email", u.Email, "link", link, "expires_in", auth.ResetLinkTTL.String())
	}
	v.Sent = true
	return a.renderPage(w, r, http.StatusOK, "Forgotten password", v)
}

// resetForm is the new-password form's input.
type resetForm struct {
	Token    string `form:"token"`
	Password string `form:"password"`
	Confirm  string `form:"confirm"`
}

// resetPost sets the new password, ends every other session and signs in.
func (a *Admin) resetPost(w http.ResponseWriter, r *http.Request) error {
	var f resetForm
	if _, err := decodeForm(r, &f); err != nil {
		return err
	}
	u, err := a.auth.CheckUserToken(r.Context(), f.Token, auth.PurposeReset)
	if err != nil {
		return err
	}
	if fe := newPasswordErrors(f.Password, f.Confirm, u.Email); len(fe) > 0 {
		return a.renderPage(w, r, http.StatusBadRequest, "Choose a password", &resetView{Token: f.Token, Errors: fe})
	}
	if err := a.auth.SetPassword(r.Context(), u, f.Password, ""); err != nil {
		return err
	}
	if _, err := a.auth.SignIn(w, r, u); err != nil {
		return err
	}
	redirect(w, r, "/admin/", "Your new password is set.")
	return nil
}
