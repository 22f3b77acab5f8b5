package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/markup"
)

// tagsPerPage is the length of a page of the tag list.
const tagsPerPage = 50

// tagRoutes are the tag screens. Tags are made on the fly in the article
// editor; here they are renamed, merged and deleted.
func (a *Admin) tagRoutes() []route {
	p := herald.PermManageTaxonomy
	return []route{
		{"GET /admin/tags", p, a.tagList},
		{"GET /admin/tags/{id}/edit", p, a.tagEdit},
		{"POST /admin/tags/{id}/edit", p, a.tagSave},
		{"GET /admin/tags/{id}/merge", p, a.tagMerge},
		{"POST /admin/tags/{id}/merge", p, a.tagMerge},
		{"GET /admin/tags/{id}/delete", p, a.tagDelete},
		{"POST /admin/tags/{id}/delete", p, a.tagDelete},
	}
}

// tagRow is a tag in the list.
type tagRow struct {
	*herald.Tag
	Articles int
}

// tagListView is the tag list.
type tagListView struct {
	chrome
	Q          string
	Rows       []tagRow
	Total      int
	Prev, Next string
}

func (tagListView) template() string { return "tags" }

// tagList shows a page of the tags whose name or slug holds the query.
func (a *Admin) tagList(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	tags, err := a.allTags(r, q)
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Tags")
	if err != nil {
		return err
	}
	v := tagListView{chrome: c, Q: q, Total: len(tags)}
	from := min((page-1)*tagsPerPage, len(tags))
	for _, t := range tags[from:min(from+tagsPerPage, len(tags))] {
		n, err := a.countArticles(r, herald.ArticleFilter{TagID: t.ID})
		if err != nil {
			return err
		}
		v.Rows = append(v.Rows, tagRow{Tag: t, Articles: n})
	}
	base := url.Values{}
	if q != "" {
		base.Set("q", q)
	}
	v.Prev, v.Next = pageLinks("/admin/tags", base, page, tagsPerPage, len(tags))
	return a.render(w, http.StatusOK, v)
}

// allTags returns every tag whose name or slug holds q (any case), by name.
func (a *Admin) allTags(r *http.Request, q string) ([]*herald.Tag, error) {
	const chunk = 1000
	q = strings.ToLower(q)
	var out []*herald.Tag
	for off := 0; ; off += chunk {
		tags, err := a.store.FindTags(r.Context(), off, chunk)
		if err != nil {
			return nil, err
		}
		for _, t := range tags {
			if strings.Contains(strings.ToLower(t.Name), q) || strings.Contains(t.Slug, q) {
				out = append(out, t)
			}
		}
		if len(tags) < chunk {
			return out, nil
		}
	}
}

// findTag returns the tag of the request's {id}.
func (a *Admin) findTag(r *http.Request) (*herald.Tag, error) {
	id, err := pathID(r, "tag")
	if err != nil {
		return nil, err
	}
	return a.store.FindTag(r.Context(), id)
}

// tagForm is the tag editor's input.
type tagForm struct {
	Name string `form:"name"`
	Slug string `form:"slug"`
}

// tagFormView is the tag editor.
type tagFormView struct {
	chrome
	ID     int64
	Form   tagForm
	Errors herald.FieldErrors
}

func (tagFormView) template() string { return "tag-form" }

// tagEdit shows the tag editor.
func (a *Admin) tagEdit(w http.ResponseWriter, r *http.Request) error {
	t, err := a.findTag(r)
	if err != nil {
		return err
	}
	return a.tagForm(w, r, http.StatusOK, t.ID, tagForm{Name: t.Name, Slug: t.Slug}, nil)
}

// tagForm renders the tag editor.
func (a *Admin) tagForm(w http.ResponseWriter, r *http.Request, status int, id int64, f tagForm, fe herald.FieldErrors) error {
	c, err := a.chrome(w, r, "Rename the tag")
	if err != nil {
		return err
	}
	return a.render(w, status, tagFormView{chrome: c, ID: id, Form: f, Errors: fe})
}

// tagSave renames a tag.
func (a *Admin) tagSave(w http.ResponseWriter, r *http.Request) error {
	t, err := a.findTag(r)
	if err != nil {
		return err
	}
	var f tagForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	t.Name, t.Slug = strings.TrimSpace(f.Name), strings.TrimSpace(f.Slug)
	if t.Slug == "" && t.Name != "" {
		t.Slug = markup.Slugify(t.Name)
		f.Slug = t.Slug
	}
	mergeErrors(fe, t.Validate())
	if len(fe) == 0 {
		err = a.store.UpdateTag(r.Context(), t)
		if fe = slugConflict(err); fe == nil && err != nil {
			return err
		}
	}
	if len(fe) > 0 {
		return a.tagForm(w, r, http.StatusUnprocessableEntity, t.ID, f, fe)
	}
	redirect(w, r, "/admin/tags", fmt.Sprintf("Saved the tag “%s”.", t.Name))
	return nil
}

// tagMergeView asks which tag to merge a tag into.
type tagMergeView struct {
	chrome
	Tag    *herald.Tag
	Into   string
	Errors herald.FieldErrors
}

func (tagMergeView) template() string { return "tag-merge" }

// tagMerge asks for the tag to merge into, states what the merge does, and
// once confirmed merges.
func (a *Admin) tagMerge(w http.ResponseWriter, r *http.Request) error {
	from, err := a.findTag(r)
	if err != nil {
		return err
	}
	if r.Method == http.MethodGet {
		return a.tagMergeForm(w, r, http.StatusOK, from, "", nil)
	}
	into, err := a.tagNamed(r, r.PostFormValue("into"))
	if err != nil {
		return err
	}
	if into == nil || into.ID == from.ID {
		msg := "names no tag; give the name or slug of an existing tag"
		if into != nil {
			msg = "must be another tag"
		}
		return a.tagMergeForm(w, r, http.StatusUnprocessableEntity, from, r.PostFormValue("into"), herald.FieldErrors{"into": msg})
	}
	if confirmed(r) {
		return a.mergeTags(w, r, from, into)
	}
	n, err := a.countArticles(r, herald.ArticleFilter{TagID: from.ID})
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, fmt.Sprintf("Merge “%s” into “%s”?", from.Name, into.Name))
	if err != nil {
		return err
	}
	return a.render(w, http.StatusOK, confirmView{chrome: c, Lead: "Merging does this:",
		Consequences: []string{
			fmt.Sprintf("%s tagged “%s” will be tagged “%s” instead.", plural(n, "article", "articles"), from.Name, into.Name),
			fmt.Sprintf("The tag “%s” is deleted; its page /tag/%s/ stops working.", from.Name, from.Slug),
		},
		Action: r.URL.Path, Button: "Merge the tags", Cancel: "/admin/tags",
		Hidden: []hidden{{"into", into.Slug}}})
}

// mergeTags merges from into into and records it.
func (a *Admin) mergeTags(w http.ResponseWriter, r *http.Request, from, into *herald.Tag) error {
	if err := a.store.MergeTags(r.Context(), from.ID, into.ID); err != nil {
		return err
	}
	detail := fmt.Sprintf("%s → %s", from.Name, into.Name)
	if err := a.record(r, "tag.merge", "tag "+strconv.FormatInt(from.ID, 10), detail); err != nil {
		return err
	}
	redirect(w, r, "/admin/tags", fmt.Sprintf("Merged “%s” into “%s”.", from.Name, into.Name))
	return nil
}

// tagMergeForm renders the merge form.
func (a *Admin) tagMergeForm(w http.ResponseWriter, r *http.Request, status int, t *herald.Tag, into string, fe herald.FieldErrors) error {
	c, err := a.chrome(w, r, fmt.Sprintf("Merge the tag “%s”", t.Name))
	if err != nil {
		return err
	}
	return a.render(w, status, tagMergeView{chrome: c, Tag: t, Into: into, Errors: fe})
}

// tagNamed returns the tag whose slug or name is s, nil when none is.
func (a *Admin) tagNamed(r *http.Request, s string) (*herald.Tag, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, nil
	}
	if herald.ValidateSlug(s) == nil {
		t, err := a.store.FindTagBySlug(r.Context(), s)
		if err == nil || herald.ErrorCode(err) != herald.ENOTFOUND {
			return t, err
		}
	}
	tags, err := a.allTags(r, s)
	if err != nil {
		return nil, err
	}
	for _, t := range tags {
		if strings.EqualFold(t.Name, s) {
			return t, nil
		}
	}
	return nil, nil
}

// tagDelete states what deleting a tag does and, once confirmed, does it.
func (a *Admin) tagDelete(w http.ResponseWriter, r *http.Request) error {
	t, err := a.findTag(r)
	if err != nil {
		return err
	}
	if confirmed(r) {
		if err := a.store.DeleteTag(r.Context(), t.ID); err != nil {
			return err
		}
		if err := a.record(r, "tag.delete", "tag "+strconv.FormatInt(t.ID, 10), t.Name); err != nil {
			return err
		}
		redirect(w, r, "/admin/tags", fmt.Sprintf("Deleted the tag “%s”.", t.Name))
		return nil
	}
	n, err := a.countArticles(r, herald.ArticleFilter{TagID: t.ID})
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, fmt.Sprintf("Delete the tag “%s”?", t.Name))
	if err != nil {
		return err
	}
	lines := []string{fmt.Sprintf("%s lose the tag; no article is deleted.", plural(n, "article", "articles")),
		fmt.Sprintf("Its page /tag/%s/ stops working. To keep it, merge the tag into another instead.", t.Slug)}
	if n == 1 {
		lines[0] = "1 article loses the tag; no article is deleted."
	}
	return a.render(w, http.StatusOK, confirmView{chrome: c, Lead: "Deleting the tag does this:", Consequences: lines,
		Action: r.URL.Path, Button: "Delete the tag", Cancel: "/admin/tags"})
}
