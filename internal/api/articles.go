package api

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/herald-news/herald"
)

// articles answers GET /api/v1/articles: public articles, newest first,
// filtered by section, tag, author, story and publication time.
func (a *API) articles(w http.ResponseWriter, r *http.Request) error {
	site, err := a.site(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	p, err := pagingOf(q)
	if err != nil {
		return err
	}
	f, err := a.articleFilter(r.Context(), q, site)
	if err != nil {
		return err
	}
	f.Offset, f.Limit = p.offset(), p.PerPage
	res, err := a.store.FindArticles(r.Context(), f)
	if err != nil {
		return err
	}
	data, err := a.enc.Articles(r.Context(), site, res.Articles)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, listOf(r, site, p, res.Total, data))
}

// article answers GET /api/v1/articles/{id}: one public article.
func (a *API) article(w http.ResponseWriter, r *http.Request) error {
	id, err := idParam(r, "article")
	if err != nil {
		return err
	}
	site, err := a.site(r)
	if err != nil {
		return err
	}
	res, err := a.store.FindArticles(r.Context(), herald.ArticleFilter{ID: id, PublicAt: site.Now, Limit: 1})
	if err != nil {
		return err
	}
	if len(res.Articles) == 0 {
		return herald.Errorf(herald.ENOTFOUND, "No published article with id %d.", id)
	}
	data, err := a.enc.Articles(r.Context(), site, res.Articles)
	if err != nil {
		return err
	}
	return a.writeJSON(w, r, data[0])
}

// articleFilter reads the filters of an article listing. A section, tag,
// author or story is named by slug (section=world) or id (section_id=3).
func (a *API) articleFilter(ctx context.Context, q url.Values, site Site) (herald.ArticleFilter, error) {
	f := herald.ArticleFilter{PublicAt: site.Now}
	var err error
	for _, ref := range []struct {
		name string
		id   *int64
		find func(slug string) (int64, error)
	}{
		{"section", &f.SectionID, func(slug string) (int64, error) {
			s, err := a.store.FindSectionBySlug(ctx, slug)
			if err != nil {
				return 0, err
			}
			return s.ID, nil
		}},
		{"tag", &f.TagID, func(slug string) (int64, error) {
			t, err := a.store.FindTagBySlug(ctx, slug)
			if err != nil {
				return 0, err
			}
			return t.ID, nil
		}},
		{"story", &f.StoryID, func(slug string) (int64, error) {
			s, err := a.store.FindStoryBySlug(ctx, slug)
			if err != nil {
				return 0, err
			}
			return s.ID, nil
		}},
		{"author", &f.AuthorID, func(slug string) (int64, error) {
			u, err := a.store.FindUserBySlug(ctx, slug)
			if err != nil {
				return 0, err
			}
			return u.ID, nil
		}},
	} {
		if *ref.id, err = refParam(q, ref.name, ref.find); err != nil {
			return f, err
		}
	}
	loc := site.Settings.Location()
	if f.PublishedFrom, err = timeParam(q, "published_from", loc); err != nil {
		return f, err
	}
	if f.PublishedBefore, err = timeParam(q, "published_before", loc); err != nil {
		return f, err
	}
	switch q.Get("order") {
	case "", "newest":
	case "oldest":
		f.Order = herald.OldestFirst
	default:
		return f, invalid("order", "must be newest or oldest")
	}
	return f, nil
}

// refParam reads the id of what name (by slug) or name_id (by id) refers
// to; 0 when neither is given.
func refParam(q url.Values, name string, find func(slug string) (int64, error)) (int64, error) {
	if s := q.Get(name + "_id"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return 0, invalid(name+"_id", "must be a positive whole number")
		}
		return id, nil
	}
	slug := q.Get(name)
	if slug == "" {
		return 0, nil
	}
	id, err := find(slug)
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		return 0, invalid(name, "there is no %s “%s”", name, slug)
	}
	return id, err
}
