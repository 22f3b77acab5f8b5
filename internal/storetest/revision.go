package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/herald-news/herald"
)

// testArticleVersion checks the optimistic version check: the second of
// two saves from the same version is refused.
func testArticleVersion(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	if a.Version != 1 {
		t.Fatalf("Version after create = %d, want 1", a.Version)
	}
	first, second := *a, *a
	first.Headline = "First"
	f.check(s.UpdateArticle(f.ctx, &first))
	if first.Version != 2 {
		t.Errorf("Version after update = %d, want 2", first.Version)
	}
	second.Headline = "Second"
	err := s.UpdateArticle(f.ctx, &second)
	wantCode(t, err, herald.ECONFLICT)
	stale := second
	stale.SectionID = 9999 // the version is checked first
	wantCode(t, s.UpdateArticle(f.ctx, &stale), herald.ECONFLICT)
	if second.Version != 1 {
		t.Errorf("Version after a refused update = %d, want 1", second.Version)
	}
	got, err := s.FindArticle(f.ctx, a.ID)
	f.check(err)
	if got.Headline != "First" || got.Version != 2 {
		t.Errorf("stored headline %q version %d, want First 2", got.Headline, got.Version)
	}
	f.check(s.UpdateArticle(f.ctx, got))
	gone := *got
	f.check(s.DeleteArticle(f.ctx, a.ID))
	wantCode(t, s.UpdateArticle(f.ctx, &gone), herald.ENOTFOUND)
}

// testArticleRevisions checks that every save keeps a revision with its
// version and editor, newest first.
func testArticleRevisions(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	ann, bob := f.user("ann"), f.user("bob")
	a := f.article(func(a *herald.Article) {
		a.Status, a.PublishedAt, a.Dek, a.Excerpt = herald.StatusDraft, time.Time{}, "Dek.", "Excerpt."
		a.EditorID = ann.ID
	})
	a.EditorID = bob.ID
	a.Body, a.Status, a.PublishedAt = "New text.", herald.StatusPublished, day.Add(time.Hour)
	f.check(s.UpdateArticle(f.ctx, a))
	revs, err := s.FindRevisions(f.ctx, a.ID)
	f.check(err)
	want := []*herald.Revision{
		{ArticleID: a.ID, Version: 2, UserID: bob.ID, CreatedAt: a.ModifiedAt, Slug: a.Slug, Headline: a.Headline,
			Dek: "Dek.", Body: "New text.", Excerpt: "Excerpt.", Status: herald.StatusPublished, PublishedAt: day.Add(time.Hour)},
		{ArticleID: a.ID, Version: 1, UserID: ann.ID, CreatedAt: a.CreatedAt, Slug: a.Slug, Headline: a.Headline,
			Dek: "Dek.", Body: "Text.", Excerpt: "Excerpt.", Status: herald.StatusDraft},
	}
	opt := cmpopts.IgnoreFields(herald.Revision{}, "ID")
	if diff := cmp.Diff(want, revs, opt); diff != "" {
		t.Fatalf("FindRevisions (-want +got):\n%s", diff)
	}
	got, err := s.FindRevision(f.ctx, revs[1].ID)
	f.check(err)
	if diff := cmp.Diff(revs[1], got); diff != "" {
		t.Errorf("FindRevision (-want +got):\n%s", diff)
	}
	_, err = s.FindRevision(f.ctx, revs[0].ID+100)
	wantCode(t, err, herald.ENOTFOUND)

	t.Run("a deleted editor leaves the system", func(t *testing.T) {
		f.check(s.DeleteUser(f.ctx, bob.ID))
		revs, err := s.FindRevisions(f.ctx, a.ID)
		f.check(err)
		if revs[0].UserID != 0 {
			t.Errorf("UserID = %d, want 0", revs[0].UserID)
		}
	})
	t.Run("a missing editor is refused", func(t *testing.T) {
		a.EditorID = 9999
		wantCode(t, s.UpdateArticle(f.ctx, a), herald.EINVALID)
	})
	t.Run("deleting the article deletes its revisions", func(t *testing.T) {
		f.check(s.DeleteArticle(f.ctx, a.ID))
		revs, err := s.FindRevisions(f.ctx, a.ID)
		f.check(err)
		if len(revs) != 0 {
			t.Errorf("%d revisions left", len(revs))
		}
	})
}

// bulkCreator is a store that creates many articles in one transaction.
type bulkCreator interface {
	CreateArticles(ctx context.Context, articles []*herald.Article) error
}

// bulkStore returns s as a bulkCreator, skipping the test when it is not.
func bulkStore(t *testing.T, s herald.Store) bulkCreator {
	bulk, ok := s.(bulkCreator)
	if !ok {
		t.Skip("the store has no CreateArticles")
	}
	return bulk
}

// testArticleRevisionsBulk checks that CreateArticles keeps one revision
// per article, and none when it fails.
func testArticleRevisionsBulk(t *testing.T, s herald.Store) {
	bulk := bulkStore(t, s)
	f := newFixture(t, s)
	articles := []*herald.Article{newArticle(1), newArticle(2)}
	f.check(bulk.CreateArticles(f.ctx, articles))
	for _, a := range articles {
		revs, err := s.FindRevisions(f.ctx, a.ID)
		f.check(err)
		if len(revs) != 1 || revs[0].Version != 1 || revs[0].Headline != a.Headline {
			t.Errorf("revisions of %s: %+v", a.Slug, revs)
		}
	}
	bad := []*herald.Article{newArticle(3), newArticle(4)}
	bad[1].TagIDs = []int64{9999}
	wantCode(t, bulk.CreateArticles(f.ctx, bad), herald.EINVALID)
}

// testArticleTranslations checks TranslationOf, its filter, and that a
// translation of a translation links to the original.
func testArticleTranslations(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	orig := f.article(nil)
	ru := f.article(func(a *herald.Article) { a.Language, a.TranslationOf = "ru", orig.ID })
	de := f.article(func(a *herald.Article) { a.Language, a.TranslationOf = "de", ru.ID })
	if de.TranslationOf != orig.ID {
		t.Errorf("translation of a translation: TranslationOf = %d, want the original %d", de.TranslationOf, orig.ID)
	}
	got, err := s.FindArticle(f.ctx, ru.ID)
	f.check(err)
	if got.TranslationOf != orig.ID {
		t.Errorf("TranslationOf = %d, want %d", got.TranslationOf, orig.ID)
	}
	p, err := s.FindArticles(f.ctx, herald.ArticleFilter{TranslationOf: orig.ID, Order: herald.OldestFirst})
	f.check(err)
	if diff := cmp.Diff([]string{ru.Slug, de.Slug}, slugs(p.Articles)); diff != "" {
		t.Errorf("translations (-want +got):\n%s", diff)
	}
	self := *orig
	self.TranslationOf = orig.ID
	wantCode(t, s.UpdateArticle(f.ctx, &self), herald.EINVALID)
	cycle := *orig
	cycle.TranslationOf = ru.ID
	wantCode(t, s.UpdateArticle(f.ctx, &cycle), herald.EINVALID)
	missing := newArticle(10)
	missing.TranslationOf = 9999
	wantCode(t, s.CreateArticle(f.ctx, missing), herald.EINVALID)
	f.check(s.DeleteArticle(f.ctx, orig.ID))
	got, err = s.FindArticle(f.ctx, ru.ID)
	f.check(err)
	if got.TranslationOf != 0 {
		t.Errorf("TranslationOf after the original went = %d, want 0", got.TranslationOf)
	}
}

// testPublishDue checks that the publisher's query publishes exactly the
// scheduled articles that are due, with a system revision each.
func testPublishDue(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	tag, u := f.tag("vote"), f.user("ann")
	schedule := func(at time.Time) *herald.Article {
		return f.article(func(a *herald.Article) {
			a.Status, a.PublishedAt, a.TagIDs, a.AuthorIDs = herald.StatusScheduled, at, []int64{tag.ID}, []int64{u.ID}
		})
	}
	next, err := s.NextScheduledTime(f.ctx)
	f.check(err)
	if !next.IsZero() {
		t.Errorf("NextScheduledTime with none scheduled = %v, want zero", next)
	}
	late, early, future := schedule(day.Add(2*time.Hour)), schedule(day.Add(time.Hour)), schedule(day.Add(48*time.Hour))
	f.article(func(a *herald.Article) { a.Status, a.PublishedAt = herald.StatusDraft, day })
	next, err = s.NextScheduledTime(f.ctx)
	f.check(err)
	if !next.Equal(early.PublishedAt) {
		t.Errorf("NextScheduledTime = %v, want %v", next, early.PublishedAt)
	}
	r := record(t, s)
	ids, err := s.PublishDueArticles(f.ctx, day.Add(2*time.Hour))
	f.check(err)
	if diff := cmp.Diff([]int64{early.ID, late.ID}, ids); diff != "" {
		t.Errorf("published (-want +got):\n%s", diff)
	}
	want := []herald.Change{{Kind: herald.ChangeArticle, ID: early.ID}, {Kind: herald.ChangeArticle, ID: late.ID}}
	if diff := cmp.Diff(want, r.take()); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	checkPublished(t, f, late, tag, u)
	ids, err = s.PublishDueArticles(f.ctx, day.Add(2*time.Hour))
	f.check(err)
	if len(ids) != 0 {
		t.Errorf("published again: %v", ids)
	}
	next, err = s.NextScheduledTime(f.ctx)
	f.check(err)
	if !next.Equal(future.PublishedAt) {
		t.Errorf("NextScheduledTime after publishing = %v, want %v", next, future.PublishedAt)
	}
}

// checkPublished checks a published article's status, version, revision
// and listings.
func checkPublished(t *testing.T, f *fixture, a *herald.Article, tag *herald.Tag, u *herald.User) {
	t.Helper()
	got, err := f.s.FindArticle(f.ctx, a.ID)
	f.check(err)
	if got.Status != herald.StatusPublished || got.Version != 2 {
		t.Errorf("after publishing: status %s, version %d", got.Status, got.Version)
	}
	revs, err := f.s.FindRevisions(f.ctx, a.ID)
	f.check(err)
	if len(revs) != 2 || revs[0].UserID != 0 || revs[0].Version != 2 || revs[0].Status != herald.StatusPublished {
		t.Errorf("revision of publishing: %+v", revs[0])
	}
	for _, filter := range []herald.ArticleFilter{{TagID: tag.ID}, {AuthorID: u.ID}} {
		filter.PublicAt = day.Add(3 * time.Hour)
		p, err := f.s.FindArticles(f.ctx, filter)
		f.check(err)
		if p.Total != 2 {
			t.Errorf("public listing %+v after publishing: %v", filter, slugs(p.Articles))
		}
	}
}

// testPublishDueConcurrent checks that publishers racing each other
// publish each article once.
func testPublishDueConcurrent(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	var want []int64
	for i := range 20 {
		a := f.article(func(a *herald.Article) {
			a.Status, a.PublishedAt = herald.StatusScheduled, day.Add(time.Duration(i)*time.Minute)
		})
		want = append(want, a.ID)
	}
	var mu sync.Mutex
	var got []int64
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			ids, err := s.PublishDueArticles(f.ctx, day.Add(time.Hour))
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			got = append(got, ids...)
			mu.Unlock()
		})
	}
	wg.Wait()
	slices.Sort(got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("published ids over all publishers (-want +got):\n%s", diff)
	}
}

// testArticleVersionConcurrent checks that of several saves racing from
// the same version exactly one wins.
func testArticleVersionConcurrent(t *testing.T, s herald.Store) {
	f := newFixture(t, s)
	a := f.article(nil)
	var mu sync.Mutex
	codes := map[string]int{}
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			edit := *a
			edit.Headline = fmt.Sprintf("Edit %d", i)
			code := herald.ErrorCode(s.UpdateArticle(f.ctx, &edit))
			mu.Lock()
			codes[code]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if diff := cmp.Diff(map[string]int{"": 1, herald.ECONFLICT: 3}, codes); diff != "" {
		t.Errorf("outcomes of racing saves by error code (-want +got):\n%s", diff)
	}
	revs, err := s.FindRevisions(f.ctx, a.ID)
	f.check(err)
	if len(revs) != 2 {
		t.Errorf("%d revisions, want 2", len(revs))
	}
}
