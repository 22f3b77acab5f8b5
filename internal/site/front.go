package site

import (
	"github.com/herald-news/herald"
)

// Front page sizes.
const (
	frontLatest     = 12 // articles read for the lead and top stories
	frontSecond     = 2  // articles under the lead
	frontTop        = 4  // top stories beside the lead
	frontPerSection = 4  // articles per section block
	frontStories    = 5  // developing stories listed
	leadImageSizes  = "(min-width: 64rem) 40rem, 100vw"
	cardImageSizes  = "(min-width: 48rem) 20rem, 100vw"
)

// frontView is the front page: the lead story, top stories, developing
// stories and the latest articles of each section in the navigation.
type frontView struct {
	chrome
	Lead     *card
	Second   []card // under the lead
	Top      []card // beside the lead
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
	v.Meta.Next = e.abs(v.Older)
	v.Meta.JSONLD = []any{e.webSiteLD(v.Meta.Image)}
	shown := map[int64]bool{}
	if lead := leadArticle(res.Articles); lead != nil {
		shown[lead.ID] = true
		c := []card{e.cardOf(lead, leadImageSizes)}
		if err := e.countComments(c, []*herald.Article{lead}); err != nil {
			return nil, err
		}
		v.Lead = &c[0]
	}
	second, top := pick(res.Articles, shown, frontSecond), pick(res.Articles, shown, frontTop)
	v.Second = e.frontCards(second, frontSecond, nil)
	v.Top = e.frontCards(top, 0, nil)
	if err := e.countComments(v.Second, second); err != nil {
		return nil, err
	}
	if err := e.countComments(v.Top, top); err != nil {
		return nil, err
	}
	if v.Stories, err = e.runningStories(); err != nil {
		return nil, err
	}
	if v.Sections, err = e.sectionBlocks(shown); err != nil {
		return nil, err
	}
	return v, nil
}

// leadArticle picks the lead: the newest article with an image among the
// first few, or else the newest.
func leadArticle(articles []*herald.Article) *herald.Article {
	if len(articles) == 0 {
		return nil
	}
	for _, a := range articles[:min(len(articles), frontTop+1)] {
		if a.Featured != nil {
			return a
		}
	}
	return articles[0]
}

// pick returns up to n of the articles not shown yet and marks them shown.
func pick(articles []*herald.Article, shown map[int64]bool, n int) []*herald.Article {
	var out []*herald.Article
	for _, a := range articles {
		if len(out) == n {
			break
		}
		if !shown[a.ID] {
			shown[a.ID] = true
			out = append(out, a)
		}
	}
	return out
}

// frontCards returns cards under a front-page heading, the first images
// of them with pictures; a card of section sec has no section kicker.
func (e *env) frontCards(articles []*herald.Article, images int, sec *herald.Section) []card {
	out := make([]card, len(articles))
	for i, a := range articles {
		sizes := ""
		if i < images {
			sizes = cardImageSizes
		}
		out[i] = e.cardOf(a, sizes)
		out[i].Level = 3
		if sec != nil && a.SectionID == sec.ID {
			out[i].Section = nil
		}
	}
	return out
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
			SectionID: sec.ID, Limit: frontPerSection + frontTop + frontSecond + 1,
		}))
		if err != nil {
			return nil, err
		}
		cards := e.frontCards(pick(res.Articles, shown, frontPerSection), 1, sec)
		if len(cards) > 0 {
			out = append(out, sectionBlock{ID: "section-" + sec.Slug, Section: *sectionLink(sec), Articles: cards})
		}
	}
	return out, nil
}
