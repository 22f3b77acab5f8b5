package admin

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/herald-news/herald"
)

// articleRoutes are the article screens. Every role writes articles; the
// handlers check that the article is the user's own unless they may edit
// every article.
func (a *Admin) articleRoutes() []route {
	return []route{
		{"GET /admin/articles", herald.PermEditOwnArticles, a.articleList},
		{"GET /admin/articles/new", herald.PermEditOwnArticles, a.newArticle},
		{"POST /admin/articles/new", herald.PermEditOwnArticles, a.createArticle},
		{"POST /admin/articles/new/preview", herald.PermEditOwnArticles, a.previewNew},
		{"GET /admin/articles/{id}/edit", herald.PermEditOwnArticles, a.editArticle},
		{"POST /admin/articles/{id}/edit", herald.PermEditOwnArticles, a.updateArticle},
		{"POST /admin/articles/{id}/preview", herald.PermEditOwnArticles, a.previewArticle},
		{"GET /admin/articles/{id}/delete", herald.PermEditOwnArticles, a.confirmDelete},
		{"POST /admin/articles/{id}/delete", herald.PermEditOwnArticles, a.deleteArticle},
		{"GET /admin/articles/{id}/revisions", herald.PermEditOwnArticles, a.revisions},
		{"GET /admin/articles/{id}/revisions/compare", herald.PermEditOwnArticles, a.compareRevisions},
		{"POST /admin/articles/{id}/revisions/{rev}/restore", herald.PermEditOwnArticles, a.restoreRevision},
	}
}

// canEdit reports whether u may change a.
func canEdit(u *herald.User, a *herald.Article) bool {
	return u.Role.Can(herald.PermEditAllArticles) || u.Role.Can(herald.PermEditOwnArticles) && isOwn(u, a)
}

// isOwn reports whether u is among a's authors.
func isOwn(u *herald.User, a *herald.Article) bool {
	return slices.Contains(a.AuthorIDs, u.ID)
}

// findArticle returns the article of the request's {id}, ENOTFOUND when
// there is none and EFORBIDDEN when the user may not change it.
func (a *Admin) findArticle(r *http.Request) (*herald.Article, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, herald.Errorf(herald.ENOTFOUND, "There is no such article.")
	}
	art, err := a.store.FindArticle(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !canEdit(currentUser(r), art) {
		return nil, herald.Errorf(herald.EFORBIDDEN, "This article is not yours to change.")
	}
	return art, nil
}
