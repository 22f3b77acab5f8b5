package site

import (
	"github.com/herald-news/herald"
)

// Image sizes of listing thumbnails.
const listImageSizes = "(min-width: 48rem) 12rem, 100vw"

// listView is a paginated listing: a section, tag, author, story, date
// archive or the latest news.
type listView struct {
	chrome
	Kicker     string // what kind of listing, above the heading
	Heading    string
	Intro      string
	LinksLabel string
	Links      []link // subsections or months
	Articles   []card
	// Timeline shows the articles as a dated list, for a running story.
	Timeline bool
	Pager    pager
}

func (listView) template() string { return "list" }

// list builds a listing page of the public articles matching f.
func (e *env) list(rt route, kicker, heading, intro string, f herald.ArticleFilter) (listView, error) {
	articles, p, err := e.listing(rt, f)
	if err != nil {
		return listView{}, err
	}
	v := listView{
		Kicker: kicker, Heading: heading, Intro: intro,
		Articles: e.cards(articles, listImageSizes), Pager: p,
	}
	if err := e.countComments(v.Articles, articles); err != nil {
		return listView{}, err
	}
	v.chrome = e.chrome(pageTitle(heading, p), intro)
	v.listingFeedLinks(e, rt)
	v.Meta.Prev, v.Meta.Next = e.abs(p.Prev), e.abs(p.Next)
	v.Meta.JSONLD = []any{e.collectionPageLD(v.Meta.Title, v.Canonical, intro)}
	return v, nil
}

// pageTitle is the document title of a listing's page: "World, page 2".
func pageTitle(heading string, p pager) string {
	if p.Page <= 1 {
		return heading
	}
	return heading + ", " + p.Label
}

// latest builds page 2 and later of the latest news, the front page's
// continuation.
func (s *Site) latest(e *env, rt route) (page, error) {
	t := labelsFor(e.clock.lang)
	return e.list(rt, "", t.Latest, "", herald.ArticleFilter{})
}

// section builds a section's listing, which includes its subsections.
func (s *Site) section(e *env, rt route) (page, error) {
	sec, err := e.store.FindSectionBySlug(e.ctx, rt.slug)
	if err != nil {
		return nil, err
	}
	t := labelsFor(e.clock.lang)
	v, err := e.list(rt, t.Section, sec.Name, sec.Description, herald.ArticleFilter{SectionID: sec.ID})
	if err != nil {
		return nil, err
	}
	v.LinksLabel, v.Links = t.Subsections, e.subsections(sec.ID)
	for i, c := range v.Articles {
		if c.Section != nil && c.Section.URL == rt.base() {
			v.Articles[i].Section = nil // the page's heading names it
		}
	}
	for i, n := range v.Nav {
		v.Nav[i].Current = n.Current || n.URL == rt.base()
	}
	return v, nil
}

// subsections links the direct children of a section.
func (e *env) subsections(id int64) []link {
	var out []link
	for _, sec := range e.sections {
		if sec.ParentID == id {
			out = append(out, *sectionLink(sec))
		}
	}
	return out
}

// tag builds a tag's listing.
func (s *Site) tag(e *env, rt route) (page, error) {
	tag, err := e.store.FindTagBySlug(e.ctx, rt.slug)
	if err != nil {
		return nil, err
	}
	return e.list(rt, labelsFor(e.clock.lang).Tag, tag.Name, "", herald.ArticleFilter{TagID: tag.ID})
}

// author builds an author's page: name, bio and articles. Members of the
// newsroom with no public article have no public page.
func (s *Site) author(e *env, rt route) (page, error) {
	u, err := e.store.FindUserBySlug(e.ctx, rt.slug)
	if err != nil {
		return nil, err
	}
	v, err := e.list(rt, labelsFor(e.clock.lang).Author, u.Name, u.Bio, herald.ArticleFilter{AuthorID: u.ID})
	if err == nil && len(v.Articles) == 0 {
		err = herald.Errorf(herald.ENOTFOUND, "No author %s.", rt.slug)
	}
	if err == nil {
		v.Meta.JSONLD = []any{e.profilePageLD(u, v.Meta.Title, v.Canonical)}
	}
	return v, err
}

// story builds a running story's page: its articles as a timeline, newest
// first, because readers follow a running story to learn what is new; the
// back story is a page further on.
func (s *Site) story(e *env, rt route) (page, error) {
	st, err := e.store.FindStoryBySlug(e.ctx, rt.slug)
	if err != nil {
		return nil, err
	}
	v, err := e.list(rt, labelsFor(e.clock.lang).Story, st.Name, st.Description, herald.ArticleFilter{StoryID: st.ID})
	if err == nil && len(v.Articles) == 0 {
		err = herald.Errorf(herald.ENOTFOUND, "No story %s.", rt.slug)
	}
	v.Timeline = true
	return v, err
}
