package sqlstore

import (
	"testing"

	"github.com/google/go-cmp/cmp"
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
