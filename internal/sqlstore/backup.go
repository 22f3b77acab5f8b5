package sqlstore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// sqliteMagic opens every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// Backup writes a consistent copy of the SQLite database to path while the
// store stays in use: VACUUM INTO takes a snapshot, so writers carry on
// meanwhile. The copy is written beside path and renamed into place once
// it is on disk; an existing file is replaced only when overwrite is set.
// On PostgreSQL, Backup fails: back up with pg_dump.
func (s *Store) Backup(ctx context.Context, path string, overwrite bool) error {
	if s.dialect != sqliteDialect {
		return errors.New("the store is on PostgreSQL: back it up with pg_dump")
	}
	if _, err := os.Stat(path); err == nil && !overwrite {
		return fmt.Errorf("%s exists: choose a new file or allow replacing it", path)
	}
	tmp, err := tempBeside(path)
	if err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	defer os.Remove(tmp) // fails harmlessly once renamed
	// The read pool refuses VACUUM INTO (query_only). On the write
	// connection it still reads the database in one read transaction, which
	// in WAL mode holds up no other process's writes.
	if _, err := s.db.ExecContext(ctx, "VACUUM INTO $1", tmp); err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	if err := syncAndRename(tmp, path); err != nil {
		return fmt.Errorf("back up to %s: %w", path, err)
	}
	return nil
}

// RestoreSQLite replaces the SQLite database at dbPath with the Herald
// backup at from. It refuses a file that is not a Herald SQLite database
// or is from a newer Herald, and a database some process has open, such as
// a running herald serve. The backup is copied beside dbPath, checked, and
// renamed into place, so a failure leaves the database as it was.
func RestoreSQLite(ctx context.Context, from, dbPath string) error {
	if err := os.MkdirAll(filepath.Dir(dbPath), 0o750); err != nil {
		return fmt.Errorf("restore %s: %w", dbPath, err)
	}
	tmp, err := tempBeside(dbPath)
	if err != nil {
		return fmt.Errorf("restore %s: %w", dbPath, err)
	}
	defer os.Remove(tmp)
	if err := copyFile(from, tmp); err != nil {
		return fmt.Errorf("restore %s: %w", dbPath, err)
	}
	if err := checkBackup(ctx, tmp); err != nil {
		return fmt.Errorf("%s %w", from, err)
	}
	if err := checkUnused(ctx, dbPath); err != nil {
		return fmt.Errorf("restore %s: %w", dbPath, err)
	}
	// The old database's write-ahead log must not be applied to the new file.
	for _, suffix := range []string{"-wal", "-shm"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("restore %s: %w", dbPath, err)
		}
	}
	if err := syncAndRename(tmp, dbPath); err != nil {
		return fmt.Errorf("restore %s: %w", dbPath, err)
	}
	return nil
}

// checkBackup checks that the file at path is a sound Herald SQLite
// database this version of Herald can open.
func checkBackup(ctx context.Context, path string) error {
	head := make([]byte, len(sqliteMagic))
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	_, err = io.ReadFull(f, head)
	f.Close()
	if err != nil || !bytes.Equal(head, []byte(sqliteMagic)) {
		return errors.New("is not a SQLite database")
	}
	db, err := sql.Open(sqliteDialect.driver, path+"?_pragma=query_only(1)&_time_format=sqlite")
	if err != nil {
		return err
	}
	defer db.Close()
	var check string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&check); err != nil || check != "ok" {
		return fmt.Errorf("is damaged: %s", checkFailure(check, err))
	}
	done, err := appliedMigrations(ctx, db)
	if err != nil || !done["0001_initial.sql"] {
		return errors.New("is not a Herald database (it has no Herald schema)")
	}
	known, err := migrationNames(sqliteDialect.name)
	if err != nil {
		return err
	}
	for name := range done {
		if !slices.Contains(known, name) {
			return fmt.Errorf("is from a newer Herald (it has migration %s): upgrade Herald first", name)
		}
	}
	return nil
}

// checkFailure names what went wrong: the check's answer or the error.
func checkFailure(check string, err error) string {
	if err != nil {
		return err.Error()
	}
	return strings.SplitN(check, "\n", 2)[0]
}

// checkUnused fails when some connection has the database at path open:
// in exclusive locking mode, taking the lock fails while any other
// connection, in this process or another, holds the file.
func checkUnused(ctx context.Context, path string) error {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	db, err := sql.Open(sqliteDialect.driver, path+"?_pragma=busy_timeout(200)&_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		return err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		return fmt.Errorf("the database %s is in use (%v): stop herald serve first", path, err)
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}

// tempBeside returns the name of a new empty file in path's directory, so
// that renaming it over path is atomic.
func tempBeside(path string) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return "", err
	}
	return f.Name(), f.Close()
}

// copyFile copies the file from to the existing file to.
func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return err
	}
	defer src.Close()
	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, src)
	return errors.Join(err, dst.Close())
}

// syncAndRename flushes tmp to disk and renames it to path, then flushes
// the directory so that the rename survives a crash.
func syncAndRename(tmp, path string) error {
	f, err := os.OpenFile(tmp, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = errors.Join(f.Sync(), f.Close())
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		return err
	}
	dir, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	return errors.Join(dir.Sync(), dir.Close())
}
