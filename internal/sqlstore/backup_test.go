package sqlstore

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

// TestBackup_SQLite backs up an open store, writes on, restores the backup
// and finds the store as it was at the backup.
func TestBackup_SQLite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "herald.db")
	s := openStore(t, dbPath)
	kept := backupSection(t, s, "kept")
	file := filepath.Join(dir, "backup.db")
	if err := s.Backup(ctx, file, false); err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, file, false); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("a second backup to the same file: %v, want a refusal", err)
	}
	if err := s.Backup(ctx, file, true); err != nil {
		t.Errorf("replacing the backup: %v", err)
	}
	backupSection(t, s, "later")
	if err := RestoreSQLite(ctx, file, dbPath); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Errorf("restore over an open store: %v, want a refusal", err)
	}
	s.Close()
	if err := RestoreSQLite(ctx, file, dbPath); err != nil {
		t.Fatal(err)
	}
	s = openStore(t, dbPath)
	secs, err := s.FindSections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(secs) != 1 || secs[0].ID != kept.ID || secs[0].Name != "kept" {
		t.Errorf("after restore the sections are %+v, want only %q", secs, "kept")
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, ".*tmp-*")); len(matches) != 0 {
		t.Errorf("temporary files left behind: %v", matches)
	}
}

// TestRestoreSQLite_Refuses leaves the database alone when the backup is
// not one Herald can restore.
func TestRestoreSQLite_Refuses(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	tests := []struct {
		name string
		make func(path string)
		want string
	}{
		{"missing", func(string) {}, "no such file"},
		{"text", func(p string) { os.WriteFile(p, []byte("SELECT 1;\n"), 0o600) }, "is not a SQLite database"},
		{"other database", func(p string) { sqliteWith(t, p, "CREATE TABLE notes (x TEXT)") }, "is not a Herald database"},
		{"newer herald", func(p string) {
			s := openStore(t, p)
			s.db.Exec("INSERT INTO schema_migrations (name, applied_at) VALUES ('9999_future.sql', 'now')")
			s.Close()
		}, "is from a newer Herald (it has migration 9999_future.sql)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dbPath := filepath.Join(dir, tt.name+".db")
			s := openStore(t, dbPath)
			backupSection(t, s, "current")
			s.Close()
			from := filepath.Join(dir, tt.name+".backup")
			tt.make(from)
			err := RestoreSQLite(ctx, from, dbPath)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("restore: %v, want %q", err, tt.want)
			}
			s = openStore(t, dbPath)
			if secs, err := s.FindSections(ctx); err != nil || len(secs) != 1 {
				t.Errorf("the database changed: %v %v", secs, err)
			}
		})
	}
}

// backupSection creates a section named name.
func backupSection(t *testing.T, s *Store, name string) *herald.Section {
	t.Helper()
	sec := &herald.Section{Name: name, Slug: name}
	if err := s.CreateSection(context.Background(), sec); err != nil {
		t.Fatal(err)
	}
	return sec
}

// sqliteWith makes a SQLite database at path by running stmt.
func sqliteWith(t *testing.T, path, stmt string) {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_time_format=sqlite")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := db.ExecContext(ctx, stmt); err != nil {
		t.Fatal(err)
	}
}
