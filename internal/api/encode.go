package api

import (
	"context"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/markup"
	"github.com/herald-news/herald/internal/media"
)

// excerptLen bounds an excerpt derived from the body, in characters.
const excerptLen = 220

// Store is what the API reads. It never sees drafts or private fields:
// the API asks for public articles only and copies public fields only.
type Store interface {
	FindArticles(ctx context.Context, f herald.ArticleFilter) (herald.ArticlePage, error)
	FindSections(ctx context.Context) ([]*herald.Section, error)
	FindSectionBySlug(ctx context.Context, slug string) (*herald.Section, error)
	FindTagBySlug(ctx context.Context, slug string) (*herald.Tag, error)
	FindStoryBySlug(ctx context.Context, slug string) (*herald.Story, error)
	FindUserBySlug(ctx context.Context, slug string) (*herald.User, error)
	herald.PublicStore
	FindSettings(ctx context.Context) (herald.Settings, error)
	CountComments(ctx context.Context, articleIDs []int64) (map[int64]int, error)
	herald.ChangeSource
}

// Article is the public JSON form of an article, in the API and in webhook
// deliveries. Every URL is absolute.
type Article struct {
	ID           int64         `json:"id"`
	URL          string        `json:"url"`
	Headline     string        `json:"headline"`
	Dek          string        `json:"dek"`
	BodyHTML     string        `json:"body_html"`
	Excerpt      string        `json:"excerpt"`
	PublishedAt  time.Time     `json:"published_at"`
	UpdatedAt    *time.Time    `json:"updated_at"` // the public "Updated" time; null if never updated
	Authors      []Link        `json:"authors"`
	Section      *Link         `json:"section"`
	Tags         []Link        `json:"tags"`
	Story        *Link         `json:"story"`
	Image        *Image        `json:"featured_image"`
	Language     string        `json:"language"`
	Translations []Translation `json:"translations"`
	Corrections  []Correction  `json:"corrections"`
	CommentCount int           `json:"comment_count"`
}

// Link names a section, tag, story or author of an article.
type Link struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Slug string `json:"slug"`
	URL  string `json:"url"`
}

// Image is a published image at the size pages show it.
type Image struct {
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
	Alt    string `json:"alt"`
}

// Translation is a public article in another language of the same group.
type Translation struct {
	ID       int64  `json:"id"`
	Language string `json:"language"`
	Headline string `json:"headline"`
	URL      string `json:"url"`
}

// Correction is a correction note of an article.
type Correction struct {
	Time time.Time `json:"time"`
	Text string    `json:"text"`
}

// ArticleRef identifies an article readers can no longer see: what
// webhook deliveries of article.unpublished and article.deleted carry.
type ArticleRef struct {
	ID  int64  `json:"id"`
	URL string `json:"url"`
}

// Site is what absolute addresses and public visibility depend on.
type Site struct {
	Origin   string // scheme and host, without a trailing slash
	Settings herald.Settings
	Now      time.Time
}

// URL returns the absolute address of a path of the site.
func (s Site) URL(path string) string {
	return s.Origin + path
}

// ArticleURL returns the absolute permalink of an article.
func (s Site) ArticleURL(a *herald.Article) string {
	return s.URL(a.Path(s.Settings.Location()))
}

// SiteFor returns the Site of settings at now, with the settings' origin
// or else fallback (the origin of a request, or of the server).
func SiteFor(settings herald.Settings, fallback string, now time.Time) Site {
	origin := strings.TrimSuffix(settings.BaseURL, "/")
	if origin == "" {
		origin = strings.TrimSuffix(fallback, "/")
	}
	return Site{Origin: origin, Settings: settings, Now: now}
}

// Encoder turns articles into their public JSON form.
type Encoder struct {
	store Store
	conv  *markup.Converter
}

// NewEncoder returns an encoder reading related records from store.
func NewEncoder(store Store) *Encoder {
	return &Encoder{store: store, conv: markup.New()}
}

// Articles returns the JSON forms of articles the store filled in, with
// their public translations and approved comment counts.
func (e *Encoder) Articles(ctx context.Context, site Site, articles []*herald.Article) ([]Article, error) {
	ids := make([]int64, len(articles))
	for i, a := range articles {
		ids[i] = a.ID
	}
	counts, err := e.store.CountComments(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Article, len(articles))
	for i, a := range articles {
		out[i] = e.article(site, a)
		out[i].CommentCount = counts[a.ID]
		if out[i].Translations, err = e.translations(ctx, site, a); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// article copies the public fields of a.
func (e *Encoder) article(site Site, a *herald.Article) Article {
	v := Article{
		ID: a.ID, URL: site.ArticleURL(a), Headline: a.Headline, Dek: a.Dek,
		BodyHTML: markup.Absolute(e.conv.HTML(a.Body), site.Origin),
		Excerpt:  e.excerpt(a), PublishedAt: a.PublishedAt, Language: a.Language,
		Authors: []Link{}, Tags: []Link{}, Corrections: []Correction{},
		Section: sectionLink(site, a.Section), Story: storyLink(site, a.Story), Image: imageOf(site, a.Featured),
	}
	if !a.UpdatedAt.IsZero() {
		v.UpdatedAt = &a.UpdatedAt
	}
	for _, u := range a.Authors {
		v.Authors = append(v.Authors, authorLink(site, u))
	}
	for _, t := range a.Tags {
		v.Tags = append(v.Tags, tagLink(site, t))
	}
	for _, c := range a.Corrections {
		v.Corrections = append(v.Corrections, Correction{Time: c.Time, Text: c.Text})
	}
	return v
}

// excerpt is the article's excerpt, or else the start of its body as
// plain text.
func (e *Encoder) excerpt(a *herald.Article) string {
	if a.Excerpt != "" {
		return a.Excerpt
	}
	return markup.Excerpt(e.conv.Text(a.Body), excerptLen)
}

// translations returns the other public articles of a's translation group.
func (e *Encoder) translations(ctx context.Context, site Site, a *herald.Article) ([]Translation, error) {
	filters := []herald.ArticleFilter{{TranslationOf: a.ID}}
	if original := a.TranslationOf; original != 0 {
		filters = []herald.ArticleFilter{{ID: original}, {TranslationOf: original}}
	}
	out := []Translation{}
	for _, f := range filters {
		f.PublicAt, f.ExcludeID, f.Limit = site.Now, a.ID, 100
		res, err := e.store.FindArticles(ctx, f)
		if err != nil {
			return nil, err
		}
		for _, t := range res.Articles {
			out = append(out, Translation{ID: t.ID, Language: t.Language, Headline: t.Headline, URL: site.ArticleURL(t)})
		}
	}
	return out, nil
}

func sectionLink(site Site, s *herald.Section) *Link {
	if s == nil {
		return nil
	}
	return &Link{ID: s.ID, Name: s.Name, Slug: s.Slug, URL: site.URL("/section/" + s.Slug + "/")}
}

func storyLink(site Site, s *herald.Story) *Link {
	if s == nil {
		return nil
	}
	return &Link{ID: s.ID, Name: s.Name, Slug: s.Slug, URL: site.URL("/story/" + s.Slug + "/")}
}

func tagLink(site Site, t *herald.Tag) Link {
	return Link{ID: t.ID, Name: t.Name, Slug: t.Slug, URL: site.URL("/tag/" + t.Slug + "/")}
}

func authorLink(site Site, u *herald.User) Link {
	return Link{ID: u.ID, Name: u.Name, Slug: u.Slug, URL: site.URL("/author/" + u.Slug + "/")}
}

// imageOf returns the image at the size the article page shows, nil for none.
func imageOf(site Site, m *herald.Media) *Image {
	if m == nil {
		return nil
	}
	src, w, h := media.Fallback(m)
	return &Image{URL: site.URL(src), Width: w, Height: h, Alt: m.Alt}
}
