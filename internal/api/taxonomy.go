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

func tagOf(site Site, t counted[*herald.Tag]) Tag {
	return Tag{ID: t.v.ID, Name: t.v.Name, Slug: t.v.Slug, URL: tagLink(site, t.v).URL, ArticleCount: t.articles}
}

func storyOf(site Site, s counted[*herald.Story]) Story {
	return Story{ID: s.v.ID, Name: s.v.Name, Slug: s.v.Slug, Description: s.v.Description,
		URL: storyLink(site, s.v).URL, ArticleCount: s.articles}
}

// counted is a tag, story or author with the count of its public articles.
type counted[T any] struct {
	v        T
	articles int
}

// countPublic returns those of all that have a public article, counted by
// the filter filter returns for each.
func countPublic[T any](a *API, ctx context.Context, all []T, filter func(T) herald.ArticleFilter) ([]counted[T], error) {
	var out []counted[T]
	now := a.now()
	for _, v := range all {
		f := filter(v)
		f.PublicAt, f.Limit = now, 1
		res, err := a.store.FindArticles(ctx, f)
		if err != nil {
			return nil, err
		}
		if res.Total > 0 {
			out = append(out, counted[T]{v, res.Total})
		}
	}
	return out, nil
}

// chunk is how many records one store call reads when the API needs all.
const chunk = 1000

// findAll reads every record through a paged finder.
func findAll[T any](find func(offset, limit int) ([]T, error)) ([]T, error) {
	var all []T
	for {
		got, err := find(len(all), chunk)
		if err != nil {
			return nil, err
		}
		all = append(all, got...)
		if len(got) < chunk {
			return all, nil
		}
	}
}

// listAll answers a listing of every record find returns, paged in memory,
// each turned into JSON by of.
func listAll[R, T any](a *API, w http.ResponseWriter, r *http.Request, find func(ctx context.Context) ([]R, error),
	of func(Site, R) T) error {
	p, err := pagingOf(r.URL.Query())
	if err != nil {
		return err
	}
	site, err := a.site(r)
	if err != nil {
		return err
	}
	all, err := find(r.Context())
	if err != nil {
		return err
	}
	data := []T{}
	for _, v := range pageOf(all, p) {
		data = append(data, of(site, v))
	}
	return a.writeJSON(w, r, listOf(r, site, p, len(all), data))
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

// sections answers GET /api/v1/sections: parents before their children.
func (a *API) sections(w http.ResponseWriter, r *http.Request) error {
	return listAll(a, w, r, a.store.FindSections, sectionOf)
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
	find := func(ctx context.Context) ([]counted[*herald.Tag], error) {
		all, err := findAll(func(offset, limit int) ([]*herald.Tag, error) { return a.store.FindTags(ctx, offset, limit) })
		if err != nil {
			return nil, err
		}
		return countPublic(a, ctx, all, tagFilter)
	}
	return listAll(a, w, r, find, tagOf)
}

// tag answers GET /api/v1/tags/{id}.
func (a *API) tag(w http.ResponseWriter, r *http.Request) error {
	return one(a, w, r, "tag", func(ctx context.Context, id int64) (counted[*herald.Tag], error) {
		return findPublic(a, ctx, id, "tag", a.store.FindTag, tagFilter)
	}, tagOf)
}

func tagFilter(t *herald.Tag) herald.ArticleFilter { return herald.ArticleFilter{TagID: t.ID} }

// stories answers GET /api/v1/stories: those with public articles, newest
// first.
func (a *API) stories(w http.ResponseWriter, r *http.Request) error {
	find := func(ctx context.Context) ([]counted[*herald.Story], error) {
		all, err := findAll(func(offset, limit int) ([]*herald.Story, error) { return a.store.FindStories(ctx, offset, limit) })
		if err != nil {
			return nil, err
		}
		return countPublic(a, ctx, all, storyFilter)
	}
	return listAll(a, w, r, find, storyOf)
}

// story answers GET /api/v1/stories/{id}.
func (a *API) story(w http.ResponseWriter, r *http.Request) error {
	return one(a, w, r, "story", func(ctx context.Context, id int64) (counted[*herald.Story], error) {
		return findPublic(a, ctx, id, "story", a.store.FindStory, storyFilter)
	}, storyOf)
}

func storyFilter(s *herald.Story) herald.ArticleFilter { return herald.ArticleFilter{StoryID: s.ID} }

// findPublic finds one record by id, not found unless it has a public
// article.
func findPublic[T any](a *API, ctx context.Context, id int64, what string, find func(context.Context, int64) (T, error),
	filter func(T) herald.ArticleFilter) (counted[T], error) {
	v, err := find(ctx, id)
	if err != nil {
		return counted[T]{}, err
	}
	found, err := countPublic(a, ctx, []T{v}, filter)
	if err != nil {
		return counted[T]{}, err
	}
	if len(found) == 0 {
		return counted[T]{}, herald.Errorf(herald.ENOTFOUND, "No %s with id %d.", what, id)
	}
	return found[0], nil
}
