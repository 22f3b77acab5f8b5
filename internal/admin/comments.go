package admin

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/render"
)

// commentsPerPage is the length of a page of the moderation queue.
const commentsPerPage = 50

// commentRoutes are the moderation queue's screens.
func (a *Admin) commentRoutes() []route {
	p := herald.PermModerate
	return []route{
		{"GET /admin/comments", p, a.commentList},
		{"POST /admin/comments", p, a.commentBulk},
		{"POST /admin/comments/{id}/status", p, a.commentStatus},
		{"GET /admin/comments/{id}/edit", p, a.commentEdit},
		{"POST /admin/comments/{id}/edit", p, a.commentSave},
		{"GET /admin/comments/{id}/reply", p, a.commentReply},
		{"POST /admin/comments/{id}/reply", p, a.commentReply},
		{"GET /admin/comments/{id}/delete", p, a.commentDelete},
		{"POST /admin/comments/{id}/delete", p, a.commentDelete},
	}
}

// commentTabs are the queue's tabs, one per status, in the order shown.
var commentTabs = []herald.CommentStatus{herald.CommentPending, herald.CommentApproved, herald.CommentSpam, herald.CommentTrash}

// commentTab is a tab of the queue.
type commentTab struct {
	Name    string
	URL     string
	Count   int
	Current bool
}

// commentRow is a comment as the newsroom sees it: everything stored about
// it, the email and IP address included, which only the newsroom sees.
type commentRow struct {
	*herald.Comment
	HTML    template.HTML   // the text rendered and sanitized as on the site
	Article *herald.Article // nil when it could not be found
	// Public is the comment's address on the site; empty while readers
	// cannot see it.
	Public string
	// ParentName names the commenter answered; empty for a top-level
	// comment or one whose parent is gone.
	ParentName     string
	Date, Datetime string
}

// Why labels the reasons the spam checks gave for holding the comment or
// marking it spam, shown while it is pending or spam: "Held because" or
// "Spam because"; empty in the other folders or when there are none.
func (r commentRow) Why() string {
	switch {
	case len(r.Reasons) == 0:
		return ""
	case r.Status == herald.CommentPending:
		return "Held because"
	case r.Status == herald.CommentSpam:
		return "Spam because"
	}
	return ""
}

// commentListView is the moderation queue.
type commentListView struct {
	chrome
	Status     herald.CommentStatus
	Tabs       []commentTab
	Rows       []commentRow
	Total      int
	Back       string // this page's address, where actions return
	Prev, Next string
	// ReaderData links to the export and erasure of a reader's data.
	ReaderData bool
}

func (commentListView) template() string { return "comments" }

// commentList shows a page of the comments of one status, newest first.
func (a *Admin) commentList(w http.ResponseWriter, r *http.Request) error {
	status := herald.CommentStatus(r.URL.Query().Get("status"))
	if !status.Valid() {
		status = herald.CommentPending
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	comments, total, err := a.store.FindComments(r.Context(), herald.CommentFilter{
		Status: status, Offset: (page - 1) * commentsPerPage, Limit: commentsPerPage})
	if err != nil {
		return err
	}
	c, err := a.chrome(w, r, "Comments")
	if err != nil {
		return err
	}
	v := commentListView{chrome: c, Status: status, Total: total, Back: commentsPath(status, page),
		ReaderData: c.User.Role.Can(herald.PermReaderData)}
	for _, s := range commentTabs {
		n := total
		if s != status {
			if _, n, err = a.store.FindComments(r.Context(), herald.CommentFilter{Status: s, Limit: 1}); err != nil {
				return err
			}
		}
		v.Tabs = append(v.Tabs, commentTab{Name: tabName(s), URL: commentsPath(s, 1), Count: n, Current: s == status})
	}
	if v.Rows, err = a.commentRows(r.Context(), c.Settings, comments); err != nil {
		return err
	}
	v.Prev, v.Next = pageLinks("/admin/comments", url.Values{"status": {string(status)}}, page, commentsPerPage, total)
	return a.render(w, http.StatusOK, v)
}

// commentRows makes the rows of comments, reading each article and parent
// once.
func (a *Admin) commentRows(ctx context.Context, st herald.Settings, comments []*herald.Comment) ([]commentRow, error) {
	loc := st.Location()
	articles := map[int64]*herald.Article{}
	names := map[int64]string{}
	for _, cm := range comments {
		names[cm.ID] = cm.Name
	}
	rows := make([]commentRow, 0, len(comments))
	for _, cm := range comments {
		art, ok := articles[cm.ArticleID]
		if !ok {
			var err error
			art, err = a.store.FindArticle(ctx, cm.ArticleID)
			if err != nil && herald.ErrorCode(err) != herald.ENOTFOUND {
				return nil, err
			}
			articles[cm.ArticleID] = art
		}
		if _, ok := names[cm.ParentID]; !ok && cm.ParentID != 0 {
			parent, err := a.store.FindComment(ctx, cm.ParentID)
			if err != nil && herald.ErrorCode(err) != herald.ENOTFOUND {
				return nil, err
			}
			if parent != nil {
				names[cm.ParentID] = parent.Name
			}
		}
		t := cm.CreatedAt.In(loc)
		row := commentRow{Comment: cm, HTML: template.HTML(a.comments.HTML(cm.Text)), Article: art,
			ParentName: names[cm.ParentID], Date: t.Format("2006-01-02 15:04"), Datetime: render.Datetime(t)}
		if art != nil && art.IsPublic(a.now()) && cm.Status == herald.CommentApproved {
			row.Public = art.Path(loc) + "#comment-" + strconv.FormatInt(cm.ID, 10)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// commentsPath is the address of a page of the queue.
func commentsPath(s herald.CommentStatus, page int) string {
	p := "/admin/comments?status=" + string(s)
	if page > 1 {
		p += "&page=" + strconv.Itoa(page)
	}
	return p
}

// tabName is the name of the tab of s.
func tabName(s herald.CommentStatus) string {
	return capitalize(string(s))
}

// backTo returns the queue page a form names in "back", or the pending tab:
// only newsroom comment pages, so the field cannot send anyone elsewhere.
func backTo(r *http.Request) string {
	if b := auth.SafeReturn(r.PostFormValue("back")); strings.HasPrefix(b, "/admin/comments") {
		return b
	}
	return commentsPath(herald.CommentPending, 1)
}

// findComment returns the comment of the request's {id}.
func (a *Admin) findComment(r *http.Request) (*herald.Comment, error) {
	id, err := pathID(r, "comment")
	if err != nil {
		return nil, err
	}
	return a.store.FindComment(r.Context(), id)
}

// commentDelete states what deleting a comment does and, once confirmed,
// deletes it permanently.
func (a *Admin) commentDelete(w http.ResponseWriter, r *http.Request) error {
	cm, err := a.findComment(r)
	if err != nil {
		return err
	}
	back := commentsPath(cm.Status, 1)
	if confirmed(r) {
		if err := a.store.DeleteComment(r.Context(), cm.ID); err != nil {
			return err
		}
		if err := a.record(r, "comment.delete", commentSubject(cm), cm.Name); err != nil {
			return err
		}
		redirect(w, r, back, fmt.Sprintf("Deleted the comment by %s permanently.", cm.Name))
		return nil
	}
	c, err := a.chrome(w, r, fmt.Sprintf("Delete the comment by %s permanently?", cm.Name))
	if err != nil {
		return err
	}
	return a.render(w, http.StatusOK, confirmView{chrome: c, Lead: "Deleting permanently does this:",
		Consequences: []string{"The comment is erased and cannot be brought back; to keep it out of sight only, move it to the trash.",
			"Replies to it stay, moved up to its parent."},
		Action: r.URL.Path, Button: "Delete permanently", Cancel: back})
}

// countPending puts the number of comments awaiting moderation beside the
// Comments entry of nav, which only moderators have.
func (a *Admin) countPending(r *http.Request, nav []navLink) error {
	for i := range nav {
		if nav[i].URL != "/admin/comments" {
			continue
		}
		n, err := a.store.CountPendingComments(r.Context())
		if err != nil {
			return err
		}
		nav[i].Count, nav[i].Counted = n, "pending"
	}
	return nil
}
