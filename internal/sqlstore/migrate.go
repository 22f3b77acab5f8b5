package sqlstore

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

// migrations holds one folder per engine with the same numbered file
// names: 0001_initial.sql, 0002_….sql and so on.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// migrationNames returns the engine's migration file names in order.
func migrationNames(engine string) ([]string, error) {
	names, err := fs.Glob(migrations, "migrations/"+engine+"/*.sql")
	if err != nil {
		return nil, err
	}
	for i, n := range names {
		names[i] = path.Base(n)
	}
	slices.Sort(names)
	return names, nil
}

// Migrate applies the migrations the database has not had yet, in order and
// in one transaction, and returns their names. Migrations only go forward.
func (s *Store) Migrate(ctx context.Context) (applied []string, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	defer tx.Rollback()
	applied, err = s.migrate(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	for _, name := range applied {
		s.log.Info("migration applied", "engine", s.dialect.name, "name", name)
	}
	return applied, nil
}

func (s *Store) migrate(ctx context.Context, tx querier) ([]string, error) {
	if s.dialect.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, s.dialect.lockMigrations); err != nil {
			return nil, err
		}
	}
	_, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`)
	if err != nil {
		return nil, err
	}
	done, err := appliedMigrations(ctx, tx)
	if err != nil {
		return nil, err
	}
	names, err := migrationNames(s.dialect.name)
	if err != nil {
		return nil, err
	}
	for name := range done {
		if !slices.Contains(names, name) {
			return nil, fmt.Errorf("the database has migration %s, which this version of Herald does not know: it is newer than the program", name)
		}
	}
	var applied []string
	for _, name := range names {
		if done[name] {
			continue
		}
		if err := s.apply(ctx, tx, name); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		applied = append(applied, name)
	}
	return applied, nil
}

func appliedMigrations(ctx context.Context, tx querier) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, "SELECT name FROM schema_migrations")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	done := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		done[name] = true
	}
	return done, rows.Err()
}

func (s *Store) apply(ctx context.Context, tx querier, name string) error {
	ddl, err := migrations.ReadFile("migrations/" + s.dialect.name + "/" + name)
	if err != nil {
		return err
	}
	if strings.TrimSpace(string(ddl)) != "" {
		if _, err := tx.ExecContext(ctx, string(ddl)); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, "INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)",
		name, s.now().UTC().Format("2006-01-02T15:04:05.000000Z"))
	return err
}
