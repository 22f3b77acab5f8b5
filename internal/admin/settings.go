package admin

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
)

// settingsRoutes are the site settings; only admins change them.
func (a *Admin) settingsRoutes() []route {
	return []route{
		{"GET /admin/settings", herald.PermManageSettings, a.settingsEdit},
		{"POST /admin/settings", herald.PermManageSettings, a.settingsSave},
	}
}

// settingsForm is the settings form's input.
type settingsForm struct {
	Title        string  `form:"title"`
	Tagline      string  `form:"tagline"`
	BaseURL      string  `form:"base_url"`
	Logo         int64   `form:"logo"`
	TimeZone     string  `form:"time_zone"`
	Language     string  `form:"language"`
	DateFormat   string  `form:"date_format"`
	PerPage      int     `form:"per_page"`
	CommentsOpen bool    `form:"comments_open"`
	Nav          []int64 `form:"nav"` // top-level sections shown in the navigation
}

// navChoice is a top-level section offered for the navigation.
type navChoice struct {
	ID      int64
	Name    string
	Checked bool
}

// settingsView is the settings form.
type settingsView struct {
	chrome
	Form        settingsForm
	Errors      herald.FieldErrors
	Logos       []option
	DateFormats []option
	NavChoices  []navChoice
}

func (settingsView) template() string { return "settings" }

// settingsEdit shows the settings form.
func (a *Admin) settingsEdit(w http.ResponseWriter, r *http.Request) error {
	s, err := a.store.FindSettings(r.Context())
	if err != nil {
		return err
	}
	sections, err := a.store.FindSections(r.Context())
	if err != nil {
		return err
	}
	f := settingsForm{Title: s.Title, Tagline: s.Tagline, BaseURL: s.BaseURL, Logo: s.LogoMediaID, TimeZone: s.TimeZone,
		Language: s.Language, DateFormat: s.DateFormat, PerPage: s.PerPage, CommentsOpen: s.CommentsOpen}
	for _, sec := range siblings(sections, 0) {
		if sec.InNav {
			f.Nav = append(f.Nav, sec.ID)
		}
	}
	return a.settingsForm(w, r, http.StatusOK, f, nil)
}

// settingsForm renders the settings form.
func (a *Admin) settingsForm(w http.ResponseWriter, r *http.Request, status int, f settingsForm, fe herald.FieldErrors) error {
	c, err := a.chrome(w, r, "Settings")
	if err != nil {
		return err
	}
	v := settingsView{chrome: c, Form: f, Errors: fe}
	if v.Logos, err = a.mediaOptions(r, f.Logo); err != nil {
		return err
	}
	for _, d := range []struct{ v, l string }{{"long", "Long: September 27, 2022"}, {"medium", "Medium: Sep 27, 2022"}, {"iso", "ISO: 2022-09-27"}} {
		v.DateFormats = append(v.DateFormats, option{Value: d.v, Label: d.l, Selected: d.v == f.DateFormat})
	}
	sections, err := a.store.FindSections(r.Context())
	if err != nil {
		return err
	}
	for _, s := range siblings(sections, 0) {
		v.NavChoices = append(v.NavChoices, navChoice{ID: s.ID, Name: s.Name, Checked: slices.Contains(f.Nav, s.ID)})
	}
	return a.render(w, status, v)
}

// settingsSave stores the settings and the navigation, and records what
// changed in the audit log.
func (a *Admin) settingsSave(w http.ResponseWriter, r *http.Request) error {
	var f settingsForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	old, err := a.store.FindSettings(r.Context())
	if err != nil {
		return err
	}
	s := old
	s.Title, s.Tagline, s.BaseURL = strings.TrimSpace(f.Title), strings.TrimSpace(f.Tagline), strings.TrimRight(strings.TrimSpace(f.BaseURL), "/")
	s.LogoMediaID, s.TimeZone, s.Language = f.Logo, strings.TrimSpace(f.TimeZone), strings.TrimSpace(f.Language)
	s.DateFormat, s.PerPage, s.CommentsOpen = f.DateFormat, f.PerPage, f.CommentsOpen
	mergeErrors(fe, s.Validate())
	if err := a.checkLogo(r, s.LogoMediaID, fe); err != nil {
		return err
	}
	if len(fe) > 0 {
		return a.settingsForm(w, r, http.StatusUnprocessableEntity, f, fe)
	}
	if err := a.store.UpdateSettings(r.Context(), s); err != nil {
		return err
	}
	changed := settingsChanges(old, s)
	navChanged, err := a.saveNav(r, f.Nav)
	if err != nil {
		return err
	}
	if navChanged {
		changed = append(changed, "navigation")
	}
	if len(changed) > 0 {
		if err := a.record(r, "settings.update", "settings", strings.Join(changed, ", ")); err != nil {
			return err
		}
	}
	redirect(w, r, "/admin/settings", "Saved the settings.")
	return nil
}

// checkLogo adds a field error when id names no image of the library.
func (a *Admin) checkLogo(r *http.Request, id int64, fe herald.FieldErrors) error {
	if id == 0 {
		return nil
	}
	_, err := a.store.FindMedia(r.Context(), id)
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		fe.Add("logo", "is not an image of the library")
		return nil
	}
	return err
}

// saveNav shows exactly the top-level sections in ids in the navigation
// and reports whether any changed.
func (a *Admin) saveNav(r *http.Request, ids []int64) (bool, error) {
	sections, err := a.store.FindSections(r.Context())
	if err != nil {
		return false, err
	}
	changed := false
	for _, s := range siblings(sections, 0) {
		if in := slices.Contains(ids, s.ID); in != s.InNav {
			s.InNav, changed = in, true
			if err := a.store.UpdateSection(r.Context(), s); err != nil {
				return false, err
			}
		}
	}
	return changed, nil
}

// settingsChanges names the settings that differ between old and s.
func settingsChanges(old, s herald.Settings) []string {
	var out []string
	add := func(name string, differ bool) {
		if differ {
			out = append(out, name)
		}
	}
	add("title", old.Title != s.Title)
	add("tagline", old.Tagline != s.Tagline)
	add("base URL", old.BaseURL != s.BaseURL)
	add("logo", old.LogoMediaID != s.LogoMediaID)
	add("time zone", old.TimeZone != s.TimeZone)
	add("language", old.Language != s.Language)
	add("date format", old.DateFormat != s.DateFormat)
	add("articles per page", old.PerPage != s.PerPage)
	add(fmt.Sprintf("comments open by default (%s)", strconv.FormatBool(s.CommentsOpen)), old.CommentsOpen != s.CommentsOpen)
	return out
}
