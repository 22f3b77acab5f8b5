package admin

import (
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/httpx"
)

// authRoutes are signing in and out.
func (a *Admin) authRoutes() []route {
	return []route{
		{"GET /admin/sign-in", Public, a.signInPage},
		{"POST /admin/sign-in", Public, a.signInPost},
		{"POST /admin/sign-in/code", Public, a.twoFactorPost},
		{"POST /admin/sign-out", SignedIn, a.signOut},
		{"GET /admin/setup", Public, a.setupPage},
		{"POST /admin/setup", Public, a.setupPost},
		{"GET /admin/reset", Public, a.resetPage},
		{"POST /admin/reset", Public, a.resetPost},
		{"POST /admin/reset/request", Public, a.resetRequest},
	}
}

// keepPrefix marks the hidden inputs of the sign-in forms that carry a form
// posted after its session ended.
const keepPrefix = "keep."

// keptField is one input of a form kept through signing in again.
type keptField struct {
	Name, Value string
}

// keptFields returns the inputs of vals named with prefix, without it,
// in a stable order; the CSRF token of the old form is dropped.
func keptFields(vals url.Values, prefix string) []keptField {
	var out []keptField
	for _, k := range slices.Sorted(maps.Keys(vals)) {
		name, ok := strings.CutPrefix(k, prefix)
		if !ok || name == auth.CSRFField || name == "" {
			continue
		}
		for _, v := range vals[k] {
			out = append(out, keptField{Name: name, Value: v})
		}
	}
	return out
}

// signInView is the sign-in page.
type signInView struct {
	chrome
	Email   string
	Next    string
	Keep    []keptField // a form to send again once signed in
	Errors  herald.FieldErrors
	Message string // a problem not about one field, e.g. too many attempts
}

func (signInView) template() string { return "auth-sign-in" }

// twoFactorView asks for the second factor after a right password.
type twoFactorView struct {
	chrome
	Token   string // proves the password was right, for a few minutes
	Next    string
	Keep    []keptField
	Errors  herald.FieldErrors
	Message string
}

func (twoFactorView) template() string { return "auth-two-factor" }

// resumeView sends again, signed in now, a form posted after its session
// ended.
type resumeView struct {
	chrome
	Action string
	Keep   []keptField
}

func (resumeView) template() string { return "auth-resume" }

// signInPage shows the sign-in form, or sends someone already signed in on.
func (a *Admin) signInPage(w http.ResponseWriter, r *http.Request) error {
	next := r.URL.Query().Get("next")
	if currentUser(r) != nil {
		http.Redirect(w, r, auth.SafeReturn(next), http.StatusSeeOther)
		return nil
	}
	return a.renderPage(w, r, http.StatusOK, "Sign in", &signInView{Next: next})
}

// signInForm is the sign-in form's input.
type signInForm struct {
	Email    string `form:"email"`
	Password string `form:"password"`
	Next     string `form:"next"`
}

// signInPost checks the email and password, then asks for the second
// factor or signs in.
func (a *Admin) signInPost(w http.ResponseWriter, r *http.Request) error {
	var f signInForm
	if _, err := decodeForm(r, &f); err != nil {
		return err
	}
	v := &signInView{Email: f.Email, Next: f.Next, Keep: keptFields(r.PostForm, keepPrefix), Errors: herald.FieldErrors{}}
	if strings.TrimSpace(f.Email) == "" {
		v.Errors.Add("email", "Type the email address of your account.")
	}
	if f.Password == "" {
		v.Errors.Add("password", "Type your password.")
	}
	if len(v.Errors) > 0 {
		return a.renderPage(w, r, http.StatusBadRequest, "Sign in", v)
	}
	u, err := a.auth.Authenticate(r.Context(), f.Email, f.Password, httpx.ClientIP(r))
	if status, ok := a.refused(w, err, &v.Message, v.Errors, "password"); ok {
		return a.renderPage(w, r, status, "Sign in", v)
	}
	if err != nil {
		return err
	}
	if u.TOTPSecret != "" {
		tok := a.auth.UserToken(auth.PurposeTwoFactor, u, auth.TwoFactorStepTTL)
		return a.renderPage(w, r, http.StatusOK, "Two-step sign-in", &twoFactorView{Token: tok, Next: f.Next, Keep: v.Keep})
	}
	return a.finishSignIn(w, r, u, f.Next, v.Keep)
}

// refused turns a throttled or unauthorized attempt into the page's
// message or field error and returns the status to answer with; ok is
// false for any other error.
func (a *Admin) refused(w http.ResponseWriter, err error, msg *string, fe herald.FieldErrors, field string) (int, bool) {
	if wait, ok := auth.RetryAfter(err); ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds()+0.999)))
		*msg = herald.ErrorMessage(err)
		return http.StatusTooManyRequests, true
	}
	if herald.ErrorCode(err) == herald.EUNAUTHORIZED {
		fe.Add(field, herald.ErrorMessage(err))
		return http.StatusUnauthorized, true
	}
	return 0, false
}

// twoFactorForm is the second step's input.
type twoFactorForm struct {
	Token string `form:"token"`
	Code  string `form:"code"`
	Next  string `form:"next"`
}

// twoFactorPost checks the code from the authenticator app or a recovery
// code, and signs in.
func (a *Admin) twoFactorPost(w http.ResponseWriter, r *http.Request) error {
	var f twoFactorForm
	if _, err := decodeForm(r, &f); err != nil {
		return err
	}
	keep := keptFields(r.PostForm, keepPrefix)
	u, err := a.auth.CheckUserToken(r.Context(), f.Token, auth.PurposeTwoFactor)
	if herald.ErrorCode(err) == herald.EFORBIDDEN {
		v := &signInView{Next: f.Next, Keep: keep, Message: "The sign-in took too long. Please sign in again."}
		return a.renderPage(w, r, http.StatusBadRequest, "Sign in", v)
	} else if err != nil {
		return err
	}
	v := &twoFactorView{Token: f.Token, Next: f.Next, Keep: keep, Errors: herald.FieldErrors{}}
	err = a.auth.VerifySecondFactor(r.Context(), u, f.Code, httpx.ClientIP(r))
	if status, ok := a.refused(w, err, &v.Message, v.Errors, "code"); ok {
		return a.renderPage(w, r, status, "Two-step sign-in", v)
	}
	if err != nil {
		return err
	}
	return a.finishSignIn(w, r, u, f.Next, keep)
}

// finishSignIn starts u's session and goes on to next, sending again the
// kept form if there is one.
func (a *Admin) finishSignIn(w http.ResponseWriter, r *http.Request, u *herald.User, next string, keep []keptField) error {
	s, err := a.auth.SignIn(w, r, u)
	if err != nil {
		return err
	}
	target := auth.SafeReturn(next)
	if len(keep) == 0 {
		http.Redirect(w, r, target, http.StatusSeeOther)
		return nil
	}
	r = r.WithContext(auth.WithUser(r.Context(), u, s))
	return a.renderPage(w, r, http.StatusOK, "Signed in again", &resumeView{Action: target, Keep: keep})
}

// signInToContinue answers a form posted after its session ended: the
// sign-in page, holding what was posted, so that nothing typed is lost.
// It reports false, answering nothing, when there is nothing to keep or
// the form did not come from this site's page.
func (a *Admin) signInToContinue(w http.ResponseWriter, r *http.Request) bool {
	if r.Method != http.MethodPost || r.ParseForm() != nil || a.auth.CheckEndedSessionCSRF(r) != nil {
		return false
	}
	keep := keptFields(r.PostForm, "")
	if len(keep) == 0 {
		return false
	}
	v := &signInView{Next: r.URL.Path, Keep: keep,
		Message: "You were signed out while you worked. Sign in again and what you wrote will be sent."}
	if err := a.renderPage(w, r, http.StatusOK, "Sign in", v); err != nil {
		a.errs.Error(w, r, err)
	}
	return true
}

// signOut ends the session.
func (a *Admin) signOut(w http.ResponseWriter, r *http.Request) error {
	if err := a.auth.SignOut(w, r); err != nil {
		return err
	}
	redirect(w, r, signInPath, "You are signed out.")
	return nil
}

// framed is a page struct whose chrome renderPage fills.
type framed interface {
	page
	frame() *chrome
}

func (c *chrome) frame() *chrome { return c }

// renderPage fills p's chrome with title and renders it with status.
func (a *Admin) renderPage(w http.ResponseWriter, r *http.Request, status int, title string, p framed) error {
	c, err := a.chrome(w, r, title)
	if err != nil {
		return err
	}
	*p.frame() = c
	return a.render(w, status, p)
}
