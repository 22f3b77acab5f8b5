package site

import (
	"github.com/herald-news/herald"
)

// Front page sizes.
const (
	frontLatest      = 10 // articles read for the lead and top stories
	frontTop         = 4  // top stories under the lead
	frontPerSection  = 4  // articles per section block
	frontStories     = 5  // developing stories listed
	leadImageSizes   = "(min-width: 64rem) 40rem, 100vw"
	sectionCardSizes = "(min-width: 48rem) 20rem, 100vw"
)

// frontView is the front page: the lead story, top stories, developing
// stories and the latest articles of each section in the navigation.
type frontView struct {
	chrome
	Lead     *card
	Top      []card
	Stories  []link
	Sections []sectionBlock
	Older    string // path of the next page of latest news
}

func (frontView) template() string { return "front" }

// sectionBlock is a section's latest articles on the front page.
type sectionBlock struct {
	ID       string // of its heading
	Section  link
	Articles []card
}

// front builds the front page, or from page 2 on the latest news.
func (s *Site) front(e *env, rt route) (page, error) {
	if rt.page > 1 {
		return s.latest(e, rt)
	}
	res, err := e.store.FindArticles(e.ctx, e.public(herald.ArticleFilter{Limit: frontLatest}))
	if err != nil {
		return nil, err
	}
	v := frontView{chrome: e.chrome("", e.settings.Tagline)}
	v.Front = true
	if res.Total > e.settings.PerPage {
		v.Older = pagePath("/", 2)
	}
	shown := map[int64]bool{}
	v.Lead, v.Top = e.leadAndTop(res.Articles, shown)
	if v.Stories, err = e.runningStories(); err != nil {
		return nil, err
	}
	if v.Sections, err = e.sectionBlocks(shown); err != nil {
		return nil, err
	}
	return v, nil
}

// leadAndTop picks the lead, the newest article with an image among the
// first few, and the top stories after it; it marks them shown.
func (e *env) leadAndTop(articles []*herald.Article, shown map[int64]bool) (*card, []card) {
	if len(articles) == 0 {
		return nil, nil
	}
	lead := articles[0]
	for _, a := range articles[:min(len(articles), frontTop+1)] {
		if a.Featured != nil {
			lead = a
			break
		}
	}
	shown[lead.ID] = true
	c := e.cardOf(lead, leadImageSizes)
	var top []card
	for _, a := range articles {
		if len(top) == frontTop {
			break
		}
		if !shown[a.ID] {
			shown[a.ID] = true
			c := e.cardOf(a, "")
			c.Level = 3
			top = append(top, c)
		}
	}
	return &c, top
}

// runningStories lists the newest stories that have a public article.
func (e *env) runningStories() ([]link, error) {
	all, err := e.store.FindStories(e.ctx, 0, frontStories*4)
	if err != nil {
		return nil, err
	}
	var out []link
	for _, st := range all {
		if len(out) == frontStories {
			break
		}
		res, err := e.store.FindArticles(e.ctx, e.public(herald.ArticleFilter{StoryID: st.ID, Limit: 1}))
		if err != nil {
			return nil, err
		}
		if res.Total > 0 {
			out = append(out, *storyLink(st))
		}
	}
	return out, nil
}

// sectionBlocks returns the latest articles of each top-level navigation
// section, skipping those shown above.
func (e *env) sectionBlocks(shown map[int64]bool) ([]sectionBlock, error) {
	var out []sectionBlock
	for _, sec := range e.sections {
		if sec.ParentID != 0 || !sec.InNav {
			continue
		}
		res, err := e.store.FindArticles(e.ctx, e.public(herald.ArticleFilter{
			SectionID: sec.ID, Limit: frontPerSection + frontTop + 1,
		}))
		if err != nil {
			return nil, err
		}
		b := sectionBlock{ID: "section-" + sec.Slug, Section: *sectionLink(sec)}
		for _, a := range res.Articles {
			if !shown[a.ID] && len(b.Articles) < frontPerSection {
				shown[a.ID] = true
				c := e.cardOf(a, imageSizesFor(len(b.Articles)))
				c.Level = 3
				b.Articles = append(b.Articles, c)
			}
		}
		if len(b.Articles) > 0 {
			out = append(out, b)
		}
	}
	return out, nil
}

// imageSizesFor shows an image on the first card of a section block only.
func imageSizesFor(i int) string {
	if i == 0 {
		return sectionCardSizes
	}
	return ""
}
