package admin

import (
	"net/http"

	"github.com/herald-news/herald"
)

// deleteView asks to confirm deleting an article.
type deleteView struct {
	chrome
	Article *herald.Article
	URL     string // its public address, when readers can see it
}

func (deleteView) template() string { return "article_delete" }

// findDeletable returns the article of the request if the user may delete
// it: their own (or anyone's, for editors) draft, and only with the right
// to publish once it has been published or scheduled.
func (a *Admin) findDeletable(r *http.Request) (*herald.Article, error) {
	art, err := a.findArticle(r)
	if err != nil {
		return nil, err
	}
	if !mayDelete(currentUser(r), art) {
		return nil, herald.Errorf(herald.EFORBIDDEN, "Only someone who may publish this article may delete it.")
	}
	return art, nil
}

// mayDelete reports whether u, who may change art, may also delete it.
func mayDelete(u *herald.User, art *herald.Article) bool {
	wasOut := isLive(art.Status) || art.Status == herald.StatusUnpublished
	return !wasOut || canPublish(u, art)
}

// confirmDelete asks whether to delete the article, saying what happens.
func (a *Admin) confirmDelete(w http.ResponseWriter, r *http.Request) error {
	art, err := a.findDeletable(r)
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Delete article")
	if err != nil {
		return err
	}
	v := deleteView{chrome: c, Article: art}
	if art.Status == herald.StatusPublished {
		v.URL = art.Path(c.Settings.Location())
	}
	return a.render(w, http.StatusOK, v)
}

// deleteArticle deletes the article and records it in the audit log.
func (a *Admin) deleteArticle(w http.ResponseWriter, r *http.Request) error {
	art, err := a.findDeletable(r)
	if err != nil {
		return err
	}
	if err := a.store.DeleteArticle(r.Context(), art.ID); err != nil {
		return err
	}
	a.audit(r, currentUser(r), "article.delete", art)
	redirect(w, r, "/admin/articles", "Deleted “"+art.Headline+"”.")
	return nil
}
