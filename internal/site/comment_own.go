package site

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/spam"
)

// The own-comments cookie names, signed, the comments this browser posted
// on one article (its Path): the poster alone sees them while they await
// moderation, and may edit or delete them for editWindow.
const (
	ownCookie = "herald_own"
	ownMax    = 20                  // ids the cookie keeps
	ownAge    = 30 * 24 * time.Hour // how long the cookie lives
)

// ownIDs returns the comment ids of r's valid own-comments cookie.
func ownIDs(r *http.Request, key []byte) []int64 {
	ck, err := r.Cookie(ownCookie)
	if err != nil {
		return nil
	}
	payload, mac, ok := strings.Cut(ck.Value, ".")
	if !ok || !hmac.Equal([]byte(mac), []byte(idsMAC(key, payload))) {
		return nil
	}
	var ids []int64
	for _, f := range strings.Split(payload, "-") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	return ids
}

// setOwnCookie names ids in the own-comments cookie of the article at path.
func setOwnCookie(w http.ResponseWriter, r *http.Request, key []byte, path string, ids []int64) {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	payload := strings.Join(parts, "-")
	http.SetCookie(w, &http.Cookie{
		Name: ownCookie, Value: payload + "." + idsMAC(key, payload), Path: path, MaxAge: int(ownAge / time.Second),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
	})
}

// idsMAC signs an own-comments cookie's payload.
func idsMAC(key []byte, payload string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("own\x00" + payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// inEditWindow reports whether c may still be edited or deleted by its
// poster at now.
func inEditWindow(c *herald.Comment, now time.Time) bool {
	return now.Before(c.CreatedAt.Add(editWindow))
}

// canChange reports whether the reader may edit or delete c now.
func (e *env) canChange(c *herald.Comment) bool {
	return slices.Contains(e.own, c.ID) && inEditWindow(c, e.now)
}

// ownTokens signs the edit and delete forms, naming the comment; the
// SameSite cookie and this token keep other sites from sending them.
func (e *env) ownTokens() spam.Tokens {
	t := e.tokens
	t.Key = deriveKey(e.key, "own comment")
	return t
}

// ownComment is a reader's comment on the page of an edit or delete form.
type ownComment struct {
	e *env
	a *herald.Article
	c *herald.Comment
	t *commentLabels
}

// findOwnComment finds comment id on the article of rt; a comment on
// another article, spam or trash is not found.
func (s *Site) findOwnComment(r *http.Request, rt route, id int64) (*ownComment, error) {
	e, err := s.newEnv(r)
	if err != nil {
		return nil, err
	}
	a, err := e.findArticle(rt)
	if err != nil {
		return nil, err
	}
	e.setLang(a.Language)
	c, err := s.store.FindComment(r.Context(), id)
	if err != nil && herald.ErrorCode(err) != herald.ENOTFOUND {
		return nil, err
	}
	if c == nil || c.ArticleID != a.ID || c.Status == herald.CommentSpam || c.Status == herald.CommentTrash {
		return nil, herald.Errorf(herald.ENOTFOUND, "There is no comment %d on this article.", id)
	}
	return &ownComment{e: e, a: a, c: c, t: &labelsFor(a.Language).C}, nil
}

// refuse writes the page refusing a change of o.c that the reader may
// not make, and reports whether it did.
func (s *Site) refuse(w http.ResponseWriter, o *ownComment) (bool, error) {
	msg := ""
	switch {
	case !slices.Contains(o.e.own, o.c.ID):
		msg = o.t.NotYours
	case !inEditWindow(o.c, o.e.now):
		msg = o.t.TooLate
	default:
		return false, nil
	}
	return true, s.writeCommentPage(w, o.e, http.StatusForbidden, commentPageView{Heading: o.t.EditHeading, Message: msg, Back: o.back()})
}

// back is the address of o's comment on its page.
func (o *ownComment) back() string {
	p, err := o.e.permalink(o.a, o.c.ID)
	if err != nil {
		return o.a.Path(o.e.loc) + "#comments"
	}
	return p
}

// changeComment answers the edit and delete pages of one's own comment:
// GET shows the form, POST with the form's token makes the change.
func (s *Site) changeComment(w http.ResponseWriter, r *http.Request, rt route, id int64, del bool) error {
	if !allowMethods(w, r, http.MethodGet, http.MethodHead, http.MethodPost) {
		return nil
	}
	if r.Method == http.MethodPost {
		if err := parseForm(w, r, commentFormBytes); err != nil {
			return err
		}
	}
	o, err := s.findOwnComment(r, rt, id)
	if err != nil {
		return err
	}
	if done, err := s.refuse(w, o); done {
		return err
	}
	v := o.formPage(del, r.URL.Path)
	if r.Method != http.MethodPost {
		return s.writeCommentPage(w, o.e, http.StatusOK, v)
	}
	if err := o.e.ownTokens().Check(r.PostForm.Get("token"), o.c.ID); err != nil && !errors.Is(err, spam.ErrTooFast) {
		v.Form.Error = o.t.Expired
		v.Form.Text = r.PostForm.Get("comment")
		return s.writeCommentPage(w, o.e, http.StatusUnprocessableEntity, v)
	}
	if del {
		if err := s.store.DeleteComment(r.Context(), o.c.ID); err != nil {
			return err
		}
		w.Header().Set("Cache-Control", "no-store")
		http.Redirect(w, r, o.a.Path(o.e.loc)+"#comments", http.StatusSeeOther)
		return nil
	}
	return s.saveEdit(w, r, o, v)
}

// formPage returns the edit or delete page of o, posting to path.
func (o *ownComment) formPage(del bool, path string) commentPageView {
	f := &commentAction{Action: path, Token: o.e.ownTokens().Issue(o.c.ID), Cancel: o.back()}
	v := commentPageView{Heading: o.t.EditHeading, Back: f.Cancel, Form: f}
	if del {
		v.Heading, v.Message, f.Button = o.t.DeleteHeading, o.t.DeleteText, o.t.DeleteButton
		return v
	}
	f.Edit, f.Text, f.Button = true, o.c.Text, o.t.Save
	return v
}

// saveEdit stores the edited text of o's comment, keeping what was typed
// on an error.
func (s *Site) saveEdit(w http.ResponseWriter, r *http.Request, o *ownComment, v commentPageView) error {
	edited := *o.c
	edited.Text = strings.TrimSpace(r.PostForm.Get("comment"))
	v.Form.Text = edited.Text
	if err := edited.Validate(); err != nil {
		var ve *herald.ValidationError
		if !errors.As(err, &ve) {
			return err
		}
		v.Form.Error = o.t.FixFields
		if msg, ok := ve.Fields["text"]; ok {
			v.Form.Error = o.t.Comment + ": " + msg
		}
		return s.writeCommentPage(w, o.e, http.StatusUnprocessableEntity, v)
	}
	if err := s.storeEdit(r, o, edited.Text); err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, o.back(), http.StatusSeeOther)
	return nil
}

// storeEdit replaces the text of o's comment. An approved comment that
// the site's content rules would now hold (too many links, a blocked
// word) goes back to moderation with their reasons, in the same
// transaction, so the new text is never public meanwhile.
func (s *Site) storeEdit(r *http.Request, o *ownComment, text string) error {
	if o.c.Status == herald.CommentApproved && o.c.UserID == 0 {
		content := rules(o.e.settings.Comments)
		content.Mode = spam.ApproveAll
		v := content.Judge(spam.Submission{Name: o.c.Name, Email: o.c.Email, Website: o.c.Website, Text: text, IP: o.c.IP})
		if v.Decision != spam.Approve {
			return s.store.HoldCommentText(r.Context(), o.c.ID, text, v.Reasons)
		}
	}
	return s.store.UpdateCommentText(r.Context(), o.c.ID, text)
}
