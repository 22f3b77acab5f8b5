package site

import (
	"fmt"

	"github.com/herald-news/herald"
)

// pager links the pages of a listing.
type pager struct {
	Page, Pages int
	Prev, Next  string // paths; "" on the first or last page
	Label       string // "Page 2 of 7"
	T           *labels
}

// newPager returns the pager of page n of a listing at base with total
// items, per page each; ok is false for a page past the end.
func newPager(t *labels, base string, n, total, per int) (pager, bool) {
	pages := max(1, (total+per-1)/per)
	if n > pages {
		return pager{}, false
	}
	p := pager{Page: n, Pages: pages, Label: fmt.Sprintf(t.PageOf, n, pages), T: t}
	if n > 1 {
		p.Prev = pagePath(base, n-1)
	}
	if n < pages {
		p.Next = pagePath(base, n+1)
	}
	return p, true
}

// listing fetches page rt.page of the public articles matching f and its
// pager; a page past the end is not found.
func (e *env) listing(rt route, f herald.ArticleFilter) ([]*herald.Article, pager, error) {
	per := e.settings.PerPage
	if per < 1 {
		per = herald.DefaultSettings().PerPage
	}
	f.Offset, f.Limit = (rt.page-1)*per, per
	res, err := e.store.FindArticles(e.ctx, e.public(f))
	if err != nil {
		return nil, pager{}, err
	}
	p, ok := newPager(labelsFor(e.clock.lang), rt.base(), rt.page, res.Total, per)
	if !ok {
		return nil, pager{}, herald.Errorf(herald.ENOTFOUND, "There is no page %d.", rt.page)
	}
	return res.Articles, p, nil
}
