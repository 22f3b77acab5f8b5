package admin

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/httpx"
	"github.com/herald-news/herald/internal/notify"
)

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

// notifier composes the emails moderation causes, with links to the
// settings' public address or else to the one r was made to.
func (a *Admin) notifier(r *http.Request) *notify.Notifier {
	return notify.New(a.store, func(context.Context) string { return httpx.Origin(r) })
}

// moveComments moves the comments to status and, in the same transaction,
// puts in the outbox the reply notifications approving causes: for replies
// leaving pending, and at most once for each reply (the store drops an
// announcement made before).
func (a *Admin) moveComments(r *http.Request, comments []*herald.Comment, status herald.CommentStatus) error {
	ids := make([]int64, len(comments))
	var approved []*herald.Comment
	for i, c := range comments {
		ids[i] = c.ID
		if status == herald.CommentApproved && c.Status == herald.CommentPending {
			approved = append(approved, c)
		}
	}
	msgs, err := a.notifier(r).Approved(r.Context(), approved)
	if err != nil {
		return err
	}
	return a.store.UpdateCommentStatus(r.Context(), ids, status, msgs...)
}

// commentStatus moves one comment to the status the form names, and
// records it.
func (a *Admin) commentStatus(w http.ResponseWriter, r *http.Request) error {
	cm, err := a.findComment(r)
	if err != nil {
		return err
	}
	status := herald.CommentStatus(r.PostFormValue("status"))
	if !status.Valid() {
		return herald.Errorf(herald.EINVALID, "There is no comment status %q.", status)
	}
	if err := a.moveComments(r, []*herald.Comment{cm}, status); err != nil {
		return err
	}
	if err := a.record(r, "comment."+string(status), commentSubject(cm), cm.Name); err != nil {
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
	comments, err := a.findComments(r, ids)
	if err != nil {
		return err
	}
	if err := a.moveComments(r, comments, status); err != nil {
		return err
	}
	if err := a.record(r, "comment.bulk_"+string(status), "comments "+idList, plural(len(comments), "comment", "comments")); err != nil {
		return err
	}
	redirect(w, r, back, fmt.Sprintf("%s %s.", statusDone(status), plural(len(comments), "comment", "comments")))
	return nil
}

// findComments returns the comments of ids that still exist, and
// ENOTFOUND when none does.
func (a *Admin) findComments(r *http.Request, ids []int64) ([]*herald.Comment, error) {
	var out []*herald.Comment
	for _, id := range ids {
		c, err := a.store.FindComment(r.Context(), id)
		if herald.ErrorCode(err) == herald.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		return nil, herald.Errorf(herald.ENOTFOUND, "The selected comments no longer exist.")
	}
	return out, nil
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

// commentSubject names a comment in the audit log.
func commentSubject(c *herald.Comment) string {
	return "comment " + strconv.FormatInt(c.ID, 10)
}

// joinIDs lists ids separated by commas.
func joinIDs(ids []int64) string {
	s := make([]string, len(ids))
	for i, id := range ids {
		s[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(s, ",")
}
