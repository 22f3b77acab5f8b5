package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
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
	Current bool
}

// commentRow is a comment in the queue, with its article.
type commentRow struct {
	*herald.Comment
	Article *herald.Article // nil when it could not be found
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
	v := commentListView{chrome: c, Status: status, Total: total, Back: commentsPath(status, page)}
	for _, s := range commentTabs {
		v.Tabs = append(v.Tabs, commentTab{Name: tabName(s), URL: commentsPath(s, 1), Current: s == status})
	}
	articles := map[int64]*herald.Article{}
	for _, cm := range comments {
		art, ok := articles[cm.ArticleID]
		if !ok {
			art, err = a.store.FindArticle(r.Context(), cm.ArticleID)
			if err != nil && herald.ErrorCode(err) != herald.ENOTFOUND {
				return err
			}
			articles[cm.ArticleID] = art
		}
		v.Rows = append(v.Rows, commentRow{Comment: cm, Article: art})
	}
	v.Prev, v.Next = pageLinks("/admin/comments", url.Values{"status": {string(status)}}, page, commentsPerPage, total)
	return a.render(w, http.StatusOK, v)
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
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

// backTo returns the queue page a form names in "back", or the pending tab:
// only newsroom comment pages, so the field cannot send anyone elsewhere.
func backTo(r *http.Request) string {
	b := r.PostFormValue("back")
	if strings.HasPrefix(b, "/admin/comments") && !strings.HasPrefix(b, "//") {
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

// statusDone says what moving comments to s did.
func statusDone(s herald.CommentStatus) string {
	switch s {
	case herald.CommentApproved:
		return "Approved"
	case herald.CommentSpam:
		return "Marked as spam"
	case herald.CommentTrash:
		return "Moved to the trash"
	}
	return "Moved back to pending"
}

// commentStatus moves one comment to the status the form names.
func (a *Admin) commentStatus(w http.ResponseWriter, r *http.Request) error {
	cm, err := a.findComment(r)
	if err != nil {
		return err
	}
	status := herald.CommentStatus(r.PostFormValue("status"))
	if !status.Valid() {
		return herald.Errorf(herald.EINVALID, "There is no comment status %q.", status)
	}
	if err := a.store.UpdateCommentStatus(r.Context(), []int64{cm.ID}, status); err != nil {
		return err
	}
	redirect(w, r, backTo(r), fmt.Sprintf("%s the comment by %s.", statusDone(status), cm.Name))
	return nil
}

// bulkActions are what the queue's bulk form may do: a status to move the
// comments to, or "delete".
var bulkActions = map[string]herald.CommentStatus{
	"approve": herald.CommentApproved,
	"spam":    herald.CommentSpam,
	"trash":   herald.CommentTrash,
	"pending": herald.CommentPending,
}

// commentBulk applies one action to the checked comments and records it.
// Deleting asks first.
func (a *Admin) commentBulk(w http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return herald.Errorf(herald.EINVALID, "The form could not be read.")
	}
	var ids []int64
	for _, s := range r.PostForm["ids"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			return herald.Errorf(herald.EINVALID, "%q names no comment.", s)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	back := backTo(r)
	if len(ids) == 0 {
		redirect(w, r, back, "No comment was selected.")
		return nil
	}
	action := r.PostFormValue("action")
	idList := joinIDs(ids)
	if action == "delete" {
		if !confirmed(r) {
			return a.confirmBulkDelete(w, r, ids, back)
		}
		for _, id := range ids {
			if err := a.store.DeleteComment(r.Context(), id); err != nil && herald.ErrorCode(err) != herald.ENOTFOUND {
				return err
			}
		}
		if err := a.record(r, "comment.bulk_delete", "comments "+idList, plural(len(ids), "comment", "comments")); err != nil {
			return err
		}
		redirect(w, r, back, fmt.Sprintf("Deleted %s permanently.", plural(len(ids), "comment", "comments")))
		return nil
	}
	status, ok := bulkActions[action]
	if !ok {
		return herald.Errorf(herald.EINVALID, "Choose what to do with the selected comments.")
	}
	if err := a.store.UpdateCommentStatus(r.Context(), ids, status); err != nil {
		return err
	}
	if err := a.record(r, "comment.bulk_"+string(status), "comments "+idList, plural(len(ids), "comment", "comments")); err != nil {
		return err
	}
	redirect(w, r, back, fmt.Sprintf("%s %s.", statusDone(status), plural(len(ids), "comment", "comments")))
	return nil
}

// confirmBulkDelete asks before deleting the comments of ids.
func (a *Admin) confirmBulkDelete(w http.ResponseWriter, r *http.Request, ids []int64, back string) error {
	c, err := a.chrome(w, r, fmt.Sprintf("Delete %s permanently?", plural(len(ids), "comment", "comments")))
	if err != nil {
		return err
	}
	hs := []hidden{{"action", "delete"}, {"back", back}}
	for _, id := range ids {
		hs = append(hs, hidden{"ids", strconv.FormatInt(id, 10)})
	}
	return a.render(w, http.StatusOK, confirmView{chrome: c, Lead: "Deleting permanently does this:",
		Consequences: []string{"The comments are erased and cannot be brought back; to keep them out of sight only, move them to the trash.",
			"Replies to them stay, moved up to the deleted comments' parents."},
		Action: "/admin/comments", Button: "Delete permanently", Cancel: back, Hidden: hs})
}

// joinIDs lists ids separated by commas.
func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
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
		if err := a.record(r, "comment.delete", "comment "+strconv.FormatInt(cm.ID, 10), cm.Name); err != nil {
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
