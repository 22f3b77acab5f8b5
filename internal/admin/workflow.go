package admin

import (
	"slices"
	"time"

	"github.com/herald-news/herald"
)

// canPublish reports whether u may publish, schedule and unpublish art.
func canPublish(u *herald.User, art *herald.Article) bool {
	return u.Role.Can(herald.PermPublishAll) || u.Role.Can(herald.PermPublishOwn) && isOwn(u, art)
}

// isLive reports whether readers see, or are about to see, an article in s.
func isLive(s herald.ArticleStatus) bool {
	return s == herald.StatusPublished || s == herald.StatusScheduled
}

// errMayNotPublish refuses a workflow step that needs the right to publish.
var errMayNotPublish = herald.Errorf(herald.EFORBIDDEN,
	"Your role may not publish, schedule or unpublish this article, nor change it while it is published or scheduled.")

// transition sets next's status (and, when publishing, its time) for the
// action u chose on an article that was in status from ("" for a new one).
// It returns field errors for a time that does not fit the action, and
// errMayNotPublish for a step u may not take.
func transition(u *herald.User, from herald.ArticleStatus, next *herald.Article, action string, now time.Time) (herald.FieldErrors, error) {
	fe := herald.FieldErrors{}
	if from == "" {
		from = herald.StatusDraft
	}
	pub := canPublish(u, next)
	needsPub := isLive(from) || slices.Contains([]string{actPublish, actSchedule, actUnpublish}, action)
	if needsPub && !pub {
		return nil, errMayNotPublish
	}
	switch action {
	case actSubmit:
		next.Status = herald.StatusInReview
	case actDraft:
		next.Status = herald.StatusDraft
	case actPublish:
		// "Publish now" on a scheduled article; otherwise a time typed
		// in the future schedules it.
		if next.PublishedAt.IsZero() || from == herald.StatusScheduled {
			next.PublishedAt = now
		}
		next.Status = herald.StatusPublished
		if next.PublishedAt.After(now) {
			next.Status = herald.StatusScheduled
		}
	case actSchedule:
		if !next.PublishedAt.After(now) {
			fe.Add("published_at", "must be a time in the future to schedule the article")
		}
		next.Status = herald.StatusScheduled
	case actUnpublish:
		if !isLive(from) {
			fe.Add("action", "only a published or scheduled article can be unpublished")
		}
		next.Status = herald.StatusUnpublished
	default:
		next.Status = from
	}
	return fe, nil
}

// actionButton is a workflow button of the editor.
type actionButton struct {
	Action  string
	Label   string
	Primary bool
}

// actions lists the workflow buttons u sees on an article in status s
// ("" for a new one): only the steps u may take.
func actions(u *herald.User, art *herald.Article) []actionButton {
	s := art.Status
	pub := art.ID == 0 && u.Role.Can(herald.PermPublishOwn) || art.ID != 0 && canPublish(u, art)
	if isLive(s) && !pub {
		return nil
	}
	var out []actionButton
	add := func(ok bool, action, label string) {
		if ok {
			out = append(out, actionButton{Action: action, Label: label})
		}
	}
	switch s {
	case herald.StatusPublished:
		add(true, actSave, "Save changes")
		add(true, actUnpublish, "Unpublish")
	case herald.StatusScheduled:
		add(true, actSave, "Save changes")
		add(true, actPublish, "Publish now")
		add(true, actDraft, "Back to draft")
	default:
		add(true, actSave, saveLabel(s))
		add(s != herald.StatusInReview, actSubmit, "Submit for review")
		add(s == herald.StatusInReview || s == herald.StatusUnpublished, actDraft, "Back to draft")
		add(pub, actPublish, "Publish")
		add(pub, actSchedule, "Schedule")
	}
	out[0].Primary = true
	return out
}

// saveLabel names the plain save button for an article in status s.
func saveLabel(s herald.ArticleStatus) string {
	if s == herald.StatusInReview {
		return "Save"
	}
	return "Save draft"
}
