package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/herald-news/herald"
)

// countingStore counts the API's reads of the store that could repeat
// per item of a list.
type countingStore struct {
	Store
	calls atomic.Int64
}

func (c *countingStore) FindArticles(ctx context.Context, f herald.ArticleFilter) (herald.ArticlePage, error) {
	c.calls.Add(1)
	return c.Store.FindArticles(ctx, f)
}

func (c *countingStore) FindPublicTags(ctx context.Context, f herald.PublicFilter) ([]herald.Counted[*herald.Tag], int, error) {
	c.calls.Add(1)
	return c.Store.FindPublicTags(ctx, f)
}

func (c *countingStore) FindPublicStories(ctx context.Context, f herald.PublicFilter) ([]herald.Counted[*herald.Story], int, error) {
	c.calls.Add(1)
	return c.Store.FindPublicStories(ctx, f)
}

func (c *countingStore) FindPublicAuthors(ctx context.Context, f herald.PublicFilter) ([]herald.PublicAuthor, int, error) {
	c.calls.Add(1)
	return c.Store.FindPublicAuthors(ctx, f)
}

// TestTaxonomy_StoreCalls checks that a list of tags, stories or authors
// reads the store as often with 40 more of each as without them.
func TestTaxonomy_StoreCalls(t *testing.T) {
	f := newFixture(t)
	store := &countingStore{Store: f.store}
	a, err := New(Options{Store: store, Now: f.clock.Now, Logger: slog.New(slog.DiscardHandler)})
	f.check(err)
	t.Cleanup(a.Close)
	// calls returns how many reads answering path took; each request has
	// a query of its own, so that none comes from the cache.
	calls := func(path string, n int) int64 {
		before := store.calls.Load()
		w := httptest.NewRecorder()
		a.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, fmt.Sprintf("%s?per_page=%d", path, 100-n), nil))
		if w.Code != http.StatusOK {
			t.Fatalf("GET %s: %d %s", path, w.Code, w.Body)
		}
		return store.calls.Load() - before
	}
	paths := []string{Prefix + "tags", Prefix + "stories", Prefix + "authors", pathOf("tags", f.tags["vote"].ID)}
	want := map[string]int64{}
	for _, path := range paths {
		want[path] = calls(path, 0)
	}
	for i := range 40 {
		tag := &herald.Tag{Name: fmt.Sprintf("Tag %d", i), Slug: fmt.Sprintf("tag-%d", i)}
		f.check(f.store.CreateTag(f.ctx, tag))
		story := &herald.Story{Name: fmt.Sprintf("Story %d", i), Slug: fmt.Sprintf("story-%d", i)}
		f.check(f.store.CreateStory(f.ctx, story))
		u := &herald.User{Name: fmt.Sprintf("Writer %d", i), Slug: fmt.Sprintf("writer-%d", i),
			Email: fmt.Sprintf("writer%d@example.com", i), Role: herald.RoleAuthor}
		f.check(f.store.CreateUser(f.ctx, u))
		f.article(fmt.Sprintf("more-%d", i), func(a *herald.Article) {
			a.TagIDs, a.StoryID, a.AuthorIDs = []int64{tag.ID}, story.ID, []int64{u.ID}
		})
	}
	for _, path := range paths {
		if got := calls(path, 1); got != want[path] {
			t.Errorf("GET %s read the store %d times with 40 more items, %d before", path, got, want[path])
		}
	}
}
