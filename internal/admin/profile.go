package admin

import (
	"net/http"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
)

// profileRoutes are one's own account: name and bio, password, sessions
// and two-step sign-in.
func (a *Admin) profileRoutes() []route {
	return []route{
		{"GET /admin/profile", SignedIn, a.profilePage},
		{"POST /admin/profile", SignedIn, a.profilePost},
		{"POST /admin/profile/password", SignedIn, a.passwordPost},
		{"POST /admin/profile/sessions", SignedIn, a.sessionsPost},
		{"GET /admin/profile/two-factor", SignedIn, a.twoFactorSetupPage},
		{"POST /admin/profile/two-factor", SignedIn, a.twoFactorEnable},
		{"POST /admin/profile/two-factor/disable", SignedIn, a.twoFactorDisable},
	}
}

// profileView is one's own profile page. Its forms share Errors; their
// inputs have distinct names.
type profileView struct {
	chrome
	Name      string
	Bio       string
	Sessions  []sessionRow
	TwoFactor bool
	Recovery  int // unused recovery codes
	Errors    herald.FieldErrors
}

func (profileView) template() string { return "profile" }

// sessionRow is one signed-in browser in the list.
type sessionRow struct {
	Current   bool
	Agent     string
	IP        string
	Since     time.Time
	LastSeen  time.Time
	ExpiresAt time.Time
}

// profilePage shows the profile.
func (a *Admin) profilePage(w http.ResponseWriter, r *http.Request) error {
	u := currentUser(r)
	return a.renderProfile(w, r, http.StatusOK, &profileView{Name: u.Name, Bio: u.Bio})
}

// renderProfile fills in the sessions and two-step state and renders v.
func (a *Admin) renderProfile(w http.ResponseWriter, r *http.Request, status int, v *profileView) error {
	u := currentUser(r)
	ss, err := a.auth.Sessions(r.Context(), u.ID)
	if err != nil {
		return err
	}
	cur := auth.SessionFrom(r.Context())
	for _, s := range ss {
		v.Sessions = append(v.Sessions, sessionRow{Current: cur != nil && s.ID == cur.ID, Agent: browserName(s.UserAgent),
			IP: s.IP, Since: s.CreatedAt, LastSeen: s.LastSeenAt, ExpiresAt: s.ExpiresAt})
	}
	v.TwoFactor, v.Recovery = u.TOTPSecret != "", len(u.RecoveryCodes)
	return a.renderPage(w, r, status, "Your profile", v)
}

// profileForm is the name and bio form.
type profileForm struct {
	Name string `form:"name"`
	Bio  string `form:"bio"`
}

// profilePost changes one's own name and bio.
func (a *Admin) profilePost(w http.ResponseWriter, r *http.Request) error {
	var f profileForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	u := *currentUser(r)
	u.Name, u.Bio = strings.TrimSpace(f.Name), strings.TrimSpace(f.Bio)
	if err := u.Validate(); err != nil {
		for k, msg := range fieldErrors(err) {
			fe.Add(k, msg)
		}
	}
	if len(fe) > 0 {
		return a.renderProfile(w, r, http.StatusBadRequest, &profileView{Name: f.Name, Bio: f.Bio, Errors: fe})
	}
	if err := a.store.UpdateUser(r.Context(), &u); err != nil {
		return err
	}
	redirect(w, r, "/admin/profile", "Your profile is saved.")
	return nil
}

// passwordForm changes one's password.
type passwordForm struct {
	Current  string `form:"current"`
	Password string `form:"password"`
	Confirm  string `form:"confirm"`
}

// passwordPost changes one's password after checking the current one, and
// signs out every other session.
func (a *Admin) passwordPost(w http.ResponseWriter, r *http.Request) error {
	var f passwordForm
	if _, err := decodeForm(r, &f); err != nil {
		return err
	}
	u := currentUser(r)
	fe := herald.FieldErrors{}
	if !auth.CheckPassword(u.PasswordHash, f.Current) {
		fe.Add("current", "That is not your current password.")
	}
	for k, msg := range newPasswordErrors(f.Password, f.Confirm, u.Email) {
		fe.Add(k, msg)
	}
	if len(fe) > 0 {
		return a.renderProfile(w, r, http.StatusBadRequest, &profileView{Name: u.Name, Bio: u.Bio, Errors: fe})
	}
	if err := a.auth.SetPassword(r.Context(), u, f.Password, auth.SessionFrom(r.Context()).ID); err != nil {
		return err
	}
	redirect(w, r, "/admin/profile", "Your password is changed. Every other session is signed out.")
	return nil
}

// sessionsPost signs one out everywhere but here.
func (a *Admin) sessionsPost(w http.ResponseWriter, r *http.Request) error {
	if err := a.auth.SignOutEverywhere(r.Context(), currentUser(r).ID, auth.SessionFrom(r.Context()).ID); err != nil {
		return err
	}
	redirect(w, r, "/admin/profile", "You are signed out everywhere else.")
	return nil
}

// browserName shortens a User-Agent to the browser and system a person
// would recognise.
func browserName(ua string) string {
	var browser, system string
	for _, b := range []struct{ token, name string }{
		{"Edg/", "Edge"}, {"OPR/", "Opera"}, {"Firefox/", "Firefox"}, {"Chrome/", "Chrome"}, {"Safari/", "Safari"}, {"curl/", "curl"},
	} {
		if strings.Contains(ua, b.token) {
			browser = b.name
			break
		}
	}
	for _, s := range []struct{ token, name string }{
		{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Windows", "Windows"}, {"Mac OS", "macOS"}, {"Linux", "Linux"},
	} {
		if strings.Contains(ua, s.token) {
			system = s.name
			break
		}
	}
	switch {
	case browser != "" && system != "":
		return browser + " on " + system
	case browser != "" || system != "":
		return browser + system
	}
	return "Unknown browser"
}
