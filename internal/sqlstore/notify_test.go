package sqlstore

import (
	"context"
	"database/sql"
	"go/ast"
	"go/parser"
	"go/token"
	"log/slog"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

// heard collects the changes a store publishes; its subscriber runs on the
// listener's goroutine.
type heard struct {
	mu      sync.Mutex
	changes []herald.Change
}

func hear(t *testing.T, s *Store) *heard {
	h := &heard{}
	t.Cleanup(s.Subscribe(func(c herald.Change) {
		h.mu.Lock()
		h.changes = append(h.changes, c)
		h.mu.Unlock()
	}))
	return h
}

func (h *heard) all() []herald.Change {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.changes)
}

// waitFor polls until the store has published want, failing after a
// deadline.
func (h *heard) waitFor(t *testing.T, want herald.Change) {
	t.Helper()
	waitUntil(t, func() bool { return slices.Contains(h.all(), want) }, "change %v", want)
}

// waitUntil polls cond until it holds, failing after a deadline.
func waitUntil(t *testing.T, cond func() bool, what string, args ...any) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for "+what, args...)
		}
		time.Sleep(5 * time.Millisecond) // polling the listener's goroutine
	}
}

// warnings records the messages of the warnings a store logs, from the
// listener's goroutine, and drops the rest.
type warnings struct {
	slog.Handler // slog.DiscardHandler
	mu           sync.Mutex
	msgs         []string
}

func (w *warnings) Enabled(context.Context, slog.Level) bool { return true }

func (w *warnings) Handle(_ context.Context, r slog.Record) error {
	if r.Level == slog.LevelWarn {
		w.mu.Lock()
		w.msgs = append(w.msgs, r.Message)
		w.mu.Unlock()
	}
	return nil
}

func (w *warnings) all() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.msgs)
}

// sharedStores opens two stores on one schema of a fresh PostgreSQL
// database, as two Herald processes would, and the warnings of the second.
func sharedStores(t *testing.T) (db *testDB, a, b *Store, warned *warnings) {
	t.Helper()
	db = postgresDB(t)
	dsn := db.dsn(t)
	a = openStore(t, dsn)
	warned = &warnings{Handler: slog.DiscardHandler}
	b, err := Open(t.Context(), Options{DSN: dsn, Logger: slog.New(warned)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Error(err)
		}
	})
	return db, a, b, warned
}

func TestChangeFeed_OtherProcesses(t *testing.T) {
	_, a, b, _ := sharedStores(t)
	heardA, heardB := hear(t, a), hear(t, b)
	tag := &herald.Tag{Slug: "harbour", Name: "Harbour"}
	if err := a.CreateTag(t.Context(), tag); err != nil {
		t.Fatal(err)
	}
	heardB.waitFor(t, herald.Change{Kind: herald.ChangeTag, ID: tag.ID})
	// A message queued by one process wakes the mail sender of another.
	if err := a.EnqueueMessages(t.Context(), &herald.OutboxMessage{To: "reader@example.com", Subject: "Reply", Text: "Hello."}); err != nil {
		t.Fatal(err)
	}
	heardB.waitFor(t, herald.Change{Kind: herald.ChangeOutbox})
	sec := &herald.Section{Slug: "world", Name: "World"}
	if err := b.CreateSection(t.Context(), sec); err != nil {
		t.Fatal(err)
	}
	// A hears B's section after the notifications of its own tag and
	// message, which came first on the channel: had A published its own
	// again, they would show twice.
	heardA.waitFor(t, herald.Change{Kind: herald.ChangeSection, ID: sec.ID})
	want := []herald.Change{{Kind: herald.ChangeTag, ID: tag.ID}, {Kind: herald.ChangeOutbox}, {Kind: herald.ChangeSection, ID: sec.ID}}
	if diff := cmp.Diff(want, heardA.all()); diff != "" {
		t.Errorf("changes store A published (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, heardB.all()); diff != "" {
		t.Errorf("changes store B published (-want +got):\n%s", diff)
	}
}

// TestChangeFeed_OtherSchema checks that a site in another schema of the
// same database does not hear the changes.
func TestChangeFeed_OtherSchema(t *testing.T) {
	db, a, b, _ := sharedStores(t)
	otherDSN := db.dsn(t)
	other, neighbour := openStore(t, otherDSN), openStore(t, otherDSN)
	heardB, heardOther := hear(t, b), hear(t, other)
	tag := &herald.Tag{Slug: "harbour", Name: "Harbour"}
	if err := a.CreateTag(t.Context(), tag); err != nil {
		t.Fatal(err)
	}
	own := &herald.Tag{Slug: "own", Name: "Own"}
	if err := neighbour.CreateTag(t.Context(), own); err != nil {
		t.Fatal(err)
	}
	heardB.waitFor(t, herald.Change{Kind: herald.ChangeTag, ID: tag.ID})
	// PostgreSQL delivers notifications in commit order: once other has
	// heard of its neighbour's tag, it would have heard of a's before.
	heardOther.waitFor(t, herald.Change{Kind: herald.ChangeTag, ID: own.ID})
	if diff := cmp.Diff([]herald.Change{{Kind: herald.ChangeTag, ID: own.ID}}, heardOther.all()); diff != "" {
		t.Errorf("changes the store in another schema published (-want +got):\n%s", diff)
	}
}

// writeChanges commits a transaction that reports changes and writes
// nothing.
func writeChanges(t *testing.T, s *Store, changes []herald.Change) {
	t.Helper()
	if err := s.write(t.Context(), func(*sql.Tx) ([]herald.Change, error) { return changes, nil }); err != nil {
		t.Fatal(err)
	}
}

func articleChanges(n int) []herald.Change {
	changes := make([]herald.Change, n)
	for i := range changes {
		changes[i] = herald.Change{Kind: herald.ChangeArticle, ID: int64(1_000_000 + i)}
	}
	return changes
}

func TestChangeFeed_LargeBatch(t *testing.T) {
	_, a, b, _ := sharedStores(t)
	heardA, heardB := hear(t, a), hear(t, b)
	// The longest batch that is still listed goes through PostgreSQL.
	n := 1
	for !strings.Contains(string(encodeNote(a.feed.origin, articleChanges(n+1))), `"all":true`) {
		n++
	}
	listed := articleChanges(n)
	writeChanges(t, a, listed)
	waitUntil(t, func() bool { return len(heardB.all()) == n }, "%d changes", n)
	if diff := cmp.Diff(listed, heardB.all()); diff != "" {
		t.Errorf("the longest listed batch (-want +got):\n%s", diff)
	}
	// One more, and the store says that everything changed.
	writeChanges(t, a, articleChanges(n+1))
	waitUntil(t, func() bool { return len(heardB.all()) == n+len(changeKinds) }, "the everything-changed marker")
	if diff := cmp.Diff(everything(), heardB.all()[n:]); diff != "" {
		t.Errorf("a batch too long to list (-want +got):\n%s", diff)
	}
	if got := len(heardA.all()); got != 2*n+1 {
		t.Errorf("store A published %d changes, want its own %d", got, 2*n+1)
	}
}

func TestEncodeNote(t *testing.T) {
	for _, n := range []int{0, 1, 100, 10_000} {
		payload := encodeNote("origin", articleChanges(n))
		if len(payload) > maxPayload {
			t.Errorf("%d changes: a payload of %d bytes, over PostgreSQL's limit", n, len(payload))
		}
	}
}

func TestChannelName(t *testing.T) {
	if got := channelName("public"); got != "herald_changes_public" {
		t.Errorf("channelName(public) = %q", got)
	}
	long1, long2 := channelName(strings.Repeat("n", 60)+"1"), channelName(strings.Repeat("n", 60)+"2")
	if len(long1) > 63 || len(long2) > 63 || long1 == long2 {
		t.Errorf("channels of two long schema names: %q and %q; want two of at most 63 bytes", long1, long2)
	}
}

func TestChangeFeed_Reconnect(t *testing.T) {
	db, a, b, warned := sharedStores(t)
	heardB := hear(t, b)
	pid := b.feed.pid.Load()
	var ok bool
	if err := db.admin.QueryRowContext(t.Context(), "SELECT pg_terminate_backend($1)", pid).Scan(&ok); err != nil || !ok {
		t.Fatalf("terminate the listener's backend %d: %v, %v", pid, ok, err)
	}
	// Changes sent while it was away are lost: it reports that
	// everything changed once it is back.
	waitUntil(t, func() bool { return len(heardB.all()) == len(changeKinds) }, "the everything-changed marker")
	if diff := cmp.Diff(everything(), heardB.all()); diff != "" {
		t.Errorf("changes published on reconnecting (-want +got):\n%s", diff)
	}
	if got := b.feed.pid.Load(); got == pid {
		t.Errorf("the listener still has backend %d", got)
	}
	if got := warned.all(); !slices.Contains(got, "the change listener lost its database connection; reconnecting") {
		t.Errorf("no warning of the lost connection, only %q", got)
	}
	tag := &herald.Tag{Slug: "after", Name: "After"}
	if err := a.CreateTag(t.Context(), tag); err != nil {
		t.Fatal(err)
	}
	heardB.waitFor(t, herald.Change{Kind: herald.ChangeTag, ID: tag.ID})
}

func TestChangeFeed_Close(t *testing.T) {
	db := postgresDB(t)
	dsn := db.dsn(t)
	before := runtime.NumGoroutine()
	s, err := Open(t.Context(), Options{DSN: dsn})
	if err != nil {
		t.Fatal(err)
	}
	pid := s.feed.pid.Load()
	backends := func() (n int) {
		if err := db.admin.QueryRowContext(t.Context(), "SELECT count(*) FROM pg_stat_activity WHERE pid = $1", pid).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := backends(); n != 1 {
		t.Fatalf("the listener's backend %d is not running", pid)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.feed.done:
	default:
		t.Error("the listener still runs after Close")
	}
	waitUntil(t, func() bool { return backends() == 0 }, "the listener's backend to end")
	waitUntil(t, func() bool { return runtime.NumGoroutine() <= before }, "goroutines to end: %d before Open", before)
}

// TestChangeKinds checks that the everything-changed marker covers every
// kind of change the root package declares.
func TestChangeKinds(t *testing.T) {
	files, err := filepath.Glob("../../*.go")
	if err != nil {
		t.Fatal(err)
	}
	var declared []string
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			spec, ok := n.(*ast.ValueSpec)
			if !ok {
				return true
			}
			if typ, ok := spec.Type.(*ast.Ident); ok && typ.Name == "ChangeKind" {
				for _, v := range spec.Values {
					kind, _ := strconv.Unquote(v.(*ast.BasicLit).Value)
					declared = append(declared, kind)
				}
			}
			return false
		})
	}
	var covered []string
	for _, k := range changeKinds {
		covered = append(covered, string(k))
	}
	slices.Sort(declared)
	slices.Sort(covered)
	if diff := cmp.Diff(declared, covered); diff != "" {
		t.Errorf("changeKinds against the ChangeKind constants of package herald (-declared +covered):\n%s", diff)
	}
}
