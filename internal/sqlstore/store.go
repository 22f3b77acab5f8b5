// Package sqlstore keeps Herald's data in SQLite or PostgreSQL. One set of
// queries serves both engines; dialect.go holds what differs.
//
// Open connects but does not change the schema: call Migrate before using a
// new or upgraded database.
//
// Listing methods take an offset and a limit: a limit of 0 means 20, and no
// listing returns more than 1000 rows.
package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/herald-news/herald"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Options configure a Store.
type Options struct {
	// DSN is a postgres:// or postgresql:// URL, or else the path of a
	// SQLite database file, whose directory is created when missing.
	DSN string
	// Now returns the current time; time.Now when nil.
	Now func() time.Time
	// Logger receives the store's log lines; none are written when nil.
	Logger *slog.Logger
}

// Store implements herald.Store on SQLite or PostgreSQL. It reports every
// committed change to its subscribers: the record a method wrote, not the
// articles a deleted section, tag, story, user or image leaves behind. On
// PostgreSQL it also reports the changes other stores on the same database
// commit (see notify.go).
type Store struct {
	herald.ChangeBroker

	db      *sql.DB // writes; on SQLite a single connection
	rdb     *sql.DB // reads; the same pool as db on PostgreSQL
	dialect *dialect
	now     func() time.Time
	log     *slog.Logger
	feed    *changeFeed // changes to and from other processes; nil on SQLite
}

var _ herald.Store = (*Store)(nil)

// Open connects to the database named by opts.DSN and checks that it
// answers. It does not migrate the schema: call Migrate for that.
func Open(ctx context.Context, opts Options) (*Store, error) {
	s := &Store{now: opts.Now, log: opts.Logger}
	if s.now == nil {
		s.now = time.Now
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	var err error
	if IsPostgres(opts.DSN) {
		err = s.openPostgres(ctx, opts.DSN)
	} else {
		err = s.openSQLite(ctx, opts.DSN)
	}
	if err != nil {
		if s.db != nil {
			s.Close()
		}
		return nil, fmt.Errorf("open database %s: %s", redact(opts.DSN), reason(err))
	}
	s.log.Debug("database open", "engine", s.dialect.name, "dsn", redact(opts.DSN))
	return s, nil
}

// IsPostgres reports whether dsn names a PostgreSQL database rather than a
// SQLite file.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

func (s *Store) openPostgres(ctx context.Context, dsn string) error {
	s.dialect = postgresDialect
	db, err := sql.Open(s.dialect.driver, dsn)
	if err != nil {
		return err
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s.db, s.rdb = db, db
	if err := s.ping(ctx); err != nil {
		return err
	}
	s.feed, err = startChangeFeed(ctx, dsn, db, s.Publish, s.log)
	return err
}

// sqlitePragmas are set on every SQLite connection. _time_format=sqlite
// makes times read back whatever their zone. The page cache is 8 MiB per
// connection: with a read pool of several connections a larger one would
// dominate the process's memory, and the memory map and the operating
// system's file cache serve the rest.
const sqlitePragmas = "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)" +
	"&_pragma=synchronous(NORMAL)&_pragma=cache_size(-8192)&_pragma=temp_store(memory)&_pragma=mmap_size(1073741824)&_time_format=sqlite"

func (s *Store) openSQLite(ctx context.Context, path string) error {
	s.dialect = sqliteDialect
	if path == "" {
		return errors.New("no database path or URL given")
	}
	if strings.ContainsAny(path, "?#") {
		return errors.New("a SQLite path may not contain ? or #")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	wdb, err := sql.Open(s.dialect.driver, path+"?"+sqlitePragmas+"&_txlock=immediate")
	if err != nil {
		return err
	}
	wdb.SetMaxOpenConns(1)
	wdb.SetConnMaxIdleTime(0)
	s.db = wdb
	rdb, err := sql.Open(s.dialect.driver, path+"?"+sqlitePragmas+"&_pragma=query_only(1)")
	if err != nil {
		wdb.Close()
		return err
	}
	rdb.SetMaxOpenConns(max(4, runtime.NumCPU()))
	s.rdb = rdb
	// The write pool goes first: it creates the file and switches it to WAL.
	return s.ping(ctx)
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.ping(ctx); err != nil {
		return fmt.Errorf("ping %s database: %w", s.dialect.name, err)
	}
	return nil
}

func (s *Store) ping(ctx context.Context) error {
	// A query, not PingContext: SQLite only notices a file that is not a
	// database when it reads it.
	var one int
	if err := s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return err
	}
	if s.rdb != s.db {
		return s.rdb.QueryRowContext(ctx, "SELECT 1").Scan(&one)
	}
	return nil
}

// Close stops listening to other processes' changes and closes the
// connection pools.
func (s *Store) Close() error {
	if s.feed != nil {
		s.feed.close()
	}
	err := s.db.Close()
	if s.rdb != nil && s.rdb != s.db {
		err = errors.Join(err, s.rdb.Close())
	}
	return err
}

// Engine names the database engine: "sqlite" or "postgres".
func (s *Store) Engine() string { return s.dialect.name }

// redact returns the DSN without a password, for messages.
func redact(dsn string) string {
	if !IsPostgres(dsn) {
		return dsn
	}
	u, err := url.Parse(dsn)
	if err != nil {
		return "postgres://…"
	}
	if u.User != nil {
		u.User = url.User(u.User.Username())
	}
	q := u.Query()
	if q.Has("password") {
		q.Del("password")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// reason boils a driver's connection error down to its cause, so that Open
// fails with one readable line.
func reason(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Message
	}
	var oe *net.OpError
	if errors.As(err, &oe) {
		return oe.Err.Error()
	}
	var de *net.DNSError
	if errors.As(err, &de) {
		return de.Error()
	}
	var pathErr *os.PathError
	if errors.As(err, &pathErr) {
		return pathErr.Op + " " + pathErr.Path + ": " + pathErr.Err.Error()
	}
	return err.Error()
}
