package site

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"html/template"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/spam"
)

// Comment limits.
const (
	maxCommentDepth = 5                   // deeper replies show at this depth
	pendingCookie   = "herald_pending"    // names the poster's own pending comments
	pendingMax      = 20                  // ids the cookie keeps
	pendingAge      = 30 * 24 * time.Hour // how long the cookie lives
	commentsSuffix  = "comments/"         // the form posts to the article's path + this
	rateMax         = 5                   // comments per IP address or email in rateWindow
	rateWindow      = 10 * time.Minute
)

// commentsView is the comment section under an article.
type commentsView struct {
	Open    bool
	Count   int
	Threads []*commentView
	Form    commentForm
}

// commentView is one comment with its replies.
type commentView struct {
	ID       int64
	Name     string
	Website  string
	Time     timeView
	Text     template.HTML
	Pending  bool
	CanReply bool
	Depth    int
	Replies  []*commentView
	parent   *commentView
}

// commentForm is the "Leave a Reply" form and what was typed in it.
type commentForm struct {
	Action    string
	Script    string
	Token     string
	Parent    int64
	ReplyTo   string // the name of the comment answered
	Name      string
	Email     string
	Website   string
	Text      string
	Notify    bool
	Error     string // a message about the whole form
	Fields    herald.FieldErrors
	Submitted bool
}

// commentKey returns the key signing comment form tokens and pending
// cookies, derived from a server secret kept in the store and read once.
func (s *Site) commentKey(r *http.Request) ([]byte, error) {
	s.mu.Lock()
	key := s.key
	s.mu.Unlock()
	if key != nil {
		return key, nil
	}
	secret, err := s.store.Secret(r.Context(), "comments", func() []byte {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		return b
	})
	if err != nil {
		return nil, err
	}
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("comments"))
	key = m.Sum(nil)
	s.mu.Lock()
	s.key = key
	s.mu.Unlock()
	return key, nil
}

// tokens returns the form token signer.
func (s *Site) tokens(key []byte) spam.Tokens {
	return spam.Tokens{Key: key, Now: s.now}
}

// comments builds the comment section of article a.
func (e *env) comments(a *herald.Article) (commentsView, error) {
	v := commentsView{Open: a.CommentsOpen}
	cs, err := e.store.FindArticleComments(e.ctx, a.ID, e.pending)
	if err != nil {
		return v, err
	}
	byID := map[int64]*commentView{}
	for _, c := range cs {
		cv := &commentView{
			ID: c.ID, Name: c.Name, Website: c.Website, Time: e.clock.at(c.CreatedAt),
			Text: template.HTML(e.comment.HTML(c.Text)), Pending: c.Status != herald.CommentApproved, Depth: 1,
			CanReply: a.CommentsOpen && c.Status == herald.CommentApproved,
		}
		if c.Status == herald.CommentApproved {
			v.Count++
		}
		byID[c.ID] = cv
		parent := byID[c.ParentID]
		if parent != nil && parent.Depth >= maxCommentDepth {
			// Shown beside its parent at the deepest level.
			parent = parent.parent
		}
		cv.parent = parent
		if parent == nil {
			v.Threads = append(v.Threads, cv)
			continue
		}
		cv.Depth = parent.Depth + 1
		parent.Replies = append(parent.Replies, cv)
	}
	if !a.CommentsOpen {
		return v, nil
	}
	v.Form = e.form
	v.Form.Action = a.Path(e.loc) + commentsSuffix
	v.Form.Token = e.tokens.Issue(a.ID)
	v.Form.Script = e.js
	if v.Form.Parent == 0 {
		v.Form.Parent = e.replyTo
	}
	if p := byID[v.Form.Parent]; p != nil {
		v.Form.ReplyTo = p.Name
	} else {
		v.Form.Parent = 0
	}
	return v, nil
}

// countComments sets the comment counts of the cards of articles.
func (e *env) countComments(cards []card, articles []*herald.Article) error {
	ids := make([]int64, len(articles))
	for i, a := range articles {
		ids[i] = a.ID
	}
	n, err := e.store.CountComments(e.ctx, ids)
	if err != nil {
		return err
	}
	for i, a := range articles {
		cards[i].Comments = n[a.ID]
	}
	return nil
}

// personal reports whether r asks for a page made for one reader, which
// is neither cached nor served from the cache.
func personal(r *http.Request) bool {
	if r.URL.Query().Has("replyto") {
		return true
	}
	_, err := r.Cookie(pendingCookie)
	return err == nil
}

// commentPath returns the article route of a comment form's action path.
func commentPath(p string) (route, bool) {
	base, ok := strings.CutSuffix(p, commentsSuffix)
	if !ok {
		return route{}, false
	}
	rt, ok := parsePath(base)
	return rt, ok && rt.kind == routeArticle
}

// postComment takes a comment from the form under an article.
func (s *Site) postComment(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		http.Error(w, "Method not allowed.", http.StatusMethodNotAllowed)
		return nil
	}
	rt, ok := commentPath(r.URL.Path)
	if !ok {
		return herald.Errorf(herald.ENOTFOUND, "No page at %s.", r.URL.Path)
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return herald.Errorf(herald.EINVALID, "The form could not be read.")
	}
	e, err := s.newEnv(r)
	if err != nil {
		return err
	}
	a, err := e.findArticle(rt)
	if err != nil {
		return err
	}
	if !a.CommentsOpen {
		return herald.Errorf(herald.EFORBIDDEN, "Comments on this article are closed.")
	}
	parent, _ := strconv.ParseInt(r.PostForm.Get("parent"), 10, 64)
	f := commentForm{
		Parent: parent, Name: strings.TrimSpace(r.PostForm.Get("author")), Email: strings.TrimSpace(r.PostForm.Get("email")),
		Website: strings.TrimSpace(r.PostForm.Get("url")), Text: strings.TrimSpace(r.PostForm.Get("comment")),
		Notify: r.PostForm.Get("notify") != "", Submitted: true,
	}
	again := func(status int, msg string, fields herald.FieldErrors) error {
		f.Error, f.Fields = msg, fields
		e.form = f
		return s.writePersonal(w, e, rt, status)
	}
	switch err := e.tokens.Check(r.PostForm.Get("token"), a.ID); {
	case errors.Is(err, spam.ErrTooFast):
		return again(http.StatusUnprocessableEntity, "That was quick. Please check your comment and send it again.", nil)
	case err != nil:
		return again(http.StatusUnprocessableEntity, "The form has expired. Please send your comment again.", nil)
	}
	ip := clientIP(r)
	c := &herald.Comment{
		ArticleID: a.ID, ParentID: f.Parent, Name: f.Name, Email: f.Email, Website: f.Website, Text: f.Text,
		Notify: f.Notify, Status: herald.CommentPending, IP: ip, UserAgent: truncate(r.UserAgent(), 1000),
	}
	if err := c.Validate(); err != nil {
		var ve *herald.ValidationError
		if errors.As(err, &ve) {
			return again(http.StatusUnprocessableEntity, "Please correct the fields marked below.", ve.Fields)
		}
		return err
	}
	for _, key := range []string{"comment-ip:" + ip, "comment-email:" + strings.ToLower(f.Email)} {
		l := spam.Limiter{Counter: s.store, Max: rateMax, Window: rateWindow, Now: s.now}
		wait, err := l.Allow(r.Context(), key)
		if err != nil {
			return err
		}
		if wait > 0 {
			w.Header().Set("Retry-After", strconv.Itoa(int((wait+time.Second-1)/time.Second)))
			return again(http.StatusTooManyRequests, "You are commenting too often. Please wait a few minutes and send your comment again.", nil)
		}
	}
	dup, err := s.store.IsDuplicateComment(r.Context(), c)
	if err != nil {
		return err
	}
	if dup {
		return again(http.StatusConflict, "You have already said that.", nil)
	}
	known, err := s.store.HasApprovedComment(r.Context(), c.Email)
	if err != nil {
		return err
	}
	v := spam.DefaultRules().Judge(spam.Submission{
		Name: c.Name, Email: c.Email, Website: c.Website, Text: c.Text, IP: ip,
		Honeypot: r.PostForm.Get("website2"), FirstTime: !known,
	})
	c.Status = herald.CommentStatus(v.Decision.String())
	if err := s.store.CreateComment(r.Context(), c); err != nil {
		return err
	}
	path := a.Path(e.loc)
	switch c.Status {
	case herald.CommentSpam:
		http.Redirect(w, r, path+"#comments", http.StatusSeeOther)
		return nil
	case herald.CommentPending:
		ids := append(s.pendingIDs(r, e.key), c.ID)
		if len(ids) > pendingMax {
			ids = ids[len(ids)-pendingMax:]
		}
		http.SetCookie(w, &http.Cookie{
			Name: pendingCookie, Value: signIDs(e.key, ids), Path: path, MaxAge: int(pendingAge / time.Second),
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil,
		})
	}
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, path+"#comment-"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
	return nil
}

// writePersonal renders the article of rt for one reader, uncached.
func (s *Site) writePersonal(w http.ResponseWriter, e *env, rt route, status int) error {
	p, err := s.build(e, rt)
	if err != nil {
		return err
	}
	body, err := s.renderPage(p)
	if err != nil {
		return err
	}
	w.Header().Set("Cache-Control", "private, no-store")
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, err = w.Write(body)
	return err
}

// pendingIDs returns the comment ids of r's valid pending cookie.
func (s *Site) pendingIDs(r *http.Request, key []byte) []int64 {
	ck, err := r.Cookie(pendingCookie)
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

// signIDs encodes ids as "1-2-3.MAC".
func signIDs(key []byte, ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	payload := strings.Join(parts, "-")
	return payload + "." + idsMAC(key, payload)
}

// idsMAC signs a pending cookie's payload.
func idsMAC(key []byte, payload string) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("pending\x00" + payload))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// clientIP is the address the request came from.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// truncate cuts s to at most n bytes.
func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
