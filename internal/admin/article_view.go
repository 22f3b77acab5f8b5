package admin

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/media"
)

// editorView is the article editor: the form as typed, its errors, and
// what the person may do next.
type editorView struct {
	chrome
	ID      int64 // 0 for a new article
	Form    articleForm
	Errors  herald.FieldErrors
	Notice  string // a message about the whole form, e.g. why it was not saved
	Status  string // the stored status, for people
	Live    bool   // published: a change of text is a minor edit or an update
	URL     string // the public permalink of a published article
	Zone    string // the site's time zone, in which times are typed
	Actions []actionButton
	// CanDelete offers the delete link.
	CanDelete bool
	Sections  []option
	Stories   []option
	Authors   [][]option // one <select> per byline slot
	Featured  *mediaView
	Found     []mediaView // images found by the media search
	Searched  bool
	Original  string // headline of the article this one translates
	// Translations are the other articles of this one's translation group.
	Translations []translationLink
	Preview      *previewView
	Conflict     *conflictView
}

func (editorView) template() string { return "article" }

// FormAction is where the form is sent to save.
func (v editorView) FormAction() string {
	if v.ID == 0 {
		return "/admin/articles/new"
	}
	return "/admin/articles/" + strconv.FormatInt(v.ID, 10) + "/edit"
}

// PreviewAction is where the preview and media-search buttons send the form.
func (v editorView) PreviewAction() string {
	if v.ID == 0 {
		return "/admin/articles/new/preview"
	}
	return "/admin/articles/" + strconv.FormatInt(v.ID, 10) + "/preview"
}

// translationLink is another language version of the article.
type translationLink struct {
	ID       int64
	Language string
	Headline string
}

// mediaView is an image to choose as the featured one.
type mediaView struct {
	ID            int64
	Src, Alt      string
	Width, Height int
}

// previewView is the article as readers would see it.
type previewView struct {
	Headline string
	Dek      string
	Body     template.HTML
}

// conflictView explains a save refused because someone else saved first.
type conflictView struct {
	By      string // who saved the stored version
	At      string
	Version int // the stored version, to save over deliberately
	Fields  []fieldDiff
}

// fieldDiff is the difference of one field between the stored version and
// the person's text.
type fieldDiff struct {
	Label string
	HTML  template.HTML
}

// editor builds the editor for stored (nil for a new article) showing f.
func (a *Admin) editor(w http.ResponseWriter, r *http.Request, stored *herald.Article, f articleForm, fe herald.FieldErrors) (*editorView, error) {
	title := "New article"
	if stored != nil {
		title = "Edit article"
	}
	c, err := a.chrome(w, r, title)
	if err != nil {
		return nil, err
	}
	loc := c.Settings.Location()
	v := &editorView{chrome: c, Form: f, Errors: fe, Zone: loc.String()}
	art := &herald.Article{AuthorIDs: f.Authors}
	if stored != nil {
		art = stored
		v.ID, v.Status, v.Live = stored.ID, statusLabel(stored.Status), stored.Status == herald.StatusPublished
		if stored.Status == herald.StatusPublished {
			v.URL = stored.Path(loc)
		}
	}
	if u := currentUser(r); u != nil {
		v.Actions = actions(u, art)
		v.CanDelete = stored != nil && mayDelete(u, stored)
	}
	if err := a.editorOptions(r, v); err != nil {
		return nil, err
	}
	if stored != nil {
		if v.Translations, err = a.translations(r, stored); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// editorOptions fills the editor's choices: sections, stories, authors,
// the featured image and the original of a translation.
func (a *Admin) editorOptions(r *http.Request, v *editorView) error {
	ctx := r.Context()
	var err error
	if v.Sections, err = a.sectionOptions(r, v.Form.Section, "No section"); err != nil {
		return err
	}
	stories, err := a.store.FindStories(ctx, 0, 500)
	if err != nil {
		return err
	}
	v.Stories = []option{{Value: "0", Label: "No story", Selected: v.Form.Story == 0}}
	for _, s := range stories {
		v.Stories = append(v.Stories, option{Value: id(s.ID), Label: s.Name, Selected: s.ID == v.Form.Story})
	}
	users, err := a.store.FindUsers(ctx, herald.UserFilter{Limit: 1000})
	if err != nil {
		return err
	}
	v.Authors = authorSlots(users, v.Form.Authors)
	if v.Form.Featured != 0 {
		if m, err := a.store.FindMedia(ctx, v.Form.Featured); err == nil {
			mv := mediaOf(m)
			v.Featured = &mv
		} else if herald.ErrorCode(err) != herald.ENOTFOUND {
			return err
		}
	}
	if v.Form.TranslationOf != 0 {
		if orig, err := a.store.FindArticle(ctx, v.Form.TranslationOf); err == nil {
			v.Original = orig.Headline
		} else if herald.ErrorCode(err) != herald.ENOTFOUND {
			return err
		}
	}
	return nil
}

// authorSlots are the byline's selects: the chosen authors in order, then
// empty slots, at least two and up to maxAuthorSlots.
func authorSlots(users []*herald.User, chosen []int64) [][]option {
	n := min(max(len(chosen)+1, 2), maxAuthorSlots)
	n = max(n, len(chosen))
	slots := make([][]option, n)
	for i := range slots {
		var sel int64
		if i < len(chosen) {
			sel = chosen[i]
		}
		opts := []option{{Value: "0", Label: "—", Selected: sel == 0}}
		for _, u := range users {
			opts = append(opts, option{Value: id(u.ID), Label: u.Name, Selected: u.ID == sel})
		}
		slots[i] = opts
	}
	return slots
}

// mediaOf is the view of an image.
func mediaOf(m *herald.Media) mediaView {
	return mediaView{ID: m.ID, Src: media.URL(m, 320), Alt: m.Alt, Width: m.Width, Height: m.Height}
}

// id formats an id for a form value.
func id(n int64) string {
	return strconv.FormatInt(n, 10)
}

// translations lists the other articles of art's translation group: its
// original and the original's translations.
func (a *Admin) translations(r *http.Request, art *herald.Article) ([]translationLink, error) {
	original := art.TranslationOf
	if original == 0 {
		original = art.ID
	}
	res, err := a.store.FindArticles(r.Context(), herald.ArticleFilter{TranslationOf: original, Limit: 100})
	if err != nil {
		return nil, err
	}
	group := res.Articles
	if original != art.ID {
		orig, err := a.store.FindArticle(r.Context(), original)
		if err != nil && herald.ErrorCode(err) != herald.ENOTFOUND {
			return nil, err
		}
		if orig != nil {
			group = append([]*herald.Article{orig}, group...)
		}
	}
	var out []translationLink
	for _, t := range group {
		if t.ID != art.ID {
			out = append(out, translationLink{ID: t.ID, Language: t.Language, Headline: t.Headline})
		}
	}
	return out, nil
}
