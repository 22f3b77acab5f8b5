package api

import (
	"context"
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

// userWhere returns the one user f selects, ENOTFOUND when none.
func (a *API) userWhere(ctx context.Context, f herald.UserFilter) (*herald.User, error) {
	users, err := a.store.FindUsers(ctx, f)
	if err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, herald.Errorf(herald.ENOTFOUND, "No such author.")
	}
	return users[0], nil
}

// authorID returns the id of the author with the slug.
func (a *API) authorID(ctx context.Context, slug string) (int64, error) {
	u, err := a.userWhere(ctx, herald.UserFilter{Slug: slug, Limit: 1})
	if err != nil {
		return 0, err
	}
	return u.ID, nil
}

// authorOf returns the public JSON of an author.
func authorOf(site Site, au herald.PublicAuthor) Author {
	u := au.Item
	return Author{ID: u.ID, Name: u.Name, Slug: u.Slug, Bio: u.Bio, URL: authorLink(site, u).URL,
		Photo: imageOf(site, au.Photo), ArticleCount: au.Articles}
}
