package api

import (
	"fmt"
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

// benchEnd is the demo's "now".
var benchEnd = time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)

// demoAPI returns the API over a SQLite store holding the 2,000-article
// demo (about 100 tags) and its store.
func demoAPI(b *testing.B) (*API, *sqlstore.Store) {
	dir := b.TempDir()
	now := func() time.Time { return benchEnd }
	st := openStore(b, dir, now)
	lib, err := media.NewLibrary(filepath.Join(dir, "media"))
	benchCheck(b, err)
	_, err = demo.Load(b.Context(), st, lib, demo.Options{Articles: 2000, Images: 4, End: benchEnd})
	benchCheck(b, err)
	a, err := New(Options{Store: st, Now: now, Logger: slog.New(slog.DiscardHandler)})
	benchCheck(b, err)
	b.Cleanup(a.Close)
	return a, st
}

func benchCheck(b *testing.B, err error) {
	b.Helper()
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkLists measures pages of 100 of the lists of tags (the first and
// the fiftieth), stories and authors, uncached, over the 2,000-article demo.
func BenchmarkLists(b *testing.B) {
	a, _ := demoAPI(b)
	benchLists(b, a)
}

// BenchmarkLists_5000Tags is BenchmarkLists with 5,000 more tags, each on
// one of the demo's public articles.
func BenchmarkLists_5000Tags(b *testing.B) {
	a, st := demoAPI(b)
	ctx := b.Context()
	res, err := st.FindArticles(ctx, herald.ArticleFilter{PublicAt: benchEnd, Limit: 1000})
	benchCheck(b, err)
	for i, art := range res.Articles {
		for j := range 5 {
			t := &herald.Tag{Name: fmt.Sprintf("Bench tag %d-%d", i, j), Slug: fmt.Sprintf("bench-tag-%d-%d", i, j)}
			benchCheck(b, st.CreateTag(ctx, t))
			art.Tags = append(art.Tags, t)
		}
		benchCheck(b, st.UpdateArticle(ctx, art))
	}
	benchLists(b, a)
}

func benchLists(b *testing.B, a *API) {
	h := a.Handler()
	for _, path := range []string{"tags?per_page=100", "tags?per_page=100&page=50", "stories?per_page=100", "authors?per_page=100"} {
		b.Run(path, func(b *testing.B) {
			for b.Loop() {
				a.cache.Clear()
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, Prefix+path, nil))
				if w.Code != http.StatusOK {
					b.Fatalf("GET %s: %d %s", path, w.Code, w.Body)
				}
			}
		})
	}
}
