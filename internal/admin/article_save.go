package admin

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/diff"
	"github.com/herald-news/herald/internal/httpx"
)

// storeArticle creates next, or updates it from the version the person
// edited (or chose to save over).
func (a *Admin) storeArticle(ctx context.Context, stored, next *herald.Article, f articleForm) error {
	if stored == nil {
		return a.store.CreateArticle(ctx, next)
	}
	next.Version = f.base()
	return a.store.UpdateArticle(ctx, next)
}

// checkFeatured adds a field error when a published or scheduled article
// would show a featured image without alt text.
func (a *Admin) checkFeatured(ctx context.Context, next *herald.Article, fe herald.FieldErrors) error {
	if next.FeaturedMediaID == 0 || !isLive(next.Status) || fe["featured"] != "" {
		return nil
	}
	m, err := a.store.FindMedia(ctx, next.FeaturedMediaID)
	switch {
	case herald.ErrorCode(err) == herald.ENOTFOUND:
		fe.Add("featured", "there is no image with this number")
	case err != nil:
		return err
	default:
		if err := m.Publishable(); err != nil {
			fe.Add("featured", herald.ErrorMessage(err))
		}
	}
	return nil
}

// saveFailed answers a save the store refused: a stale version shows the
// conflict, a taken slug or a missing reference comes back beside its
// field; anything else is an error.
func (a *Admin) saveFailed(w http.ResponseWriter, r *http.Request, stored *herald.Article, f articleForm, err error) error {
	switch herald.ErrorCode(err) {
	case herald.ECONFLICT:
		if stored != nil {
			current, ferr := a.store.FindArticle(r.Context(), stored.ID)
			if ferr != nil {
				return ferr
			}
			if current.Version != stored.Version {
				return a.renderConflict(w, r, current, f)
			}
		}
		fe := herald.FieldErrors{"slug": herald.ErrorMessage(err)}
		return a.renderEditor(w, r, stored, f, fe, http.StatusConflict, nil)
	case herald.EINVALID:
		fe := fieldErrors(err)
		if m, ok := fe["featured_media"]; ok {
			fe["featured"] = m
		}
		return a.renderEditor(w, r, stored, f, fe, http.StatusUnprocessableEntity, func(v *editorView) error {
			v.Notice = "The article was not saved: " + herald.ErrorMessage(err)
			return nil
		})
	}
	return err
}

// renderConflict shows the editor with the person's text, refused because
// current was saved by someone else after they opened the article: what
// differs, who saved, and a button to save over it deliberately.
func (a *Admin) renderConflict(w http.ResponseWriter, r *http.Request, current *herald.Article, f articleForm) error {
	return a.renderEditor(w, r, current, f, nil, http.StatusConflict, func(v *editorView) error {
		c, err := a.conflict(r, current, f, v.Settings.Location())
		v.Conflict = c
		v.Notice = "Your changes were not saved: someone else saved this article after you opened it."
		return err
	})
}

// conflict describes how current differs from the person's form.
func (a *Admin) conflict(r *http.Request, current *herald.Article, f articleForm, loc *time.Location) (*conflictView, error) {
	c := &conflictView{Version: current.Version}
	revs, err := a.store.FindRevisions(r.Context(), current.ID)
	if err != nil {
		return nil, err
	}
	if len(revs) > 0 {
		c.By, c.At = a.userName(r.Context(), revs[0].UserID), revs[0].CreatedAt.In(loc).Format("2006-01-02 15:04")
	}
	for _, d := range []struct{ label, theirs, yours string }{
		{"Headline", current.Headline, f.Headline},
		{"Dek", current.Dek, f.Dek},
		{"Slug", current.Slug, f.Slug},
		{"Body", current.Body, f.Body},
		{"Excerpt", current.Excerpt, f.Excerpt},
	} {
		if ops := diff.Words(d.theirs, d.yours); diff.Changed(ops) {
			c.Fields = append(c.Fields, fieldDiff{Label: d.label, HTML: diff.HTML(ops)})
		}
	}
	return c, nil
}

// userName names the user with the id for people.
func (a *Admin) userName(ctx context.Context, userID int64) string {
	if userID == 0 {
		return "the publisher"
	}
	u, err := a.store.FindUser(ctx, userID)
	if err != nil {
		return fmt.Sprintf("user %d", userID)
	}
	return u.Name
}

// afterSave records what the save did — a redirect from the old permalink
// of a published article, an audit event for a publish, schedule or
// unpublish — and returns the message to show next.
func (a *Admin) afterSave(r *http.Request, u *herald.User, stored, next *herald.Article, loc *time.Location) string {
	ctx := r.Context()
	msg := "Saved."
	if stored != nil && stored.Status == herald.StatusPublished && next.Status == herald.StatusPublished {
		if from, to := stored.Path(loc), next.Path(loc); from != to {
			msg = "Saved. The old address " + from + " now leads here."
			if err := a.movePermalink(ctx, from, to); err != nil {
				a.logger.ErrorContext(ctx, "redirect from old permalink", "from", from, "to", to, "err", err)
				msg = "Saved, but the old address could not be redirected to the new one."
			}
		}
	}
	var from herald.ArticleStatus
	if stored != nil {
		from = stored.Status
	}
	if next.Status == from {
		return msg
	}
	switch next.Status {
	case herald.StatusPublished:
		msg = "Published."
		a.audit(r, u, "article.publish", next)
	case herald.StatusScheduled:
		msg = "Scheduled for " + next.PublishedAt.In(loc).Format("2006-01-02 15:04") + "."
		a.audit(r, u, "article.schedule", next)
	case herald.StatusUnpublished:
		msg = "Unpublished."
		a.audit(r, u, "article.unpublish", next)
	case herald.StatusInReview:
		msg = "Submitted for review."
	}
	return msg
}

// movePermalink redirects from the article's old path to its new one,
// and drops a redirect away from the new path left by an earlier move, so
// that moving back and forth never makes a loop.
func (a *Admin) movePermalink(ctx context.Context, from, to string) error {
	if err := a.store.CreateRedirect(ctx, &herald.Redirect{From: from, To: to}); err != nil {
		return err
	}
	old, err := a.store.FindRedirect(ctx, to)
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	return a.store.DeleteRedirect(ctx, old.ID)
}

// audit records that u did action to art; a failure is logged, never
// shown, since what was done is done.
func (a *Admin) audit(r *http.Request, u *herald.User, action string, art *herald.Article) {
	e := &herald.AuditEvent{Time: a.now().UTC(), UserID: u.ID, Action: action,
		Subject: "article " + id(art.ID), Detail: art.Headline, IP: httpx.ClientIP(r)}
	if err := a.store.CreateAuditEvent(r.Context(), e); err != nil {
		a.logger.ErrorContext(r.Context(), "audit event not recorded", "action", action, "err", err)
	}
}
