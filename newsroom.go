package herald

import (
	"context"
	"slices"
	"time"
)

// Session is a signed-in browser. The cookie holds a random token; the
// store keeps only its SHA-256, so a leaked database holds no usable session.
type Session struct {
	ID         string // hex SHA-256 of the cookie token
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time // absolute expiry
	IP         string
	UserAgent  string
}

// SessionStore keeps newsroom sessions in the database, so that they hold
// across several Herald processes.
type SessionStore interface {
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns the session with the id, ENOTFOUND if none.
	FindSession(ctx context.Context, id string) (*Session, error)
	// FindSessions returns the user's sessions, most recently seen first.
	FindSessions(ctx context.Context, userID int64) ([]*Session, error)
	// TouchSession records that the session was used at seen.
	TouchSession(ctx context.Context, id string, seen time.Time) error
	DeleteSession(ctx context.Context, id string) error
	// DeleteUserSessions signs the user out everywhere but the session
	// except (may be "").
	DeleteUserSessions(ctx context.Context, userID int64, except string) error
	// DeleteExpiredSessions removes sessions past their absolute expiry at
	// now or unused since idleSince, and returns how many.
	DeleteExpiredSessions(ctx context.Context, now, idleSince time.Time) (int, error)
}

// Revision is the state of an article after one save.
type Revision struct {
	ID          int64
	ArticleID   int64
	Version     int   // the article's Version after the save
	UserID      int64 // who saved; 0 for the system (e.g. the publisher)
	CreatedAt   time.Time
	Slug        string
	Headline    string
	Dek         string
	Body        string
	Excerpt     string
	Status      ArticleStatus
	PublishedAt time.Time
}

// RevisionStore reads revisions; CreateArticle, UpdateArticle and
// PublishDueArticles write one in the same transaction as every save.
type RevisionStore interface {
	// FindRevisions returns an article's revisions, newest first.
	FindRevisions(ctx context.Context, articleID int64) ([]*Revision, error)
	FindRevision(ctx context.Context, id int64) (*Revision, error)
}

// AuditEvent records who did what in the newsroom: sign-ins, publishing,
// deletions, role changes.
type AuditEvent struct {
	ID      int64
	Time    time.Time
	UserID  int64  // 0 when nobody was signed in (e.g. a failed sign-in)
	Action  string // e.g. "sign_in", "article.publish", "user.role"
	Subject string // what it was done to, e.g. "article 42"
	Detail  string
	IP      string
}

// AuditFilter selects audit events. Zero fields do not filter.
type AuditFilter struct {
	UserID int64
	Action string
	Offset int
	Limit  int
}

// AuditStore keeps the audit log; events are never changed or deleted.
type AuditStore interface {
	CreateAuditEvent(ctx context.Context, e *AuditEvent) error
	// FindAuditEvents returns matching events, newest first, and their count.
	FindAuditEvents(ctx context.Context, f AuditFilter) ([]*AuditEvent, int, error)
}

// ThrottleStore counts failures (e.g. sign-in attempts) per key, such as
// "login:email:x@example.com" or "login:ip:192.0.2.1", in the database so
// that the limits hold across processes. Failures older than a day may be
// forgotten.
type ThrottleStore interface {
	RecordFailure(ctx context.Context, key string, at time.Time) error
	// CountFailures returns the failures for key at or after since, and the
	// time of the oldest of them.
	CountFailures(ctx context.Context, key string, since time.Time) (n int, oldest time.Time, err error)
	ClearFailures(ctx context.Context, key string) error
}

// SecretStore keeps the server's signing keys, made once and shared by every
// process using the database.
type SecretStore interface {
	// Secret returns the secret with the name, storing generate() first
	// when there is none yet.
	Secret(ctx context.Context, name string, generate func() []byte) ([]byte, error)
}

// MediaFilter selects media. Query matches alt text, caption and credit.
type MediaFilter struct {
	Query  string
	Offset int
	Limit  int
}

// Permission is one thing a newsroom role may do.
type Permission string

// Permissions checked by the newsroom's handlers.
const (
	PermEditOwnArticles  Permission = "edit_own_articles"  // write and change one's own articles
	PermEditAllArticles  Permission = "edit_all_articles"  // change anyone's articles
	PermPublishOwn       Permission = "publish_own"        // publish, schedule and unpublish one's own
	PermPublishAll       Permission = "publish_all"        // publish anyone's
	PermUploadMedia      Permission = "upload_media"       // add images
	PermManageTaxonomy   Permission = "manage_taxonomy"    // sections, tags, stories
	PermModerate         Permission = "moderate"           // reader comments
	PermManageUsers      Permission = "manage_users"       // accounts and roles
	PermManageSettings   Permission = "manage_settings"    // site settings
	PermReadAudit        Permission = "read_audit"         // the audit log
	PermEditOtherProfile Permission = "edit_other_profile" // authors' profiles besides one's own
	PermReaderData       Permission = "reader_data"        // export and erase what is stored about a reader
)

var rolePermissions = map[Role][]Permission{
	RoleAdmin: {PermEditOwnArticles, PermEditAllArticles, PermPublishOwn, PermPublishAll, PermUploadMedia,
		PermManageTaxonomy, PermModerate, PermManageUsers, PermManageSettings, PermReadAudit, PermEditOtherProfile,
		PermReaderData},
	RoleEditor: {PermEditOwnArticles, PermEditAllArticles, PermPublishOwn, PermPublishAll, PermUploadMedia,
		PermManageTaxonomy, PermModerate, PermEditOtherProfile},
	RoleAuthor:      {PermEditOwnArticles, PermPublishOwn, PermUploadMedia},
	RoleContributor: {PermEditOwnArticles},
}

// Can reports whether the role has the permission.
func (r Role) Can(p Permission) bool {
	return slices.Contains(rolePermissions[r], p)
}
