package admin

import (
	"net/http"
	"strconv"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/diff"
)

// revisionsView lists an article's revisions, newest first, with a form to
// compare any two.
type revisionsView struct {
	chrome
	Article *herald.Article
	Rows    []revisionRow
	// CanRestore is false when restoring would change a published
	// article the user may not publish.
	CanRestore bool
}

func (revisionsView) template() string { return "revisions" }

// revisionRow is one revision in the list.
type revisionRow struct {
	ID       int64
	Version  int
	At       string
	Datetime string
	By       string
	Status   string
	Headline string
	Current  bool
	From, To bool // preselected for comparing
}

// diffView shows the word-level difference between two revisions.
type diffView struct {
	chrome
	Article  *herald.Article
	From, To revisionRow
	Fields   []fieldDiff
	Same     bool
}

func (diffView) template() string { return "revision_diff" }

// revisions lists the article's revisions.
func (a *Admin) revisions(w http.ResponseWriter, r *http.Request) error {
	art, err := a.findArticle(r)
	if err != nil {
		return err
	}
	revs, err := a.store.FindRevisions(r.Context(), art.ID)
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Revisions")
	if err != nil {
		return err
	}
	v := revisionsView{chrome: c, Article: art, CanRestore: !isLive(art.Status) || canPublish(currentUser(r), art)}
	for i, rev := range revs {
		row := a.revisionRow(r, rev, c.Settings)
		row.Current, row.To, row.From = rev.Version == art.Version, i == 0, i == 1
		v.Rows = append(v.Rows, row)
	}
	return a.render(w, http.StatusOK, v)
}

// revisionRow is the list row of rev.
func (a *Admin) revisionRow(r *http.Request, rev *herald.Revision, s herald.Settings) revisionRow {
	t := rev.CreatedAt.In(s.Location())
	return revisionRow{ID: rev.ID, Version: rev.Version, At: t.Format("2006-01-02 15:04:05"), Datetime: t.Format("2006-01-02T15:04:05Z07:00"),
		By: a.userName(r.Context(), rev.UserID), Status: statusLabel(rev.Status), Headline: rev.Headline}
}

// compareRevisions shows the difference between the revisions ?from= and
// ?to= of the article.
func (a *Admin) compareRevisions(w http.ResponseWriter, r *http.Request) error {
	art, err := a.findArticle(r)
	if err != nil {
		return err
	}
	from, err := a.findRevision(r, art, r.URL.Query().Get("from"))
	if err != nil {
		return err
	}
	to, err := a.findRevision(r, art, r.URL.Query().Get("to"))
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Compare revisions")
	if err != nil {
		return err
	}
	v := diffView{chrome: c, Article: art, From: a.revisionRow(r, from, c.Settings), To: a.revisionRow(r, to, c.Settings)}
	v.Fields = revisionDiff(from, to)
	v.Same = len(v.Fields) == 0
	return a.render(w, http.StatusOK, v)
}

// revisionDiff is the word-level difference of each field that changed
// from one revision to the other.
func revisionDiff(from, to *herald.Revision) []fieldDiff {
	var out []fieldDiff
	for _, d := range []struct{ label, old, new string }{
		{"Headline", from.Headline, to.Headline},
		{"Dek", from.Dek, to.Dek},
		{"Slug", from.Slug, to.Slug},
		{"Status", statusLabel(from.Status), statusLabel(to.Status)},
		{"Body", from.Body, to.Body},
		{"Excerpt", from.Excerpt, to.Excerpt},
	} {
		if ops := diff.Words(d.old, d.new); diff.Changed(ops) {
			out = append(out, fieldDiff{Label: d.label, HTML: diff.HTML(ops)})
		}
	}
	return out
}

// findRevision returns the revision with the id s of art; ENOTFOUND when
// it is not one of art's.
func (a *Admin) findRevision(r *http.Request, art *herald.Article, s string) (*herald.Revision, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return nil, herald.Errorf(herald.ENOTFOUND, "There is no such revision.")
	}
	rev, err := a.store.FindRevision(r.Context(), n)
	if err != nil {
		return nil, err
	}
	if rev.ArticleID != art.ID {
		return nil, herald.Errorf(herald.ENOTFOUND, "There is no such revision of this article.")
	}
	return rev, nil
}

// restoreRevision saves the article again with the headline, dek, body and
// excerpt of an earlier revision; its status, time and slug stay as they
// are. The restore is a new revision, so it can be undone in turn.
func (a *Admin) restoreRevision(w http.ResponseWriter, r *http.Request) error {
	art, err := a.findArticle(r)
	if err != nil {
		return err
	}
	rev, err := a.findRevision(r, art, r.PathValue("rev"))
	if err != nil {
		return err
	}
	u := currentUser(r)
	if isLive(art.Status) && !canPublish(u, art) {
		return errMayNotPublish
	}
	next := copyArticle(art)
	next.Headline, next.Dek, next.Body, next.Excerpt = rev.Headline, rev.Dek, rev.Body, rev.Excerpt
	next.EditorID = u.ID
	if err := a.store.UpdateArticle(r.Context(), next); err != nil {
		return err
	}
	redirect(w, r, "/admin/articles/"+id(art.ID)+"/edit", "Restored the text of version "+strconv.Itoa(rev.Version)+" as a new revision.")
	return nil
}
