package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/sqlstore"
)

// TestBackup_RoundTrip loads the demo with comments, backs it up, clears
// the content, restores the backup and compares every table, on SQLite
// and, with its client tools, on PostgreSQL.
func TestBackup_RoundTrip(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		testRoundTrip(t, filepath.Join(t.TempDir(), "data", "herald.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		if _, err := exec.LookPath("pg_dump"); err != nil {
			t.Skip("pg_dump is not installed")
		}
		testRoundTrip(t, postgresDatabase(t))
	})
}

func testRoundTrip(t *testing.T, db string) {
	if code, _, stderr := run(t, nil, "demo", "-db", db, "-data-dir", t.TempDir(), "-articles", "25"); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	addComments(t, db)
	before := tables(t, db)
	for _, table := range []string{"articles", "comments", "settings", "users"} {
		if len(before[table]) == 0 {
			t.Fatalf("the demo database has no %s to compare", table)
		}
	}
	file := filepath.Join(t.TempDir(), "backups", "herald.backup")
	if code, _, stderr := run(t, nil, "backup", "-db", db, file); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	if code, _, stderr := run(t, nil, "backup", "-db", db, file); code != 1 || !strings.Contains(stderr, "-force") {
		t.Errorf("a second backup to the same file: code %d, %s", code, stderr)
	}
	if code, _, stderr := run(t, nil, "backup", "-db", db, "-force", file); code != 0 {
		t.Errorf("backup -force: %s", stderr)
	}
	if fi, err := os.Stat(file); err != nil {
		t.Error(err)
	} else if fi.Mode().Perm() != 0o600 {
		t.Errorf("the backup's mode is %v, want 0600", fi.Mode())
	}
	clearContent(t, db)
	if after := tables(t, db); len(after["articles"]) != 0 || len(after["users"]) != 0 {
		t.Fatal("the content was not cleared")
	}
	code, out, stderr := run(t, nil, "restore", "-db", db, file)
	if code != 0 || !strings.Contains(out, "restored the database from "+file) {
		t.Fatalf("restore: code %d, %s%s", code, out, stderr)
	}
	if diff := cmp.Diff(before, tables(t, db)); diff != "" {
		t.Errorf("restored database differs (-before +after):\n%s", diff)
	}
	if code, _, stderr := run(t, nil, "migrate", "-db", db); code != 0 {
		t.Errorf("migrate after restore: %s", stderr)
	}
}

// addComments adds a reply thread to the first article, with the private
// fields filled in.
func addComments(t *testing.T, db string) {
	t.Helper()
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	page, err := st.FindArticles(ctx, herald.ArticleFilter{Limit: 1})
	if err != nil || len(page.Articles) == 0 {
		t.Fatalf("no article to comment on: %v", err)
	}
	var parent int64
	for i, text := range []string{"First thoughts on this.", "A reply, with *emphasis*."} {
		c := &herald.Comment{ArticleID: page.Articles[0].ID, ParentID: parent, Name: fmt.Sprintf("Reader %d", i),
			Email: fmt.Sprintf("reader%d@example.com", i), Text: text, Status: herald.CommentApproved,
			IP: "192.0.2.7", UserAgent: "Test/1.0"}
		if err := st.CreateComment(ctx, c); err != nil {
			t.Fatal(err)
		}
		parent = c.ID
	}
}

// tables returns every row of every table of db but the migrations', as
// text, sorted, by table name.
func tables(t *testing.T, dsn string) map[string][]string {
	t.Helper()
	db := openSQL(t, dsn)
	defer db.Close()
	list := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
	if sqlstore.IsPostgres(dsn) {
		list = "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
	}
	names := queryStrings(t, db, list)
	out := map[string][]string{}
	for _, name := range names {
		if name != "schema_migrations" {
			out[name] = rowsOf(t, db, name)
		}
	}
	return out
}

// rowsOf returns the rows of table as text, sorted.
func rowsOf(t *testing.T, db *sql.DB, table string) []string {
	t.Helper()
	rows, err := db.Query("SELECT * FROM " + table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			switch x := v.(type) {
			case []byte:
				vals[i] = string(x)
			case time.Time:
				vals[i] = x.UTC().Format(time.RFC3339Nano)
			}
		}
		out = append(out, fmt.Sprint(vals...))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

// clearContent deletes the articles, people, comments and settings.
func clearContent(t *testing.T, dsn string) {
	t.Helper()
	db := openSQL(t, dsn)
	defer db.Close()
	stmts := []string{"DELETE FROM comments", "DELETE FROM articles", "DELETE FROM users", "DELETE FROM settings"}
	if sqlstore.IsPostgres(dsn) {
		stmts = []string{"TRUNCATE comments, articles, users, settings CASCADE"}
	}
	for _, stmt := range stmts {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatalf("%s: %v", stmt, err)
		}
	}
}

// openSQL opens dsn with database/sql; the caller closes it.
func openSQL(t *testing.T, dsn string) *sql.DB {
	t.Helper()
	driver, name := "sqlite", dsn+"?_time_format=sqlite"
	if sqlstore.IsPostgres(dsn) {
		driver, name = "pgx", dsn
	}
	db, err := sql.Open(driver, name)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func queryStrings(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}

// postgresDatabase creates a database of its own for t and returns its URL;
// it skips the test when PostgreSQL does not answer, unless
// HERALD_TEST_POSTGRES=required.
func postgresDatabase(t *testing.T) string {
	t.Helper()
	base := os.Getenv("HERALD_TEST_POSTGRES_URL")
	if base == "" {
		base = "postgres://127.0.0.1:5432/test?sslmode=disable"
	}
	server := openSQL(t, base)
	t.Cleanup(func() { server.Close() })
	if err := server.Ping(); err != nil {
		if os.Getenv("HERALD_TEST_POSTGRES") == "required" {
			t.Fatalf("PostgreSQL: %v", err)
		}
		t.Skipf("PostgreSQL: %v (set HERALD_TEST_POSTGRES=required to fail instead)", err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "herald_backup_" + hex.EncodeToString(b)
	if _, err := server.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := server.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// backupCase is a run of backup or restore that must fail.
type backupCase struct {
	name string
	path string // $PATH for the run; "" keeps it
	args []string
	code int
	want string
}

func TestBackup_BadInput(t *testing.T) {
	dir := t.TempDir()
	pg := "postgres://nobody@127.0.0.1:1/none?sslmode=disable"
	tests := []backupCase{
		{"backup without a file", "", []string{"backup", "-db", filepath.Join(dir, "h.db")}, 2, "Usage: herald backup"},
		{"restore without a file", "", []string{"restore"}, 2, "Usage: herald restore"},
		{"force is no file", "", []string{"backup", "-force"}, 2, "Usage: herald backup"},
		{"no database", "", []string{"backup", "-db", filepath.Join(dir, "none.db"), filepath.Join(dir, "new.db")}, 1, "no database to back up"},
		{"no backup", "", []string{"restore", "-db", filepath.Join(dir, "h.db"), filepath.Join(dir, "none.db")}, 1, "cannot read the backup"},
		{"no pg_dump", dir, []string{"backup", "-db", pg, filepath.Join(dir, "pg.dump")}, 1, "pg_dump is not installed"},
		{"no pg_restore", dir, []string{"restore", "-db", pg, filepath.Join(dir, "b.db")}, 1, "pg_restore is not installed"},
	}
	if _, err := exec.LookPath("pg_restore"); err == nil {
		tests = append(tests, backupCase{"not a dump", "", []string{"restore", "-db", pg, filepath.Join(dir, "b.db")}, 1, "is not a pg_dump archive"})
	}
	os.WriteFile(filepath.Join(dir, "b.db"), []byte("not a dump"), 0o600)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.path != "" {
				t.Setenv("PATH", tt.path)
			}
			code, _, stderr := run(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) {
				t.Errorf("code %d, stderr %q; want %d and %q", code, stderr, tt.code, tt.want)
			}
		})
	}
}
