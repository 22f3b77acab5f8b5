package admin

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/media"
)

// mediaPerPage is the length of a page of the media library.
const mediaPerPage = 24

// mediaRoutes are the media library. Contributors may not upload, so they
// do not see it; images are picked in the article editor by their number.
func (a *Admin) mediaRoutes() []route {
	p := herald.PermUploadMedia
	return []route{
		{"GET /admin/media", p, a.mediaList},
		{"POST /admin/media", p, a.mediaUpload},
		{"GET /admin/media/{id}/edit", p, a.mediaEdit},
		{"POST /admin/media/{id}/edit", p, a.mediaSave},
	}
}

// mediaItem is an image in the library.
type mediaItem struct {
	*herald.Media
	Thumb    string // URL of the smallest variant
	Original string
	NoAlt    bool
}

// itemOf is the library entry of m.
func itemOf(m *herald.Media) mediaItem {
	w := 0
	if len(m.Variants) > 0 {
		w = m.Variants[0]
	}
	return mediaItem{Media: m, Thumb: media.URL(m, w), Original: media.URL(m, 0), NoAlt: m.Publishable() != nil}
}

// mediaText is the text fields of an image, on upload and in the editor.
type mediaText struct {
	Alt     string `form:"alt"`
	Caption string `form:"caption"`
	Credit  string `form:"credit"`
}

// mediaListView is the library: the upload form and a page of images.
type mediaListView struct {
	chrome
	Q          string
	Items      []mediaItem
	Total      int
	Prev, Next string
	Upload     mediaText
	Errors     herald.FieldErrors
	MaxSize    string
	Disabled   bool // no library configured: uploads are off
}

func (mediaListView) template() string { return "media" }

// mediaList shows a page of images matching the search, newest first.
func (a *Admin) mediaList(w http.ResponseWriter, r *http.Request) error {
	return a.renderMediaList(w, r, http.StatusOK, mediaText{}, nil)
}

// renderMediaList renders the library with the upload form's input and
// errors.
func (a *Admin) renderMediaList(w http.ResponseWriter, r *http.Request, status int, up mediaText, fe herald.FieldErrors) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	list, total, err := a.store.FindMediaList(r.Context(), herald.MediaFilter{Query: q, Offset: (page - 1) * mediaPerPage, Limit: mediaPerPage})
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Media")
	if err != nil {
		return err
	}
	v := mediaListView{chrome: c, Q: q, Total: total, Upload: up, Errors: fe,
		MaxSize: fmt.Sprintf("%d MB", media.DefaultLimit>>20), Disabled: a.media == nil}
	for _, m := range list {
		v.Items = append(v.Items, itemOf(m))
	}
	base := url.Values{}
	if q != "" {
		base.Set("q", q)
	}
	v.Prev, v.Next = pageLinks("/admin/media", base, page, mediaPerPage, total)
	return a.render(w, status, v)
}

// mediaUpload adds an uploaded image to the library, or shows the library
// again with the reason it was refused.
func (a *Admin) mediaUpload(w http.ResponseWriter, r *http.Request) error {
	var text mediaText
	fe := decodeValues(r.PostForm, &text)
	if a.media == nil {
		fe.Add("file", "Uploads are off on this server.")
		return a.renderMediaList(w, r, http.StatusUnprocessableEntity, text, fe)
	}
	m, err := a.addUpload(r)
	switch msg := uploadMessage(err); {
	case msg != "":
		fe.Add("file", msg)
	case err != nil:
		return err
	default:
		m.Alt, m.Caption, m.Credit = strings.TrimSpace(text.Alt), strings.TrimSpace(text.Caption), strings.TrimSpace(text.Credit)
		mergeErrors(fe, m.Validate())
	}
	if len(fe) > 0 {
		return a.renderMediaList(w, r, http.StatusUnprocessableEntity, text, fe)
	}
	if old, err := a.store.FindMediaByHash(r.Context(), m.Hash); err == nil {
		redirect(w, r, mediaEditPath(old.ID), "This image is already in the library; here it is.")
		return nil
	} else if herald.ErrorCode(err) != herald.ENOTFOUND {
		return err
	}
	if err := a.store.CreateMedia(r.Context(), m); err != nil {
		return err
	}
	msg := "Uploaded."
	if m.Publishable() != nil {
		msg = "Uploaded. Add alt text: the image cannot be published without it."
	}
	redirect(w, r, mediaEditPath(m.ID), msg)
	return nil
}

// errUpload is an upload refused before the library saw it.
type errUpload string

func (e errUpload) Error() string { return string(e) }

// addUpload reads the request's "file" into the library.
func (a *Admin) addUpload(r *http.Request) (*herald.Media, error) {
	file, _, err := r.FormFile("file")
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, errUpload(fmt.Sprintf("The upload is larger than the limit of %d MB.", tooBig.Limit>>20))
	case err != nil:
		return nil, errUpload("Choose an image file to upload.")
	}
	defer file.Close()
	return a.media.Add(file, media.DefaultLimit)
}

// uploadMessage is what to show beside the file input for err: why the
// upload was refused, or "" for no error and for a server's failure.
func uploadMessage(err error) string {
	var up errUpload
	switch {
	case errors.As(err, &up):
		return up.Error()
	case herald.ErrorCode(err) == herald.EINVALID:
		return herald.ErrorMessage(err)
	}
	return ""
}

// mediaEditPath is the editor of image id.
func mediaEditPath(id int64) string {
	return "/admin/media/" + strconv.FormatInt(id, 10) + "/edit"
}

// mediaFormView is the editor of an image's text.
type mediaFormView struct {
	chrome
	Item   mediaItem
	Form   mediaText
	Errors herald.FieldErrors
}

func (mediaFormView) template() string { return "media-form" }

// findMedia returns the image of the request's {id}.
func (a *Admin) findMedia(r *http.Request) (*herald.Media, error) {
	id, err := pathID(r, "image")
	if err != nil {
		return nil, err
	}
	return a.store.FindMedia(r.Context(), id)
}

// mediaEdit shows the editor of an image.
func (a *Admin) mediaEdit(w http.ResponseWriter, r *http.Request) error {
	m, err := a.findMedia(r)
	if err != nil {
		return err
	}
	return a.mediaForm(w, r, http.StatusOK, m, mediaText{Alt: m.Alt, Caption: m.Caption, Credit: m.Credit}, nil)
}

// mediaForm renders the image editor.
func (a *Admin) mediaForm(w http.ResponseWriter, r *http.Request, status int, m *herald.Media, f mediaText, fe herald.FieldErrors) error {
	c, err := a.chrome(w, r, fmt.Sprintf("Image %d", m.ID))
	if err != nil {
		return err
	}
	return a.render(w, status, mediaFormView{chrome: c, Item: itemOf(m), Form: f, Errors: fe})
}

// mediaSave stores an image's alt text, caption and credit.
func (a *Admin) mediaSave(w http.ResponseWriter, r *http.Request) error {
	m, err := a.findMedia(r)
	if err != nil {
		return err
	}
	var f mediaText
	fe, err := decodeForm(r, &f)
	if err != nil {
		return err
	}
	m.Alt, m.Caption, m.Credit = strings.TrimSpace(f.Alt), strings.TrimSpace(f.Caption), strings.TrimSpace(f.Credit)
	if mergeErrors(fe, m.Validate()); len(fe) > 0 {
		return a.mediaForm(w, r, http.StatusUnprocessableEntity, m, f, fe)
	}
	if err := a.store.UpdateMedia(r.Context(), m); err != nil {
		return err
	}
	redirect(w, r, "/admin/media", fmt.Sprintf("Saved image %d.", m.ID))
	return nil
}

// mediaOptions lists the newest images for a <select> (a profile photo,
// the site's logo), after a first choice "none" (value 0). The selected
// image is listed even when older.
func (a *Admin) mediaOptions(r *http.Request, selected int64) ([]option, error) {
	list, _, err := a.store.FindMediaList(r.Context(), herald.MediaFilter{Limit: 100})
	if err != nil {
		return nil, err
	}
	if selected != 0 && !containsMedia(list, selected) {
		m, err := a.store.FindMedia(r.Context(), selected)
		if err != nil && herald.ErrorCode(err) != herald.ENOTFOUND {
			return nil, err
		}
		if m != nil {
			list = append([]*herald.Media{m}, list...)
		}
	}
	out := []option{{Value: "0", Label: "None", Selected: selected == 0}}
	for _, m := range list {
		label := fmt.Sprintf("Image %d: %s", m.ID, m.Alt)
		if m.Alt == "" {
			label = fmt.Sprintf("Image %d (no alt text), %d×%d", m.ID, m.Width, m.Height)
		}
		out = append(out, option{Value: strconv.FormatInt(m.ID, 10), Label: label, Selected: m.ID == selected})
	}
	return out, nil
}

// containsMedia reports whether id is in list.
func containsMedia(list []*herald.Media, id int64) bool {
	for _, m := range list {
		if m.ID == id {
			return true
		}
	}
	return false
}
