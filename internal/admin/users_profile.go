package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/markup"
)

// authorForm is the public author profile: what readers see on the
// author's page and beside bylines.
type authorForm struct {
	Name  string `form:"name"`
	Slug  string `form:"slug"`
	Bio   string `form:"bio"`
	Photo int64  `form:"photo"`
}

// authorFormView is the author profile editor.
type authorFormView struct {
	chrome
	Subject *herald.User
	Form    authorForm
	Photos  []option
	Errors  herald.FieldErrors
	Action  string // where the form posts
}

func (authorFormView) template() string { return "user-profile" }

// findProfile returns the user whose profile the request is about: the
// {id} of /admin/users/{id}/profile (a route for PermEditOtherProfile), or
// the signed-in user on /admin/users/me/profile.
func (a *Admin) findProfile(r *http.Request) (*herald.User, error) {
	if r.PathValue("id") == "" {
		return a.store.FindUser(r.Context(), currentUser(r).ID)
	}
	return a.findUser(r)
}

// profilePath is the path of the profile editor of u for r's user.
func profilePath(r *http.Request, u *herald.User) string {
	if r.PathValue("id") == "" {
		return "/admin/users/me/profile"
	}
	return "/admin/users/" + strconv.FormatInt(u.ID, 10) + "/profile"
}

// authorProfileEdit shows the author profile editor.
func (a *Admin) authorProfileEdit(w http.ResponseWriter, r *http.Request) error {
	u, err := a.findProfile(r)
	if err != nil {
		return err
	}
	return a.authorForm(w, r, http.StatusOK, u, authorForm{Name: u.Name, Slug: u.Slug, Bio: u.Bio, Photo: u.PhotoMediaID}, nil)
}

// authorForm renders the author profile editor.
func (a *Admin) authorForm(w http.ResponseWriter, r *http.Request, status int, u *herald.User, f authorForm, fe herald.FieldErrors) error {
	c, err := a.chrome(w, r, "Author profile of "+u.Name)
	if err != nil {
		return err
	}
	photos, err := a.mediaOptions(r, f.Photo)
	if err != nil {
		return err
	}
	return a.render(w, status, authorFormView{chrome: c, Subject: u, Form: f, Photos: photos, Errors: fe, Action: profilePath(r, u)})
}

// authorProfileSave stores the author profile.
func (a *Admin) authorProfileSave(w http.ResponseWriter, r *http.Request) error {
	u, err := a.findProfile(r)
	if err != nil {
		return err
	}
	var f authorForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	name := u.Name
	u.Name, u.Slug, u.Bio, u.PhotoMediaID = strings.TrimSpace(f.Name), strings.TrimSpace(f.Slug), strings.TrimSpace(f.Bio), f.Photo
	if u.Slug == "" && u.Name != "" {
		u.Slug = markup.Slugify(u.Name)
		f.Slug = u.Slug
	}
	mergeErrors(fe, u.Validate())
	if f.Photo != 0 {
		if _, err := a.store.FindMedia(r.Context(), f.Photo); herald.ErrorCode(err) == herald.ENOTFOUND {
			fe.Add("photo", "is not an image of the library")
		} else if err != nil {
			return err
		}
	}
	if len(fe) == 0 {
		err = a.store.UpdateUser(r.Context(), u)
		if fe = slugConflict(err); fe == nil && err != nil {
			return err
		}
	}
	if len(fe) > 0 {
		u.Name = name
		return a.authorForm(w, r, http.StatusUnprocessableEntity, u, f, fe)
	}
	redirect(w, r, r.URL.Path, fmt.Sprintf("Saved the author profile of %s.", u.Name))
	return nil
}
