package site

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
	"github.com/herald-news/herald/internal/media"
)

// pageMeta is what a page tells search engines and social networks in its
// head: Open Graph, the Twitter card, schema.org JSON-LD, listing and
// language alternates.
type pageMeta struct {
	Type   string // og:type: "website" or "article"
	Title  string // og:title: the headline or the site's name
	Locale string // og:locale: "en_US"; "" when the language is unknown
	// LocaleAlternates are the og:locale:alternate of an article's
	// translations.
	LocaleAlternates []string
	Image            *metaImage
	// imageIsLogo tells that Image is the site's logo standing in for a
	// page image: the Twitter card then stays small.
	imageIsLogo bool
	Article     *articleMeta
	Alternates  []alternate // hreflang links, x-default last
	Prev, Next  string      // absolute URLs of a listing's neighbour pages
	OEmbed      string      // oEmbed discovery URL of an article
	// JSONLD are schema.org objects, each marshalled by html/template's
	// JavaScript context (encoding/json, with < > & escaped) into its own
	// <script type="application/ld+json">.
	JSONLD []any
}

// Card is the Twitter card type: a large image when the page has its own;
// the site's logo is no picture to show large.
func (m pageMeta) Card() string {
	if m.Image != nil && !m.imageIsLogo {
		return "summary_large_image"
	}
	return "summary"
}

// metaImage is an absolute image URL with its size.
type metaImage struct {
	URL           string
	Width, Height int
	Alt           string
}

// articleMeta are the article: properties of Open Graph.
type articleMeta struct {
	Published, Modified string // RFC 3339
	Section             string
	Tags                []string
	Authors             []string // absolute URLs of the author pages
}

// alternate is a language version of a page.
type alternate struct {
	Lang string // BCP 47 tag or x-default
	URL  string
}

// siteOrigin is the public origin of the site: the settings' base URL, or
// else the one the request was made to.
func siteOrigin(settings herald.Settings, r *http.Request) string {
	if settings.BaseURL != "" {
		return strings.TrimSuffix(settings.BaseURL, "/")
	}
	return httpx.Origin(r)
}

// abs makes a site path absolute.
func (e *env) abs(path string) string {
	if path == "" {
		return ""
	}
	return e.origin + path
}

// rfc3339 formats t for metadata, in the site's time zone.
func (e *env) rfc3339(t time.Time) string {
	return t.In(e.loc).Format(time.RFC3339)
}

// imageMeta returns the absolute image of a media record, nil for none.
func (e *env) imageMeta(m *herald.Media) *metaImage {
	if m == nil {
		return nil
	}
	src, w, h := media.Fallback(m)
	return &metaImage{URL: e.abs(src), Width: w, Height: h, Alt: m.Alt}
}

// logo returns the site's logo, nil when there is none or it is gone.
func (e *env) logo() *metaImage {
	return e.mediaImage(e.settings.LogoMediaID)
}

// mediaImage returns the absolute image of the media record with id, nil
// for 0 or a record that is gone.
func (e *env) mediaImage(id int64) *metaImage {
	if id == 0 {
		return nil
	}
	m, err := e.store.FindMedia(e.ctx, id)
	if err != nil {
		// Images are decoration of the metadata: a missing record must
		// not take the page down.
		return nil
	}
	return e.imageMeta(m)
}

// websiteMeta is the metadata of a page that is not an article; its
// image is the site's logo.
func (e *env) websiteMeta() pageMeta {
	return pageMeta{Type: "website", Locale: e.ogLocale(e.clock.lang), Image: e.logo(), imageIsLogo: true}
}

// ogLocale is the Open Graph locale of the BCP 47 tag lang: its language
// and a territory joined by "_", Open Graph's language_TERRITORY form as
// Facebook's list of locales has it. The territory is the tag's own
// ("en-GB" → en_GB), else the site language's when that is the same
// language with a territory (an "en" article on an "en-GB" site is
// en_GB), else the likeliest one in Unicode CLDR (en → en_US, ru → ru_RU,
// zh-Hant → zh_TW, es-419 → es_ES). A language the library does not know
// has none: "".
func (e *env) ogLocale(lang string) string {
	tag, err := language.Parse(lang)
	if err != nil {
		return ""
	}
	base, _ := tag.Base()
	region, conf := tag.Region()
	if conf != language.Exact || !region.IsCountry() {
		site, _ := language.Parse(e.settings.Language)
		siteBase, _ := site.Base()
		siteRegion, siteConf := site.Region()
		switch {
		case siteBase == base && siteConf == language.Exact && siteRegion.IsCountry():
			region = siteRegion
		case !region.IsCountry(): // "es-419" names a continent
			region, _ = language.Make(base.String()).Region()
		}
	}
	if !region.IsCountry() {
		return ""
	}
	return base.String() + "_" + region.String()
}

// oembedURL is the oEmbed discovery address of the page at canonical.
func (e *env) oembedURL(canonical string) string {
	return e.origin + "/api/v1/oembed?url=" + url.QueryEscape(canonical)
}
