package herald

import (
	"context"
	"net/mail"
	"net/url"
	"time"
)

// Kinds of change to comments; the ID is the article's.
const (
	// ChangeComment reports that an article's public comments changed: one
	// was approved, or an approved one edited, hidden or deleted.
	ChangeComment ChangeKind = "comment"
	// ChangeModeration reports that comments readers do not see changed:
	// one awaiting moderation arrived, or one moved between pending, spam
	// and trash.
	ChangeModeration ChangeKind = "moderation"
)

// CommentStatus is where a comment stands in moderation.
type CommentStatus string

// Comment statuses. Only approved comments are public.
const (
	CommentPending  CommentStatus = "pending"
	CommentApproved CommentStatus = "approved"
	CommentSpam     CommentStatus = "spam"
	CommentTrash    CommentStatus = "trash"
)

// Valid reports whether s is a known status.
func (s CommentStatus) Valid() bool {
	switch s {
	case CommentPending, CommentApproved, CommentSpam, CommentTrash:
		return true
	}
	return false
}

// Comment is a reader's comment on an article, or a reply to another
// comment. Email, IP and UserAgent are private: never shown on public
// pages, in feeds or in API answers, nor as a hash.
type Comment struct {
	ID        int64
	ArticleID int64
	// ParentID is the comment this one answers; 0 for a top-level comment.
	ParentID int64
	Name     string
	Email    string
	// Website is the commenter's own http or https address, if any.
	Website string
	// Text is what the commenter wrote: plain text with a little Markdown.
	Text   string
	Status CommentStatus
	// Notify says whether the commenter wants an email when a reply to
	// them is approved.
	Notify bool
	// UserID is the member of staff who wrote the comment; 0 for readers.
	UserID    int64
	CreatedAt time.Time
	// IP and UserAgent serve spam control only, and are purged after a
	// retention period.
	IP        string
	UserAgent string
	// Reasons say why the spam checks held the comment or marked it spam,
	// in short phrases for moderators ("too many links (3, at most 2)",
	// "first comment from this address"); empty when they approved it.
	// Like Email, they are never shown on public pages.
	Reasons []string
}

// Validate checks the comment's own fields.
func (c *Comment) Validate() error {
	fe := FieldErrors{}
	checkText(fe, "name", c.Name, 100, true)
	if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email || len(c.Email) > 254 {
		fe.Add("email", "must be an email address such as name@example.com")
	}
	checkText(fe, "website", c.Website, 500, false)
	if c.Website != "" && !webAddress(c.Website) {
		fe.Add("website", "must be an address starting with http:// or https://")
	}
	checkText(fe, "text", c.Text, 10000, true)
	if !c.Status.Valid() {
		fe.Add("status", "must be one of pending, approved, spam, trash")
	}
	checkText(fe, "user_agent", c.UserAgent, 1000, false)
	checkText(fe, "ip", c.IP, 100, false)
	return fe.Err()
}

// webAddress reports whether s is an absolute http or https URL.
func webAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// CommentFilter selects comments for the moderation queue. Zero fields
// select everything.
type CommentFilter struct {
	ArticleID int64
	Status    CommentStatus
	Offset    int
	Limit     int
}

// CommentStore keeps reader comments. Every method that changes comments
// reports, for each article concerned, a ChangeComment once it commits when
// readers can see the change, and a ChangeModeration when they cannot.
type CommentStore interface {
	FindComment(ctx context.Context, id int64) (*Comment, error)
	// FindArticleComments returns the article's approved comments, and
	// those of include in any status but spam and trash (a commenter's own,
	// awaiting moderation), oldest first. Replies carry ParentID; the
	// caller builds the threads.
	FindArticleComments(ctx context.Context, articleID int64, include []int64) ([]*Comment, error)
	// FindComments returns matching comments, newest first, and their
	// count, for the moderation queue.
	FindComments(ctx context.Context, f CommentFilter) ([]*Comment, int, error)
	// FindRecentComments returns the newest approved comments, newest
	// first, at most limit (1 to 1000), on articles readers may see at now:
	// the site's recent comments feed.
	FindRecentComments(ctx context.Context, now time.Time, limit int) ([]*Comment, error)
	// CountComments returns the number of approved comments of each
	// article; articles without any are absent from the map.
	CountComments(ctx context.Context, articleIDs []int64) (map[int64]int, error)
	// CountPendingComments returns the number of comments awaiting
	// moderation.
	CountPendingComments(ctx context.Context) (int, error)
	// HasApprovedComment reports whether the email address has an approved
	// comment, which tells first-time commenters apart.
	HasApprovedComment(ctx context.Context, email string) (bool, error)
	// IsDuplicateComment reports whether a comment with the same article,
	// email address (in any case) and text is stored, in any status.
	IsDuplicateComment(ctx context.Context, c *Comment) (bool, error)
	// CreateComment stores a new comment, setting its ID and CreatedAt,
	// and in the same transaction puts msgs in the outbox. The parent, if
	// any, must be a comment on the same article.
	CreateComment(ctx context.Context, c *Comment, msgs ...*OutboxMessage) error
	// UpdateCommentStatus sets the status of every comment of ids and in
	// the same transaction puts msgs in the outbox, such as the reply
	// notifications that approving causes.
	UpdateCommentStatus(ctx context.Context, ids []int64, status CommentStatus, msgs ...*OutboxMessage) error
	// UpdateCommentText replaces a comment's text.
	UpdateCommentText(ctx context.Context, id int64, text string) error
	// HoldCommentText replaces a comment's text and, in the same
	// transaction, sends it back to moderation (pending) for the reasons:
	// what an edit the spam checks would not approve does.
	HoldCommentText(ctx context.Context, id int64, text string, reasons []string) error
	// UnsubscribeComments turns Notify off on the comment and on every
	// other comment by the same email address (in any case): what a
	// one-click unsubscribe link does. Nothing public changes, so it
	// reports no change.
	UnsubscribeComments(ctx context.Context, id int64) error
	// DeleteComment removes a comment; its replies move up to its parent.
	DeleteComment(ctx context.Context, id int64) error
	// PurgeCommentClients blanks the IP and user agent of comments created
	// before the time, and returns how many it blanked.
	PurgeCommentClients(ctx context.Context, before time.Time) (int, error)
	// PurgeSpam deletes spam created before the time, and returns how many
	// comments it deleted. Replies to purged spam become top-level.
	PurgeSpam(ctx context.Context, before time.Time) (int, error)
	// FindCommentsByEmail returns every comment by the email address, in
	// any case, oldest first: what an export gives its owner.
	FindCommentsByEmail(ctx context.Context, email string) ([]*Comment, error)
	// FindMessagesByEmail returns every outbox message to the email
	// address, in any case, sent or not, oldest first: the rest of what an
	// export gives.
	FindMessagesByEmail(ctx context.Context, email string) ([]*OutboxMessage, error)
	// DeleteCommentsByEmail erases every comment by the email address, in
	// any case, and every outbox message to it, and returns how many
	// comments it deleted. Replies to erased comments become top-level.
	DeleteCommentsByEmail(ctx context.Context, email string) (int, error)
}
