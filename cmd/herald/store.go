package main

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/herald-news/herald/internal/config"
	"github.com/herald-news/herald/internal/media"
	"github.com/herald-news/herald/internal/sqlstore"
)

// openStore opens the configured database and brings its schema up to date;
// the store logs each migration it applies.
func openStore(ctx context.Context, c config.Config, logger *slog.Logger) (*sqlstore.Store, error) {
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: c.DB, Now: time.Now, Logger: logger})
	if err != nil {
		return nil, err
	}
	if _, err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// openSite opens the store and the media library of the configured site;
// the caller closes the store.
func openSite(ctx context.Context, c config.Config, logger *slog.Logger) (*sqlstore.Store, *media.Library, error) {
	st, err := openStore(ctx, c, logger)
	if err != nil {
		return nil, nil, err
	}
	lib, err := media.NewLibrary(filepath.Join(c.DataDir, "media"))
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, lib, nil
}

// migrate applies the database migrations and exits.
func (m *Main) migrate(ctx context.Context, args []string) error {
	c, err := m.parse("migrate", args, "db", "data-dir", "log-format", "log-level")
	if err != nil {
		return err
	}
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: c.DB, Now: time.Now, Logger: c.Logger(m.Stderr)})
	if err != nil {
		return err
	}
	defer st.Close()
	applied, err := st.Migrate(ctx)
	if err != nil {
		return err
	}
	for _, name := range applied {
		fmt.Fprintf(m.Stdout, "applied %s\n", name)
	}
	fmt.Fprintf(m.Stdout, "database is up to date (%d migrations applied now)\n", len(applied))
	return nil
}
