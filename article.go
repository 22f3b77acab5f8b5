package herald

import (
	"strings"
	"time"
	"unicode/utf8"
)

// ArticleStatus is where an article stands in the editorial workflow.
type ArticleStatus string

// The workflow: draft → in review → scheduled → published → unpublished.
const (
	StatusDraft       ArticleStatus = "draft"
	StatusInReview    ArticleStatus = "in_review"
	StatusScheduled   ArticleStatus = "scheduled"
	StatusPublished   ArticleStatus = "published"
	StatusUnpublished ArticleStatus = "unpublished"
)

// Valid reports whether s is one of the known statuses.
func (s ArticleStatus) Valid() bool {
	switch s {
	case StatusDraft, StatusInReview, StatusScheduled, StatusPublished, StatusUnpublished:
		return true
	}
	return false
}

// Limits on article fields, checked by Validate.
const (
	MaxHeadlineLen = 300
	MaxDekLen      = 600
	MaxExcerptLen  = 1000
	MaxSlugLen     = 200
	MaxBodyLen     = 1 << 20
)

// Article is one news report.
type Article struct {
	ID       int64
	Slug     string
	Headline string
	Dek      string // standfirst shown under the headline
	Body     string // Markdown
	Excerpt  string // plain text for listings; derived from the body when empty
	Language string // BCP 47 tag, e.g. "en" or "ru"
	Status   ArticleStatus

	// PublishedAt is the publication time (for a scheduled article, the
	// time it goes out). It fixes the article's permalink date.
	PublishedAt time.Time
	// UpdatedAt is the public "Updated" time; zero when the article was
	// never updated after publication.
	UpdatedAt time.Time
	// CreatedAt and ModifiedAt are the internal record times.
	CreatedAt  time.Time
	ModifiedAt time.Time

	Corrections []Correction

	SectionID       int64 // 0: no section
	StoryID         int64 // 0: not part of a running story
	FeaturedMediaID int64 // 0: no featured image
	AuthorIDs       []int64
	TagIDs          []int64

	// CommentsOpen says whether readers may comment.
	CommentsOpen bool
	// CopyProtection overrides the site's ProtectionSettings.CopyProtection
	// for this article: "" follows the site, otherwise CopyOff, CopyNotice
	// or CopyAttribute.
	CopyProtection string

	// TranslationOf links the article to the one it translates; 0 if none.
	// Translations of one original form a group: the store links a
	// translation of a translation to the original.
	TranslationOf int64
	// Version counts saves. UpdateArticle refuses (ECONFLICT) an article
	// whose Version is not the stored one, so that two people saving the
	// same article never overwrite each other; on success it is increased.
	Version int
	// EditorID is the user saving the article, recorded in its revision;
	// 0 for the system. It is an input only: reads leave it 0.
	EditorID int64

	// Filled by the store when reading, from the IDs above.
	Section  *Section
	Story    *Story
	Featured *Media
	Authors  []*User
	Tags     []*Tag
}

// Correction is a note appended to an article when a published fact was wrong.
type Correction struct {
	Time time.Time
	Text string
}

// IsPublic reports whether readers may see the article at now.
func (a *Article) IsPublic(now time.Time) bool {
	return a.Status == StatusPublished && !a.PublishedAt.After(now)
}

// Validate checks the article's own fields; the store checks references and
// uniqueness.
func (a *Article) Validate() error {
	fe := FieldErrors{}
	a.Headline = strings.TrimSpace(a.Headline)
	a.Slug = strings.TrimSpace(a.Slug)
	checkText(fe, "headline", a.Headline, MaxHeadlineLen, true)
	checkText(fe, "dek", a.Dek, MaxDekLen, false)
	checkText(fe, "excerpt", a.Excerpt, MaxExcerptLen, false)
	if len(a.Body) > MaxBodyLen {
		fe.Add("body", "is longer than 1 MiB")
	} else if !utf8.ValidString(a.Body) {
		fe.Add("body", "is not valid UTF-8 text")
	}
	if err := ValidateSlug(a.Slug); err != nil {
		fe.Add("slug", err.Error())
	}
	if !a.Status.Valid() {
		fe.Add("status", "must be one of draft, in_review, scheduled, published, unpublished")
	}
	if (a.Status == StatusPublished || a.Status == StatusScheduled) && a.PublishedAt.IsZero() {
		fe.Add("published_at", "is required to publish or schedule")
	}
	if !ValidLanguage(a.Language) {
		fe.Add("language", "must be a language tag such as en or ru")
	}
	switch a.CopyProtection {
	case "", CopyOff, CopyNotice, CopyAttribute:
	default:
		fe.Add("copy_protection", "must be empty (the site's setting), off, notice or attribute")
	}
	if a.TranslationOf != 0 && a.TranslationOf == a.ID {
		fe.Add("translation_of", "cannot be the article itself")
	}
	for i, c := range a.Corrections {
		if strings.TrimSpace(c.Text) == "" || c.Time.IsZero() {
			fe.Add("corrections", "each correction needs a time and a text")
			break
		}
		a.Corrections[i].Text = strings.TrimSpace(c.Text)
	}
	return fe.Err()
}

// CopyMode returns the copy protection that applies to a under the site's
// settings: the article's own choice, or the site's when it has none.
func (a *Article) CopyMode(p ProtectionSettings) string {
	if a.CopyProtection != "" {
		return a.CopyProtection
	}
	return p.CopyProtection
}

// ArticleOrder orders article listings.
type ArticleOrder int

// Orders for FindArticles.
const (
	NewestFirst ArticleOrder = iota
	OldestFirst
)

// ArticleFilter selects articles. Zero fields do not filter.
type ArticleFilter struct {
	ID       int64
	Statuses []ArticleStatus
	// PublicAt, when set, keeps only articles readers may see at that time:
	// published with a publication time not after it.
	PublicAt time.Time

	SectionID int64 // includes the section's descendants
	TagID     int64
	AuthorID  int64
	StoryID   int64
	Slug      string
	ExcludeID int64
	Query     string // words in the headline
	// TranslationOf keeps the translations of the article with this id.
	TranslationOf int64

	// PublishedFrom is inclusive, PublishedBefore exclusive.
	PublishedFrom   time.Time
	PublishedBefore time.Time
	// After keeps articles published after (PublishedAt, ID) of this
	// article in the listing order's sense; used for previous/next links.
	After *Article

	Order  ArticleOrder
	Offset int
	Limit  int // 0 means the store's default (20); at most 1000
}

// ArticlePage is one page of a listing and the total count of matches.
type ArticlePage struct {
	Articles []*Article
	Total    int
}
