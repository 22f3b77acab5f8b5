package sqlstore

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/herald-news/herald"
	"github.com/jackc/pgx/v5"
)

// Several Herald processes may share one PostgreSQL database. Each reports
// its committed changes to its own subscribers; so that the page caches and
// background senders of the others learn of them too, every write
// transaction that reports changes also sends them with pg_notify, and each
// store keeps one connection listening for what the others send and
// publishes it to its own subscribers. pg_notify is transactional: a
// listener hears of a change only once it is committed, and never of a
// rolled-back one.
//
// SQLite needs none of this: one process owns a SQLite database file.

const (
	// changeChannel starts the name of the channel the changes travel on;
	// the schema's name follows, so that sites kept in different schemas
	// of one database do not hear each other.
	changeChannel = "herald_changes_"
	// maxPayload is the largest notification payload PostgreSQL accepts,
	// in bytes.
	maxPayload = 7999
	// listenPing is how long the listener waits for a notification before
	// it checks that its connection still answers: a connection cut off
	// without a word (a NAT or firewall forgetting it) is noticed that soon.
	listenPing = 30 * time.Second
	// Reconnection waits from minBackoff, doubling after each failure up
	// to maxBackoff.
	minBackoff = 100 * time.Millisecond
	maxBackoff = 30 * time.Second
)

// changeKinds are the kinds of change the store reports. A notification too
// large to send, or missed while the listener was disconnected, is
// published as one change of each kind with no id: "something of this kind
// changed".
var changeKinds = []herald.ChangeKind{
	herald.ChangeArticle, herald.ChangeSection, herald.ChangeTag, herald.ChangeStory,
	herald.ChangeUser, herald.ChangeMedia, herald.ChangeRedirect, herald.ChangeSettings,
	herald.ChangeComment, herald.ChangeModeration, herald.ChangeOutbox, herald.ChangeWebhook,
}

// note is a notification's payload, in JSON.
type note struct {
	// Origin is the id of the store that sent it.
	Origin string `json:"o"`
	// Changes are what changed, unless All is set.
	Changes []noteChange `json:"c,omitempty"`
	// All says that too much changed to list.
	All bool `json:"all,omitempty"`
}

type noteChange struct {
	Kind herald.ChangeKind `json:"k"`
	ID   int64             `json:"i,omitempty"`
}

// encodeNote returns the payload reporting changes from origin: the list,
// or the everything-changed marker when the list is too long to send.
func encodeNote(origin string, changes []herald.Change) []byte {
	n := note{Origin: origin, Changes: make([]noteChange, len(changes))}
	for i, c := range changes {
		n.Changes[i] = noteChange{Kind: c.Kind, ID: c.ID}
	}
	b, _ := json.Marshal(n) // strings and numbers always encode
	if len(b) > maxPayload {
		b, _ = json.Marshal(note{Origin: origin, All: true})
	}
	return b
}

// everything returns one change of every kind, without ids.
func everything() []herald.Change {
	all := make([]herald.Change, len(changeKinds))
	for i, k := range changeKinds {
		all[i] = herald.Change{Kind: k}
	}
	return all
}

// changeFeed sends a PostgreSQL store's changes to the other stores on its
// schema and publishes theirs.
type changeFeed struct {
	origin  string // random id of this store, to skip its own notifications
	channel string
	config  *pgx.ConnConfig
	publish func(...herald.Change)
	log     *slog.Logger

	pid  atomic.Uint32 // backend process of the listening connection
	stop context.CancelFunc
	done chan struct{} // closed when the listener has stopped
}

// startChangeFeed connects the listener to the database at dsn, so that
// once it returns every change another store commits is published, and
// keeps it listening until close.
func startChangeFeed(ctx context.Context, dsn string, db *sql.DB, publish func(...herald.Change), log *slog.Logger) (*changeFeed, error) {
	config, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, err
	}
	config.RuntimeParams["application_name"] = "herald change listener"
	var schema string
	if err := db.QueryRowContext(ctx, "SELECT COALESCE(current_schema(), '')").Scan(&schema); err != nil {
		return nil, fmt.Errorf("find schema: %w", err)
	}
	f := &changeFeed{
		origin: rand.Text(), channel: channelName(schema), config: config,
		publish: publish, log: log, done: make(chan struct{}),
	}
	conn, err := f.connect(ctx)
	if err != nil {
		return nil, fmt.Errorf("listen for changes: %w", err)
	}
	runCtx, stop := context.WithCancel(context.Background())
	f.stop = stop
	go f.run(runCtx, conn)
	return f, nil
}

// channelName returns the channel of the schema's changes. A channel name
// is an identifier of at most 63 bytes: a longer one is made of a hash of
// the schema's name.
func channelName(schema string) string {
	if len(changeChannel)+len(schema) > 63 {
		sum := sha256.Sum256([]byte(schema))
		return changeChannel + hex.EncodeToString(sum[:16])
	}
	return changeChannel + schema
}

// notify sends changes to the other stores when tx commits.
func (f *changeFeed) notify(ctx context.Context, tx *sql.Tx, changes []herald.Change) error {
	if len(changes) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "SELECT pg_notify($1, $2)", f.channel, string(encodeNote(f.origin, changes))); err != nil {
		return fmt.Errorf("notify changes: %w", err)
	}
	return nil
}

// close stops the listener and waits until its connection is closed.
func (f *changeFeed) close() {
	f.stop()
	<-f.done
}

// connect opens a listening connection.
func (f *changeFeed) connect(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, f.config)
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{f.channel}.Sanitize()); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	f.pid.Store(conn.PgConn().PID())
	return conn, nil
}

// run publishes what other stores send until ctx ends, reconnecting when
// the connection breaks. Notifications sent while it was disconnected are
// lost, so after reconnecting it publishes that everything changed.
func (f *changeFeed) run(ctx context.Context, conn *pgx.Conn) {
	defer close(f.done)
	for {
		err := f.receive(ctx, conn)
		closeCtx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn.Close(closeCtx)
		cancel()
		if ctx.Err() != nil {
			return
		}
		if conn = f.reconnect(ctx, err); conn == nil {
			return
		}
		f.publish(everything()...)
	}
}

// reconnect connects again after the connection failed with err, waiting
// longer after each failed attempt. It returns nil when ctx ends first.
func (f *changeFeed) reconnect(ctx context.Context, err error) *pgx.Conn {
	for wait := minBackoff; ; wait = min(2*wait, maxBackoff) {
		f.log.Warn("the change listener lost its database connection; reconnecting", "channel", f.channel, "err", err, "retry_in", wait)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
		var conn *pgx.Conn
		if conn, err = f.connect(ctx); err == nil {
			f.log.Info("the change listener reconnected", "channel", f.channel)
			return conn
		}
		if ctx.Err() != nil {
			return nil
		}
	}
}

// receive publishes the changes other stores send until ctx ends or the
// connection fails, checking that it answers when it has been quiet.
func (f *changeFeed) receive(ctx context.Context, conn *pgx.Conn) error {
	for {
		waitCtx, cancel := context.WithTimeout(ctx, listenPing)
		n, err := conn.WaitForNotification(waitCtx)
		cancel()
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case errors.Is(err, context.DeadlineExceeded):
			pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
			err = conn.Ping(pingCtx)
			cancel()
			if err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			f.deliver(n.Payload)
		}
	}
}

// deliver publishes the changes of a notification another store sent.
func (f *changeFeed) deliver(payload string) {
	var n note
	if err := json.Unmarshal([]byte(payload), &n); err != nil {
		f.log.Warn("unreadable change notification; reporting that everything changed", "channel", f.channel, "err", err)
		f.publish(everything()...)
		return
	}
	if n.Origin == f.origin {
		return // published when it was committed
	}
	if n.All {
		f.publish(everything()...)
		return
	}
	changes := make([]herald.Change, len(n.Changes))
	for i, c := range n.Changes {
		changes[i] = herald.Change{Kind: c.Kind, ID: c.ID}
	}
	f.publish(changes...)
}
