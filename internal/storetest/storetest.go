// Package storetest is the behaviour suite every herald.Store must pass.
// A store package runs it from its own tests:
//
//	func TestStore(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) herald.Store { return openEmptyStore(t) })
//	}
package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// Run runs every behaviour as a parallel subtest. open must return a new,
// empty, migrated store for each subtest and close it when the subtest
// ends; it is called from several goroutines at once.
func Run(t *testing.T, open func(t *testing.T) herald.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s herald.Store)
	}{
		{"TestArticleStore_Create", testArticleCreate},
		{"TestArticleStore_Update", testArticleUpdate},
		{"TestArticleStore_Delete", testArticleDelete},
		{"TestArticleStore_Validation", testArticleValidation},
		{"TestArticleStore_SlugConflict", testArticleSlugConflict},
		{"TestArticleStore_FindFilters", testArticleFindFilters},
		{"TestArticleStore_FindPaging", testArticleFindPaging},
		{"TestArticleStore_FindOrder", testArticleFindOrder},
		{"TestArticleStore_FindAfter", testArticleFindAfter},
		{"TestArticleStore_FindRelated", testArticleFindRelated},
		{"TestSectionStore_Tree", testSectionTree},
		{"TestSectionStore_Update", testSectionUpdate},
		{"TestSectionStore_Delete", testSectionDelete},
		{"TestTagStore_CRUD", testTagCRUD},
		{"TestStoryStore_CRUD", testStoryCRUD},
		{"TestStoryStore_Delete", testStoryDelete},
		{"TestUserStore_CRUD", testUserCRUD},
		{"TestUserStore_Conflict", testUserConflict},
		{"TestUserStore_Delete", testUserDelete},
		{"TestMediaStore_CRUD", testMediaCRUD},
		{"TestMediaStore_Delete", testMediaDelete},
		{"TestRedirectStore_Replace", testRedirectReplace},
		{"TestSettingStore_RoundTrip", testSettingsRoundTrip},
		{"TestStore_SlugConflict", testSlugConflicts},
		{"TestStore_NotFound", testNotFound},
		{"TestStore_Validation", testValidation},
		{"TestStore_Changes", testChanges},
		{"TestStore_ChangesAfterCommit", testChangesAfterCommit},
		{"TestArticleStore_Version", testArticleVersion},
		{"TestArticleStore_VersionConcurrent", testArticleVersionConcurrent},
		{"TestArticleStore_Revisions", testArticleRevisions},
		{"TestArticleStore_RevisionsBulk", testArticleRevisionsBulk},
		{"TestArticleStore_Translations", testArticleTranslations},
		{"TestArticleStore_PublishDue", testPublishDue},
		{"TestArticleStore_PublishDueConcurrent", testPublishDueConcurrent},
		{"TestTagStore_Merge", testTagMerge},
		{"TestMediaStore_List", testMediaList},
		{"TestUserStore_TwoFactor", testUserTwoFactor},
		{"TestSessionStore_CRUD", testSessions},
		{"TestSessionStore_Expiry", testSessionsExpiry},
		{"TestAuditStore_Find", testAudit},
		{"TestThrottleStore_Count", testThrottle},
		{"TestSecretStore_Once", testSecrets},
		{"TestCommentStore_Create", testCommentCreate},
		{"TestCommentStore_ChangeKinds", testCommentChangeKinds},
		{"TestCommentStore_Validation", testCommentValidation},
		{"TestCommentStore_Thread", testCommentThread},
		{"TestCommentStore_Moderation", testCommentModeration},
		{"TestCommentStore_Edit", testCommentEdit},
		{"TestCommentStore_Privacy", testCommentPrivacy},
		{"TestCommentStore_Outbox", testCommentOutbox},
		{"TestCommentStore_StatusOutbox", testCommentStatusOutbox},
		{"TestCommentStore_AnnouncedOnce", testCommentAnnouncedOnce},
		{"TestCommentStore_Subscriptions", testCommentSubscriptions},
		{"TestCommentStore_Recent", testCommentRecent},
		{"TestCommentStore_Reasons", testCommentReasons},
		{"TestSitemapStore_ArticleRefs", testSitemapArticleRefs},
		{"TestSitemapStore_ArticleRefsBatches", testSitemapArticleRefsBatches},
		{"TestSitemapStore_ArticleRefChunks", testSitemapArticleRefChunks},
		{"TestSitemapStore_ListingRefs", testSitemapListingRefs},
		{"TestPublicStore_Counts", testPublicCounts},
		{"TestPublicStore_CountsTime", testPublicCountsTime},
		{"TestPublicStore_CountsPaging", testPublicCountsPaging},
		{"TestOutboxStore_Lifecycle", testOutbox},
		{"TestOutboxStore_Concurrent", testOutboxConcurrent},
		{"TestWebhookStore_CRUD", testWebhookCRUD},
		{"TestWebhookStore_Validation", testWebhookValidation},
		{"TestWebhookStore_Events", testWebhookEvents},
		{"TestWebhookStore_EventsBulk", testWebhookEventsBulk},
		{"TestWebhookStore_RelatedChanges", testWebhookRelatedChanges},
		{"TestWebhookStore_Deliveries", testWebhookDeliveries},
		{"TestWebhookStore_Concurrent", testWebhookConcurrent},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, open(t))
		})
	}
}

// day is the publication day most fixtures use.
var day = time.Date(2022, 9, 27, 0, 0, 0, 0, time.UTC)

// fixture creates records for a test and fails it on any error.
type fixture struct {
	t   *testing.T
	ctx context.Context
	s   herald.Store
	n   int
}

func newFixture(t *testing.T, s herald.Store) *fixture {
	return &fixture{t: t, ctx: t.Context(), s: s}
}

func (f *fixture) check(err error) {
	f.t.Helper()
	if err != nil {
		f.t.Fatal(err)
	}
}

func (f *fixture) tag(slug string) *herald.Tag {
	f.t.Helper()
	tag := &herald.Tag{Slug: slug, Name: "Tag " + slug}
	f.check(f.s.CreateTag(f.ctx, tag))
	return tag
}

func (f *fixture) section(slug string, parent int64, position int) *herald.Section {
	f.t.Helper()
	sec := &herald.Section{Slug: slug, Name: "Section " + slug, ParentID: parent, Position: position, InNav: true}
	f.check(f.s.CreateSection(f.ctx, sec))
	return sec
}

func (f *fixture) story(slug string) *herald.Story {
	f.t.Helper()
	st := &herald.Story{Slug: slug, Name: "Story " + slug, Description: "About " + slug}
	f.check(f.s.CreateStory(f.ctx, st))
	return st
}

func (f *fixture) user(slug string) *herald.User {
	f.t.Helper()
	u := &herald.User{Name: "User " + slug, Slug: slug, Email: slug + "@example.com", Role: herald.RoleAuthor,
		Bio: "Writes.", PasswordHash: "hash-" + slug}
	f.check(f.s.CreateUser(f.ctx, u))
	return u
}

func (f *fixture) media(n int) *herald.Media {
	f.t.Helper()
	m := &herald.Media{Hash: fmt.Sprintf("%064x", n), Type: "image/jpeg", Size: 1000, Width: 1200, Height: 800,
		Alt: "A picture", Variants: []int{320, 640}}
	f.check(f.s.CreateMedia(f.ctx, m))
	return m
}

// article creates a published article on day, one hour after the previous
// one, after edit changes it.
func (f *fixture) article(edit func(a *herald.Article)) *herald.Article {
	f.t.Helper()
	a := newArticle(f.n)
	f.n++
	if edit != nil {
		edit(a)
	}
	f.check(f.s.CreateArticle(f.ctx, a))
	return a
}

// newArticle returns a valid published article numbered n.
func newArticle(n int) *herald.Article {
	return &herald.Article{
		Slug:         fmt.Sprintf("article-%d", n),
		Headline:     fmt.Sprintf("Article %d", n),
		Body:         "Text.",
		Language:     "en",
		Status:       herald.StatusPublished,
		PublishedAt:  day.Add(time.Duration(n) * time.Hour),
		CommentsOpen: true,
	}
}

// wantCode fails the test unless err carries the error code.
func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := herald.ErrorCode(err); got != code {
		t.Errorf("error code = %q, want %q (error: %v)", got, code, err)
	}
}

// slugs returns the slugs of the articles, for compact comparisons.
func slugs(articles []*herald.Article) []string {
	out := []string{}
	for _, a := range articles {
		out = append(out, a.Slug)
	}
	return out
}
