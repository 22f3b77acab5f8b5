package admin

import (
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"

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

	Moderation     string `form:"comment_moderation"`
	Depth          int    `form:"comment_depth"`
	CloseAfterDays int    `form:"comment_close_after_days"`
	RetentionDays  int    `form:"comment_retention_days"`
	MaxLinks       int    `form:"comment_max_links"`
	BlockedWords   string `form:"comment_blocked_words"` // one entry per line
	BlockedIPs     string `form:"comment_blocked_ips"`
	BlockedEmails  string `form:"comment_blocked_emails"`

	ShareNetworks string `form:"share_networks"` // names separated by commas or spaces, in order
	FeedFullText  bool   `form:"feed_full_text"`
	FeedItems     int    `form:"feed_items"`

	CopyProtection string `form:"copy_protection"`
	CopyNotice     string `form:"copy_notice"`
	CopyLength     int    `form:"copy_length"`
	MediaHotlinks  bool   `form:"media_hotlinks"`
}

// settingsFormOf returns the settings form showing s.
func settingsFormOf(s herald.Settings) settingsForm {
	c, d, p := s.Comments, s.Distribution, s.Protection
	return settingsForm{
		Title: s.Title, Tagline: s.Tagline, BaseURL: s.BaseURL, Logo: s.LogoMediaID, TimeZone: s.TimeZone,
		Language: s.Language, DateFormat: s.DateFormat, PerPage: s.PerPage, CommentsOpen: s.CommentsOpen,
		Moderation: c.Moderation, Depth: c.Depth, CloseAfterDays: c.CloseAfterDays, RetentionDays: c.RetentionDays,
		MaxLinks: c.MaxLinks, BlockedWords: strings.Join(c.BlockedWords, "\n"), BlockedIPs: strings.Join(c.BlockedIPs, "\n"),
		BlockedEmails: strings.Join(c.BlockedEmails, "\n"),
		ShareNetworks: strings.Join(d.ShareNetworks, ", "), FeedFullText: d.FeedFullText, FeedItems: d.FeedItems,
		CopyProtection: p.CopyProtection, CopyNotice: p.CopyNotice, CopyLength: p.CopyLength, MediaHotlinks: p.MediaHotlinks,
	}
}

// apply sets the settings of s from the form.
func (f settingsForm) apply(s *herald.Settings) {
	s.Title, s.Tagline, s.BaseURL = strings.TrimSpace(f.Title), strings.TrimSpace(f.Tagline), strings.TrimRight(strings.TrimSpace(f.BaseURL), "/")
	s.LogoMediaID, s.TimeZone, s.Language = f.Logo, strings.TrimSpace(f.TimeZone), strings.TrimSpace(f.Language)
	s.DateFormat, s.PerPage, s.CommentsOpen = f.DateFormat, f.PerPage, f.CommentsOpen
	s.Comments = herald.CommentSettings{
		Moderation: f.Moderation, Depth: f.Depth, CloseAfterDays: f.CloseAfterDays, RetentionDays: f.RetentionDays,
		MaxLinks: f.MaxLinks, BlockedWords: lines(f.BlockedWords), BlockedIPs: lines(f.BlockedIPs),
		BlockedEmails: lines(f.BlockedEmails),
	}
	s.Distribution = herald.DistributionSettings{
		ShareNetworks: strings.FieldsFunc(strings.ToLower(f.ShareNetworks), func(r rune) bool { return r == ',' || unicode.IsSpace(r) }),
		FeedFullText:  f.FeedFullText, FeedItems: f.FeedItems,
	}
	s.Protection = herald.ProtectionSettings{
		CopyProtection: f.CopyProtection, CopyNotice: strings.TrimSpace(f.CopyNotice), CopyLength: f.CopyLength,
		MediaHotlinks: f.MediaHotlinks,
	}
}

// lines returns the trimmed, non-empty lines of s.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
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
	Moderations []option
	CopyModes   []option
	Networks    string // the share networks there are
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
	f := settingsFormOf(s)
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
	v := settingsView{chrome: c, Form: f, Errors: fe, Networks: strings.Join(herald.ShareNetworkNames, ", ")}
	v.Moderations = choices(f.Moderation, herald.ModerateFirstTime, "Hold comments of first-time commenters",
		herald.ModerateAll, "Hold every comment", herald.ModerateApproveAll, "Publish comments the spam rules let through")
	v.CopyModes = choices(f.CopyProtection, herald.CopyOff, "Off", herald.CopyNotice, "Block copying, with a notice",
		herald.CopyAttribute, "Allow copying, adding the article's address")
	if v.Logos, err = a.mediaOptions(r, f.Logo); err != nil {
		return err
	}
	v.DateFormats = choices(f.DateFormat, "long", "Long: September 27, 2022", "medium", "Medium: Sep 27, 2022", "iso", "ISO: 2022-09-27")
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
	f.apply(&s)
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

// choices returns the options of value-label pairs, selecting value.
func choices(value string, pairs ...string) []option {
	var out []option
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, option{Value: pairs[i], Label: pairs[i+1], Selected: pairs[i] == value})
	}
	return out
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
	add("comment settings", !reflect.DeepEqual(old.Comments, s.Comments))
	add("share and feed settings", !reflect.DeepEqual(old.Distribution, s.Distribution))
	add("copy protection settings", !reflect.DeepEqual(old.Protection, s.Protection))
	return out
}
