package admin

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/herald-news/herald"
)

// commentTextView edits a comment's text, or writes a reply to it.
type commentTextView struct {
	chrome
	Comment commentRow
	Reply   bool // writing a reply rather than editing
	Action  string
	Text    string
	Errors  herald.FieldErrors
}

func (commentTextView) template() string { return "comment-form" }

// commentTextForm renders the editor or the reply form of cm.
func (a *Admin) commentTextForm(w http.ResponseWriter, r *http.Request, status int, cm *herald.Comment, reply bool, text string, fe herald.FieldErrors) error {
	title, action := fmt.Sprintf("Edit the comment by %s", cm.Name), fmt.Sprintf("/admin/comments/%d/edit", cm.ID)
	if reply {
		title, action = fmt.Sprintf("Reply to %s", cm.Name), fmt.Sprintf("/admin/comments/%d/reply", cm.ID)
	}
	c, err := a.chrome(w, r, title)
	if err != nil {
		return err
	}
	rows, err := a.commentRows(r.Context(), c.Settings, []*herald.Comment{cm})
	if err != nil {
		return err
	}
	return a.render(w, status, commentTextView{chrome: c, Comment: rows[0], Reply: reply,
		Action: action, Text: text, Errors: fe})
}

// commentEdit shows the comment's text to edit.
func (a *Admin) commentEdit(w http.ResponseWriter, r *http.Request) error {
	cm, err := a.findComment(r)
	if err != nil {
		return err
	}
	return a.commentTextForm(w, r, http.StatusOK, cm, false, cm.Text, nil)
}

// commentSave replaces the comment's text.
func (a *Admin) commentSave(w http.ResponseWriter, r *http.Request) error {
	cm, err := a.findComment(r)
	if err != nil {
		return err
	}
	text := strings.TrimSpace(r.PostFormValue("text"))
	edited := *cm
	edited.Text = text
	if fe := fieldErrors(edited.Validate()); fe["text"] != "" {
		return a.commentTextForm(w, r, http.StatusUnprocessableEntity, cm, false, r.PostFormValue("text"), herald.FieldErrors{"text": fe["text"]})
	}
	if err := a.store.UpdateCommentText(r.Context(), cm.ID, text); err != nil {
		return err
	}
	if err := a.record(r, "comment.edit", commentSubject(cm), cm.Name); err != nil {
		return err
	}
	redirect(w, r, commentsPath(cm.Status, 1), fmt.Sprintf("Saved the comment by %s.", cm.Name))
	return nil
}

// commentReply shows the reply form and, on POST, publishes the signed-in
// user's reply: an approved staff comment answering cm, stored with the
// email telling cm's author, if they asked for it. Answering a comment
// awaiting moderation approves it, or the reply would show without it.
func (a *Admin) commentReply(w http.ResponseWriter, r *http.Request) error {
	cm, err := a.findComment(r)
	if err != nil {
		return err
	}
	if r.Method == http.MethodGet {
		return a.commentTextForm(w, r, http.StatusOK, cm, true, "", nil)
	}
	u := currentUser(r)
	reply := &herald.Comment{ArticleID: cm.ArticleID, ParentID: cm.ID, Name: u.Name, Email: u.Email,
		Text: strings.TrimSpace(r.PostFormValue("text")), Status: herald.CommentApproved, UserID: u.ID}
	if fe := fieldErrors(reply.Validate()); len(fe) > 0 {
		msg := fe["text"]
		if msg == "" {
			return reply.Validate()
		}
		return a.commentTextForm(w, r, http.StatusUnprocessableEntity, cm, true, r.PostFormValue("text"), herald.FieldErrors{"text": msg})
	}
	art, err := a.store.FindArticle(r.Context(), cm.ArticleID)
	if err != nil {
		return err
	}
	if cm.Status == herald.CommentPending {
		if err := a.moveComments(r, []*herald.Comment{cm}, herald.CommentApproved); err != nil {
			return err
		}
		if err := a.record(r, "comment.approved", commentSubject(cm), cm.Name); err != nil {
			return err
		}
	}
	msgs, err := a.notifier(r).NewComment(r.Context(), art, reply)
	if err != nil {
		return err
	}
	if err := a.store.CreateComment(r.Context(), reply, msgs...); err != nil {
		return err
	}
	if err := a.record(r, "comment.reply", commentSubject(reply), "in reply to "+cm.Name); err != nil {
		return err
	}
	redirect(w, r, commentsPath(cm.Status, 1), fmt.Sprintf("Published your reply to %s.", cm.Name))
	return nil
}
