package admin

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/markup"
)

// Workflow actions: the button a person pressed to send the article form.
const (
	actSave      = "save"      // keep the status
	actSubmit    = "submit"    // ask an editor to review
	actDraft     = "draft"     // back to draft
	actPublish   = "publish"   // publish now, or at the time given if it is later
	actSchedule  = "schedule"  // publish at the time given, which must be later
	actUnpublish = "unpublish" // take off the site
)

// Kinds of change to a published article's text.
const (
	editMinor  = "minor"  // a typo: readers see no "Updated" time
	editUpdate = "update" // news: sets the "Updated" time, may add a correction
)

// maxAuthorSlots is how many author choices the form offers.
const maxAuthorSlots = 6

// articleForm is the article editor's input, as typed.
type articleForm struct {
	Version       int     `form:"version"`
	Overwrite     int     `form:"overwrite"` // the stored version a person chose to save over
	Headline      string  `form:"headline"`
	Dek           string  `form:"dek"`
	Slug          string  `form:"slug"`
	Body          string  `form:"body"`
	Excerpt       string  `form:"excerpt"`
	Section       int64   `form:"section"`
	Tags          string  `form:"tags"` // names, comma separated
	Story         int64   `form:"story"`
	Authors       []int64 `form:"authors"` // in byline order
	Featured      int64   `form:"featured"`
	Language      string  `form:"language"`
	TranslationOf int64   `form:"translation_of"`
	CommentsOpen  bool    `form:"comments_open"`
	// CopyProtection is "" for the site's setting, or a herald.Copy… mode.
	CopyProtection string `form:"copy_protection"`
	PublishedAt    string `form:"published_at"` // datetime-local, in the site's time zone
	Edit           string `form:"edit"`         // editMinor or editUpdate
	Correction     string `form:"correction"`
	Action         string `form:"action"`
	MediaQuery     string `form:"media_q"`
	PickMedia      int64  `form:"pick_media"`
}

// formOf is the editor's input for a stored article.
func formOf(art *herald.Article, loc *time.Location) articleForm {
	f := articleForm{
		Version: art.Version, Headline: art.Headline, Dek: art.Dek, Slug: art.Slug, Body: art.Body,
		Excerpt: art.Excerpt, Section: art.SectionID, Story: art.StoryID, Authors: slices.Clone(art.AuthorIDs),
		Featured: art.FeaturedMediaID, Language: art.Language, TranslationOf: art.TranslationOf,
		CommentsOpen: art.CommentsOpen, CopyProtection: art.CopyProtection,
	}
	names := make([]string, len(art.Tags))
	for i, t := range art.Tags {
		names[i] = t.Name
	}
	f.Tags = strings.Join(names, ", ")
	if !art.PublishedAt.IsZero() {
		f.PublishedAt = art.PublishedAt.In(loc).Format(localInput)
	}
	return f
}

// base is the stored version the person's text replaces: the one they
// opened, or the one they chose to save over after a conflict.
func (f *articleForm) base() int {
	if f.Overwrite != 0 {
		return f.Overwrite
	}
	return f.Version
}

// tagNames returns the distinct tag names typed, in order.
func (f *articleForm) tagNames() []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range strings.Split(f.Tags, ",") {
		n = strings.Join(strings.Fields(n), " ")
		key := markup.Slugify(n)
		if n != "" && !seen[key] {
			seen[key] = true
			out = append(out, n)
		}
	}
	return out
}

// publishedAt parses the publication time typed in loc; zero when empty.
func (f *articleForm) publishedAt(loc *time.Location) (time.Time, bool) {
	s := strings.TrimSpace(f.PublishedAt)
	if s == "" {
		return time.Time{}, true
	}
	for _, layout := range []string{localInput, localInput + ":05", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			// Permalinks hold a four-digit year.
			return t.UTC(), t.Year() >= 1000 && t.Year() <= 9998
		}
	}
	return time.Time{}, false
}

// apply copies the form's fields onto art, suggesting a slug from the
// headline when none was typed, and returns the field errors of what does
// not parse or is not allowed for u. Tags are resolved separately.
func (f *articleForm) apply(art *herald.Article, u *herald.User, loc *time.Location) herald.FieldErrors {
	fe := herald.FieldErrors{}
	art.Headline, art.Dek, art.Body, art.Excerpt = f.Headline, strings.TrimSpace(f.Dek), f.Body, strings.TrimSpace(f.Excerpt)
	art.Slug = strings.TrimSpace(f.Slug)
	if art.Slug == "" && strings.TrimSpace(f.Headline) != "" {
		art.Slug = markup.Slugify(f.Headline)
		f.Slug = art.Slug
	}
	art.SectionID, art.StoryID, art.FeaturedMediaID = f.Section, f.Story, f.Featured
	art.Language, art.TranslationOf, art.CommentsOpen = strings.TrimSpace(f.Language), f.TranslationOf, f.CommentsOpen
	art.CopyProtection = f.CopyProtection
	art.AuthorIDs = uniqueNonZero(f.Authors)
	if len(art.AuthorIDs) == 0 {
		fe.Add("authors", "name at least one author")
	} else if !u.Role.Can(herald.PermEditAllArticles) && !slices.Contains(art.AuthorIDs, u.ID) {
		fe.Add("authors", "you must stay among the authors of your article")
	}
	t, ok := f.publishedAt(loc)
	switch {
	case !ok:
		fe.Add("published_at", "must be a date and time such as 2024-03-20 14:30")
	case !t.IsZero() && art.PublishedAt.Truncate(time.Minute).Equal(t):
		// The form shows minutes: keep the stored time's seconds.
	default:
		art.PublishedAt = t
	}
	return fe
}

// CopyOptions are the choices of the article's copy protection, the first
// following siteMode, the site's setting.
func (f articleForm) CopyOptions(siteMode string) []option {
	opts := []option{{Value: "", Label: "The site’s setting (" + siteMode + ")"}}
	for _, m := range []struct{ mode, label string }{
		{herald.CopyOff, "Off"},
		{herald.CopyNotice, "Block copying, with a notice"},
		{herald.CopyAttribute, "Allow copying, adding the article’s address"},
	} {
		opts = append(opts, option{Value: m.mode, Label: m.label})
	}
	for i := range opts {
		opts[i].Selected = opts[i].Value == f.CopyProtection
	}
	return opts
}

// uniqueNonZero returns ids without zeros and repeats, in their order.
func uniqueNonZero(ids []int64) []int64 {
	var out []int64
	for _, id := range ids {
		if id != 0 && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// textChanged reports whether the text readers see differs between a and b.
func textChanged(a, b *herald.Article) bool {
	return a.Headline != b.Headline || a.Dek != b.Dek || a.Body != b.Body || a.Excerpt != b.Excerpt
}

// resolveTags returns the ids of the tags named, creating those that do not
// exist yet.
func (a *Admin) resolveTags(ctx context.Context, names []string) ([]int64, error) {
	var ids []int64
	for _, name := range names {
		slug := markup.Slugify(name)
		t, err := a.store.FindTagBySlug(ctx, slug)
		if herald.ErrorCode(err) == herald.ENOTFOUND {
			t = &herald.Tag{Name: name, Slug: slug}
			err = a.store.CreateTag(ctx, t)
		}
		if err != nil {
			return nil, err
		}
		ids = append(ids, t.ID)
	}
	return ids, nil
}
