package site

import (
	"github.com/herald-news/herald"
)

// articleMeta returns the head metadata of article a at canonical, whose
// language versions are versions (nil for none); logo is the site's.
func (e *env) articleMeta(a *herald.Article, canonical, description string, logo *metaImage, versions []*herald.Article) pageMeta {
	m := pageMeta{Type: "article", Title: a.Headline, Locale: e.ogLocale(a.Language), Image: e.imageMeta(a.Featured), OEmbed: e.oembedURL(canonical)}
	if m.Image == nil {
		m.Image, m.imageIsLogo = logo, logo != nil
	}
	published, modified := e.rfc3339(a.PublishedAt), e.rfc3339(a.PublishedAt)
	if !a.UpdatedAt.IsZero() {
		modified = e.rfc3339(a.UpdatedAt)
	}
	am := &articleMeta{Published: published, Modified: modified}
	if a.Section != nil {
		am.Section = a.Section.Name
	}
	for _, t := range a.Tags {
		am.Tags = append(am.Tags, t.Name)
	}
	for _, u := range a.Authors {
		am.Authors = append(am.Authors, e.abs(authorPath(u)))
	}
	m.Article = am
	if versions != nil {
		m.Alternates = e.alternates(versions)
		m.LocaleAlternates = e.localeAlternates(versions, m.Locale)
	}
	m.JSONLD = []any{e.newsArticleLD(a, canonical, description, am, m.Image, logo), e.breadcrumbs(a, canonical)}
	return m
}

// localeAlternates are the Open Graph locales of the versions other than
// own, each once.
func (e *env) localeAlternates(versions []*herald.Article, own string) []string {
	seen := map[string]bool{own: true, "": true}
	var out []string
	for _, v := range versions {
		if l := e.ogLocale(v.Language); !seen[l] {
			out = append(out, l)
			seen[l] = true
		}
	}
	return out
}

// newsArticleLD is the schema.org NewsArticle of a, whose image is image
// (the featured one, else the site's logo; nil for neither).
func (e *env) newsArticleLD(a *herald.Article, canonical, description string, am *articleMeta, image, logo *metaImage) ldNewsArticle {
	ld := ldNewsArticle{
		Context: schemaContext, Type: "NewsArticle", Headline: a.Headline, Description: description,
		URL: canonical, DatePublished: am.Published, DateModified: am.Modified,
		Publisher:        e.publisher(logo),
		MainEntityOfPage: ldWebPage{Type: "WebPage", ID: canonical},
		ArticleSection:   am.Section, Keywords: am.Tags, InLanguage: a.Language,
		IsAccessibleForFree: true,
	}
	for i, u := range a.Authors {
		ld.Author = append(ld.Author, ldPerson{Type: "Person", Name: u.Name, URL: am.Authors[i]})
	}
	if img := ldImageOf(image); img != nil {
		ld.Image = []ldImage{*img}
	}
	for _, c := range a.Corrections {
		ld.Correction = append(ld.Correction, ldCorrection{Type: "CorrectionComment", DatePublished: e.rfc3339(c.Time), Text: c.Text})
	}
	return ld
}

// distribution fills what makes the article travel: its metadata, the
// share bars and the language switcher.
func (e *env) distribution(v *articleView, a *herald.Article) error {
	versions, err := e.translations(a)
	if err != nil {
		return err
	}
	v.Languages = e.languageLinks(versions, a)
	v.Meta = e.articleMeta(a, v.Canonical, v.Description, v.Meta.Image, versions)
	v.ShareTop, v.ShareEnd = newShareBars(e.settings.Distribution.ShareNetworks, v.Canonical, a.Headline, v.T)
	v.Script = e.shareJS
	return nil
}
