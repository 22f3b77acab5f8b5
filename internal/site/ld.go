package site

import (
	"github.com/herald-news/herald"
)

// The schema.org objects of the pages' JSON-LD. They are marshalled with
// encoding/json; empty optional fields are left out.

const schemaContext = "https://schema.org"

// ldNewsArticle is a schema.org NewsArticle.
type ldNewsArticle struct {
	Context          string         `json:"@context"`
	Type             string         `json:"@type"`
	Headline         string         `json:"headline"`
	Description      string         `json:"description,omitempty"`
	URL              string         `json:"url"`
	DatePublished    string         `json:"datePublished"`
	DateModified     string         `json:"dateModified"`
	Author           []ldPerson     `json:"author,omitempty"`
	Publisher        ldOrganization `json:"publisher"`
	Image            []ldImage      `json:"image,omitempty"`
	MainEntityOfPage ldWebPage      `json:"mainEntityOfPage"`
	ArticleSection   string         `json:"articleSection,omitempty"`
	Keywords         []string       `json:"keywords,omitempty"`
	InLanguage       string         `json:"inLanguage"`
	// IsAccessibleForFree is always true: Herald has no paywall.
	IsAccessibleForFree bool           `json:"isAccessibleForFree"`
	Correction          []ldCorrection `json:"correction,omitempty"`
}

// ldPerson is a schema.org Person: an article's author, or the main
// entity of an author's page with its bio and photo.
type ldPerson struct {
	Type        string   `json:"@type"`
	Name        string   `json:"name"`
	URL         string   `json:"url"`
	Description string   `json:"description,omitempty"`
	Image       *ldImage `json:"image,omitempty"`
}

// ldOrganization is a schema.org Organization.
type ldOrganization struct {
	Type string   `json:"@type"`
	Name string   `json:"name"`
	URL  string   `json:"url"`
	Logo *ldImage `json:"logo,omitempty"`
}

// ldImage is a schema.org ImageObject.
type ldImage struct {
	Type   string `json:"@type"`
	URL    string `json:"url"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// ldWebPage names the page an article is the main entity of.
type ldWebPage struct {
	Type string `json:"@type"`
	ID   string `json:"@id"`
}

// ldCorrection is a schema.org CorrectionComment.
type ldCorrection struct {
	Type          string `json:"@type"`
	DatePublished string `json:"datePublished"`
	Text          string `json:"text"`
}

// ldBreadcrumbs is a schema.org BreadcrumbList.
type ldBreadcrumbs struct {
	Context string         `json:"@context"`
	Type    string         `json:"@type"`
	Items   []ldBreadcrumb `json:"itemListElement"`
}

// ldBreadcrumb is one ListItem of a BreadcrumbList.
type ldBreadcrumb struct {
	Type     string `json:"@type"`
	Position int    `json:"position"`
	Name     string `json:"name"`
	Item     string `json:"item"`
}

// ldPage is what the schema.org objects of whole pages share.
type ldPage struct {
	Context     string `json:"@context"`
	Type        string `json:"@type"`
	Name        string `json:"name"`
	URL         string `json:"url"`
	Description string `json:"description,omitempty"`
	InLanguage  string `json:"inLanguage"`
}

// ldWebSite is a schema.org WebSite with its search action.
type ldWebSite struct {
	ldPage
	Publisher       ldOrganization `json:"publisher"`
	PotentialAction ldSearchAction `json:"potentialAction"`
}

// ldSearchAction is a schema.org SearchAction.
type ldSearchAction struct {
	Type       string       `json:"@type"`
	Target     ldEntryPoint `json:"target"`
	QueryInput string       `json:"query-input"`
}

// ldEntryPoint is a schema.org EntryPoint.
type ldEntryPoint struct {
	Type        string `json:"@type"`
	URLTemplate string `json:"urlTemplate"`
}

// ldListingPage is the schema.org page of a listing: a CollectionPage, or
// an author's ProfilePage whose main entity is the author.
type ldListingPage struct {
	ldPage
	MainEntity *ldPerson `json:"mainEntity,omitempty"`
}

// searchTemplate is the site search's address with the query placeholder
// of the WebSite's SearchAction.
const searchTemplate = "/search/?q={search_term_string}"

// ldImageOf returns the ImageObject of an image, nil for none.
func ldImageOf(m *metaImage) *ldImage {
	if m == nil {
		return nil
	}
	return &ldImage{Type: "ImageObject", URL: m.URL, Width: m.Width, Height: m.Height}
}

// publisher is the site as a schema.org Organization.
func (e *env) publisher(logo *metaImage) ldOrganization {
	return ldOrganization{Type: "Organization", Name: e.settings.Title, URL: e.abs("/"), Logo: ldImageOf(logo)}
}

// webSiteLD is the front page's WebSite object.
func (e *env) webSiteLD(logo *metaImage) ldWebSite {
	return ldWebSite{
		ldPage: ldPage{
			Context: schemaContext, Type: "WebSite", Name: e.settings.Title, URL: e.abs("/"),
			Description: e.settings.Tagline, InLanguage: e.clock.lang,
		},
		Publisher: e.publisher(logo),
		PotentialAction: ldSearchAction{
			Type:       "SearchAction",
			Target:     ldEntryPoint{Type: "EntryPoint", URLTemplate: e.abs(searchTemplate)},
			QueryInput: "required name=search_term_string",
		},
	}
}

// collectionPageLD is the CollectionPage of a listing named name at
// canonical.
func (e *env) collectionPageLD(name, canonical, description string) ldListingPage {
	return ldListingPage{ldPage: ldPage{
		Context: schemaContext, Type: "CollectionPage", Name: name, URL: canonical,
		Description: description, InLanguage: e.clock.lang,
	}}
}

// profilePageLD is the ProfilePage of u's page named name at canonical:
// u as a Person with the bio and the photo.
func (e *env) profilePageLD(u *herald.User, name, canonical string) ldListingPage {
	ld := e.collectionPageLD(name, canonical, "")
	ld.Type = "ProfilePage"
	ld.MainEntity = &ldPerson{
		Type: "Person", Name: u.Name, URL: e.abs(authorPath(u)),
		Description: u.Bio, Image: ldImageOf(e.mediaImage(u.PhotoMediaID)),
	}
	return ld
}

// breadcrumbs is the BreadcrumbList of an article: the front page, its
// section and the section's parents, and the article.
func (e *env) breadcrumbs(a *herald.Article, canonical string) ldBreadcrumbs {
	items := []ldBreadcrumb{{Name: e.settings.Title, Item: e.abs("/")}}
	for _, sec := range e.sectionChain(a.SectionID) {
		items = append(items, ldBreadcrumb{Name: sec.Name, Item: e.abs(sectionLink(sec).URL)})
	}
	items = append(items, ldBreadcrumb{Name: a.Headline, Item: canonical})
	for i := range items {
		items[i].Type, items[i].Position = "ListItem", i+1
	}
	return ldBreadcrumbs{Context: schemaContext, Type: "BreadcrumbList", Items: items}
}

// sectionChain returns the section with id and its parents, top first.
// A broken or cyclic parent link ends the chain.
func (e *env) sectionChain(id int64) []*herald.Section {
	byID := make(map[int64]*herald.Section, len(e.sections))
	for _, s := range e.sections {
		byID[s.ID] = s
	}
	var chain []*herald.Section
	for sec := byID[id]; sec != nil && len(chain) <= len(e.sections); sec = byID[sec.ParentID] {
		chain = append([]*herald.Section{sec}, chain...)
	}
	return chain
}
