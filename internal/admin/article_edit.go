package admin

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

// newArticle shows an empty editor with the user as author.
func (a *Admin) newArticle(w http.ResponseWriter, r *http.Request) error {
	settings, err := a.store.FindSettings(r.Context())
	if err != nil {
		return err
	}
	f := articleForm{Authors: []int64{currentUser(r).ID}, Language: settings.Language, CommentsOpen: settings.CommentsOpen}
	// "Translate" links here with the original's number.
	f.TranslationOf, _ = parseInt(r.URL.Query().Get("translation_of"))
	f.TranslationOf = max(f.TranslationOf, 0)
	return a.renderEditor(w, r, nil, f, nil, http.StatusOK, nil)
}

// editArticle shows the editor of a stored article.
func (a *Admin) editArticle(w http.ResponseWriter, r *http.Request) error {
	art, err := a.findArticle(r)
	if err != nil {
		return err
	}
	settings, err := a.store.FindSettings(r.Context())
	if err != nil {
		return err
	}
	return a.renderEditor(w, r, art, formOf(art, settings.Location()), nil, http.StatusOK, nil)
}

// createArticle saves a new article.
func (a *Admin) createArticle(w http.ResponseWriter, r *http.Request) error {
	var f articleForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	return a.save(w, r, nil, f, fe)
}

// updateArticle saves a stored article.
func (a *Admin) updateArticle(w http.ResponseWriter, r *http.Request) error {
	art, err := a.findArticle(r)
	if err != nil {
		return err
	}
	var f articleForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	return a.save(w, r, art, f, fe)
}

// renderEditor renders the editor with status; edit adjusts the view.
func (a *Admin) renderEditor(w http.ResponseWriter, r *http.Request, stored *herald.Article, f articleForm,
	fe herald.FieldErrors, status int, edit func(v *editorView) error) error {
	v, err := a.editor(w, r, stored, f, fe)
	if err != nil {
		return err
	}
	if edit != nil {
		if err := edit(v); err != nil {
			return err
		}
	}
	return a.render(w, status, v)
}

// save applies the form to stored (nil for a new article), takes the
// workflow step asked for, and stores the result; a form that fails comes
// back with everything typed and the errors beside their fields.
func (a *Admin) save(w http.ResponseWriter, r *http.Request, stored *herald.Article, f articleForm, fe herald.FieldErrors) error {
	ctx := r.Context()
	u := currentUser(r)
	settings, err := a.store.FindSettings(ctx)
	if err != nil {
		return err
	}
	loc, now := settings.Location(), a.now().UTC().Truncate(time.Second)
	if stored != nil && f.base() != stored.Version {
		return a.renderConflict(w, r, stored, f)
	}
	next, from := &herald.Article{}, herald.ArticleStatus("")
	if stored != nil {
		next, from = copyArticle(stored), stored.Status
	}
	maps.Copy(fe, f.apply(next, u, loc))
	tfe, err := transition(u, from, next, f.Action, now)
	if err != nil {
		return err
	}
	maps.Copy(fe, tfe)
	maps.Copy(fe, editKind(stored, next, &f, now))
	if err := next.Validate(); err != nil {
		maps.Copy(fe, fieldErrors(err))
	}
	checkTags(fe, f.tagNames())
	if err := a.checkFeatured(ctx, next, fe); err != nil {
		return err
	}
	if len(fe) > 0 {
		return a.renderEditor(w, r, stored, f, fe, http.StatusUnprocessableEntity, nil)
	}
	if next.TagIDs, err = a.resolveTags(ctx, f.tagNames()); err != nil {
		return err
	}
	next.EditorID = u.ID
	if err := a.storeArticle(r.Context(), stored, next, f); err != nil {
		return a.saveFailed(w, r, stored, f, err)
	}
	msg := a.afterSave(r, u, stored, next, loc)
	redirect(w, r, "/admin/articles/"+id(next.ID)+"/edit", msg)
	return nil
}

// copyArticle returns a copy of art whose slices may be changed.
func copyArticle(art *herald.Article) *herald.Article {
	c := *art
	c.Corrections = slices.Clone(art.Corrections)
	c.AuthorIDs, c.TagIDs = slices.Clone(art.AuthorIDs), slices.Clone(art.TagIDs)
	return &c
}

// editKind applies the choice between a minor edit and an update when a
// published article's text changes: an update sets the public "Updated"
// time and may add a correction note.
func editKind(stored, next *herald.Article, f *articleForm, now time.Time) herald.FieldErrors {
	fe := herald.FieldErrors{}
	live := stored != nil && stored.Status == herald.StatusPublished && next.Status == herald.StatusPublished
	note := strings.TrimSpace(f.Correction)
	if !live {
		return fe
	}
	switch {
	case f.Edit == editUpdate:
		next.UpdatedAt = now
		if note != "" {
			next.Corrections = append(next.Corrections, herald.Correction{Time: now, Text: note})
		}
	case note != "":
		fe.Add("correction", "a correction note goes with an update: choose “Update”")
	case f.Edit == editMinor || !textChanged(stored, next):
	default:
		fe.Add("edit", "the text readers see has changed: choose a minor edit or an update")
	}
	return fe
}

// checkTags adds a field error for a tag name too long to keep.
func checkTags(fe herald.FieldErrors, names []string) {
	for _, n := range names {
		if len([]rune(n)) > 100 {
			fe.Add("tags", fmt.Sprintf("the tag “%.20s…” is longer than 100 characters", n))
		}
	}
}
