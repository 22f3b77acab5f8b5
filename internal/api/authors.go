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

// author is a user with a byline on a public article and their photo.
type author struct {
	counted[*herald.User]
	photo *herald.Media
}

// authors answers GET /api/v1/authors: by name.
func (a *API) authors(w http.ResponseWriter, r *http.Request) error {
	find := func(ctx context.Context) ([]author, error) {
		users, err := findAll(func(offset, limit int) ([]*herald.User, error) {
			return a.store.FindUsers(ctx, herald.UserFilter{Offset: offset, Limit: limit})
		})
		if err != nil {
			return nil, err
		}
		found, err := countPublic(a, ctx, users, authorFilter)
		if err != nil {
			return nil, err
		}
		return a.withPhotos(ctx, found...)
	}
	return listAll(a, w, r, find, authorOf)
}

// author answers GET /api/v1/authors/{id}.
func (a *API) author(w http.ResponseWriter, r *http.Request) error {
	return one(a, w, r, "author", func(ctx context.Context, id int64) (author, error) {
		found, err := findPublic(a, ctx, id, "author", a.findUser, authorFilter)
		if err != nil {
			return author{}, err
		}
		out, err := a.withPhotos(ctx, found)
		if err != nil {
			return author{}, err
		}
		return out[0], nil
	}, authorOf)
}

func authorFilter(u *herald.User) herald.ArticleFilter { return herald.ArticleFilter{AuthorID: u.ID} }

// findUser returns the user with the id.
func (a *API) findUser(ctx context.Context, id int64) (*herald.User, error) {
	return a.userWhere(ctx, herald.UserFilter{ID: id, Limit: 1})
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

// withPhotos finds the authors' photos.
func (a *API) withPhotos(ctx context.Context, users ...counted[*herald.User]) ([]author, error) {
	out := make([]author, len(users))
	for i, u := range users {
		out[i].counted = u
		if id := u.v.PhotoMediaID; id != 0 {
			var err error
			if out[i].photo, err = a.store.FindMedia(ctx, id); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// authorOf returns the public JSON of an author.
func authorOf(site Site, au author) Author {
	u := au.v
	return Author{ID: u.ID, Name: u.Name, Slug: u.Slug, Bio: u.Bio, URL: authorLink(site, u).URL,
		Photo: imageOf(site, au.photo), ArticleCount: au.articles}
}
