package sqlstore

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/herald-news/herald"
)

func TestMigrations_SameNames(t *testing.T) {
	lite, err := migrationNames("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	pg, err := migrationNames("postgres")
	if err != nil {
		t.Fatal(err)
	}
	if len(lite) == 0 {
		t.Fatal("no migrations embedded")
	}
	if diff := cmp.Diff(lite, pg); diff != "" {
		t.Errorf("migration file names differ (-sqlite +postgres):\n%s", diff)
	}
}

func TestMigrate_Again(t *testing.T) {
	s := openSQLite(t)
	applied, err := s.Migrate(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != 0 {
		t.Errorf("second Migrate applied %v, want nothing", applied)
	}
}

// catalogQueries list every table's columns in order, per engine.
var catalogQueries = map[string]string{
	"sqlite": `SELECT m.name, p.name FROM sqlite_schema m JOIN pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`,
	"postgres": `SELECT table_name, column_name FROM information_schema.columns
		WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
}

// columns returns the store's tables with their columns in order.
func columns(t *testing.T, s *Store) map[string][]string {
	t.Helper()
	rows, err := s.db.QueryContext(t.Context(), catalogQueries[s.Engine()])
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			t.Fatal(err)
		}
		out[table] = append(out[table], column)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestMigrations_SameSchema(t *testing.T) {
	lite := columns(t, openSQLite(t))
	if len(lite["articles"]) == 0 || len(lite["schema_migrations"]) == 0 {
		t.Fatalf("SQLite catalog looks empty: %v", lite)
	}
	pg := columns(t, postgresDB(t).open(t))
	if diff := cmp.Diff(lite, pg); diff != "" {
		t.Errorf("tables and columns differ (-sqlite +postgres):\n%s", diff)
	}
}

// TestMigrate_Newsroom checks that 0003_newsroom upgrades a database with
// articles and users: each article gets version 1 and a first revision.
func TestMigrate_Newsroom(t *testing.T) {
	engines := map[string]func(t *testing.T) string{
		"sqlite":   func(t *testing.T) string { return filepath.Join(t.TempDir(), "herald.db") },
		"postgres": func(t *testing.T) string { return postgresDB(t).dsn(t) },
	}
	for name, dsn := range engines {
		t.Run(name, func(t *testing.T) {
			s, err := Open(t.Context(), Options{DSN: dsn(t)})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			migrateUpTo(t, s, "0002_listing_indexes.sql")
			_, err = s.db.ExecContext(t.Context(), `INSERT INTO users (name, slug, email, role, created_at)
				VALUES ('Ann', 'ann', 'ann@example.com', 'admin', $1)`, day)
			if err != nil {
				t.Fatal(err)
			}
			_, err = s.db.ExecContext(t.Context(), `INSERT INTO articles (slug, status, published_at, language,
				created_at, modified_at, headline, body) VALUES ('old', 'published', $1, 'en', $1, $1, 'Old', 'Text.')`, day)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Migrate(t.Context()); err != nil {
				t.Fatal(err)
			}
			checkUpgraded(t, s)
		})
	}
}

var day = time.Date(2022, 9, 27, 10, 0, 0, 0, time.UTC)

// migrateUpTo applies the migrations up to and including last.
func migrateUpTo(t *testing.T, s *Store, last string) {
	t.Helper()
	names, err := migrationNames(s.Engine())
	if err != nil {
		t.Fatal(err)
	}
	tx, err := s.db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	_, err = tx.ExecContext(t.Context(), "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
	for _, name := range names {
		if err == nil && name <= last {
			err = s.apply(t.Context(), tx, name)
		}
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		t.Fatal(err)
	}
}

func checkUpgraded(t *testing.T, s *Store) {
	t.Helper()
	p, err := s.FindArticles(t.Context(), herald.ArticleFilter{})
	if err != nil || len(p.Articles) != 1 {
		t.Fatalf("articles after upgrade: %v, %v", p.Articles, err)
	}
	a := p.Articles[0]
	if a.Version != 1 || a.TranslationOf != 0 {
		t.Errorf("article after upgrade: Version %d, TranslationOf %d", a.Version, a.TranslationOf)
	}
	revs, err := s.FindRevisions(t.Context(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := []*herald.Revision{{ArticleID: a.ID, Version: 1, CreatedAt: day, Slug: "old", Headline: "Old",
		Body: "Text.", Status: herald.StatusPublished, PublishedAt: day}}
	if diff := cmp.Diff(want, revs, cmpopts.IgnoreFields(herald.Revision{}, "ID")); diff != "" {
		t.Errorf("revisions after upgrade (-want +got):\n%s", diff)
	}
	u, err := s.FindUserBySlug(t.Context(), "ann")
	if err != nil {
		t.Fatal(err)
	}
	if u.TOTPSecret != "" || u.RecoveryCodes != nil {
		t.Errorf("user after upgrade: TOTP %q, recovery codes %v", u.TOTPSecret, u.RecoveryCodes)
	}
	a.Headline = "New"
	if err := s.UpdateArticle(t.Context(), a); err != nil || a.Version != 2 {
		t.Errorf("update after upgrade: %v, Version %d", err, a.Version)
	}
}
