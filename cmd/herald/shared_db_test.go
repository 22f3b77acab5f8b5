package main

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/site"
	"github.com/herald-news/herald/internal/sqlstore"
)

// TestSharedPostgres_PageCache runs two sites on one PostgreSQL database,
// as two Herald processes behind a load balancer would: an article
// published through one empties the other's page cache, so that its
// readers see the new headline too.
func TestSharedPostgres_PageCache(t *testing.T) {
	dsn := postgresDatabase(t)
	a, b := openShared(t, dsn), openShared(t, dsn)
	ed := &herald.User{Name: "Ed", Slug: "ed", Email: "ed@example.com", Role: herald.RoleEditor}
	mustOK(t, a.CreateUser(t.Context(), ed))
	publish := func(headline, slug string) {
		t.Helper()
		mustOK(t, a.CreateArticle(t.Context(), &herald.Article{Headline: headline, Slug: slug, Language: "en",
			Status: herald.StatusPublished, PublishedAt: time.Now().Add(-time.Hour), Body: "Text.",
			AuthorIDs: []int64{ed.ID}, EditorID: ed.ID}))
	}
	publish("Harbour reopens", "harbour-reopens")
	frontA, frontB := serveFront(t, a), serveFront(t, b)
	for name, front := range map[string]func() string{"A": frontA, "B": frontB} {
		if page := front(); !strings.Contains(page, "Harbour reopens") {
			t.Fatalf("site %s's front page lacks the first headline:\n%s", name, page)
		}
	}
	publish("Ferries return to the harbour", "ferries-return")
	if !strings.Contains(frontA(), "Ferries return to the harbour") {
		t.Error("site A, on the store that published, serves the old front page")
	}
	waitFor(t, func() bool { return strings.Contains(frontB(), "Ferries return to the harbour") },
		"site B to serve the headline published through store A")
}

// serveFront serves a site on st over HTTP and returns a function that
// gets its front page.
func serveFront(t *testing.T, st *sqlstore.Store) func() string {
	t.Helper()
	s, err := site.New(site.Options{Store: st, Logger: slog.New(slog.DiscardHandler)})
	mustOK(t, err)
	t.Cleanup(s.Close)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return func() string {
		t.Helper()
		code, _, body := fetch(t, srv.Client(), http.MethodGet, srv.URL+"/", nil)
		if code != http.StatusOK {
			t.Fatalf("GET / on %s: %d", srv.URL, code)
		}
		return body
	}
}

// openShared opens and migrates a store on the database at dsn, closing it
// when the test ends.
func openShared(t *testing.T, dsn string) *sqlstore.Store {
	t.Helper()
	st, err := sqlstore.Open(t.Context(), sqlstore.Options{DSN: dsn})
	mustOK(t, err)
	t.Cleanup(func() { st.Close() })
	_, err = st.Migrate(t.Context())
	mustOK(t, err)
	return st
}
