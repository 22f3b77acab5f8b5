package api

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/herald-news/herald"
)

// Paging limits.
const (
	DefaultPerPage = 20
	MaxPerPage     = 100
	maxPage        = 100000
)

// paging is the page a list request asks for.
type paging struct {
	Page, PerPage int
}

// offset is the index of the page's first item.
func (p paging) offset() int { return (p.Page - 1) * p.PerPage }

// pagingOf reads page and per_page, refusing what is not a whole number in
// range.
func pagingOf(q url.Values) (paging, error) {
	p := paging{Page: 1, PerPage: DefaultPerPage}
	var err error
	if p.Page, err = intParam(q, "page", 1, 1, maxPage); err != nil {
		return p, err
	}
	p.PerPage, err = intParam(q, "per_page", DefaultPerPage, 1, MaxPerPage)
	return p, err
}

// intParam reads a whole-number parameter between lo and hi, def when absent.
func intParam(q url.Values, name string, def, lo, hi int) (int, error) {
	s := q.Get(name)
	if s == "" && !q.Has(name) {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, invalid(name, "must be a whole number from %d to %d", lo, hi)
	}
	return n, nil
}

// idParam reads the {id} of a path: a positive whole number.
func idParam(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, herald.Errorf(herald.ENOTFOUND, "No %s with id %q.", what, r.PathValue("id"))
	}
	return id, nil
}

// invalid is the error of a bad parameter.
func invalid(param, format string, args ...any) error {
	e := herald.Errorf(herald.EINVALID, format, args...)
	e.Message = param + ": " + e.Message
	e.Field = param
	return e
}

// timeParam reads a time: an RFC 3339 time, or a date, which means its
// start in the site's time zone.
func timeParam(q url.Values, name string, loc *time.Location) (time.Time, error) {
	s := q.Get(name)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		return t, nil
	}
	return time.Time{}, invalid(name, "must be a date such as 2022-09-27 or a time such as 2022-09-27T14:00:00Z")
}

// list is the JSON of one page of a listing.
type list[T any] struct {
	Data       []T     `json:"data"`
	Page       int     `json:"page"`
	PerPage    int     `json:"per_page"`
	Total      int     `json:"total"`
	TotalPages int     `json:"total_pages"`
	Next       *string `json:"next"` // the next page's URL; null on the last
	Prev       *string `json:"prev"`
}

// listOf returns the page of data among total items, with links to the
// pages around it that keep the request's other parameters.
func listOf[T any](r *http.Request, site Site, p paging, total int, data []T) list[T] {
	if data == nil {
		data = []T{}
	}
	l := list[T]{Data: data, Page: p.Page, PerPage: p.PerPage, Total: total,
		TotalPages: (total + p.PerPage - 1) / p.PerPage}
	link := func(page int) *string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(page))
		u := site.URL(r.URL.Path + "?" + q.Encode())
		return &u
	}
	if p.Page < l.TotalPages {
		l.Next = link(p.Page + 1)
	}
	if p.Page > 1 {
		l.Prev = link(min(p.Page-1, max(l.TotalPages, 1)))
	}
	return l
}

// pageOf returns the items of the page p of all.
func pageOf[T any](all []T, p paging) []T {
	from := min(p.offset(), len(all))
	return all[from:min(from+p.PerPage, len(all))]
}
