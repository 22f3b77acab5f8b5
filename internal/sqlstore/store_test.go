package sqlstore_test

import (
	"path/filepath"
	"testing"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/sqlstore"
	"github.com/herald-news/herald/internal/storetest"
)

// openSQLite returns a new, migrated SQLite store in a temporary directory.
func openSQLite(t testing.TB) *sqlstore.Store {
	t.Helper()
	return openStore(t, filepath.Join(t.TempDir(), "data", "herald.db"))
}

// openStore opens and migrates the store at dsn, closing it when t ends.
func openStore(t testing.TB, dsn string) *sqlstore.Store {
	t.Helper()
	s, err := sqlstore.Open(t.Context(), sqlstore.Options{DSN: dsn})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Error(err)
		}
	})
	if _, err := s.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestStore_SQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) herald.Store { return openSQLite(t) })
}
