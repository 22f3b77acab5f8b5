package api

import (
	"net/http"

	"github.com/herald-news/herald"
)

// Author is the public JSON form of a member of the newsroom with a byline
// on a public article: never their email, role or sign-in details.
type Author struct {
	ID           int64  `json:"id"`
	Name         string `json:"name"`
	Slug         string `json:"slug"`
	Bio          string `json:"bio"`
	URL          string `json:"url"`
	Photo        *Image `json:"photo"`
	ArticleCount int    `json:"article_count"` // public articles
}

// authors answers GET /api/v1/authors: by name.
func (a *API) authors(w http.ResponseWriter, r *http.Request) error {
	return listPublic(a, w, r, a.store.FindPublicAuthors, authorOf)
}

// author answers GET /api/v1/authors/{id}.
func (a *API) author(w http.ResponseWriter, r *http.Request) error {
	return onePublic(a, w, r, "author", a.store.FindPublicAuthors, authorOf)
}

// authorOf returns the public JSON of an author.
func authorOf(site Site, au herald.PublicAuthor) Author {
	u := au.Item
	return Author{ID: u.ID, Name: u.Name, Slug: u.Slug, Bio: u.Bio, URL: authorLink(site, u).URL,
		Photo: imageOf(site, au.Photo), ArticleCount: au.Articles}
}
