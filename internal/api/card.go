package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
)

//go:embed templates/card.html
var cardFS embed.FS

var cardTemplate = template.Must(template.ParseFS(cardFS, "templates/card.html"))

// cardCSS styles the card; the page's Content-Security-Policy allows this
// one stylesheet by its hash and nothing else.
const cardCSS = `body{margin:0;font:16px/1.4 system-ui,sans-serif;color:#1a1a1a;background:#fff}` +
	`.card{display:flex;gap:1rem;padding:.75rem;border:1px solid #d0d0d0;border-radius:6px;overflow:hidden}` +
	`.card img{width:35%;max-width:12rem;height:auto;object-fit:cover;border-radius:4px}` +
	`.text{min-width:0}.site,.meta{margin:0;font-size:.8rem;color:#555}` +
	`h1{margin:.2rem 0;font-size:1.15rem;line-height:1.25}h1 a{color:#0b3d91}` +
	`.dek{margin:.25rem 0;font-size:.9rem;display:-webkit-box;-webkit-line-clamp:3;-webkit-box-orient:vertical;overflow:hidden}`

// cardCSP lets any site frame the card, while it loads nothing but its
// own images and runs nothing.
var cardCSP = func() string {
	sum := sha256.Sum256([]byte(cardCSS))
	return "default-src 'none'; img-src 'self'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; base-uri 'none'; form-action 'none'; frame-ancestors *"
}()

// cardView is the embed card of an article.
type cardView struct {
	Lang, SiteName, Headline, Summary, URL, Published, Date, Section string
	Image                                                            *Image
	CSS                                                              template.CSS
}

// card answers GET /embed/YYYY/MM/DD/slug/: a small HTML card of a public
// article, with no script, that other sites may put in an iframe.
func (a *API) card(w http.ResponseWriter, r *http.Request) error {
	site, err := a.site(r)
	if err != nil {
		return err
	}
	art, err := a.articleAt(r.Context(), site, "/"+r.PathValue("path"))
	if err != nil {
		return err
	}
	v := cardView{
		Lang: art.Language, SiteName: site.Settings.Title, Headline: art.Headline, Summary: art.Dek,
		URL: site.ArticleURL(art), Image: imageOf(site, art.Featured), CSS: template.CSS(cardCSS),
		Published: art.PublishedAt.Format(time.RFC3339),
		Date:      art.PublishedAt.In(site.Settings.Location()).Format(time.DateOnly),
	}
	if v.Summary == "" {
		v.Summary = a.enc.excerpt(art)
	}
	if art.Section != nil {
		v.Section = art.Section.Name
	}
	var b bytes.Buffer
	if err := cardTemplate.Execute(&b, v); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Security-Policy", cardCSP)
	httpx.AllowFraming(h) // drops the server's X-Frame-Options
	httpx.NewPage("text/html; charset=utf-8", b.Bytes(), time.Time{}).ServeHTTP(w, r)
	return nil
}

// articleAt returns the public article whose permalink is path
// (/YYYY/MM/DD/slug/), ENOTFOUND when there is none.
func (a *API) articleAt(ctx context.Context, site Site, path string) (*herald.Article, error) {
	notFound := herald.Errorf(herald.ENOTFOUND, "No published article at %s.", path)
	parts := strings.Split(strings.Trim(path, "/"), "/")
	if len(parts) != 4 || !strings.HasSuffix(path, "/") || herald.ValidateSlug(parts[3]) != nil {
		return nil, notFound
	}
	var date [3]int
	for i := range date {
		n, err := strconv.Atoi(parts[i])
		if err != nil || n <= 0 {
			return nil, notFound
		}
		date[i] = n
	}
	loc := site.Settings.Location()
	day := time.Date(date[0], time.Month(date[1]), date[2], 0, 0, 0, 0, loc)
	res, err := a.store.FindArticles(ctx, herald.ArticleFilter{
		Slug: parts[3], PublishedFrom: day, PublishedBefore: day.AddDate(0, 0, 1), PublicAt: site.Now, Limit: 1,
	})
	if err != nil {
		return nil, err
	}
	if len(res.Articles) == 0 || res.Articles[0].Path(loc) != path {
		return nil, notFound
	}
	return res.Articles[0], nil
}
