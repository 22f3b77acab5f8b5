package site

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"html/template"
	"net/http"
	"strconv"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/spam"
)

// Comment limits.
const (
	commentsSuffix  = herald.CommentsSegment // the form posts to the article's path + this
	commentPageSeg  = "comment-page-"        // the article's comment page N is at its path + comment-page-N/
	commentsPerPage = 100                    // top-level threads on one comment page
	editWindow      = 15 * time.Minute       // how long a commenter may edit or delete their comment
)

// commentsView is the comment section under an article.
type commentsView struct {
	T       *commentLabels
	Open    bool // the form is shown
	Closed  bool // "Comments are closed." is shown
	Count   int
	Threads []*commentView
	Pager   *commentPager // nil when every thread fits on one page
	Form    commentForm
}

// commentView is one comment with its replies.
type commentView struct {
	T         *commentLabels
	ID        int64
	Name      string
	Website   string
	Time      timeView
	Text      template.HTML // rendered only for the comments a page shows
	text      string        // as the commenter wrote it
	Permalink string        // the comment page's path and #comment-N
	Pending   bool
	Staff     bool // written by a member of staff
	CanReply  bool
	EditURL   string // set for the reader's own comment within editWindow
	DeleteURL string
	Depth     int
	Replies   []*commentView
	parent    *commentView
}

// commentPager links an article's comment pages, oldest threads first.
type commentPager struct {
	Page, Pages  int
	Older, Newer string // paths; "" on the first or last page
}

// commentForm is the "Leave a Reply" form and what was typed in it.
type commentForm struct {
	Action    string
	Script    string
	Token     string
	Parent    int64
	ReplyTo   string // the name of the comment answered
	Staff     string // the name of the signed-in member of staff commenting
	Name      string
	Email     string
	Website   string
	Text      string
	Notify    bool
	Error     string // a message about the whole form
	Fields    herald.FieldErrors
	Submitted bool
}

// commentKey returns the key signing comment form tokens and own-comment
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
	key = deriveKey(secret, "comments")
	s.mu.Lock()
	s.key = key
	s.mu.Unlock()
	return key, nil
}

// deriveKey returns a key for one use of a secret.
func deriveKey(secret []byte, use string) []byte {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(use))
	return m.Sum(nil)
}

// tokens returns the form token signer.
func (s *Site) tokens(key []byte) spam.Tokens {
	return spam.Tokens{Key: key, Now: s.now}
}

// commentsOpen reports whether a takes comments now: its own switch and
// the site's automatic closing both allow it.
func (e *env) commentsOpen(a *herald.Article) bool {
	return a.CommentsOpen && !e.settings.CommentsClosed(a, e.now)
}

// closesAt returns when a's open comments close by the site's automatic
// closing, zero when they do not.
func (e *env) closesAt(a *herald.Article) time.Time {
	days := e.settings.Comments.CloseAfterDays
	if !e.commentsOpen(a) || days <= 0 || a.PublishedAt.IsZero() {
		return time.Time{}
	}
	// CommentsClosed turns true just after this instant.
	return a.PublishedAt.AddDate(0, 0, days).Add(time.Nanosecond)
}

// comments builds comment page n of article a: its threads, pager and form.
func (e *env) comments(a *herald.Article, n int) (commentsView, error) {
	open := e.commentsOpen(a)
	t := &labelsFor(a.Language).C
	v := commentsView{T: t, Open: open, Closed: !open}
	e.expire(e.closesAt(a))
	threads, byID, err := e.threads(a, open)
	if err != nil {
		return v, err
	}
	for _, c := range byID {
		if !c.Pending {
			v.Count++
		}
	}
	v.Threads, v.Pager, err = pageThreads(threads, a.Path(e.loc), n)
	if err != nil {
		return v, err
	}
	e.renderTexts(v.Threads)
	if v.Closed && len(byID) == 0 && !a.CommentsOpen {
		v.Closed = false // an article that never took comments says nothing of them
	}
	if !open {
		return v, nil
	}
	v.Form = e.form
	v.Form.Action = a.Path(e.loc) + commentsSuffix
	v.Form.Token = e.tokens.Issue(a.ID)
	// A cached page's form token keeps at least half its life.
	e.expire(e.now.Add(spam.DefaultMaxAge / 2))
	v.Form.Script = e.js
	if e.staff != nil {
		v.Form.Staff = e.staff.Name
	}
	if v.Form.Parent == 0 {
		v.Form.Parent = e.replyTo
	}
	if p := byID[v.Form.Parent]; p != nil && !p.Pending {
		v.Form.ReplyTo = p.Name
	} else {
		v.Form.Parent = 0
	}
	return v, nil
}

// threads returns a's comments that the reader may see as threads, oldest
// first, and every one of them by id. Replies deeper than the site's depth
// show beside their parent at the deepest level.
func (e *env) threads(a *herald.Article, open bool) ([]*commentView, map[int64]*commentView, error) {
	cs, err := e.store.FindArticleComments(e.ctx, a.ID, e.own)
	if err != nil {
		return nil, nil, err
	}
	depth := e.settings.Comments.Depth
	if depth < 1 {
		depth = herald.DefaultSettings().Comments.Depth
	}
	base := a.Path(e.loc) + commentsSuffix
	t := &labelsFor(a.Language).C
	var threads []*commentView
	byID := map[int64]*commentView{}
	for _, c := range cs {
		cv := &commentView{
			T: t, ID: c.ID, Name: c.Name, Website: c.Website, Time: e.clock.at(c.CreatedAt), Depth: 1,
			text: c.Text, Pending: c.Status != herald.CommentApproved,
			Staff: c.UserID != 0, CanReply: open && c.Status == herald.CommentApproved,
		}
		if e.canChange(c) {
			id := strconv.FormatInt(c.ID, 10)
			cv.EditURL, cv.DeleteURL = base+id+"/edit/", base+id+"/delete/"
		}
		byID[c.ID] = cv
		parent := byID[c.ParentID]
		if parent != nil && parent.Depth >= depth {
			parent = parent.parent
		}
		cv.parent = parent
		if parent == nil {
			threads = append(threads, cv)
			continue
		}
		cv.Depth = parent.Depth + 1
		parent.Replies = append(parent.Replies, cv)
	}
	return threads, byID, nil
}

// renderTexts renders the text of every comment of the threads, which
// costs the most of a comment's view: only the threads a page shows get it.
func (e *env) renderTexts(threads []*commentView) {
	for _, c := range threads {
		c.Text = template.HTML(e.comment.HTML(c.text))
		e.renderTexts(c.Replies)
	}
}

// pageThreads returns comment page n of the threads of the article at
// path (0 and 1 are the first), with every comment's permalink set, and
// the pager; a page past the end is not found.
func pageThreads(threads []*commentView, path string, n int) ([]*commentView, *commentPager, error) {
	n = max(1, n)
	pages := max(1, (len(threads)+commentsPerPage-1)/commentsPerPage)
	if n > pages {
		return nil, nil, herald.Errorf(herald.ENOTFOUND, "There is no comment page %d.", n)
	}
	setPermalinks(threads, path)
	if pages == 1 {
		return threads, nil, nil
	}
	p := &commentPager{Page: n, Pages: pages}
	if n > 1 {
		p.Older = commentPagePath(path, n-1)
	}
	if n < pages {
		p.Newer = commentPagePath(path, n+1)
	}
	return threads[(n-1)*commentsPerPage : min(len(threads), n*commentsPerPage)], p, nil
}

// setPermalinks sets the permalink of every comment of the threads of
// the article at path: its comment page and #comment-N.
func setPermalinks(threads []*commentView, path string) {
	for i, t := range threads {
		setPermalink(t, commentPagePath(path, i/commentsPerPage+1))
	}
}

// setPermalink sets the permalinks of a thread shown on the page at path.
func setPermalink(c *commentView, path string) {
	c.Permalink = path + "#comment-" + strconv.FormatInt(c.ID, 10)
	for _, r := range c.Replies {
		setPermalink(r, path)
	}
}

// commentPagePath is the path of comment page n of the article at path.
func commentPagePath(path string, n int) string {
	if n <= 1 {
		return path
	}
	return path + commentPageSeg + strconv.Itoa(n) + "/"
}

// permalink returns the address of comment id on article a as the reader
// sees the comments, on the comment page that holds it.
func (e *env) permalink(a *herald.Article, id int64) (string, error) {
	threads, byID, err := e.threads(a, false)
	if err != nil {
		return "", err
	}
	setPermalinks(threads, a.Path(e.loc))
	if c := byID[id]; c != nil {
		return c.Permalink, nil
	}
	return a.Path(e.loc) + "#comments", nil
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
		cards[i].CommentCount = labelsFor(a.Language).C.Count(n[a.ID])
	}
	return nil
}

// personal reports whether r asks for a page made for one reader, which
// is neither cached nor served from the cache: a reply form, a reader with
// their own comments on the page, a member of staff signed in.
func personal(r *http.Request) bool {
	if r.URL.Query().Has("replyto") {
		return true
	}
	for _, name := range []string{ownCookie, auth.StaffSessionCookie} {
		if _, err := r.Cookie(name); err == nil {
			return true
		}
	}
	return false
}
