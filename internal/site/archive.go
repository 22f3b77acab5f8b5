package site

import (
	"strconv"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/render"
)

// archive builds a date archive: the public articles of a year, a month or
// a day in the site's time zone, oldest first. An empty archive is not found.
func (s *Site) archive(e *env, rt route) (page, error) {
	from, to, heading := e.archiveRange(rt)
	t := labelsFor(e.clock.lang)
	f := herald.ArticleFilter{PublishedFrom: from, PublishedBefore: to, Order: herald.OldestFirst}
	v, err := e.list(rt, t.Archive, heading, "", f)
	if err != nil {
		return nil, err
	}
	if len(v.Articles) == 0 {
		return nil, herald.Errorf(herald.ENOTFOUND, "No articles on %s.", heading)
	}
	if rt.kind == routeYear {
		v.LinksLabel = t.Months
		if v.Links, err = e.months(rt.year); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// archiveRange returns the span of time of a date archive and its heading.
func (e *env) archiveRange(rt route) (from, to time.Time, heading string) {
	switch rt.kind {
	case routeDay:
		from = time.Date(rt.year, time.Month(rt.month), rt.day, 0, 0, 0, 0, e.loc)
		return from, from.AddDate(0, 0, 1), render.Date(from, e.clock.lang, e.settings.DateFormat)
	case routeMonth:
		from = time.Date(rt.year, time.Month(rt.month), 1, 0, 0, 0, 0, e.loc)
		return from, from.AddDate(0, 1, 0), render.Month(from, e.clock.lang)
	}
	from = time.Date(rt.year, time.January, 1, 0, 0, 0, 0, e.loc)
	return from, from.AddDate(1, 0, 0), yearLabel(rt.year)
}

// months links the months of year that have public articles.
func (e *env) months(year int) ([]link, error) {
	var out []link
	for m := time.January; m <= time.December; m++ {
		from := time.Date(year, m, 1, 0, 0, 0, 0, e.loc)
		res, err := e.store.FindArticles(e.ctx, e.public(herald.ArticleFilter{
			PublishedFrom: from, PublishedBefore: from.AddDate(0, 1, 0), Limit: 1,
		}))
		if err != nil {
			return nil, err
		}
		if res.Total > 0 {
			out = append(out, link{Name: render.Month(from, e.clock.lang), URL: from.Format("/2006/01/")})
		}
	}
	return out, nil
}

// yearLabel is the heading of a year's archive.
func yearLabel(year int) string {
	return strconv.Itoa(year)
}
