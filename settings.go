package herald

import (
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
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

	Comments     CommentSettings
	Distribution DistributionSettings
	Protection   ProtectionSettings
}

// Moderation modes of CommentSettings.Moderation.
const (
	ModerateFirstTime  = "hold_first" // hold comments of people with no approved comment yet
	ModerateAll        = "hold_all"   // hold every comment
	ModerateApproveAll = "approve_all"
)

// CommentSettings rule reader comments.
type CommentSettings struct {
	// Moderation is ModerateFirstTime, ModerateAll or ModerateApproveAll.
	Moderation string
	// Depth is how deep replies nest; deeper replies show at this depth.
	Depth int
	// CloseAfterDays closes an article's comments this many days after it
	// was published; 0 keeps them open.
	CloseAfterDays int
	// RetentionDays is how long commenters' IP addresses and user agents
	// are kept for spam control.
	RetentionDays int
	// MaxLinks holds a comment with more links than this.
	MaxLinks int
	// BlockedWords, BlockedIPs (addresses or CIDR prefixes) and
	// BlockedEmails (addresses or "@domain") hold a comment that matches.
	BlockedWords, BlockedIPs, BlockedEmails []string
}

// Share networks, as ShareNetworks names them.
var ShareNetworkNames = []string{"facebook", "x", "telegram", "whatsapp", "vk", "linkedin", "reddit", "email"}

// DistributionSettings rule how articles travel: share links and feeds.
type DistributionSettings struct {
	// ShareNetworks are the share links under the headline, in order,
	// from ShareNetworkNames.
	ShareNetworks []string
	// FeedFullText puts the whole article in feeds; otherwise the excerpt.
	FeedFullText bool
	// FeedItems is how many of the newest articles a feed lists.
	FeedItems int
}

// Copy protection modes of ProtectionSettings.CopyProtection and of an
// article's override.
const (
	CopyOff       = "off"
	CopyNotice    = "notice"    // selecting and copying the body are blocked, with a notice
	CopyAttribute = "attribute" // copied text carries the article's address
)

// ProtectionSettings deter copying of the site's work.
type ProtectionSettings struct {
	// CopyProtection is CopyOff, CopyNotice or CopyAttribute.
	CopyProtection string
	// CopyNotice is the notice shown when copying is blocked.
	CopyNotice string
	// CopyLength cuts copied text to this many characters in attribute
	// mode.
	CopyLength int
	// MediaHotlinks refuses images requested from other sites' pages.
	MediaHotlinks bool
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
		Comments: CommentSettings{
			Moderation: ModerateFirstTime, Depth: 5, RetentionDays: 30, MaxLinks: 2,
		},
		Distribution: DistributionSettings{
			ShareNetworks: slices.Clone(ShareNetworkNames), FeedFullText: true, FeedItems: 20,
		},
		Protection: ProtectionSettings{
			CopyProtection: CopyOff, CopyNotice: "Content is protected", CopyLength: 300,
		},
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

// CommentsClosed reports whether a's comments are closed at now by the
// site's automatic closing, whatever the article's own switch says.
func (s Settings) CommentsClosed(a *Article, now time.Time) bool {
	days := s.Comments.CloseAfterDays
	return days > 0 && !a.PublishedAt.IsZero() && now.After(a.PublishedAt.AddDate(0, 0, days))
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
	checkRange(fe, "per_page", s.PerPage, 1, 100)
	s.Comments.validate(fe)
	s.Distribution.validate(fe)
	s.Protection.validate(fe)
	return fe.Err()
}

func (c *CommentSettings) validate(fe FieldErrors) {
	switch c.Moderation {
	case ModerateFirstTime, ModerateAll, ModerateApproveAll:
	default:
		fe.Add("comment_moderation", "must be hold_first, hold_all or approve_all")
	}
	checkRange(fe, "comment_depth", c.Depth, 1, 10)
	checkRange(fe, "comment_close_after_days", c.CloseAfterDays, 0, 3650)
	checkRange(fe, "comment_retention_days", c.RetentionDays, 1, 365)
	checkRange(fe, "comment_max_links", c.MaxLinks, 0, 50)
	checkList(fe, "comment_blocked_words", c.BlockedWords, func(string) bool { return true })
	checkList(fe, "comment_blocked_ips", c.BlockedIPs, func(v string) bool {
		if _, err := netip.ParsePrefix(v); err == nil {
			return true
		}
		_, err := netip.ParseAddr(v)
		return err == nil
	})
	checkList(fe, "comment_blocked_emails", c.BlockedEmails, func(v string) bool {
		at := strings.IndexByte(v, '@')
		return at >= 0 && at < len(v)-1 && !strings.ContainsAny(v, " \t,;<>")
	})
}

func (d *DistributionSettings) validate(fe FieldErrors) {
	seen := map[string]bool{}
	for _, n := range d.ShareNetworks {
		if !slices.Contains(ShareNetworkNames, n) || seen[n] {
			fe.Add("share_networks", "must name each of "+strings.Join(ShareNetworkNames, ", ")+" at most once")
			break
		}
		seen[n] = true
	}
	checkRange(fe, "feed_items", d.FeedItems, 1, 100)
}

func (p *ProtectionSettings) validate(fe FieldErrors) {
	switch p.CopyProtection {
	case CopyOff, CopyNotice, CopyAttribute:
	default:
		fe.Add("copy_protection", "must be off, notice or attribute")
	}
	checkText(fe, "copy_notice", p.CopyNotice, 200, p.CopyProtection == CopyNotice)
	checkRange(fe, "copy_length", p.CopyLength, 20, 10000)
}

// checkRange adds an error when n is outside [min, max].
func checkRange(fe FieldErrors, field string, n, min, max int) {
	if n < min || n > max {
		fe.Add(field, "must be between "+strconv.Itoa(min)+" and "+strconv.Itoa(max))
	}
}

// checkList adds an error naming the first entry of list that is empty,
// longer than 200 bytes or not ok; lists hold at most 1,000 entries.
func checkList(fe FieldErrors, field string, list []string, ok func(string) bool) {
	if len(list) > 1000 {
		fe.Add(field, "must have at most 1,000 entries")
		return
	}
	for _, v := range list {
		if v == "" || len(v) > 200 || !ok(v) {
			fe.Add(field, "has an entry that is not valid: "+shorten(v, 40))
			return
		}
	}
}

// shorten cuts s to n runes, marking the cut with an ellipsis.
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
