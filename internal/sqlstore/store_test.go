package sqlstore

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/storetest"
)

func TestStore_SQLite(t *testing.T) {
	storetest.Run(t, func(t *testing.T) herald.Store { return openSQLite(t) })
}

func TestStore_Postgres(t *testing.T) {
	db := postgresDB(t)
	storetest.Run(t, func(t *testing.T) herald.Store { return db.open(t) })
}

// openSQLite returns a new, migrated SQLite store in a temporary directory.
func openSQLite(t testing.TB) *Store {
	t.Helper()
	return openStore(t, filepath.Join(t.TempDir(), "data", "herald.db"))
}

// openStore opens and migrates the store at dsn, closing it when t ends.
func openStore(t testing.TB, dsn string) *Store {
	t.Helper()
	s, err := Open(t.Context(), Options{DSN: dsn})
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

// testDB is a PostgreSQL database made for one test run. Each store opened
// on it gets a migrated schema of its own; a schema is emptied and reused
// once its test ends, since migrating a new one takes a tenth of a second.
type testDB struct {
	url     *url.URL
	admin   *sql.DB
	schemas atomic.Int64
	free    chan string // emptied schemas ready for reuse
}

// postgresDB creates a fresh database for the test and drops it at the
// end. It skips the test when PostgreSQL does not answer, unless
// HERALD_TEST_POSTGRES=required.
func postgresDB(t testing.TB) *testDB {
	t.Helper()
	base := os.Getenv("HERALD_TEST_POSTGRES_URL")
	if base == "" {
		base = "postgres://127.0.0.1:5432/test?sslmode=disable"
	}
	server, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { server.Close() })
	if err := server.PingContext(t.Context()); err != nil {
		msg := fmt.Sprintf("PostgreSQL at %s: %s", redact(base), reason(err))
		if os.Getenv("HERALD_TEST_POSTGRES") == "required" {
			t.Fatal(msg)
		}
		t.Skip(msg + " (set HERALD_TEST_POSTGRES=required to fail instead of skipping)")
	}
	name := "herald_test_" + randomHex(6)
	if _, err := server.ExecContext(t.Context(), "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	db := &testDB{url: u, free: make(chan string, 100)}
	db.admin, err = sql.Open("pgx", u.String())
	if err != nil {
		t.Fatal(err)
	}
	// Cleanups run last-in first-out: after every store of the test closed.
	t.Cleanup(func() {
		db.admin.Close()
		if _, err := server.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop test database: %v", err)
		}
	})
	return db
}

// open returns a migrated, empty store in a schema of the test database.
func (db *testDB) open(t testing.TB) *Store {
	t.Helper()
	return openStore(t, db.dsn(t))
}

// dsn returns the URL of an empty schema of the test database.
func (db *testDB) dsn(t testing.TB) string {
	t.Helper()
	var schema string
	select {
	case schema = <-db.free:
	default:
		schema = fmt.Sprintf("s%d", db.schemas.Add(1))
		if _, err := db.admin.ExecContext(t.Context(), "CREATE SCHEMA "+schema); err != nil {
			t.Fatal(err)
		}
	}
	// Registered before openStore's cleanup, so it runs after the store closed.
	t.Cleanup(func() { db.release(t, schema) })
	u := *db.url
	q := u.Query()
	q.Set("search_path", schema)
	// Tests need no durability; not waiting for the WAL flush makes them fast.
	q.Set("synchronous_commit", "off")
	u.RawQuery = q.Encode()
	return u.String()
}

// release empties the schema's tables and puts it back for the next test.
// DELETE is quicker than TRUNCATE on tables this small, and every foreign
// key cascades or sets null, so any order works.
func (db *testDB) release(t testing.TB, schema string) {
	var deletes string
	err := db.admin.QueryRow(`SELECT COALESCE(string_agg('DELETE FROM ' || $1 || '.' || table_name, '; '), '')
		FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'
		AND table_name <> 'schema_migrations'`, schema).Scan(&deletes)
	if err == nil && deletes != "" {
		_, err = db.admin.Exec(deletes)
	}
	if err != nil {
		t.Errorf("empty schema %s: %v", schema, err)
		return
	}
	db.free <- schema
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func TestOpen_Errors(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	if err := os.WriteFile(notDir, []byte("not a database, not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		dsn  string
		want string
	}{
		{"no DSN", "", "open database : no database path or URL given"},
		{"parent is a file", filepath.Join(notDir, "herald.db"), "open database " + filepath.Join(notDir, "herald.db") +
			": mkdir " + notDir + ": not a directory"},
		{"not a database", notDir, "open database " + notDir + ": file is not a database (26)"},
		{"postgres refused", "postgres://herald:secret@127.0.0.1:1/herald?sslmode=disable",
			"open database postgres://herald@127.0.0.1:1/herald?sslmode=disable: connect: connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(t.Context(), Options{DSN: tt.dsn})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if err.Error() != tt.want {
				t.Errorf("error:\n got %s\nwant %s", err, tt.want)
			}
		})
	}
}

func TestStore_Engine(t *testing.T) {
	s := openSQLite(t)
	if got := s.Engine(); got != "sqlite" {
		t.Errorf("Engine() = %q, want sqlite", got)
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Error(err)
	}
}
