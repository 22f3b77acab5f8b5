package site

import (
	"bytes"
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/feed"
	"github.com/herald-news/herald/internal/markup"
	"github.com/herald-news/herald/internal/media"
)

// generator names Herald in feeds.
const generator = "Herald"

// renderFeed renders the feed of fr.
func (s *Site) renderFeed(r *http.Request, fr feedRoute) ([]byte, time.Time, error) {
	e, err := s.newEnv(r)
	if err != nil {
		return nil, time.Time{}, err
	}
	var f *feed.Feed
	switch {
	case fr.recentComments:
		f, err = e.recentCommentsFeed(fr)
	case fr.page.kind == routeArticle:
		f, err = e.articleCommentsFeed(fr)
	default:
		f, err = e.articleFeed(fr)
	}
	if err != nil {
		return nil, time.Time{}, err
	}
	var buf bytes.Buffer
	err = feed.Write(&buf, fr.format, f)
	return buf.Bytes(), time.Time{}, err
}

// newFeed returns a feed of the page at fr titled title ("" for the
// site's name) with no items yet.
func (e *env) newFeed(fr feedRoute, title, description string) *feed.Feed {
	if title == "" {
		title = e.settings.Title
	} else {
		title += " — " + e.settings.Title
	}
	if description == "" {
		description = e.settings.Tagline
	}
	return &feed.Feed{
		Title: title, Description: description, Link: e.abs(fr.pagePath()), Self: e.abs(fr.path()),
		Language: e.settings.Language, Generator: generator,
	}
}

// articleFeed builds the feed of the newest public articles of the front
// page or of a section, tag, author or story.
func (e *env) articleFeed(fr feedRoute) (*feed.Feed, error) {
	filter, title, description, err := e.feedFilter(fr.page)
	if err != nil {
		return nil, err
	}
	filter.Limit = e.feedItems()
	res, err := e.store.FindArticles(e.ctx, e.public(filter))
	if err != nil {
		return nil, err
	}
	if fr.page.kind == routeAuthor || fr.page.kind == routeStory {
		if len(res.Articles) == 0 { // as their pages: nothing public, no page
			return nil, feedNotFound(fr)
		}
	}
	f := e.newFeed(fr, title, description)
	for _, a := range res.Articles {
		it := e.articleItem(a)
		f.Items = append(f.Items, it)
		f.Updated = latestTime(f.Updated, it.Published, it.Updated)
	}
	return f, nil
}

// feedFilter returns the articles of a listing with its title and
// description.
func (e *env) feedFilter(rt route) (f herald.ArticleFilter, title, description string, err error) {
	switch rt.kind {
	case routeSection:
		sec, err := e.store.FindSectionBySlug(e.ctx, rt.slug)
		if err != nil {
			return f, "", "", err
		}
		f.SectionID, title, description = sec.ID, sec.Name, sec.Description
	case routeTag:
		tag, err := e.store.FindTagBySlug(e.ctx, rt.slug)
		if err != nil {
			return f, "", "", err
		}
		f.TagID, title = tag.ID, tag.Name
	case routeAuthor:
		u, err := e.store.FindUserBySlug(e.ctx, rt.slug)
		if err != nil {
			return f, "", "", err
		}
		f.AuthorID, title, description = u.ID, u.Name, u.Bio
	case routeStory:
		st, err := e.store.FindStoryBySlug(e.ctx, rt.slug)
		if err != nil {
			return f, "", "", err
		}
		f.StoryID, title, description = st.ID, st.Name, st.Description
	}
	return f, title, description, nil
}

// articleItem is the feed item of a public article.
func (e *env) articleItem(a *herald.Article) feed.Item {
	it := feed.Item{
		ID: e.tagURI(a.CreatedAt, "article", a.ID), Title: a.Headline, Link: e.abs(a.Path(e.loc)),
		Published: a.PublishedAt, Updated: a.UpdatedAt, Summary: summary(e.conv, a),
	}
	if a.Language != e.settings.Language {
		it.Language = a.Language
	}
	for _, c := range a.Corrections {
		it.Updated = latestTime(it.Updated, c.Time)
	}
	for _, u := range a.Authors {
		it.Authors = append(it.Authors, feed.Person{Name: u.Name, URL: e.abs("/author/" + u.Slug + "/")})
	}
	if a.Section != nil {
		it.Categories = append(it.Categories, a.Section.Name)
	}
	for _, t := range a.Tags {
		it.Categories = append(it.Categories, t.Name)
	}
	if e.feedFullText(a) {
		it.Content = markup.Absolute(e.conv.HTML(a.Body), e.origin)
	} else {
		it.Content = "<p>" + html.EscapeString(it.Summary) + "</p>"
	}
	it.Content += e.correctionsHTML(a)
	if m := a.Featured; m != nil {
		it.Image = &feed.Image{URL: e.abs(media.URL(m, 0)), Type: m.Type, Length: m.Size,
			Width: m.Width, Height: m.Height, Alt: m.Alt}
	}
	return it
}

// feedFullText decides whether a feed carries a's whole text or only its
// summary: the whole text when the settings ask for it, unless the
// article is protected from copying (by its own choice or the site's),
// since a feed would hand its text to anyone. It is the one place that
// decides.
func (e *env) feedFullText(a *herald.Article) bool {
	return e.settings.Distribution.FeedFullText && a.CopyMode(e.settings.Protection) == herald.CopyOff
}

// correctionsHTML is the article's correction notes, dated, as they end
// the article in a feed; "" when there are none.
func (e *env) correctionsHTML(a *herald.Article) string {
	if len(a.Corrections) == 0 {
		return ""
	}
	clock := e.clock
	clock.lang = a.Language
	var b strings.Builder
	b.WriteString(`<aside class="corrections"><h2>` + html.EscapeString(labelsFor(a.Language).Corrections) + "</h2>")
	for _, c := range a.Corrections {
		t := clock.at(c.Time)
		b.WriteString(`<p><time datetime="` + t.Datetime + `">` + html.EscapeString(t.Text) + "</time>: " +
			html.EscapeString(c.Text) + "</p>")
	}
	b.WriteString("</aside>")
	return b.String()
}

// tagURI is a stable identifier of a record (RFC 4151): the site's host,
// the day the record was created and its kind and id, which never change
// when a headline or slug does.
func (e *env) tagURI(created time.Time, kind string, id int64) string {
	host := e.origin
	if u, err := url.Parse(e.origin); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	return "tag:" + host + "," + created.UTC().Format("2006-01-02") + ":" + kind + "-" + strconv.FormatInt(id, 10)
}

// latestTime returns the latest of the times.
func latestTime(times ...time.Time) time.Time {
	var out time.Time
	for _, t := range times {
		if t.After(out) {
			out = t
		}
	}
	return out
}
