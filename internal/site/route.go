package site

import (
	"strconv"
	"strings"
	"time"
)

// routeKind names the kind of public page a path asks for.
type routeKind int

// The kinds of public pages.
const (
	routeFront routeKind = iota
	routeArticle
	routeSection
	routeTag
	routeAuthor
	routeStory
	routeYear
	routeMonth
	routeDay
)

// Limits on paths the parser accepts.
const (
	maxPathLen = 512
	maxPage    = 99999
)

// route is a parsed public path.
type route struct {
	kind             routeKind
	slug             string
	year, month, day int
	page             int  // 1 unless the path ends in page/N/
	paged            bool // the path ends in page/N/
	cpage            int  // an article's comment page: N of comment-page-N/, 0 for none
}

// prefixKind returns the kind of listing addressed by a prefix and a slug,
// as in /section/world/.
func prefixKind(prefix string) (routeKind, bool) {
	switch prefix {
	case "section":
		return routeSection, true
	case "tag":
		return routeTag, true
	case "author":
		return routeAuthor, true
	case "story":
		return routeStory, true
	}
	return 0, false
}

// parsePath parses a canonical path: lower case, with a trailing slash,
// segments of letters a–z, digits and hyphens. Anything else is not a page.
func parsePath(p string) (route, bool) {
	if len(p) > maxPathLen || len(p) == 0 || p[0] != '/' || p[len(p)-1] != '/' {
		return route{}, false
	}
	var segs []string
	if p != "/" {
		segs = strings.Split(p[1:len(p)-1], "/")
	}
	rt := route{page: 1}
	if n := len(segs); n >= 2 && segs[n-2] == "page" {
		page, ok := pageNumber(segs[n-1])
		if !ok {
			return route{}, false
		}
		rt.page, rt.paged, segs = page, true, segs[:n-2]
	}
	if n := len(segs); n == 5 && !rt.paged && strings.HasPrefix(segs[4], commentPageSeg) {
		cpage, ok := pageNumber(segs[4][len(commentPageSeg):])
		if !ok {
			return route{}, false
		}
		rt.cpage, segs = cpage, segs[:4]
	}
	for _, s := range segs {
		if !validSlug(s) {
			return route{}, false
		}
	}
	return rt.match(segs)
}

// match fills the route from the segments before any page/N/.
func (rt route) match(segs []string) (route, bool) {
	switch len(segs) {
	case 0:
		rt.kind = routeFront
		return rt, true
	case 2:
		if kind, ok := prefixKind(segs[0]); ok {
			rt.kind, rt.slug = kind, segs[1]
			return rt, true
		}
	case 4:
		if rt.paged {
			return route{}, false
		}
		rt.kind, rt.slug = routeArticle, segs[3]
	}
	return rt.matchDate(segs)
}

// matchDate fills the date of an archive or article path.
func (rt route) matchDate(segs []string) (route, bool) {
	if len(segs) < 1 || len(segs) > 4 {
		return route{}, false
	}
	kinds := [...]routeKind{routeYear, routeMonth, routeDay, routeArticle}
	if len(segs) < 4 {
		rt.kind = kinds[len(segs)-1]
	}
	var ok bool
	if rt.year, ok = number(segs[0], 4, 1000, 9999); !ok {
		return route{}, false
	}
	if len(segs) >= 2 {
		if rt.month, ok = number(segs[1], 2, 1, 12); !ok {
			return route{}, false
		}
	}
	if len(segs) >= 3 {
		rt.day, ok = number(segs[2], 2, 1, 31)
		if !ok || time.Date(rt.year, time.Month(rt.month), rt.day, 0, 0, 0, 0, time.UTC).Day() != rt.day {
			return route{}, false
		}
	}
	return rt, true
}

// number parses exactly width decimal digits into a value in [min, max].
func number(s string, width, min, max int) (int, bool) {
	if len(s) != width {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, n >= min && n <= max
}

// pageNumber parses a page number: digits without a leading zero, at least 1.
func pageNumber(s string) (int, bool) {
	if len(s) == 0 || len(s) > 5 || s[0] == '0' {
		return 0, false
	}
	return number(s, len(s), 1, maxPage)
}

// validSlug reports whether s is a non-empty run of a–z, 0–9 and hyphens.
func validSlug(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// base is the route's path without any page/N/.
func (rt route) base() string {
	switch rt.kind {
	case routeFront:
		return "/"
	case routeSection:
		return "/section/" + rt.slug + "/"
	case routeTag:
		return "/tag/" + rt.slug + "/"
	case routeAuthor:
		return "/author/" + rt.slug + "/"
	case routeStory:
		return "/story/" + rt.slug + "/"
	}
	return rt.datePath()
}

// datePath is the path of a date archive or article.
func (rt route) datePath() string {
	p := "/" + strconv.Itoa(rt.year) + "/"
	if rt.month > 0 {
		p += twoDigits(rt.month) + "/"
	}
	if rt.day > 0 {
		p += twoDigits(rt.day) + "/"
	}
	if rt.kind == routeArticle {
		p += rt.slug + "/"
	}
	return p
}

// canonical is the one path of the route's page: page 1 has no page/1/.
func (rt route) canonical() string {
	if rt.kind == routeArticle {
		return commentPagePath(rt.base(), rt.cpage)
	}
	return pagePath(rt.base(), rt.page)
}

// pagePath is the path of page n of the listing at base.
func pagePath(base string, n int) string {
	if n <= 1 {
		return base
	}
	return base + "page/" + strconv.Itoa(n) + "/"
}

// twoDigits formats n with a leading zero below 10.
func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// canonicalRoute parses a request path in any case and with or without its
// trailing slash, and returns the route and its canonical path.
func canonicalRoute(p string) (route, string, bool) {
	if len(p) > maxPathLen {
		return route{}, "", false
	}
	p = strings.ToLower(p)
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	rt, ok := parsePath(p)
	if !ok {
		return route{}, "", false
	}
	return rt, rt.canonical(), true
}
