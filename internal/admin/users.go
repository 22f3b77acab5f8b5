package admin

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/markup"
)

// inviteTTL is how long a new user's set-password link works.
const inviteTTL = 72 * time.Hour

// userRoutes are the user screens: admins manage accounts and roles;
// everyone edits their own author profile.
func (a *Admin) userRoutes() []route {
	p := herald.PermManageUsers
	return []route{
		{"GET /admin/users", p, a.userList},
		{"GET /admin/users/new", p, a.userNew},
		{"POST /admin/users/new", p, a.userCreate},
		{"POST /admin/users/{id}/role", p, a.userRole},
		{"POST /admin/users/{id}/link", p, a.userLink},
		{"GET /admin/users/{id}/delete", p, a.userDelete},
		{"POST /admin/users/{id}/delete", p, a.userDelete},
		{"GET /admin/users/me/profile", SignedIn, a.authorProfileEdit},
		{"POST /admin/users/me/profile", SignedIn, a.authorProfileSave},
		{"GET /admin/users/{id}/profile", herald.PermEditOtherProfile, a.authorProfileEdit},
		{"POST /admin/users/{id}/profile", herald.PermEditOtherProfile, a.authorProfileSave},
	}
}

// userRow is a user in the list.
type userRow struct {
	*herald.User
	Roles    []option
	Self     bool
	Articles int
}

// userListView is the list of users.
type userListView struct {
	chrome
	Rows []userRow
}

func (userListView) template() string { return "users" }

// roleOptions lists the roles for a <select>.
func roleOptions(selected herald.Role) []option {
	var out []option
	for _, r := range []herald.Role{herald.RoleAdmin, herald.RoleEditor, herald.RoleAuthor, herald.RoleContributor} {
		out = append(out, option{Value: string(r), Label: string(r), Selected: r == selected})
	}
	return out
}

// userList shows every user with their role and article count.
func (a *Admin) userList(w http.ResponseWriter, r *http.Request) error {
	users, err := a.store.FindUsers(r.Context(), herald.UserFilter{Limit: maxUsers})
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Users")
	if err != nil {
		return err
	}
	v := userListView{chrome: c}
	for _, u := range users {
		n, err := a.countArticles(r, herald.ArticleFilter{AuthorID: u.ID})
		if err != nil {
			return err
		}
		v.Rows = append(v.Rows, userRow{User: u, Roles: roleOptions(u.Role), Self: u.ID == c.User.ID, Articles: n})
	}
	return a.render(w, http.StatusOK, v)
}

// findUser returns the user of the request's {id}.
func (a *Admin) findUser(r *http.Request) (*herald.User, error) {
	id, err := pathID(r, "user")
	if err != nil {
		return nil, err
	}
	return a.store.FindUser(r.Context(), id)
}

// userForm is the new-user form.
type userForm struct {
	Email string `form:"email"`
	Name  string `form:"name"`
	Role  string `form:"role"`
}

// userFormView is the new-user form.
type userFormView struct {
	chrome
	Form   userForm
	Roles  []option
	Errors herald.FieldErrors
}

func (userFormView) template() string { return "user-form" }

// userNew shows the new-user form.
func (a *Admin) userNew(w http.ResponseWriter, r *http.Request) error {
	return a.userForm(w, r, http.StatusOK, userForm{Role: string(herald.RoleAuthor)}, nil)
}

// userForm renders the new-user form.
func (a *Admin) userForm(w http.ResponseWriter, r *http.Request, status int, f userForm, fe herald.FieldErrors) error {
	c, err := a.chrome(w, r, "New user")
	if err != nil {
		return err
	}
	return a.render(w, status, userFormView{chrome: c, Form: f, Roles: roleOptions(herald.Role(f.Role)), Errors: fe})
}

// linkView shows a one-time set-password link.
type linkView struct {
	chrome
	Subject *herald.User
	Link    string
	Expires string
}

func (linkView) template() string { return "user-link" }

// userCreate adds a user without a password and shows the link with which
// they set one.
func (a *Admin) userCreate(w http.ResponseWriter, r *http.Request) error {
	var f userForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	f.Email, f.Name = strings.TrimSpace(f.Email), strings.TrimSpace(f.Name)
	u := &herald.User{Email: f.Email, Name: f.Name, Role: herald.Role(f.Role)}
	if u.Slug, err = a.freeUserSlug(r.Context(), markup.Slugify(f.Name)); err != nil {
		return err
	}
	mergeErrors(fe, u.Validate())
	if len(fe) == 0 {
		err = a.store.CreateUser(r.Context(), u)
		if herald.ErrorCode(err) == herald.ECONFLICT {
			fe.Add("email", "is already the email of a user")
		} else if err != nil {
			return err
		}
	}
	if len(fe) > 0 {
		return a.userForm(w, r, http.StatusUnprocessableEntity, f, fe)
	}
	if err := a.record(r, "user.create", userSubject(u), fmt.Sprintf("%s <%s>, %s", u.Name, u.Email, u.Role)); err != nil {
		return err
	}
	return a.showLink(w, r, u, "User created")
}

// showLink renders a fresh set-password link for u.
func (a *Admin) showLink(w http.ResponseWriter, r *http.Request, u *herald.User, title string) error {
	c, err := a.chrome(w, r, title)
	if err != nil {
		return err
	}
	base := c.Settings.BaseURL
	if base == "" {
		base = "http://" + r.Host
		if r.TLS != nil {
			base = "https://" + r.Host
		}
	}
	link := auth.Link(base, auth.ResetPath, a.auth.UserToken(auth.PurposeReset, u, inviteTTL))
	exp := a.now().Add(inviteTTL).In(c.Settings.Location()).Format("January 2, 2006 at 15:04 MST")
	return a.render(w, http.StatusOK, linkView{chrome: c, Subject: u, Link: link, Expires: exp})
}

// userLink shows a new set-password link for a user who lost theirs.
func (a *Admin) userLink(w http.ResponseWriter, r *http.Request) error {
	u, err := a.findUser(r)
	if err != nil {
		return err
	}
	if err := a.record(r, "user.link", userSubject(u), u.Name); err != nil {
		return err
	}
	return a.showLink(w, r, u, "Set-password link")
}

// freeUserSlug returns slug, or slug-2, slug-3, … when it is taken.
func (a *Admin) freeUserSlug(ctx context.Context, slug string) (string, error) {
	for n := 1; ; n++ {
		s := slug
		if n > 1 {
			suffix := "-" + strconv.Itoa(n)
			s = strings.TrimRight(slug[:min(len(slug), herald.MaxSlugLen-len(suffix))], "-") + suffix
		}
		_, err := a.store.FindUserBySlug(ctx, s)
		if herald.ErrorCode(err) == herald.ENOTFOUND {
			return s, nil
		} else if err != nil {
			return "", err
		}
	}
}

// userSubject names u in the audit log.
func userSubject(u *herald.User) string {
	return "user " + strconv.FormatInt(u.ID, 10)
}

// userRole changes a user's role, keeping at least one admin.
func (a *Admin) userRole(w http.ResponseWriter, r *http.Request) error {
	u, err := a.findUser(r)
	if err != nil {
		return err
	}
	role := herald.Role(r.PostFormValue("role"))
	if !role.Valid() {
		return herald.Errorf(herald.EINVALID, "Choose one of the roles admin, editor, author or contributor.")
	}
	if role == u.Role {
		redirect(w, r, "/admin/users", "")
		return nil
	}
	if err := a.keepAnAdmin(r, u, "change the role of"); err != nil {
		return err
	}
	old := u.Role
	u.Role = role
	if err := a.store.UpdateUser(r.Context(), u); err != nil {
		return err
	}
	if err := a.record(r, "user.role", userSubject(u), fmt.Sprintf("%s: %s → %s", u.Name, old, role)); err != nil {
		return err
	}
	redirect(w, r, "/admin/users", fmt.Sprintf("%s is now %s.", u.Name, withArticle(string(role))))
	return nil
}

// keepAnAdmin refuses to take the admin role from the last admin.
func (a *Admin) keepAnAdmin(r *http.Request, u *herald.User, doing string) error {
	if u.Role != herald.RoleAdmin {
		return nil
	}
	users, err := a.store.FindUsers(r.Context(), herald.UserFilter{Limit: maxUsers})
	if err != nil {
		return err
	}
	for _, o := range users {
		if o.Role == herald.RoleAdmin && o.ID != u.ID {
			return nil
		}
	}
	return herald.Errorf(herald.EINVALID, "You cannot %s the only admin: make someone else an admin first.", doing)
}

// withArticle is "an admin", "an editor", "an author", "a contributor".
func withArticle(role string) string {
	if strings.IndexByte("aeiou", role[0]) >= 0 {
		return "an " + role
	}
	return "a " + role
}
