package site

import (
	"html/template"

	"github.com/herald-news/herald"
)

// Related coverage shows at most this many articles.
const relatedLimit = 8

// Image sizes of the article page, matching the theme's column widths.
const articleImageSizes = "(min-width: 48rem) 46rem, 100vw"

// articleView is the page of one article.
type articleView struct {
	chrome
	Headline    string
	Dek         string
	Body        template.HTML
	Published   timeView
	Updated     *timeView
	Byline      []bylineItem
	Section     *link
	Tags        []link
	Image       *imageView
	Corrections []correctionView
	Related     relatedView
	Prev, Next  *card
	Comments    commentsView
	// ShareTop and ShareEnd are the share bars under the headline and
	// after the body; nil when the settings name no network.
	ShareTop, ShareEnd *shareBar
	Languages          []languageLink // other language versions; nil for none
	// Script enhances the share bars and loads embeds on a click.
	Script string

	Protect *protectView
}

func (articleView) template() string { return "article" }

// correctionView is a correction note.
type correctionView struct {
	Time timeView
	Text string
}

// relatedView is the related coverage: a story's timeline or articles
// sharing tags.
type relatedView struct {
	Story    *link // set for a story's timeline
	Articles []card
}

// article builds the page of the article at rt's date and slug. An
// unpublished article is gone; a draft, scheduled or future one is not found.
func (s *Site) article(e *env, rt route) (page, error) {
	a, err := e.findArticle(rt)
	if err != nil {
		return nil, err
	}
	e.setLang(a.Language)
	v := articleView{
		Headline: a.Headline, Dek: a.Dek, Body: template.HTML(e.conv.HTML(a.Body)),
		Published: e.clock.at(a.PublishedAt), Section: sectionLink(a.Section),
		Image: imageOf(a.Featured, articleImageSizes), Byline: byline(a.Authors, labelsFor(a.Language)),
		Tags: tagLinks(a.Tags), Corrections: e.corrections(a.Corrections),
	}
	v.chrome = e.chrome(a.Headline, summary(e.conv, a))
	v.Feeds = append(v.Feeds, e.commentFeedLinks(a))
	if err := e.distribution(&v, a); err != nil {
		return nil, err
	}
	v.Protect = s.protection(e, a, v.Canonical)
	if !a.UpdatedAt.IsZero() {
		u := e.clock.at(a.UpdatedAt)
		v.Updated = &u
	}
	if v.Related, err = e.related(a); err != nil {
		return nil, err
	}
	if v.Prev, v.Next, err = e.neighbours(a); err != nil {
		return nil, err
	}
	if v.Comments, err = e.comments(a, rt.cpage); err != nil {
		return nil, err
	}
	return v, nil
}

// findArticle returns the public article at rt's date and slug.
func (e *env) findArticle(rt route) (*herald.Article, error) {
	res, err := e.store.FindArticles(e.ctx, herald.ArticleFilter{Slug: rt.slug, Limit: 1})
	if err != nil {
		return nil, err
	}
	notFound := herald.Errorf(herald.ENOTFOUND, "No article at %s.", rt.canonical())
	if len(res.Articles) == 0 {
		return nil, notFound
	}
	a := res.Articles[0]
	switch {
	case a.Path(e.loc) != rt.base():
		return nil, notFound
	case a.Status == herald.StatusUnpublished:
		return nil, herald.Errorf(herald.EGONE, "The article was withdrawn.")
	case !a.IsPublic(e.now):
		return nil, notFound
	}
	return a, nil
}

// related returns the story's other public articles, newest first, or
// else the articles sharing the most tags.
func (e *env) related(a *herald.Article) (relatedView, error) {
	if a.Story == nil {
		found, err := e.store.FindRelatedArticles(e.ctx, a, relatedLimit)
		return relatedView{Articles: e.cards(found, "")}, err
	}
	res, err := e.store.FindArticles(e.ctx, e.public(herald.ArticleFilter{
		StoryID: a.StoryID, ExcludeID: a.ID, Limit: relatedLimit,
	}))
	if err != nil {
		return relatedView{}, err
	}
	return relatedView{Story: storyLink(a.Story), Articles: e.cards(res.Articles, "")}, nil
}

// neighbours returns the previous (older) and next (newer) public articles
// of a's section.
func (e *env) neighbours(a *herald.Article) (prev, next *card, err error) {
	if a.SectionID == 0 {
		return nil, nil, nil
	}
	if prev, err = e.neighbour(a, herald.NewestFirst); err != nil {
		return nil, nil, err
	}
	next, err = e.neighbour(a, herald.OldestFirst)
	return prev, next, err
}

// neighbour returns the article following a in the section in order.
func (e *env) neighbour(a *herald.Article, order herald.ArticleOrder) (*card, error) {
	res, err := e.store.FindArticles(e.ctx, e.public(herald.ArticleFilter{
		SectionID: a.SectionID, After: a, Order: order, Limit: 1,
	}))
	if err != nil || len(res.Articles) == 0 {
		return nil, err
	}
	c := e.cardOf(res.Articles[0], "")
	return &c, nil
}

// corrections returns the views of correction notes.
func (e *env) corrections(cs []herald.Correction) []correctionView {
	out := make([]correctionView, len(cs))
	for i, c := range cs {
		out[i] = correctionView{Time: e.clock.at(c.Time), Text: c.Text}
	}
	return out
}

// bylineItem is an author in a byline with the words before the name.
type bylineItem struct {
	Sep string // "", ", " or " and "
	link
}

// byline links the authors to their pages: "A, B and C".
func byline(users []*herald.User, t *labels) []bylineItem {
	out := make([]bylineItem, len(users))
	for i, u := range users {
		out[i].link = link{Name: u.Name, URL: authorPath(u)}
		switch {
		case i == 0:
		case i == len(users)-1:
			out[i].Sep = " " + t.And + " "
		default:
			out[i].Sep = ", "
		}
	}
	return out
}

// tagLinks links tags to their pages.
func tagLinks(tags []*herald.Tag) []link {
	out := make([]link, len(tags))
	for i, t := range tags {
		out[i] = link{Name: t.Name, URL: "/tag/" + t.Slug + "/"}
	}
	return out
}
