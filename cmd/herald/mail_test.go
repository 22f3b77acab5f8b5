package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/config"
	"github.com/herald-news/herald/internal/sqlstore"
)

// inbox is an SMTP backend that keeps the messages it is sent.
type inbox struct {
	mu   sync.Mutex
	msgs []string
}

func (in *inbox) NewSession(*smtp.Conn) (smtp.Session, error) { return &inboxSession{in: in}, nil }

func (in *inbox) all() []string {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]string(nil), in.msgs...)
}

type inboxSession struct{ in *inbox }

func (s *inboxSession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *inboxSession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *inboxSession) Reset()                               {}
func (s *inboxSession) Logout() error                        { return nil }

func (s *inboxSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	s.in.mu.Lock()
	s.in.msgs = append(s.in.msgs, string(b))
	s.in.mu.Unlock()
	return err
}

// TestStartMail: the sender started by serve delivers what the SQLite
// outbox holds, and sends nothing while no SMTP host is configured.
func TestStartMail(t *testing.T) {
	ctx := context.Background()
	st, err := sqlstore.Open(ctx, sqlstore.Options{DSN: filepath.Join(t.TempDir(), "h.db"), Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	err = st.EnqueueMessages(ctx, &herald.OutboxMessage{To: "anna@example.com", Subject: "Ответ", Text: "Hello"})
	if err != nil {
		t.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	stop, err := startMail(ctx, st, config.SMTP{}, logger)
	if err != nil {
		t.Fatal(err)
	}
	stop()

	in := &inbox{}
	srv := smtp.NewServer(in)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(l)
	defer srv.Close()
	port := l.Addr().(*net.TCPAddr).Port
	c := config.SMTP{Host: "127.0.0.1", Port: port, Security: "none", From: "Herald <news@herald.test>"}
	stop, err = startMail(ctx, st, c, logger)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	deadline := time.Now().Add(10 * time.Second)
	for len(in.all()) == 0 {
		if time.Now().After(deadline) {
			t.Fatal("no message delivered from port " + strconv.Itoa(port))
		}
		runtime.Gosched()
	}
	if got := in.all(); len(got) != 1 || !strings.Contains(got[0], "To: <anna@example.com>") {
		t.Errorf("delivered %q", got)
	}
}
