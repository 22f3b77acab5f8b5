package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/herald-news/herald/internal/config"
	"github.com/herald-news/herald/internal/sqlstore"
)

// backupUsage and restoreUsage explain the two commands' arguments.
const (
	backupUsage  = "Usage: herald backup [-db DATABASE | -data-dir DIR] [-force] FILE"
	restoreUsage = "Usage: herald restore [-db DATABASE | -data-dir DIR] FILE (stop herald serve first)"
)

// backup runs "herald backup FILE": a consistent copy of the database,
// taken while the site keeps serving. SQLite is copied with VACUUM INTO;
// PostgreSQL is dumped with pg_dump in its custom format.
func (m *Main) backup(ctx context.Context, args []string) error {
	var force bool
	file, c, err := m.parseFile("backup", backupUsage, args, func(fs *flag.FlagSet) {
		fs.BoolVar(&force, "force", false, "replace FILE when it exists")
	})
	if err != nil {
		return err
	}
	if _, err := os.Stat(file); err == nil && !force {
		return fmt.Errorf("%s exists; choose a new file or add -force to replace it", file)
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o750); err != nil {
		return err
	}
	if sqlstore.IsPostgres(c.DB) {
		err = pgDump(ctx, c.DB, file)
	} else {
		err = sqliteBackup(ctx, c.DB, file)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "backed up the database to %s\n", file)
	return nil
}

// restore runs "herald restore FILE": it replaces the database with the
// backup in FILE. The server must be stopped; on SQLite a database still
// in use is refused.
func (m *Main) restore(ctx context.Context, args []string) error {
	file, c, err := m.parseFile("restore", restoreUsage, args, nil)
	if err != nil {
		return err
	}
	if _, err := os.Stat(file); err != nil {
		return fmt.Errorf("cannot read the backup: %w", err)
	}
	if sqlstore.IsPostgres(c.DB) {
		err = pgRestore(ctx, c.DB, file)
	} else {
		err = sqlstore.RestoreSQLite(ctx, file, c.DB)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "restored the database from %s; start herald serve again (it applies any newer migrations)\n", file)
	return nil
}

// fileFlags are the flags of backup and restore that come from the
// configuration.
var fileFlags = []string{"db", "data-dir", "log-format", "log-level"}

// parseFile parses the flags of backup or restore and their FILE, which
// comes first or last.
func (m *Main) parseFile(cmd, usage string, args []string, extra func(*flag.FlagSet)) (string, config.Config, error) {
	var file string
	switch n := len(args); {
	case n > 0 && !strings.HasPrefix(args[0], "-"):
		file, args = args[0], args[1:]
	case n > 0 && !strings.HasPrefix(args[n-1], "-") && (n == 1 || !takesValue(args[n-2], extra)):
		file, args = args[n-1], args[:n-1]
	}
	c, err := m.parseWith(cmd, args, extra, fileFlags...)
	if err != nil {
		return "", c, err
	}
	if file == "" {
		fmt.Fprintln(m.Stderr, usage)
		return "", c, errUsage
	}
	return file, c, nil
}

// takesValue reports whether arg is a flag of backup or restore that takes
// the next argument as its value, as in "-db FILE".
func takesValue(arg string, extra func(*flag.FlagSet)) bool {
	name := strings.TrimLeft(arg, "-")
	if !strings.HasPrefix(arg, "-") || strings.Contains(name, "=") {
		return false
	}
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	c := config.Default()
	c.Register(fs, fileFlags...)
	if extra != nil {
		extra(fs)
	}
	f := fs.Lookup(name)
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}

// sqliteBackup copies the SQLite database at db to file.
func sqliteBackup(ctx context.Context, db, file string) error {
	if _, err := os.Stat(db); err != nil {
		return fmt.Errorf("no database to back up: %w", err)
	}
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: db, Now: time.Now})
	if err != nil {
		return err
	}
	defer st.Close()
	return st.Backup(ctx, file, true)
}

// pgDump writes a custom-format dump of the database at url to file,
// through a temporary file beside it.
func pgDump(ctx context.Context, url, file string) error {
	tmp := filepath.Join(filepath.Dir(file), "."+filepath.Base(file)+".partial")
	defer os.Remove(tmp)
	if err := runTool(ctx, "pg_dump", "--format=custom", "--no-owner", "--file="+tmp, "--dbname="+url); err != nil {
		return err
	}
	// The dump holds readers' emails and the accounts: for the owner only.
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}

// heraldDump matches the line of pg_restore's list of a Herald dump that
// restores the migrations table, in whichever schema.
var heraldDump = regexp.MustCompile(`(?m) TABLE DATA \S+ schema_migrations `)

// pgRestore replaces the content of the database at url with the dump in
// file, in one transaction, after checking that it is a Herald dump.
func pgRestore(ctx context.Context, url, file string) error {
	var toc bytes.Buffer
	list := exec.CommandContext(ctx, "pg_restore", "--list", file)
	list.Stdout = &toc
	if err := toolError("pg_restore", list.Run()); err != nil {
		return fmt.Errorf("%s is not a pg_dump archive in the custom format (%v)", file, err)
	}
	if !heraldDump.MatchString(toc.String()) {
		return fmt.Errorf("%s is not a dump of a Herald database (it has no schema_migrations table)", file)
	}
	return runTool(ctx, "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction",
		"--exit-on-error", "--dbname="+url, file)
}

// runTool runs a PostgreSQL client tool, failing with its own message.
func runTool(ctx context.Context, name string, args ...string) error {
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Stderr = &stderr
	err := toolError(name, cmd.Run())
	if err != nil && stderr.Len() > 0 {
		return fmt.Errorf("%s failed: %s", name, strings.TrimSpace(strings.SplitN(stderr.String(), "\n", 2)[0]))
	}
	return err
}

// toolError explains a missing PostgreSQL client tool.
func toolError(name string, err error) error {
	if errors.Is(err, exec.ErrNotFound) {
		return fmt.Errorf("%s is not installed (PostgreSQL backups need the PostgreSQL client tools, e.g. apt-get install postgresql-client)", name)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
