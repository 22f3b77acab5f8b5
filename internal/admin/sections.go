package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/markup"
)

// sectionRoutes are the section screens.
func (a *Admin) sectionRoutes() []route {
	p := herald.PermManageTaxonomy
	return []route{
		{"GET /admin/sections", p, a.sectionList},
		{"GET /admin/sections/new", p, a.sectionNew},
		{"POST /admin/sections/new", p, a.sectionSave},
		{"GET /admin/sections/{id}/edit", p, a.sectionEdit},
		{"POST /admin/sections/{id}/edit", p, a.sectionSave},
		{"POST /admin/sections/{id}/move", p, a.sectionMove},
		{"GET /admin/sections/{id}/delete", p, a.sectionDelete},
		{"POST /admin/sections/{id}/delete", p, a.sectionDelete},
	}
}

// pathID returns the request's {id}, ENOTFOUND when it is not an id.
func pathID(r *http.Request, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, herald.Errorf(herald.ENOTFOUND, "There is no such %s.", what)
	}
	return id, nil
}

// confirmView asks before a deletion or merge, stating what will happen.
type confirmView struct {
	chrome
	Lead         string
	Consequences []string
	Action       string // where the form posts
	Button       string
	Cancel       string
	Hidden       []hidden
}

func (confirmView) template() string { return "confirm" }

// hidden is a hidden input of a confirmation form.
type hidden struct{ Name, Value string }

// confirmed reports whether r is the POST of a confirmation form.
func confirmed(r *http.Request) bool {
	return r.Method == http.MethodPost && r.PostFormValue("confirm") == "1"
}

// sectionRow is a section in the tree.
type sectionRow struct {
	*herald.Section
	Depth    int
	Articles int
	First    bool // first among its siblings: cannot move up
	Last     bool
}

// sectionListView is the section tree.
type sectionListView struct {
	chrome
	Rows []sectionRow
}

func (sectionListView) template() string { return "sections" }

// sectionList shows the section tree with each section's article count.
func (a *Admin) sectionList(w http.ResponseWriter, r *http.Request) error {
	sections, err := a.store.FindSections(r.Context())
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Sections")
	if err != nil {
		return err
	}
	v := sectionListView{chrome: c}
	depth := map[int64]int{}
	for i, s := range sections {
		if s.ParentID != 0 {
			depth[s.ID] = depth[s.ParentID] + 1
		}
		n, err := a.countArticles(r, herald.ArticleFilter{SectionID: s.ID})
		if err != nil {
			return err
		}
		sib := siblings(sections, s.ParentID)
		v.Rows = append(v.Rows, sectionRow{Section: sections[i], Depth: depth[s.ID], Articles: n,
			First: sib[0].ID == s.ID, Last: sib[len(sib)-1].ID == s.ID})
	}
	return a.render(w, http.StatusOK, v)
}

// countArticles returns how many articles of any status match f.
func (a *Admin) countArticles(r *http.Request, f herald.ArticleFilter) (int, error) {
	f.Limit = 1
	res, err := a.store.FindArticles(r.Context(), f)
	if err != nil {
		return 0, err
	}
	return res.Total, nil
}

// siblings returns the sections under parent, in display order.
func siblings(all []*herald.Section, parent int64) []*herald.Section {
	var out []*herald.Section
	for _, s := range all {
		if s.ParentID == parent {
			out = append(out, s)
		}
	}
	return out
}

// sectionForm is the section editor's input.
type sectionForm struct {
	Name        string `form:"name"`
	Slug        string `form:"slug"`
	Parent      int64  `form:"parent"`
	Description string `form:"description"`
	InNav       bool   `form:"in_nav"`
}

// sectionFormView is the section editor.
type sectionFormView struct {
	chrome
	ID      int64 // 0 for a new section
	Form    sectionForm
	Errors  herald.FieldErrors
	Parents []option
}

func (sectionFormView) template() string { return "section-form" }

// sectionNew shows an empty section editor.
func (a *Admin) sectionNew(w http.ResponseWriter, r *http.Request) error {
	return a.sectionForm(w, r, http.StatusOK, 0, sectionForm{InNav: true}, nil)
}

// sectionEdit shows the editor of an existing section.
func (a *Admin) sectionEdit(w http.ResponseWriter, r *http.Request) error {
	s, err := a.findSection(r)
	if err != nil {
		return err
	}
	f := sectionForm{Name: s.Name, Slug: s.Slug, Parent: s.ParentID, Description: s.Description, InNav: s.InNav}
	return a.sectionForm(w, r, http.StatusOK, s.ID, f, nil)
}

// sectionForm renders the section editor.
func (a *Admin) sectionForm(w http.ResponseWriter, r *http.Request, status int, id int64, f sectionForm, fe herald.FieldErrors) error {
	title := "New section"
	if id != 0 {
		title = "Edit section"
	}
	c, err := a.chrome(w, r, title)
	if err != nil {
		return err
	}
	parents, err := a.parentOptions(r, id, f.Parent)
	if err != nil {
		return err
	}
	return a.render(w, status, sectionFormView{chrome: c, ID: id, Form: f, Errors: fe, Parents: parents})
}

// parentOptions lists the sections that section id may move under: all
// but itself and its subsections.
func (a *Admin) parentOptions(r *http.Request, id, selected int64) ([]option, error) {
	opts, err := a.sectionOptions(r, selected, "None: a top-level section")
	if err != nil || id == 0 {
		return opts, err
	}
	all, err := a.store.FindSections(r.Context())
	if err != nil {
		return nil, err
	}
	out := opts[:1]
	for _, o := range opts[1:] {
		if n, _ := strconv.ParseInt(o.Value, 10, 64); !isDescendant(all, n, id) {
			out = append(out, o)
		}
	}
	return out, nil
}

// findSection returns the section of the request's {id}.
func (a *Admin) findSection(r *http.Request) (*herald.Section, error) {
	id, err := pathID(r, "section")
	if err != nil {
		return nil, err
	}
	return a.store.FindSection(r.Context(), id)
}

// sectionSave creates or updates a section from the editor.
func (a *Admin) sectionSave(w http.ResponseWriter, r *http.Request) error {
	var f sectionForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	s := &herald.Section{}
	if r.PathValue("id") != "" {
		if s, err = a.findSection(r); err != nil {
			return err
		}
	}
	all, err := a.store.FindSections(r.Context())
	if err != nil {
		return err
	}
	if s.ID == 0 || s.ParentID != f.Parent {
		s.Position = len(siblings(all, f.Parent))
	}
	s.Name, s.Slug, s.ParentID, s.Description, s.InNav = strings.TrimSpace(f.Name), strings.TrimSpace(f.Slug), f.Parent, f.Description, f.InNav
	if s.Slug == "" && s.Name != "" {
		s.Slug = markup.Slugify(s.Name)
		f.Slug = s.Slug
	}
	mergeErrors(fe, s.Validate())
	if f.Parent != 0 && !hasSection(all, f.Parent) {
		fe.Add("parent", "is not a section")
	} else if f.Parent != 0 && s.ID != 0 && isDescendant(all, f.Parent, s.ID) {
		fe.Add("parent", "may not be one of the section's own subsections")
	}
	if len(fe) == 0 {
		err = a.saveSection(r, s)
		if fe = slugConflict(err); fe == nil && err != nil {
			return err
		}
	}
	if len(fe) > 0 {
		return a.sectionForm(w, r, http.StatusUnprocessableEntity, s.ID, f, fe)
	}
	redirect(w, r, "/admin/sections", fmt.Sprintf("Saved the section “%s”.", s.Name))
	return nil
}

// saveSection creates s when new, else updates it.
func (a *Admin) saveSection(r *http.Request, s *herald.Section) error {
	if s.ID == 0 {
		return a.store.CreateSection(r.Context(), s)
	}
	return a.store.UpdateSection(r.Context(), s)
}

// mergeErrors adds the field errors of err (a validation error) to fe.
func mergeErrors(fe herald.FieldErrors, err error) {
	for k, msg := range fieldErrors(err) {
		fe.Add(k, msg)
	}
}

// slugConflict turns a store's ECONFLICT (a slug in use) into an error
// beside the slug field; any other error gives nil.
func slugConflict(err error) herald.FieldErrors {
	if herald.ErrorCode(err) == herald.ECONFLICT {
		return herald.FieldErrors{"slug": "is already used; choose another"}
	}
	return fieldErrors(err)
}

// isDescendant reports whether section id lies under section root.
func isDescendant(all []*herald.Section, id, root int64) bool {
	parent := map[int64]int64{}
	for _, s := range all {
		parent[s.ID] = s.ParentID
	}
	for seen := 0; id != 0 && seen <= len(all); seen++ {
		if id == root {
			return true
		}
		id = parent[id]
	}
	return false
}

// hasSection reports whether id is among all.
func hasSection(all []*herald.Section, id int64) bool {
	for _, s := range all {
		if s.ID == id {
			return true
		}
	}
	return false
}
