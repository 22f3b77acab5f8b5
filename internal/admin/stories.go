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

// storiesPerPage is the length of a page of the story list.
const storiesPerPage = 50

// storyRoutes are the running-story screens.
func (a *Admin) storyRoutes() []route {
	p := herald.PermManageTaxonomy
	return []route{
		{"GET /admin/stories", p, a.storyList},
		{"GET /admin/stories/new", p, a.storyNew},
		{"POST /admin/stories/new", p, a.storySave},
		{"GET /admin/stories/{id}/edit", p, a.storyEdit},
		{"POST /admin/stories/{id}/edit", p, a.storySave},
		{"GET /admin/stories/{id}/delete", p, a.storyDelete},
		{"POST /admin/stories/{id}/delete", p, a.storyDelete},
	}
}

// storyRow is a story in the list.
type storyRow struct {
	*herald.Story
	Articles int
}

// storyListView is the story list.
type storyListView struct {
	chrome
	Rows       []storyRow
	Prev, Next string
}

func (storyListView) template() string { return "stories" }

// storyList shows a page of stories, newest first.
func (a *Admin) storyList(w http.ResponseWriter, r *http.Request) error {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	// One more than a page tells whether there is a next page.
	stories, err := a.store.FindStories(r.Context(), (page-1)*storiesPerPage, storiesPerPage+1)
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Stories")
	if err != nil {
		return err
	}
	v := storyListView{chrome: c}
	total := (page-1)*storiesPerPage + len(stories)
	for _, s := range stories[:min(len(stories), storiesPerPage)] {
		n, err := a.countArticles(r, herald.ArticleFilter{StoryID: s.ID})
		if err != nil {
			return err
		}
		v.Rows = append(v.Rows, storyRow{Story: s, Articles: n})
	}
	v.Prev, v.Next = pageLinks("/admin/stories", url.Values{}, page, storiesPerPage, total)
	return a.render(w, http.StatusOK, v)
}

// storyForm is the story editor's input.
type storyForm struct {
	Name        string `form:"name"`
	Slug        string `form:"slug"`
	Description string `form:"description"`
}

// storyFormView is the story editor.
type storyFormView struct {
	chrome
	ID     int64
	Form   storyForm
	Errors herald.FieldErrors
}

func (storyFormView) template() string { return "story-form" }

// findStory returns the story of the request's {id}.
func (a *Admin) findStory(r *http.Request) (*herald.Story, error) {
	id, err := pathID(r, "story")
	if err != nil {
		return nil, err
	}
	return a.store.FindStory(r.Context(), id)
}

// storyNew shows an empty story editor.
func (a *Admin) storyNew(w http.ResponseWriter, r *http.Request) error {
	return a.storyForm(w, r, http.StatusOK, 0, storyForm{}, nil)
}

// storyEdit shows the editor of a story.
func (a *Admin) storyEdit(w http.ResponseWriter, r *http.Request) error {
	s, err := a.findStory(r)
	if err != nil {
		return err
	}
	return a.storyForm(w, r, http.StatusOK, s.ID, storyForm{Name: s.Name, Slug: s.Slug, Description: s.Description}, nil)
}

// storyForm renders the story editor.
func (a *Admin) storyForm(w http.ResponseWriter, r *http.Request, status int, id int64, f storyForm, fe herald.FieldErrors) error {
	title := "New story"
	if id != 0 {
		title = "Edit story"
	}
	c, err := a.chrome(w, r, title)
	if err != nil {
		return err
	}
	return a.render(w, status, storyFormView{chrome: c, ID: id, Form: f, Errors: fe})
}

// storySave creates or updates a story.
func (a *Admin) storySave(w http.ResponseWriter, r *http.Request) error {
	var f storyForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	s := &herald.Story{}
	if r.PathValue("id") != "" {
		if s, err = a.findStory(r); err != nil {
			return err
		}
	}
	s.Name, s.Slug, s.Description = strings.TrimSpace(f.Name), strings.TrimSpace(f.Slug), f.Description
	if s.Slug == "" && s.Name != "" {
		s.Slug = markup.Slugify(s.Name)
		f.Slug = s.Slug
	}
	mergeErrors(fe, s.Validate())
	if len(fe) == 0 {
		if s.ID == 0 {
			err = a.store.CreateStory(r.Context(), s)
		} else {
			err = a.store.UpdateStory(r.Context(), s)
		}
		if fe = slugConflict(err); fe == nil && err != nil {
			return err
		}
	}
	if len(fe) > 0 {
		return a.storyForm(w, r, http.StatusUnprocessableEntity, s.ID, f, fe)
	}
	redirect(w, r, "/admin/stories", fmt.Sprintf("Saved the story “%s”.", s.Name))
	return nil
}

// storyDelete states what deleting a story does and, once confirmed,
// does it.
func (a *Admin) storyDelete(w http.ResponseWriter, r *http.Request) error {
	s, err := a.findStory(r)
	if err != nil {
		return err
	}
	if confirmed(r) {
		if err := a.store.DeleteStory(r.Context(), s.ID); err != nil {
			return err
		}
		if err := a.record(r, "story.delete", "story "+strconv.FormatInt(s.ID, 10), s.Name); err != nil {
			return err
		}
		redirect(w, r, "/admin/stories", fmt.Sprintf("Deleted the story “%s”.", s.Name))
		return nil
	}
	n, err := a.countArticles(r, herald.ArticleFilter{StoryID: s.ID})
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, fmt.Sprintf("Delete the story “%s”?", s.Name))
	if err != nil {
		return err
	}
	lines := []string{articlesLine(n, "stay, outside any story; no article is deleted"),
		fmt.Sprintf("Its timeline page /story/%s/ stops working.", s.Slug)}
	return a.render(w, http.StatusOK, confirmView{chrome: c, Lead: "Deleting the story does this:", Consequences: lines,
		Action: r.URL.Path, Button: "Delete the story", Cancel: "/admin/stories"})
}
