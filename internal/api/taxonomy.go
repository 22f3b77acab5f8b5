package api

import (
	"context"
	"net/http"

	"github.com/herald-news/herald"
)

// Section is the public JSON form of a section.
type Section struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Slug        string `json:"slug"`
	Description string `json:"description"`
	ParentID    *int64 `json:"parent_id"` // null for a top-level section
	URL         string `json:"url"`
}

// Tag is the public JSON form of a tag on a public article; a tag only
// drafts carry is not shown, since its name could give them away.
type Tag struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Slug         string `json:"slug"`
	URL          string `json:"url"`
	ArticleCount int    `json:"article_count"` // public articles
}

// Story is the public JSON form of a running story with a public article.
type Story struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Slug         string `json:"slug"`
	Description  string `json:"description"`
	URL          string `json:"url"`
	ArticleCount int    `json:"article_count"` // public articles
}

func sectionOf(site Site, s *herald.Section) Section {
	v := Section{ID: s.ID, Name: s.Name, Slug: s.Slug, Description: s.Description, URL: sectionLink(site, s).URL}
	if s.ParentID != 0 {
		v.ParentID = &s.ParentID
	}
	return v
}

func tagOf(site Site, t herald.Counted[*herald.Tag]) Tag {
	return Tag{ID: t.Item.ID, Name: t.Item.Name, Slug: t.Item.Slug, URL: tagLink(site, t.Item).URL, ArticleCount: t.Articles}
}

func storyOf(site Site, s herald.Counted[*herald.Story]) Story {
	return Story{ID: s.Item.ID, Name: s.Item.Name, Slug: s.Item.Slug, Description: s.Item.Description,
		URL: storyLink(site, s.Item).URL, ArticleCount: s.Articles}
}

// findPublic is a store method finding the tags, stories or authors of
// public articles: one page, and how many there are in all.
type findPublic[R any] func(ctx context.Context, f herald.PublicFilter) ([]R, int, error)

// listing answers a listing: find reads the page p asks for and how many
// items there are in all, of turns each into JSON.
func listing[R, T any](a *API, w http.ResponseWriter, r *http.Request,
	find func(ctx context.Context, site Site, p paging) ([]R, int, error), of func(Site, R) T) error {
	p, err := pagingOf(r.URL.Query())
	if err != nil {
		return err
	}
	site, err := a.site(r)
	if err != nil {
		return err
	}
	page, total, err := find(r.Context(), site, p)
	if err != nil {
		return err
	}
	data := []T{}
	for _, v := range page {
		data = append(data, of(site, v))
	}
	return a.writeJSON(w, r, listOf(r, site, p, total, data))
}

// listPublic answers a listing of the tags, stories or authors of public
// articles: the store reads the page asked for with the counts of its
// articles, in a few queries however many there are.
func listPublic[R, T any](a *API, w http.ResponseWriter, r *http.Request, find findPublic[R], of func(Site, R) T) error {
	return listing(a, w, r, func(ctx context.Context, site Site, p paging) ([]R, int, error) {
		return find(ctx, herald.PublicFilter{Now: site.Now, Offset: p.offset(), Limit: p.PerPage})
	}, of)
}

// onePublic answers the tag, story or author with the path's id, not found
// unless it has a public article.
func onePublic[R, T any](a *API, w http.ResponseWriter, r *http.Request, what string, find findPublic[R],
	of func(Site, R) T) error {
	return one(a, w, r, what, func(ctx context.Context, id int64) (R, error) {
		var none R
		found, _, err := find(ctx, herald.PublicFilter{Now: a.now(), ID: id, Limit: 1})
		if err != nil {
			return none, err
		}
		if len(found) == 0 {
			return none, herald.Errorf(herald.ENOTFOUND, "No %s with id %d.", what, id)
		}
		return found[0], nil
	}, of)
}

// sections answers GET /api/v1/sections: parents before their children.
func (a *API) sections(w http.ResponseWriter, r *http.Request) error {
	return listing(a, w, r, func(ctx context.Context, _ Site, p paging) ([]*herald.Section, int, error) {
		all, err := a.store.FindSections(ctx)
		return pageOf(all, p), len(all), err
	}, sectionOf)
}

// one answers a single record found by the path's id, turned into JSON by of.
func one[R, T any](a *API, w http.ResponseWriter, r *http.Request, what string,
	find func(ctx context.Context, id int64) (R, error), of func(Site, R) T) error {
	id, err := idParam(r, what)
	if err != nil {
		return err
	}
	site, err := a.site(r)
	if err != nil {
		return err
	}
	v, err := find(r.Context(), id)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, of(site, v))
}

// section answers GET /api/v1/sections/{id}.
func (a *API) section(w http.ResponseWriter, r *http.Request) error {
	return one(a, w, r, "section", a.findSection, sectionOf)
}

func (a *API) findSection(ctx context.Context, id int64) (*herald.Section, error) {
	all, err := a.store.FindSections(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range all {
		if s.ID == id {
			return s, nil
		}
	}
	return nil, herald.Errorf(herald.ENOTFOUND, "No section with id %d.", id)
}

// tags answers GET /api/v1/tags: the tags of public articles, by name.
func (a *API) tags(w http.ResponseWriter, r *http.Request) error {
	return listPublic(a, w, r, a.store.FindPublicTags, tagOf)
}

// tag answers GET /api/v1/tags/{id}.
func (a *API) tag(w http.ResponseWriter, r *http.Request) error {
	return onePublic(a, w, r, "tag", a.store.FindPublicTags, tagOf)
}

// stories answers GET /api/v1/stories: those with public articles, newest
// first.
func (a *API) stories(w http.ResponseWriter, r *http.Request) error {
	return listPublic(a, w, r, a.store.FindPublicStories, storyOf)
}

// story answers GET /api/v1/stories/{id}.
func (a *API) story(w http.ResponseWriter, r *http.Request) error {
	return onePublic(a, w, r, "story", a.store.FindPublicStories, storyOf)
}
