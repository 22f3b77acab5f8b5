package api

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
)

// The card's size when the consumer sets no maximum, in CSS pixels.
const (
	cardWidth  = 600
	cardHeight = 200
	maxSize    = 10000
)

// oembedCacheAge tells consumers how long they may keep an answer, in seconds.
const oembedCacheAge = 3600

// OEmbed is an oEmbed 1.0 answer of type "rich".
type OEmbed struct {
	Version         string `json:"version"`
	Type            string `json:"type"`
	Title           string `json:"title"`
	AuthorName      string `json:"author_name,omitempty"`
	AuthorURL       string `json:"author_url,omitempty"`
	ProviderName    string `json:"provider_name"`
	ProviderURL     string `json:"provider_url"`
	CacheAge        int    `json:"cache_age"`
	HTML            string `json:"html"`
	Width           int    `json:"width"`
	Height          int    `json:"height"`
	ThumbnailURL    string `json:"thumbnail_url,omitempty"`
	ThumbnailWidth  int    `json:"thumbnail_width,omitempty"`
	ThumbnailHeight int    `json:"thumbnail_height,omitempty"`
}

// oembed answers GET /api/v1/oembed?url=…: an iframe of the article's card.
// Addresses that are not public articles of this site are not found.
func (a *API) oembed(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	if f := q.Get("format"); f != "" && f != "json" {
		// As oEmbed 1.0 asks for a format the provider does not serve.
		writeError(w, r, httpx.ErrorInfo{Status: http.StatusNotImplemented, Code: "not_implemented",
			Message: "Only format=json is served."})
		return nil
	}
	raw := q.Get("url")
	if raw == "" {
		return invalid("url", "is required: the address of an article")
	}
	maxWidth, err := intParam(q, "maxwidth", cardWidth, 1, maxSize)
	if err != nil {
		return err
	}
	maxHeight, err := intParam(q, "maxheight", cardHeight, 1, maxSize)
	if err != nil {
		return err
	}
	site, err := a.site(r)
	if err != nil {
		return err
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, hostOf(site.Origin)) {
		return herald.Errorf(herald.ENOTFOUND, "%s is not an article of this site.", raw)
	}
	art, err := a.articleAt(r.Context(), site, u.EscapedPath())
	if err != nil {
		return err
	}
	o := OEmbed{
		Version: "1.0", Type: "rich", Title: art.Headline, ProviderName: site.Settings.Title,
		ProviderURL: site.URL("/"), CacheAge: oembedCacheAge,
		Width: min(cardWidth, maxWidth), Height: min(cardHeight, maxHeight),
	}
	if len(art.Authors) > 0 {
		o.AuthorName, o.AuthorURL = art.Authors[0].Name, authorLink(site, art.Authors[0]).URL
	}
	if img := imageOf(site, art.Featured); img != nil && img.Width <= maxWidth && img.Height <= maxHeight {
		o.ThumbnailURL, o.ThumbnailWidth, o.ThumbnailHeight = img.URL, img.Width, img.Height
	}
	o.HTML = fmt.Sprintf(`<iframe src="%s" width="%d" height="%d" title="%s" style="border:0;max-width:100%%" `+
		`loading="lazy" sandbox="allow-popups allow-popups-to-escape-sandbox"></iframe>`,
		html.EscapeString(site.URL(EmbedPrefix[:len(EmbedPrefix)-1]+art.Path(site.Settings.Location()))),
		o.Width, o.Height, html.EscapeString(art.Headline))
	return a.writeJSON(w, r, o)
}
