package admin

import (
	"fmt"
	"net/http"

	"github.com/herald-news/herald"
)

// userDelete states what deleting a user does and, once confirmed, does
// it. Nobody deletes themselves, so the last admin always remains.
func (a *Admin) userDelete(w http.ResponseWriter, r *http.Request) error {
	u, err := a.findUser(r)
	if err != nil {
		return err
	}
	if u.ID == currentUser(r).ID {
		return herald.Errorf(herald.EINVALID, "You cannot delete your own account; another admin can.")
	}
	if confirmed(r) {
		if err := a.store.DeleteUser(r.Context(), u.ID); err != nil {
			return err
		}
		if err := a.record(r, "user.delete", userSubject(u), fmt.Sprintf("%s <%s>, %s", u.Name, u.Email, u.Role)); err != nil {
			return err
		}
		redirect(w, r, "/admin/users", fmt.Sprintf("Deleted the user %s.", u.Name))
		return nil
	}
	lines, err := a.userConsequences(r, u)
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, fmt.Sprintf("Delete the user %s?", u.Name))
	if err != nil {
		return err
	}
	return a.render(w, http.StatusOK, confirmView{chrome: c, Lead: "Deleting the user does this:", Consequences: lines,
		Action: r.URL.Path, Button: "Delete the user", Cancel: "/admin/users"})
}

// userConsequences says what happens to a user's bylines and account.
func (a *Admin) userConsequences(r *http.Request, u *herald.User) ([]string, error) {
	total, alone := 0, 0
	for off := 0; ; off += 1000 {
		res, err := a.store.FindArticles(r.Context(), herald.ArticleFilter{AuthorID: u.ID, Offset: off, Limit: 1000})
		if err != nil {
			return nil, err
		}
		total = res.Total
		for _, art := range res.Articles {
			if len(art.AuthorIDs) == 1 {
				alone++
			}
		}
		if off+len(res.Articles) >= res.Total || len(res.Articles) == 0 {
			break
		}
	}
	var lines []string
	switch {
	case total == 0:
		lines = append(lines, "No article carries their byline.")
	default:
		lines = append(lines, fmt.Sprintf("Their byline is removed from %s; no article is deleted.", plural(total, "article", "articles")))
	}
	if alone > 0 {
		lines = append(lines, fmt.Sprintf("%s will have no author shown.", plural(alone, "article", "articles")))
	}
	return append(lines,
		fmt.Sprintf("Their author page /author/%s/ stops working.", u.Slug),
		"They are signed out everywhere and can no longer sign in."), nil
}
