package site

import (
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/markup"
	"github.com/herald-news/herald/internal/media"
	"github.com/herald-news/herald/internal/render"
)

// Excerpt length on listings, in characters.
const excerptLen = 220

// link is a named URL.
type link struct {
	Name string
	URL  string
}

// timeView is a moment for a <time> element: machine and human forms.
type timeView struct {
	Datetime string
	Text     string
}

// imageView is a responsive image with its caption and credit.
type imageView struct {
	Src, SrcSet, Sizes string
	Width, Height      int
	Alt                string
	Caption, Credit    string
}

// card is an article in a listing.
type card struct {
	URL       string
	Headline  string
	Summary   string
	Lang      string // set only when it differs from the page's language
	Published timeView
	Section   *link
	Story     *link
	Image     *imageView
	Level     int // heading level of the headline: 2, or 3 under a section heading
	Comments  int // approved comments
	// CommentCount says Comments in words, "2 comments".
	CommentCount string
}

// clock formats times for one page: the site's zone and date format, the
// page's language.
type clock struct {
	loc    *time.Location
	format string
	lang   string
}

// at returns t as shown on the page.
func (c clock) at(t time.Time) timeView {
	t = t.In(c.loc)
	return timeView{Datetime: render.Datetime(t), Text: render.Date(t, c.lang, c.format)}
}

// imageOf returns the view of a media record, nil for none; sizes tells the
// browser how wide the image will be shown.
func imageOf(m *herald.Media, sizes string) *imageView {
	if m == nil {
		return nil
	}
	src, w, h := media.Fallback(m)
	return &imageView{
		Src: src, SrcSet: media.SrcSet(m), Sizes: sizes, Width: w, Height: h,
		Alt: m.Alt, Caption: m.Caption, Credit: m.Credit,
	}
}

// sectionLink returns the link to a section, nil for none.
func sectionLink(s *herald.Section) *link {
	if s == nil {
		return nil
	}
	return &link{Name: s.Name, URL: "/section/" + s.Slug + "/"}
}

// authorPath is the path of an author's page.
func authorPath(u *herald.User) string {
	return "/author/" + u.Slug + "/"
}

// storyLink returns the link to a story, nil for none.
func storyLink(s *herald.Story) *link {
	if s == nil {
		return nil
	}
	return &link{Name: s.Name, URL: "/story/" + s.Slug + "/"}
}

// cardOf returns the listing view of a; sizes is the image's display width
// or "" to show no image.
func (e *env) cardOf(a *herald.Article, sizes string) card {
	c := card{
		URL:       a.Path(e.loc),
		Headline:  a.Headline,
		Summary:   summary(e.conv, a),
		Published: e.clock.at(a.PublishedAt),
		Section:   sectionLink(a.Section),
		Story:     storyLink(a.Story),
		Level:     2,
	}
	if a.Language != e.clock.lang {
		c.Lang = a.Language
	}
	if sizes != "" {
		c.Image = imageOf(a.Featured, sizes)
	}
	return c
}

// cards returns the listing views of articles.
func (e *env) cards(articles []*herald.Article, sizes string) []card {
	out := make([]card, len(articles))
	for i, a := range articles {
		out[i] = e.cardOf(a, sizes)
	}
	return out
}

// summary is the short text under a headline: the dek, the excerpt, or
// the start of the body.
func summary(conv *markup.Converter, a *herald.Article) string {
	switch {
	case a.Dek != "":
		return a.Dek
	case a.Excerpt != "":
		return markup.Excerpt(a.Excerpt, excerptLen)
	}
	return markup.Excerpt(conv.Text(lead(a.Body)), excerptLen)
}

// lead returns the opening paragraphs of a Markdown body, enough for an
// excerpt, so a long body is not parsed whole for a listing.
func lead(body string) string {
	const enough = 1500
	if len(body) <= enough {
		return body
	}
	if i := strings.LastIndex(body[:enough], "\n\n"); i > 0 {
		return body[:i]
	}
	return body
}
