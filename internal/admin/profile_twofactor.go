package admin

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
)

// twoFactorSetupView enrols an authenticator app: the secret as text and
// as an otpauth:// link, and a code to prove the app has it.
type twoFactorSetupView struct {
	chrome
	Secret string
	Shown  string       // Secret in groups of four, easier to type, and wrapping on a phone
	URI    template.URL // otpauth://, a scheme html/template would otherwise refuse
	Errors herald.FieldErrors
}

func (twoFactorSetupView) template() string { return "profile-two-factor" }

// recoveryView shows the recovery codes, once.
type recoveryView struct {
	chrome
	Codes []string
}

func (recoveryView) template() string { return "profile-recovery" }

// twoFactorSetupPage starts enrolling a new authenticator app.
func (a *Admin) twoFactorSetupPage(w http.ResponseWriter, r *http.Request) error {
	return a.renderTwoFactorSetup(w, r, http.StatusOK, auth.NewTOTPSecret(), nil)
}

// renderTwoFactorSetup renders the enrolment page for secret.
func (a *Admin) renderTwoFactorSetup(w http.ResponseWriter, r *http.Request, status int, secret string, fe herald.FieldErrors) error {
	settings, err := a.store.FindSettings(r.Context())
	if err != nil {
		return err
	}
	uri := template.URL(auth.TOTPURI(issuer(settings.Title), currentUser(r).Email, secret))
	return a.renderPage(w, r, status, "Two-step sign-in", &twoFactorSetupView{Secret: secret, Shown: groupsOf4(secret), URI: uri, Errors: fe})
}

// groupsOf4 writes s in groups of four characters.
func groupsOf4(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// issuer is the name the authenticator app shows for the account.
func issuer(siteTitle string) string {
	if siteTitle == "" {
		return "Herald"
	}
	return siteTitle
}

// twoFactorEnableForm is the enrolment form's input.
type twoFactorEnableForm struct {
	Secret string `form:"secret"`
	Code   string `form:"code"`
}

// twoFactorEnable turns two-step sign-in on once the code checks, and
// shows the recovery codes.
func (a *Admin) twoFactorEnable(w http.ResponseWriter, r *http.Request) error {
	var f twoFactorEnableForm
	if _, err := decodeForm(r, &f); err != nil {
		return err
	}
	if _, err := auth.TOTPCode(f.Secret, a.now()); err != nil || len(f.Secret) < 16 {
		return herald.Errorf(herald.EINVALID, "The form lost its secret. Start again from your profile.")
	}
	codes, err := a.auth.EnableTOTP(r.Context(), currentUser(r), f.Secret, f.Code)
	if fe := fieldErrors(err); fe != nil {
		return a.renderTwoFactorSetup(w, r, http.StatusBadRequest, f.Secret, fe)
	} else if err != nil {
		return err
	}
	return a.renderPage(w, r, http.StatusOK, "Your recovery codes", &recoveryView{Codes: codes})
}

// twoFactorDisable turns two-step sign-in off after checking the password.
func (a *Admin) twoFactorDisable(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	if !auth.CheckPassword(u.PasswordHash, r.PostFormValue("disable-password")) {
		fe := herald.FieldErrors{"disable-password": "That is not your current password."}
		return a.renderProfile(w, r, http.StatusBadRequest, &profileView{Name: u.Name, Bio: u.Bio, Errors: fe})
	}
	if err := a.auth.DisableTOTP(r.Context(), u); err != nil {
		return err
	}
	redirect(w, r, "/admin/profile", "Two-step sign-in is off.")
	return nil
}
