package herald

import (
	"context"
	"time"
)

// ArticleStore keeps articles with their tags, authors and corrections.
type ArticleStore interface {
	// FindArticle returns one article with Section, Story, Featured,
	// Authors and Tags filled in.
	FindArticle(ctx context.Context, id int64) (*Article, error)
	// FindArticles returns a page of matching articles, each filled in as
	// by FindArticle (Body included), and the total count of matches.
	FindArticles(ctx context.Context, f ArticleFilter) (ArticlePage, error)
	// FindRelatedArticles returns public articles sharing the most tags
	// with the article, newest first among equals.
	FindRelatedArticles(ctx context.Context, a *Article, limit int) ([]*Article, error)
	// CreateArticle stores a new article and sets its ID, record times and
	// Version (1).
	CreateArticle(ctx context.Context, a *Article) error
	// UpdateArticle replaces the article's fields, tags and authors. It
	// fails with ECONFLICT when a.Version is not the stored version, and on
	// success increases a.Version.
	UpdateArticle(ctx context.Context, a *Article) error
	// DeleteArticle removes the article.
	DeleteArticle(ctx context.Context, id int64) error
	// PublishDueArticles publishes every scheduled article whose time is
	// not after now, recording a revision by the system, and returns their
	// ids. Safe to run from several processes at once.
	PublishDueArticles(ctx context.Context, now time.Time) ([]int64, error)
	// NextScheduledTime returns the earliest publication time of a
	// scheduled article, zero when none is scheduled.
	NextScheduledTime(ctx context.Context) (time.Time, error)
}

// SectionStore keeps the section tree.
type SectionStore interface {
	FindSection(ctx context.Context, id int64) (*Section, error)
	FindSectionBySlug(ctx context.Context, slug string) (*Section, error)
	// FindSections returns every section ordered for display: parents
	// before children, siblings by Position then Name.
	FindSections(ctx context.Context) ([]*Section, error)
	CreateSection(ctx context.Context, s *Section) error
	UpdateSection(ctx context.Context, s *Section) error
	// DeleteSection removes a section; its articles are left without a
	// section and its children move to its parent.
	DeleteSection(ctx context.Context, id int64) error
}

// TagStore keeps tags.
type TagStore interface {
	FindTag(ctx context.Context, id int64) (*Tag, error)
	FindTagBySlug(ctx context.Context, slug string) (*Tag, error)
	// FindTags returns tags ordered by name.
	FindTags(ctx context.Context, offset, limit int) ([]*Tag, error)
	CreateTag(ctx context.Context, t *Tag) error
	UpdateTag(ctx context.Context, t *Tag) error
	DeleteTag(ctx context.Context, id int64) error
	// MergeTags moves every article of tag from onto tag into, then
	// deletes from.
	MergeTags(ctx context.Context, from, into int64) error
}

// StoryStore keeps running stories.
type StoryStore interface {
	FindStory(ctx context.Context, id int64) (*Story, error)
	FindStoryBySlug(ctx context.Context, slug string) (*Story, error)
	// FindStories returns stories, newest first.
	FindStories(ctx context.Context, offset, limit int) ([]*Story, error)
	CreateStory(ctx context.Context, s *Story) error
	UpdateStory(ctx context.Context, s *Story) error
	// DeleteStory removes the story; its articles stay, outside any story.
	DeleteStory(ctx context.Context, id int64) error
}

// Counted is a tag, story or author with the number of its public articles.
type Counted[T any] struct {
	Item     T
	Articles int
}

// PublicAuthor is a member of the newsroom with a byline on a public
// article, their photo (nil for none) and the number of those articles.
type PublicAuthor struct {
	Counted[*User]
	Photo *Media
}

// PublicFilter selects the tags, stories or authors of the articles
// readers may see at Now: published, with a publication time not after it.
type PublicFilter struct {
	Now    time.Time
	ID     int64 // only the one with this id; 0: all
	Offset int
	Limit  int // 0 means the store's default (20); at most 1000
}

// PublicStore finds what the articles readers may see are filed under,
// with their counts: each page in a constant number of queries, however
// many tags, stories or authors there are. Each returns one page and how
// many there are in all.
type PublicStore interface {
	// FindPublicTags returns tags by name.
	FindPublicTags(ctx context.Context, f PublicFilter) ([]Counted[*Tag], int, error)
	// FindPublicStories returns stories, newest first.
	FindPublicStories(ctx context.Context, f PublicFilter) ([]Counted[*Story], int, error)
	// FindPublicAuthors returns the users with a byline, by name.
	FindPublicAuthors(ctx context.Context, f PublicFilter) ([]PublicAuthor, int, error)
}

// UserStore keeps the newsroom's members.
type UserStore interface {
	FindUser(ctx context.Context, id int64) (*User, error)
	FindUserBySlug(ctx context.Context, slug string) (*User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]*User, error)
	CountUsers(ctx context.Context) (int, error)
	CreateUser(ctx context.Context, u *User) error
	UpdateUser(ctx context.Context, u *User) error
	// DeleteUser removes the user and their bylines.
	DeleteUser(ctx context.Context, id int64) error
}

// MediaStore keeps media records; the files live in a media.Library.
type MediaStore interface {
	FindMedia(ctx context.Context, id int64) (*Media, error)
	FindMediaByHash(ctx context.Context, hash string) (*Media, error)
	// FindMediaList returns matching media, newest first, and their count.
	FindMediaList(ctx context.Context, f MediaFilter) ([]*Media, int, error)
	CreateMedia(ctx context.Context, m *Media) error
	UpdateMedia(ctx context.Context, m *Media) error
	DeleteMedia(ctx context.Context, id int64) error
}

// RedirectStore keeps redirects from old paths.
type RedirectStore interface {
	// FindRedirect returns the redirect from path, ENOTFOUND if none.
	FindRedirect(ctx context.Context, from string) (*Redirect, error)
	FindRedirects(ctx context.Context, offset, limit int) ([]*Redirect, error)
	// CreateRedirect stores a redirect, replacing any from the same path.
	CreateRedirect(ctx context.Context, r *Redirect) error
	DeleteRedirect(ctx context.Context, id int64) error
}

// SettingStore keeps the site settings.
type SettingStore interface {
	// FindSettings returns the stored settings over DefaultSettings.
	FindSettings(ctx context.Context) (Settings, error)
	UpdateSettings(ctx context.Context, s Settings) error
}

// Store is everything Herald keeps, with a report of what changed.
type Store interface {
	ArticleStore
	SectionStore
	TagStore
	StoryStore
	PublicStore
	UserStore
	MediaStore
	RedirectStore
	SettingStore
	SessionStore
	RevisionStore
	AuditStore
	ThrottleStore
	SecretStore
	CommentStore
	OutboxStore
	SitemapStore
	WebhookStore
	ChangeSource
}
