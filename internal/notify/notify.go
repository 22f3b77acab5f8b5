// Package notify composes the emails reader comments cause — to the
// newsroom about comments awaiting moderation, to commenters about replies
// to them — and signs their one-click unsubscribe links. It only writes
// messages; the caller puts them in the outbox in the same transaction as
// the change that causes them, and internal/mail sends them.
package notify

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/markup"
)

// PendingPath is the newsroom's queue of comments awaiting moderation.
const PendingPath = "/admin/comments?status=pending"

// excerptLength is how much of a held comment the newsroom's email quotes.
const excerptLength = 600

// Store is what a Notifier reads.
type Store interface {
	herald.SecretStore
	FindComment(ctx context.Context, id int64) (*herald.Comment, error)
	FindArticle(ctx context.Context, id int64) (*herald.Article, error)
	FindUsers(ctx context.Context, f herald.UserFilter) ([]*herald.User, error)
	FindSettings(ctx context.Context) (herald.Settings, error)
}

// Notifier composes comment notifications.
type Notifier struct {
	store  Store
	origin func(context.Context) string
}

// New returns a Notifier reading from store. Links start with the
// settings' BaseURL or, when it is empty, with what origin returns for the
// request's context (such as "https://news.example.com").
func New(store Store, origin func(context.Context) string) *Notifier {
	return &Notifier{store: store, origin: origin}
}

// site is what every message of one call needs.
type site struct {
	settings herald.Settings
	origin   string
	key      []byte
}

// load reads the settings, the public origin and the unsubscribe key.
func (n *Notifier) load(ctx context.Context) (*site, error) {
	st, err := n.store.FindSettings(ctx)
	if err != nil {
		return nil, fmt.Errorf("notify: settings: %w", err)
	}
	key, err := Key(ctx, n.store)
	if err != nil {
		return nil, fmt.Errorf("notify: key: %w", err)
	}
	origin := st.BaseURL
	if origin == "" && n.origin != nil {
		origin = n.origin(ctx)
	}
	return &site{settings: st, origin: strings.TrimRight(origin, "/"), key: key}, nil
}

// articleURL is the public address of a.
func (s *site) articleURL(a *herald.Article) string {
	return s.origin + a.Path(s.settings.Location())
}

// commentURL is the lasting public address of comment id on a, which
// leads to the page of comments showing it.
func (s *site) commentURL(a *herald.Article, id int64) string {
	return s.origin + a.CommentPath(s.settings.Location(), id)
}

// NewComment returns the messages a new comment c on article a causes,
// to be stored with it (herald.CommentStore.CreateComment): when c awaits
// moderation, one to each author of a and each user who may moderate,
// except c's own author; when c is an approved reply, one to the author of
// the comment it answers if they asked for it. c need not have an ID yet.
func (n *Notifier) NewComment(ctx context.Context, a *herald.Article, c *herald.Comment) ([]*herald.OutboxMessage, error) {
	switch {
	case c.Status == herald.CommentPending:
		s, err := n.load(ctx)
		if err != nil {
			return nil, err
		}
		return n.pending(ctx, s, a, c)
	case c.Status == herald.CommentApproved && c.ParentID != 0:
		s, err := n.load(ctx)
		if err != nil {
			return nil, err
		}
		m, err := n.reply(ctx, s, a, c)
		if m == nil || err != nil {
			return nil, err
		}
		return []*herald.OutboxMessage{m}, nil
	}
	return nil, nil
}

// Approved returns the reply notifications for comments a moderator just
// approved; the caller passes only comments that were not approved before,
// so that nobody hears of one reply twice. Comments that are not replies
// cause none.
func (n *Notifier) Approved(ctx context.Context, comments []*herald.Comment) ([]*herald.OutboxMessage, error) {
	var s *site
	articles := map[int64]*herald.Article{}
	var msgs []*herald.OutboxMessage
	for _, c := range comments {
		if c.ParentID == 0 {
			continue
		}
		var err error
		if s == nil {
			if s, err = n.load(ctx); err != nil {
				return nil, err
			}
		}
		a, ok := articles[c.ArticleID]
		if !ok {
			if a, err = n.store.FindArticle(ctx, c.ArticleID); err != nil {
				return nil, fmt.Errorf("notify: article %d: %w", c.ArticleID, err)
			}
			articles[c.ArticleID] = a
		}
		approved := *c
		approved.Status = herald.CommentApproved
		m, err := n.reply(ctx, s, a, &approved)
		if err != nil {
			return nil, err
		}
		if m != nil {
			msgs = append(msgs, m)
		}
	}
	return msgs, nil
}

// pending writes to the newsroom about c, held for moderation.
func (n *Notifier) pending(ctx context.Context, s *site, a *herald.Article, c *herald.Comment) ([]*herald.OutboxMessage, error) {
	t := textsFor(a.Language)
	headline := fmt.Sprintf(t.Quote, oneLine(a.Headline))
	seen := map[string]bool{strings.ToLower(c.Email): true}
	var msgs []*herald.OutboxMessage
	add := func(u *herald.User, because string) {
		addr := strings.ToLower(u.Email)
		if u.Email == "" || seen[addr] || (c.UserID != 0 && u.ID == c.UserID) {
			return
		}
		seen[addr] = true
		msgs = append(msgs, &herald.OutboxMessage{
			To:      u.Email,
			Subject: fmt.Sprintf(t.PendingSubject, headline),
			Text: paragraphs(
				fmt.Sprintf(t.Hello, oneLine(u.Name)),
				fmt.Sprintf(t.PendingLead, headline)+"\n"+fmt.Sprintf(t.PendingFrom, oneLine(c.Name)),
				quote(excerpt(c.Text)),
				fmt.Sprintf(t.PendingAction, s.origin+PendingPath),
				fmt.Sprintf(t.Article, s.articleURL(a)),
				because,
			),
		})
	}
	for _, u := range a.Authors {
		add(u, t.BecauseAuthor)
	}
	moderators, err := n.moderators(ctx)
	if err != nil {
		return nil, err
	}
	for _, u := range moderators {
		add(u, fmt.Sprintf(t.BecauseModerator, fmt.Sprintf(t.Quote, oneLine(s.settings.Title))))
	}
	return msgs, nil
}

// moderators returns every user whose role may moderate comments.
func (n *Notifier) moderators(ctx context.Context) ([]*herald.User, error) {
	const page = 500
	var out []*herald.User
	for offset := 0; ; offset += page {
		users, err := n.store.FindUsers(ctx, herald.UserFilter{Offset: offset, Limit: page})
		if err != nil {
			return nil, fmt.Errorf("notify: users: %w", err)
		}
		for _, u := range users {
			if u.Role.Can(herald.PermModerate) {
				out = append(out, u)
			}
		}
		if len(users) < page {
			return out, nil
		}
	}
}

// reply writes to the author of the comment c answers, when they asked to
// hear of replies, their comment is neither spam nor trash, and c is not
// their own. It returns nil when nobody is to be told.
func (n *Notifier) reply(ctx context.Context, s *site, a *herald.Article, c *herald.Comment) (*herald.OutboxMessage, error) {
	parent, err := n.store.FindComment(ctx, c.ParentID)
	if herald.ErrorCode(err) == herald.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("notify: comment %d: %w", c.ParentID, err)
	}
	if !parent.Notify || parent.Status == herald.CommentSpam || parent.Status == herald.CommentTrash ||
		strings.EqualFold(parent.Email, c.Email) {
		return nil, nil
	}
	t := textsFor(a.Language)
	headline := fmt.Sprintf(t.Quote, oneLine(a.Headline))
	// A reply stored with its message has no number yet: its link then
	// shows the comment it answers, which it sits under.
	anchor := c.ID
	if anchor == 0 {
		anchor = parent.ID
	}
	unsubscribe := UnsubscribeURL(s.origin, s.key, parent.ID)
	return &herald.OutboxMessage{
		To:      parent.Email,
		Subject: fmt.Sprintf(t.ReplySubject, headline),
		Text: paragraphs(
			fmt.Sprintf(t.Hello, oneLine(parent.Name)),
			fmt.Sprintf(t.ReplyLead, headline)+"\n"+fmt.Sprintf(t.ReplyFrom, oneLine(c.Name)),
			quote(c.Text),
			fmt.Sprintf(t.ReplyRead, s.commentURL(a, anchor)),
			fmt.Sprintf(t.BecauseSubscribe, fmt.Sprintf(t.Quote, oneLine(s.settings.Title)))+"\n"+
				fmt.Sprintf(t.Unsubscribe, unsubscribe),
		),
		// internal/mail adds List-Unsubscribe-Post: List-Unsubscribe=One-Click.
		Headers:   map[string]string{"List-Unsubscribe": "<" + unsubscribe + ">"},
		Announces: c.ID,
	}, nil
}

// paragraphs joins the non-empty parts with blank lines.
func paragraphs(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	b.WriteString("\n")
	return b.String()
}

// excerpt is the text of a held comment, cut when it is long.
func excerpt(text string) string {
	if utf8.RuneCountInString(text) > excerptLength {
		return markup.Excerpt(text, excerptLength)
	}
	return text
}

// quote marks each line of text as quoted, the way mail readers show it.
func quote(text string) string {
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n")), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight("> "+l, " ")
	}
	return strings.Join(lines, "\n")
}

// oneLine keeps a name or headline on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
