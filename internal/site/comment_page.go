package site

import (
	"net/http"
	"strconv"
	"strings"
)

// commentPageView is a page about one comment apart from the article: the
// edit form, the delete confirmation, the unsubscribe confirmation, or a
// notice such as a refusal.
type commentPageView struct {
	chrome
	C       *commentLabels
	Heading string
	Message string
	Back    string         // the address the page leads back to
	Form    *commentAction // nil for a notice
}

func (commentPageView) template() string { return "comment" }

// commentAction is the one form of a comment page.
type commentAction struct {
	Action string
	Token  string
	Edit   bool // the form edits the comment's text
	Text   string
	Error  string
	Button string
	Cancel string // the address of the cancel link
}

// writeCommentPage renders a comment page for one reader, uncached.
func (s *Site) writeCommentPage(w http.ResponseWriter, e *env, status int, v commentPageView) error {
	v.chrome = e.chrome(v.Heading, "")
	v.Canonical = ""
	v.C = &v.T.C
	return s.writeUncached(w, status, v)
}

// commentHandler returns the handler of a comment address, or nil when p
// is none: the form's POST to an article's comments/, a comment's link,
// edit and delete pages under it, and the unsubscribe page. Other paths
// with a comments/ segment, such as /tag/comments/, are pages.
func (s *Site) commentHandler(p string) func(http.ResponseWriter, *http.Request) error {
	if p == "/"+commentsSuffix+unsubscribeSeg {
		return s.unsubscribe
	}
	i := strings.LastIndex(p, "/"+commentsSuffix)
	if i < 0 {
		return nil
	}
	rt, ok := parsePath(p[:i+1])
	if !ok || rt.kind != routeArticle || rt.cpage != 0 {
		return nil
	}
	rest := p[i+len(commentsSuffix)+1:]
	if rest == "" {
		return func(w http.ResponseWriter, r *http.Request) error { return s.postComment(w, r, rt) }
	}
	num, action, _ := strings.Cut(strings.TrimSuffix(rest, "/"), "/")
	id, err := strconv.ParseInt(num, 10, 64)
	if err != nil || id <= 0 || !strings.HasSuffix(rest, "/") {
		return nil
	}
	switch action {
	case "":
		return func(w http.ResponseWriter, r *http.Request) error { return s.commentLink(w, r, rt, id) }
	case "edit", "delete":
		return func(w http.ResponseWriter, r *http.Request) error {
			return s.changeComment(w, r, rt, id, action == "delete")
		}
	}
	return nil
}

// commentLink sends the reader to comment id on the comment page holding
// it: the address notifications and the newsroom may link to, which keeps
// working when the article's comments span pages.
func (s *Site) commentLink(w http.ResponseWriter, r *http.Request, rt route, id int64) error {
	if !allowMethods(w, r, http.MethodGet, http.MethodHead) {
		return nil
	}
	e, err := s.newEnv(r)
	if err != nil {
		return err
	}
	a, err := e.findArticle(rt)
	if err != nil {
		return err
	}
	to, err := e.permalink(a, id)
	if err != nil {
		return err
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}
