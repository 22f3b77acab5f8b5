package site

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
	"github.com/herald-news/herald/internal/spam"
)

// Rate limits of comment posting.
const (
	rateMax    = 5 // comments per IP address or email in rateWindow
	rateWindow = 10 * time.Minute
)

// originKey is the context key of the request's origin, which notification
// links use when the settings name no BaseURL.
type originKey struct{}

// requestOrigin returns the origin postComment put in ctx.
func requestOrigin(ctx context.Context) string {
	o, _ := ctx.Value(originKey{}).(string)
	return o
}

// rules returns the spam rules of the site's comment settings.
func rules(c herald.CommentSettings) spam.Rules {
	r := spam.DefaultRules()
	switch c.Moderation {
	case herald.ModerateAll:
		r.Mode = spam.HoldAll
	case herald.ModerateApproveAll:
		r.Mode = spam.ApproveAll
	default:
		r.Mode = spam.HoldFirstTime
	}
	r.MaxLinks = c.MaxLinks
	r.Blocklist = spam.Blocklist{Words: c.BlockedWords, IPs: c.BlockedIPs, Emails: c.BlockedEmails}
	return r
}

// readCommentForm returns what was typed in the comment form.
func readCommentForm(r *http.Request) commentForm {
	parent, _ := strconv.ParseInt(r.PostForm.Get("parent"), 10, 64)
	return commentForm{
		Parent: parent, Name: strings.TrimSpace(r.PostForm.Get("author")), Email: strings.TrimSpace(r.PostForm.Get("email")),
		Website: strings.TrimSpace(r.PostForm.Get("url")), Text: strings.TrimSpace(r.PostForm.Get("comment")),
		Notify: r.PostForm.Get("notify") != "", Submitted: true,
	}
}

// postComment takes a comment from the form under an article. A signed-in
// member of staff comments under their own name, approved at once.
func (s *Site) postComment(w http.ResponseWriter, r *http.Request, rt route) error {
	if !allowMethods(w, r, http.MethodPost) {
		return nil
	}
	if err := parseForm(w, r, commentFormBytes); err != nil {
		return err
	}
	e, err := s.newEnv(r)
	if err != nil {
		return err
	}
	a, err := e.findArticle(rt)
	if err != nil {
		return err
	}
	e.setLang(a.Language)
	t := &labelsFor(a.Language).C
	if !e.commentsOpen(a) {
		return s.writeCommentPage(w, e, http.StatusForbidden, commentPageView{Heading: t.Closed, Message: t.ClosedText, Back: a.Path(e.loc)})
	}
	f := readCommentForm(r)
	again := func(status int, msg string, fields herald.FieldErrors) error {
		f.Error, f.Fields = msg, fields
		e.form = f
		return s.writePersonal(w, e, rt, status)
	}
	switch err := e.tokens.Check(r.PostForm.Get("token"), a.ID); {
	case errors.Is(err, spam.ErrTooFast):
		return again(http.StatusUnprocessableEntity, t.TooFast, nil)
	case err != nil:
		return again(http.StatusUnprocessableEntity, t.Expired, nil)
	}
	if ok, err := s.canAnswer(r, a, f.Parent); err != nil {
		return err
	} else if !ok {
		f.Parent = 0
		return again(http.StatusUnprocessableEntity, t.NoParent, nil)
	}
	c := &herald.Comment{
		ArticleID: a.ID, ParentID: f.Parent, Name: f.Name, Email: f.Email, Website: f.Website, Text: f.Text,
		Notify: f.Notify, Status: herald.CommentPending, IP: httpx.ClientIP(r), UserAgent: truncate(r.UserAgent(), 1000),
	}
	if e.staff != nil {
		c.Name, c.Email, c.Website, c.UserID = e.staff.Name, e.staff.Email, "", e.staff.ID
	}
	if err := c.Validate(); err != nil {
		var ve *herald.ValidationError
		if errors.As(err, &ve) {
			return again(http.StatusUnprocessableEntity, t.FixFields, ve.Fields)
		}
		return err
	}
	if e.staff == nil {
		wait, err := s.rateLimit(r.Context(), c)
		if err != nil {
			return err
		}
		if wait > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
			return again(http.StatusTooManyRequests, t.TooOften, nil)
		}
	}
	dup, err := s.store.IsDuplicateComment(r.Context(), c)
	if err != nil {
		return err
	}
	if dup {
		return again(http.StatusConflict, t.Duplicate, nil)
	}
	if err := s.judge(r, e, c); err != nil {
		return err
	}
	return s.storeComment(w, r, e, a, c)
}

// canAnswer reports whether a reply to comment parent of article a may
// be posted: parent is 0, or a comment of a that is approved or awaits
// moderation (its reply is shown at the top level until it is approved).
func (s *Site) canAnswer(r *http.Request, a *herald.Article, parent int64) (bool, error) {
	if parent == 0 {
		return true, nil
	}
	p, err := s.store.FindComment(r.Context(), parent)
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return p.ArticleID == a.ID && (p.Status == herald.CommentApproved || p.Status == herald.CommentPending), nil
}

// rateLimit returns how long c's sender must wait before commenting again,
// counted per IP address and per email address.
func (s *Site) rateLimit(ctx context.Context, c *herald.Comment) (time.Duration, error) {
	for _, key := range []string{"comment-ip:" + c.IP, "comment-email:" + strings.ToLower(c.Email)} {
		l := spam.Limiter{Counter: s.store, Max: rateMax, Window: rateWindow, Now: s.now}
		wait, err := l.Allow(ctx, key)
		if err != nil || wait > 0 {
			return wait, err
		}
	}
	return 0, nil
}

// judge sets c's status: approved for staff, otherwise what the site's
// spam rules and moderation mode decide, with their reasons for the
// moderators when they do not approve it.
func (s *Site) judge(r *http.Request, e *env, c *herald.Comment) error {
	if e.staff != nil {
		c.Status = herald.CommentApproved
		return nil
	}
	known, err := s.store.HasApprovedComment(r.Context(), c.Email)
	if err != nil {
		return err
	}
	v := rules(e.settings.Comments).Judge(spam.Submission{
		Name: c.Name, Email: c.Email, Website: c.Website, Text: c.Text, IP: c.IP,
		Honeypot: r.PostForm.Get("website2"), FirstTime: !known,
	})
	c.Status = herald.CommentStatus(v.Decision.String())
	if v.Decision != spam.Approve {
		c.Reasons = v.Reasons
	}
	return nil
}

// storeComment stores c with the notifications it causes, names it in the
// poster's own-comments cookie and sends the poster to it.
func (s *Site) storeComment(w http.ResponseWriter, r *http.Request, e *env, a *herald.Article, c *herald.Comment) error {
	ctx := context.WithValue(r.Context(), originKey{}, e.origin)
	msgs, err := s.notify.NewComment(ctx, a, c)
	if err != nil {
		return err
	}
	if err := s.store.CreateComment(ctx, c, msgs...); err != nil {
		return err
	}
	path := a.Path(e.loc)
	w.Header().Set("Cache-Control", "no-store")
	if c.Status == herald.CommentSpam {
		http.Redirect(w, r, path+"#comments", http.StatusSeeOther)
		return nil
	}
	e.own = append(e.own, c.ID)
	if len(e.own) > ownMax {
		e.own = e.own[len(e.own)-ownMax:]
	}
	setOwnCookie(w, r, e.key, path, e.own)
	to, err := e.permalink(a, c.ID)
	if err != nil {
		return err
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// writePersonal renders the article of rt for one reader, uncached.
func (s *Site) writePersonal(w http.ResponseWriter, e *env, rt route, status int) error {
	p, err := s.build(e, rt)
	if err != nil {
		return err
	}
	return s.writeUncached(w, status, p)
}

// writeUncached renders page p for one reader: the browser keeps no copy.
func (s *Site) writeUncached(w http.ResponseWriter, status int, p page) error {
	body, err := s.renderPage(p)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	httpx.WriteHTML(w, status, body)
	return nil
}

// commentFormBytes bounds the body of a comment's form.
const commentFormBytes = 64 << 10

// parseForm reads the form posted in r, of at most limit bytes.
func parseForm(w http.ResponseWriter, r *http.Request, limit int64) error {
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	if err := r.ParseForm(); err != nil {
		return herald.Errorf(herald.EINVALID, "The form could not be read.")
	}
	return nil
}

// allowMethods answers 405 and returns false unless r uses one of methods.
func allowMethods(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	http.Error(w, "Method not allowed.", http.StatusMethodNotAllowed)
	return false
}

// truncate cuts s to at most n bytes.
func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
