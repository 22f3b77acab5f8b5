package site

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/demo"
	"github.com/herald-news/herald/internal/media"
	"github.com/herald-news/herald/internal/sqlstore"
)

// demoSite returns a site over a store holding the 2,000-article demo.
func demoSite(b *testing.B) *Site {
	b.Helper()
	ctx := context.Background()
	dir := b.TempDir()
	end := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	now := func() time.Time { return end }
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: filepath.Join(dir, "herald.db"), Now: now})
	must(b, err)
	b.Cleanup(func() { st.Close() })
	_, err = st.Migrate(ctx)
	must(b, err)
	lib, err := media.NewLibrary(filepath.Join(dir, "media"))
	must(b, err)
	_, err = demo.Load(ctx, st, lib, demo.Options{Articles: 2000, Images: 4, End: end})
	must(b, err)
	s, err := New(Options{Store: st, Now: now, Logger: slog.New(slog.DiscardHandler)})
	must(b, err)
	b.Cleanup(s.Close)
	return s
}

// demoArticle returns the newest article of a story and its path.
func demoArticle(b *testing.B, s *Site) (*herald.Article, string) {
	b.Helper()
	ctx := context.Background()
	settings, err := s.store.FindSettings(ctx)
	must(b, err)
	stories, err := s.store.FindStories(ctx, 0, 1)
	must(b, err)
	res, err := s.store.FindArticles(ctx, herald.ArticleFilter{StoryID: stories[0].ID, PublicAt: s.now(), Limit: 1})
	must(b, err)
	return res.Articles[0], res.Articles[0].Path(settings.Location())
}

// benchPage measures serving path, rendered each time and from the cache;
// an empty path is demoArticle's, with comments approved comments in
// threads of two on it.
func benchPage(b *testing.B, path string, comments int) {
	s := demoSite(b)
	if path == "" {
		var a *herald.Article
		a, path = demoArticle(b, s)
		var parent int64
		for i := range comments {
			c := &herald.Comment{ArticleID: a.ID, Name: "Reader", Email: "reader@example.com", Status: herald.CommentApproved,
				Text: fmt.Sprintf("Comment %d, with *emphasis* and a [link](https://example.com/%d).", i, i)}
			if i%2 == 1 {
				c.ParentID = parent
			}
			must(b, s.store.CreateComment(context.Background(), c))
			parent = c.ID
		}
	}
	h := s.Handler()
	serve := func(b *testing.B) {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusOK {
			b.Fatalf("GET %s: %d", path, w.Code)
		}
	}
	b.Run("uncached", func(b *testing.B) {
		for b.Loop() {
			s.cache.Clear()
			serve(b)
		}
	})
	b.Run("cached", func(b *testing.B) {
		serve(b)
		r := httptest.NewRequest(http.MethodGet, path, nil)
		w := &nullWriter{h: http.Header{}}
		b.ReportAllocs()
		for b.Loop() {
			h.ServeHTTP(w, r)
		}
	})
}

func BenchmarkArticlePage(b *testing.B) { benchPage(b, "", 0) }

// BenchmarkArticlePage_Comments renders the first of five pages of
// comments: 1,000 comments in 500 threads.
func BenchmarkArticlePage_Comments(b *testing.B) { benchPage(b, "", 1000) }

func BenchmarkFrontPage(b *testing.B) { benchPage(b, "/", 0) }

// nullWriter is a ResponseWriter that keeps nothing, so the cached
// benchmark measures the site and not a recorder.
type nullWriter struct{ h http.Header }

func (w *nullWriter) Header() http.Header         { return w.h }
func (w *nullWriter) Write(b []byte) (int, error) { return io.Discard.Write(b) }
func (w *nullWriter) WriteHeader(int)             {}
