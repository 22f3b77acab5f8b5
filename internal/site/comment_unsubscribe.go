package site

import (
	"net/http"
	"net/url"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/notify"
)

// unsubscribeSeg is the unsubscribe page's segment under /comments/, as
// notify.UnsubscribePath names it.
const unsubscribeSeg = "unsubscribe/"

// unsubscribe answers the link of reply notifications: GET shows a
// confirmation with a button, POST (the button, or a mail reader's RFC 8058
// one-click POST with List-Unsubscribe=One-Click) stops the emails. A
// damaged or forged token gets a 400 page.
func (s *Site) unsubscribe(w http.ResponseWriter, r *http.Request) error {
	if !allowMethods(w, r, http.MethodGet, http.MethodHead, http.MethodPost) {
		return nil
	}
	if err := parseForm(w, r, 4<<10); err != nil {
		return err
	}
	e, err := s.newEnv(r)
	if err != nil {
		return err
	}
	t := &labelsFor(e.settings.Language).C
	v := commentPageView{Heading: t.UnsubHeading, Back: "/"}
	key, err := notify.Key(r.Context(), s.store)
	if err != nil {
		return err
	}
	token := r.Form.Get("token")
	id, err := notify.CheckUnsubscribe(key, token)
	if err == nil {
		if r.Method == http.MethodPost {
			err = s.store.UnsubscribeComments(r.Context(), id)
		} else {
			_, err = s.store.FindComment(r.Context(), id)
		}
	}
	switch code := herald.ErrorCode(err); {
	case code == herald.EINVALID || code == herald.ENOTFOUND:
		// Damaged, forged, or naming a comment since erased.
		v.Heading, v.Message = t.BadLink, t.BadLinkText
		return s.writeCommentPage(w, e, http.StatusBadRequest, v)
	case err != nil:
		return err
	case r.Method == http.MethodPost:
		v.Message = t.UnsubDone
	default:
		v.Message = t.UnsubText
		v.Form = &commentAction{Action: notify.UnsubscribePath + "?token=" + url.QueryEscape(token), Button: t.UnsubButton}
	}
	return s.writeCommentPage(w, e, http.StatusOK, v)
}
