package herald

import (
	"net/url"
	"time"
)

// Settings are the site-wide options an admin sets in the newsroom.
type Settings struct {
	Title    string
	Tagline  string
	BaseURL  string // public origin, e.g. https://news.example.com; empty: from the request
	Language string // default language of the site
	TimeZone string // IANA name, e.g. Europe/London
	// DateFormat is "long" (September 27, 2022 / 27 сентября 2022 г.),
	// "medium" (Sep 27, 2022) or "iso" (2022-09-27).
	DateFormat   string
	PerPage      int
	CommentsOpen bool // default for new articles
	// LogoMediaID is the image shown as the site's logo; 0 for none.
	LogoMediaID int64
}

// DefaultSettings are the settings of a new site.
func DefaultSettings() Settings {
	return Settings{
		Title:        "Herald",
		Tagline:      "News as it happens",
		Language:     "en",
		TimeZone:     "UTC",
		DateFormat:   "long",
		PerPage:      20,
		CommentsOpen: true,
	}
}

// Location returns the site's time zone, UTC when the name is unknown.
func (s Settings) Location() *time.Location {
	loc, err := time.LoadLocation(s.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Validate checks every setting.
func (s *Settings) Validate() error {
	fe := FieldErrors{}
	checkText(fe, "title", s.Title, 100, true)
	checkText(fe, "tagline", s.Tagline, 200, false)
	if s.BaseURL != "" {
		u, err := url.Parse(s.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") {
			fe.Add("base_url", "must be an origin such as https://news.example.com")
		}
	}
	if !ValidLanguage(s.Language) {
		fe.Add("language", "must be a language tag such as en or ru")
	}
	if _, err := time.LoadLocation(s.TimeZone); err != nil || s.TimeZone == "" || s.TimeZone == "Local" {
		fe.Add("time_zone", "must be a time zone name such as Europe/London")
	}
	switch s.DateFormat {
	case "long", "medium", "iso":
	default:
		fe.Add("date_format", "must be long, medium or iso")
	}
	if s.LogoMediaID < 0 {
		fe.Add("logo", "must be an image of the library")
	}
	if s.PerPage < 1 || s.PerPage > 100 {
		fe.Add("per_page", "must be between 1 and 100")
	}
	return fe.Err()
}
