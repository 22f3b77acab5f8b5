package sqlstore

import (
	"database/sql/driver"
	"errors"
	"strings"
	"unicode/utf8"

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
	// fold lower-cases text in any script, for searches in any case.
	// SQLite's own lower() folds ASCII letters only, so the store gives it
	// one that folds as Go's strings.ToLower does.
	fold string
	// likeFoldsASCII says whether LIKE ignores the case of ASCII letters
	// by itself, as SQLite's does: an ASCII word then needs no fold, which
	// on SQLite is a call into Go for every row.
	likeFoldsASCII bool
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
	fold:            sqliteFold,
	likeFoldsASCII:  true,
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
	fold:           "lower",
	skipLocked:     " FOR UPDATE SKIP LOCKED",
	isUnique: func(err error) bool {
		var e *pgconn.PgError
		return errors.As(err, &e) && e.Code == "23505"
	},
}

// sqliteFold names the folding function the store adds to SQLite.
const sqliteFold = "herald_fold"

// The driver adds registered functions to every connection it opens, so
// this runs once, before any store opens one.
func init() {
	sqlite.MustRegisterDeterministicScalarFunction(sqliteFold, 1, fold)
}

// fold lower-cases a text value; other values pass through, as with lower().
func fold(_ *sqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
	if s, ok := args[0].(string); ok {
		return strings.ToLower(s), nil
	}
	return args[0], nil
}

// contains returns a condition that column contains word in any case,
// adding the pattern to a.
func (d *dialect) contains(a *args, column, word string) string {
	pattern := a.add("%" + escapeLike(strings.ToLower(word)) + "%")
	if d.likeFoldsASCII && isASCII(word) {
		return column + " LIKE " + pattern + ` ESCAPE '\'`
	}
	return d.fold + "(" + column + ") LIKE " + pattern + ` ESCAPE '\'`
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
