package admin

import (
	"html/template"
	"net/http"

	"github.com/herald-news/herald"
)

// Buttons of the editor that send the form to the preview route.
const (
	actPreview   = "preview"    // show the article as readers would see it
	actFindMedia = "find_media" // search the media library for a featured image
)

// mediaResults bounds the images a media search shows.
const mediaResults = 24

// previewNew re-renders the editor of a new article with a preview, the
// media search or a chosen image; nothing is saved.
func (a *Admin) previewNew(w http.ResponseWriter, r *http.Request) error {
	return a.preview(w, r, nil)
}

// previewArticle does what previewNew does for a stored article.
func (a *Admin) previewArticle(w http.ResponseWriter, r *http.Request) error {
	art, err := a.findArticle(r)
	if err != nil {
		return err
	}
	return a.preview(w, r, art)
}

// preview renders the editor with the person's form, not saved, and above
// it the server-rendered article, or the media search's results.
func (a *Admin) preview(w http.ResponseWriter, r *http.Request, stored *herald.Article) error {
	var f articleForm
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	if f.PickMedia != 0 {
		f.Featured = f.PickMedia
	}
	return a.renderEditor(w, r, stored, f, fe, http.StatusOK, func(v *editorView) error {
		switch {
		case f.Action == actFindMedia:
			found, _, err := a.store.FindMediaList(r.Context(), herald.MediaFilter{Query: f.MediaQuery, Limit: mediaResults})
			if err != nil {
				return err
			}
			v.Searched = true
			for _, m := range found {
				v.Found = append(v.Found, mediaOf(m))
			}
		case f.PickMedia == 0:
			v.Preview = &previewView{Headline: f.Headline, Dek: f.Dek, Body: template.HTML(a.conv.HTML(f.Body))} //nolint:gosec // sanitized by markup
		}
		return nil
	})
}
