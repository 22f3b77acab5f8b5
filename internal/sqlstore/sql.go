package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

// Listing limits.
const (
	defaultLimit = 20
	maxLimit     = 1000
)

// scanner is a *sql.Row or *sql.Rows.
type scanner interface {
	Scan(dest ...any) error
}

// args collects query arguments and hands out their $n placeholders.
type args []any

// add appends v and returns its placeholder.
func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// list appends every value to a and returns their placeholders,
// comma-separated, for an IN (…) list.
func list[T any](a *args, vals []T) string {
	ph := make([]string, len(vals))
	for i, v := range vals {
		ph[i] = a.add(v)
	}
	return strings.Join(ph, ", ")
}

// utc is how every time goes into the database: UTC, in microseconds,
// which both engines keep exactly.
func utc(t time.Time) time.Time {
	return t.UTC().Truncate(time.Microsecond)
}

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return utc(t)
}

// nullID stores the id 0 (no reference) as NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// timeOf reads a nullable time column.
func timeOf(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// page returns the offset and limit to use for a listing.
func page(offset, limit int) (int, int) {
	if limit <= 0 {
		limit = defaultLimit
	}
	return max(offset, 0), min(limit, maxLimit)
}

// notFound turns sql.ErrNoRows into ENOTFOUND naming what was missing.
func notFound(err error, what string, key any) error {
	if errors.Is(err, sql.ErrNoRows) {
		return herald.Errorf(herald.ENOTFOUND, "%s %v not found", what, key)
	}
	return err
}

// affected returns ENOTFOUND when an update or delete touched no row.
func affected(res sql.Result, what string, key any) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return herald.Errorf(herald.ENOTFOUND, "%s %v not found", what, key)
	}
	return nil
}

// conflict turns a unique violation into ECONFLICT with msg.
func (s *Store) conflict(err error, format string, a ...any) error {
	if s.dialect.isUnique(err) {
		return herald.Errorf(herald.ECONFLICT, format, a...)
	}
	return err
}

// ref names records that an input refers to, for exists.
type ref struct {
	table, field string
	ids          []int64
}

// exists returns an EINVALID field error unless every referred record is
// there. It checks all references in one query.
func exists(ctx context.Context, tx querier, refs ...ref) error {
	var a args
	counts := make([]string, 0, len(refs))
	want := make([]int, 0, len(refs))
	for _, r := range refs {
		if ids := uniqueIDs(r.ids); len(ids) > 0 {
			counts = append(counts, "(SELECT COUNT(*) FROM "+r.table+" WHERE id IN ("+list(&a, ids)+"))")
			want = append(want, len(ids))
		} else {
			counts = append(counts, "0")
			want = append(want, 0)
		}
	}
	if len(a) == 0 {
		return nil
	}
	got := make([]int, len(refs))
	dest := make([]any, len(refs))
	for i := range got {
		dest[i] = &got[i]
	}
	if err := tx.QueryRowContext(ctx, "SELECT "+strings.Join(counts, ", "), a...).Scan(dest...); err != nil {
		return fmt.Errorf("check references: %w", err)
	}
	fe := herald.FieldErrors{}
	for i, r := range refs {
		if got[i] != want[i] {
			fe.Add(r.field, "refers to something that does not exist")
		}
	}
	return fe.Err()
}

// uniqueIDs returns ids without zeros and repeats, in their first order.
func uniqueIDs(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	seen := make(map[int64]bool, len(ids))
	for _, id := range ids {
		if id != 0 && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}

// queryAll runs a query and scans every row with scan.
func queryAll[T any](ctx context.Context, tx querier, scan func(scanner) (T, error), q string, a ...any) ([]T, error) {
	rows, err := tx.QueryContext(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
