package site

import (
	"bytes"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/media"
)

// Sitemap addresses: /sitemap.xml is the index of the files
// /sitemap-<kind>-<n>.xml; /sitemap-news.xml is the Google News sitemap.
const (
	sitemapIndexPath = "/sitemap.xml"
	sitemapNewsPath  = "/sitemap-news.xml"
	sitemapPrefix    = "/sitemap-"
	sitemapExt       = ".xml"
	sitemapType      = "application/xml; charset=utf-8"
)

// Namespaces of the sitemaps.org 0.9, Google image 1.1 and Google News 0.9
// schemas.
const (
	nsSitemap = "http://www.sitemaps.org/schemas/sitemap/0.9"
	nsImage   = "http://www.google.com/schemas/sitemap-image/1.1"
	nsNews    = "http://www.google.com/schemas/sitemap-news/0.9"
)

// Google News sitemaps list the articles of the last two days, at most
// 1,000.
const (
	newsWindow = 48 * time.Hour
	newsMax    = 1000
)

// sitemapKinds are the kinds of sitemap files, in the index's order: the
// articles, then the front page and sections, tags, authors and stories.
var sitemapKinds = []string{"articles", "sections", "tags", "authors", "stories"}

// listingFiles maps the sitemap kinds of listings to the store's kinds and
// the listings' path prefixes.
var listingFiles = map[string]struct {
	kind   herald.ListingKind
	prefix string
}{
	"tags":    {herald.ListingTag, "/tag/"},
	"authors": {herald.ListingAuthor, "/author/"},
	"stories": {herald.ListingStory, "/story/"},
}

// sitemapFile is a parsed /sitemap-<kind>-<n>.xml.
type sitemapFile struct {
	kind string
	n    int
}

func (f sitemapFile) path() string {
	return sitemapPrefix + f.kind + "-" + strconv.Itoa(f.n) + sitemapExt
}

// parseSitemapFile parses the path of a sitemap file.
func parseSitemapFile(p string) (sitemapFile, bool) {
	name, ok := strings.CutPrefix(p, sitemapPrefix)
	if !ok {
		return sitemapFile{}, false
	}
	name, ok = strings.CutSuffix(name, sitemapExt)
	kind, num, cut := strings.Cut(name, "-")
	n, valid := pageNumber(num)
	if !ok || !cut || !valid || !knownSitemapKind(kind) {
		return sitemapFile{}, false
	}
	return sitemapFile{kind: kind, n: n}, true
}

func knownSitemapKind(kind string) bool {
	for _, k := range sitemapKinds {
		if k == kind {
			return true
		}
	}
	return false
}

// sitemapHandler returns the handler of a sitemap path, nil for none.
func (s *Site) sitemapHandler(p string) func(http.ResponseWriter, *http.Request) error {
	var fn generate
	switch p {
	case sitemapIndexPath:
		fn = s.renderSitemapIndex
	case sitemapNewsPath:
		fn = s.renderNewsSitemap
	default:
		f, ok := parseSitemapFile(p)
		if !ok {
			return nil
		}
		fn = func(r *http.Request) ([]byte, time.Time, error) { return s.renderSitemapFile(r, f) }
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		return s.serveGenerated(w, r, p, sitemapType, fn)
	}
}

// sitemapSize is how many URLs a sitemap file holds.
func (s *Site) sitemapSize() int {
	if s.sitemapPage > 0 {
		return s.sitemapPage
	}
	return herald.MaxSitemapPage
}

// sitemapEntry is a URL of a sitemap file.
type sitemapEntry struct {
	path    string
	lastmod time.Time
	image   string // path of the featured image; "" for none
}

// sitemapWriter writes a sitemap document.
type sitemapWriter struct {
	bytes.Buffer
	origin string
}

// open writes the declaration and the root element with its namespaces.
func (w *sitemapWriter) open(root string, ns ...string) {
	w.WriteString(xml.Header + "<" + root + ` xmlns="` + nsSitemap + `"`)
	for i := 0; i+1 < len(ns); i += 2 {
		w.WriteString(" xmlns:" + ns[i] + `="` + ns[i+1] + `"`)
	}
	w.WriteString(">\n")
}

// elem writes <name>text</name> with text escaped.
func (w *sitemapWriter) elem(name, text string) {
	w.WriteString("<" + name + ">")
	_ = xml.EscapeText(w, []byte(text)) // a bytes.Buffer does not fail
	w.WriteString("</" + name + ">")
}

// entry writes a <url> of a sitemap file.
func (w *sitemapWriter) entry(e sitemapEntry) {
	w.WriteString("<url>")
	w.elem("loc", w.origin+e.path)
	w.elem("lastmod", w3cTime(e.lastmod))
	if e.image != "" {
		w.WriteString("<image:image>")
		w.elem("image:loc", w.origin+e.image)
		w.WriteString("</image:image>")
	}
	w.WriteString("</url>\n")
}

// w3cTime formats t as sitemaps write dates.
func w3cTime(t time.Time) string {
	return t.UTC().Format(time.RFC3339)
}

// renderSitemapIndex renders /sitemap.xml: every sitemap file with the
// latest time of its URLs.
func (s *Site) renderSitemapIndex(r *http.Request) ([]byte, time.Time, error) {
	e, err := s.newEnv(r)
	if err != nil {
		return nil, time.Time{}, err
	}
	w := &sitemapWriter{origin: e.origin}
	w.open("sitemapindex")
	for _, kind := range sitemapKinds {
		times, err := s.sitemapFileTimes(e, kind)
		if err != nil {
			return nil, time.Time{}, err
		}
		if kind == "articles" && len(times) == 0 {
			times = []time.Time{{}} // the schema wants one sitemap at least
		}
		for i, t := range times {
			w.WriteString("<sitemap>")
			w.elem("loc", e.abs(sitemapFile{kind: kind, n: i + 1}.path()))
			if !t.IsZero() {
				w.elem("lastmod", w3cTime(t))
			}
			w.WriteString("</sitemap>\n")
		}
	}
	w.WriteString("</sitemapindex>\n")
	return w.Bytes(), time.Time{}, nil
}

// sitemapFileTimes returns, for each file of a kind, the latest time of
// its URLs. The store sums up the articles' files without reading them
// out; the listings, a few rows each, are read as their files read them.
func (s *Site) sitemapFileTimes(e *env, kind string) ([]time.Time, error) {
	var times []time.Time
	if kind == "articles" {
		chunks, err := e.store.FindArticleRefChunks(e.ctx, e.now, s.sitemapSize())
		for _, c := range chunks {
			times = append(times, c.LastModified)
		}
		return times, err
	}
	i := 0
	err := s.eachSitemapEntry(e, kind, 0, 0, func(en sitemapEntry) error {
		if i%s.sitemapSize() == 0 {
			times = append(times, time.Time{})
		}
		times[len(times)-1] = latestTime(times[len(times)-1], en.lastmod)
		i++
		return nil
	})
	return times, err
}

// renderSitemapFile renders one sitemap file; past the last file of its
// kind there is none.
func (s *Site) renderSitemapFile(r *http.Request, f sitemapFile) ([]byte, time.Time, error) {
	e, err := s.newEnv(r)
	if err != nil {
		return nil, time.Time{}, err
	}
	w := &sitemapWriter{origin: e.origin}
	w.open("urlset", "image", nsImage)
	size, count := s.sitemapSize(), 0
	err = s.eachSitemapEntry(e, f.kind, (f.n-1)*size, size, func(en sitemapEntry) error {
		w.entry(en)
		count++
		return nil
	})
	if err != nil {
		return nil, time.Time{}, err
	}
	if count == 0 && (f.n > 1 || f.kind != "articles") {
		return nil, time.Time{}, herald.Errorf(herald.ENOTFOUND, "No sitemap at %s.", f.path())
	}
	w.WriteString("</urlset>\n")
	return w.Bytes(), time.Time{}, nil
}

// eachSitemapEntry calls fn for the URLs of a kind from offset, at most
// limit (0: all of them).
func (s *Site) eachSitemapEntry(e *env, kind string, offset, limit int, fn func(sitemapEntry) error) error {
	switch kind {
	case "articles":
		return s.eachArticleEntry(e, offset, limit, fn)
	case "sections":
		entries, err := e.sectionEntries()
		if err != nil {
			return err
		}
		return eachOf(entries, offset, limit, fn)
	}
	for {
		page := s.sitemapSize()
		if limit > 0 {
			page = min(page, limit)
		}
		lf := listingFiles[kind]
		refs, total, err := e.store.FindListingRefs(e.ctx, lf.kind, e.now, offset, page)
		if err != nil {
			return err
		}
		for _, ref := range refs {
			if err := fn(sitemapEntry{path: lf.prefix + ref.Slug + "/", lastmod: ref.LastPublished}); err != nil {
				return err
			}
		}
		offset += len(refs)
		if limit > 0 || len(refs) == 0 || offset >= total {
			return nil
		}
	}
}

// eachArticleEntry calls fn for public articles from offset, at most limit
// (0: all of them), reading them a file at a time.
func (s *Site) eachArticleEntry(e *env, offset, limit int, fn func(sitemapEntry) error) error {
	for {
		page, n := s.sitemapSize(), 0
		if limit > 0 {
			page = min(page, limit)
		}
		err := e.store.EachArticleRef(e.ctx, herald.ArticleRefFilter{PublicAt: e.now, Offset: offset, Limit: page},
			func(a *herald.ArticleRef) error {
				n++
				en := sitemapEntry{path: articleRefPath(a, e.loc), lastmod: a.ModifiedAt}
				if a.Featured != nil {
					en.image = media.URL(a.Featured, 0)
				}
				return fn(en)
			})
		if err != nil || limit > 0 || n < page {
			return err
		}
		offset += n
	}
}

// articleRefPath is the permalink of an article read for a sitemap.
func articleRefPath(a *herald.ArticleRef, loc *time.Location) string {
	return (&herald.Article{Slug: a.Slug, PublishedAt: a.PublishedAt}).Path(loc)
}

// sectionEntries lists the front page and every section listing a public
// article, its own or a subsection's, with the newest publication time.
func (e *env) sectionEntries() ([]sitemapEntry, error) {
	refs, _, err := e.store.FindListingRefs(e.ctx, herald.ListingSection, e.now, 0, herald.MaxSitemapPage)
	if err != nil {
		return nil, err
	}
	last := map[int64]time.Time{}
	parent := map[int64]int64{}
	for _, sec := range e.sections {
		parent[sec.ID] = sec.ParentID
	}
	var front time.Time
	for _, ref := range refs {
		front = latestTime(front, ref.LastPublished)
		for id := ref.ID; id != 0; id = parent[id] {
			last[id] = latestTime(last[id], ref.LastPublished)
		}
	}
	res, err := e.store.FindArticles(e.ctx, e.public(herald.ArticleFilter{Limit: 1}))
	if err != nil {
		return nil, err
	}
	if len(res.Articles) == 0 {
		return nil, nil
	}
	out := []sitemapEntry{{path: "/", lastmod: latestTime(front, res.Articles[0].PublishedAt)}}
	for _, sec := range e.sections {
		if t, ok := last[sec.ID]; ok {
			out = append(out, sitemapEntry{path: "/section/" + sec.Slug + "/", lastmod: t})
		}
	}
	return out, nil
}

// eachOf calls fn for entries from offset, at most limit (0: all).
func eachOf(entries []sitemapEntry, offset, limit int, fn func(sitemapEntry) error) error {
	entries = entries[min(offset, len(entries)):]
	if limit > 0 {
		entries = entries[:min(limit, len(entries))]
	}
	for _, en := range entries {
		if err := fn(en); err != nil {
			return err
		}
	}
	return nil
}

// renderNewsSitemap renders /sitemap-news.xml: the articles published in
// the last two days. It goes stale when the oldest of them leaves the
// window.
func (s *Site) renderNewsSitemap(r *http.Request) ([]byte, time.Time, error) {
	e, err := s.newEnv(r)
	if err != nil {
		return nil, time.Time{}, err
	}
	w := &sitemapWriter{origin: e.origin}
	w.open("urlset", "news", nsNews)
	var stale time.Time
	err = e.store.EachArticleRef(e.ctx, herald.ArticleRefFilter{PublicAt: e.now, PublishedFrom: e.now.Add(-newsWindow), Limit: newsMax},
		func(a *herald.ArticleRef) error {
			if out := a.PublishedAt.Add(newsWindow); stale.IsZero() || out.Before(stale) {
				stale = out
			}
			w.WriteString("<url>")
			w.elem("loc", e.abs(articleRefPath(a, e.loc)))
			w.WriteString("<news:news><news:publication>")
			w.elem("news:name", e.settings.Title)
			w.elem("news:language", newsLanguage(a.Language))
			w.WriteString("</news:publication>")
			w.elem("news:publication_date", w3cTime(a.PublishedAt))
			w.elem("news:title", a.Headline)
			w.WriteString("</news:news></url>\n")
			return nil
		})
	if err != nil {
		return nil, time.Time{}, err
	}
	w.WriteString("</urlset>\n")
	return w.Bytes(), stale, nil
}

// newsLanguage is the language code Google News asks for: the ISO 639
// code, except zh-cn and zh-tw for Chinese.
func newsLanguage(tag string) string {
	tag = strings.ToLower(tag)
	primary, region, _ := strings.Cut(tag, "-")
	if primary == "zh" && (region == "cn" || region == "tw") {
		return tag
	}
	return primary
}
