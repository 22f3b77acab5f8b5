package site

import (
	"net/http"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/feed"
)

// feedSuffixes are what a page's path ends with to name its feed in each
// format: /section/world/feed/, /section/world/feed/atom/, …
var feedSuffixes = []struct {
	format feed.Format
	suffix string
}{
	{feed.RSS, "feed/"},
	{feed.Atom, "feed/atom/"},
	{feed.JSON, "feed/json/"},
}

// recentCommentsPath is the page whose feed lists the site's recent
// comments: /comments/feed/.
const recentCommentsPath = "/" + commentsSuffix

// feedRoute is a parsed feed path.
type feedRoute struct {
	format feed.Format
	page   route // the page the feed follows: front, listing or article
	// recentComments is set for /comments/feed/, the site's recent comments.
	recentComments bool
}

// parseFeedPath parses a lower-case path with a trailing slash as a feed:
// the path of the front page, a section, tag, author or story listing (its
// first page), an article (its comments) or /comments/, then one of
// feedSuffixes.
func parseFeedPath(p string) (feedRoute, bool) {
	for _, fs := range feedSuffixes {
		base, ok := strings.CutSuffix(p, fs.suffix)
		if !ok || !strings.HasSuffix(base, "/") {
			continue
		}
		if base == recentCommentsPath {
			return feedRoute{format: fs.format, recentComments: true}, true
		}
		rt, ok := parsePath(base)
		if !ok || rt.base() != base { // no page/N/ nor comment-page-N/
			return feedRoute{}, false
		}
		switch rt.kind {
		case routeFront, routeSection, routeTag, routeAuthor, routeStory, routeArticle:
			return feedRoute{format: fs.format, page: rt}, true
		}
		return feedRoute{}, false
	}
	return feedRoute{}, false
}

// path is the feed's canonical path.
func (fr feedRoute) path() string {
	return fr.pagePath() + feedPathSuffix(fr.format)
}

// pagePath is the path of the page the feed follows.
func (fr feedRoute) pagePath() string {
	if fr.recentComments {
		return recentCommentsPath
	}
	return fr.page.canonical()
}

// feedPathSuffix is what follows a page's path in the path of its feed in
// format f.
func feedPathSuffix(f feed.Format) string {
	for _, fs := range feedSuffixes {
		if fs.format == f {
			return fs.suffix
		}
	}
	return feedSuffixes[0].suffix
}

// machineHandler returns the handler of a feed, a sitemap or robots.txt
// at path p, or nil when p names none of them. A feed path in another case
// or without its trailing slash is redirected to its canonical path.
func (s *Site) machineHandler(p string) func(http.ResponseWriter, *http.Request) error {
	switch {
	case p == robotsPath:
		return s.robots
	case strings.HasPrefix(p, "/sitemap") && strings.HasSuffix(p, ".xml"):
		return s.sitemapHandler(p)
	}
	lower := strings.ToLower(p)
	if !strings.HasSuffix(lower, "/") {
		lower += "/"
	}
	fr, ok := parseFeedPath(lower)
	if !ok {
		return nil
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		if fr.path() != r.URL.EscapedPath() {
			redirect(w, r, fr.path())
			return nil
		}
		return s.serveGenerated(w, r, fr.path(), fr.format.ContentType(), func(r *http.Request) ([]byte, time.Time, error) {
			return s.renderFeed(r, fr)
		})
	}
}

// generate renders a machine-read document, returning when it goes stale
// by itself (zero: only on a change in the store).
type generate func(r *http.Request) (body []byte, stale time.Time, err error)

// serveGenerated answers a feed, sitemap or robots.txt from the page cache
// like any page, rendering and caching it when it is not there. Its
// Last-Modified is the time it was rendered: the store's changes empty the
// cache, so a page is never older than what it shows.
func (s *Site) serveGenerated(w http.ResponseWriter, r *http.Request, path, contentType string, fn generate) error {
	if !allowMethods(w, r, http.MethodGet, http.MethodHead) {
		return nil
	}
	p, err := s.renderShared(r, path, contentType, true, fn)
	if err != nil {
		return err
	}
	p.ServeHTTP(w, r)
	return nil
}

// feedLinks are the discovery links in the page head to one page's feeds,
// one in each format.
type feedLinks struct {
	Title           string
	RSS, Atom, JSON string
}

// feedLinksOf returns the links to the feeds of the page at path, titled
// title.
func (e *env) feedLinksOf(path, title string) feedLinks {
	return feedLinks{Title: title, RSS: e.abs(path + feedPathSuffix(feed.RSS)),
		Atom: e.abs(path + feedPathSuffix(feed.Atom)), JSON: e.abs(path + feedPathSuffix(feed.JSON))}
}

// listingFeedLinks adds the links to the feeds of a section, tag, author
// or story listing to the page's, which link the site's feeds.
func (v *listView) listingFeedLinks(e *env, rt route) {
	switch rt.kind {
	case routeSection, routeTag, routeAuthor, routeStory:
		v.Feeds = append(v.Feeds, e.feedLinksOf(rt.base(), v.Heading+" — "+e.settings.Title))
	}
}

// feedItems is how many items a feed lists.
func (e *env) feedItems() int {
	return max(e.settings.Distribution.FeedItems, 1)
}

// feedNotFound is the error for a feed of nothing.
func feedNotFound(fr feedRoute) error {
	return herald.Errorf(herald.ENOTFOUND, "No feed at %s.", fr.path())
}
