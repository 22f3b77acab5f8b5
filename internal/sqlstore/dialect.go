package sqlstore

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect holds what truly differs between the engines. Every query lives
// once in the rest of the package; nothing else asks which engine it runs on.
type dialect struct {
	name   string // "sqlite" or "postgres", as reported by Store.Engine
	driver string // database/sql driver name
	// lockMigrations is run first in the migration transaction so that
	// several processes starting at once apply each migration only once.
	lockMigrations string
	// cacheStatements says whether a bulk insert should prepare its
	// statements itself: modernc.org/sqlite prepares every query anew,
	// while pgx keeps a cache of prepared statements per connection.
	cacheStatements bool
	// isUnique reports whether err is a unique-constraint violation.
	isUnique func(err error) bool
	// skipLocked ends a SELECT that claims rows for this transaction,
	// passing over those another transaction holds. SQLite needs none:
	// a write transaction holds the whole database.
	skipLocked string
}

var sqliteDialect = &dialect{
	name:   "sqlite",
	driver: "sqlite",
	// The write pool is a single connection taking BEGIN IMMEDIATE, which
	// already serializes migrations.
	lockMigrations:  "",
	cacheStatements: true,
	isUnique: func(err error) bool {
		var e *sqlite.Error
		if !errors.As(err, &e) {
			return false
		}
		return e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	},
}

var postgresDialect = &dialect{
	name:           "postgres",
	driver:         "pgx",
	lockMigrations: "SELECT pg_advisory_xact_lock(7240418)",
	skipLocked:     " FOR UPDATE SKIP LOCKED",
	isUnique: func(err error) bool {
		var e *pgconn.PgError
		return errors.As(err, &e) && e.Code == "23505"
	},
}
