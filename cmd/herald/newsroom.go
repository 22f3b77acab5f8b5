package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"

	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/publisher"
	"github.com/herald-news/herald/internal/sqlstore"
)

// printSetupLink prints, when the newsroom has no member yet, the one-time
// link that makes the first admin, to stdout and to the log.
func (m *Main) printSetupLink(ctx context.Context, st *sqlstore.Store, au *auth.Auth, l net.Listener, logger *slog.Logger) error {
	n, err := st.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	link := auth.Link(originOf(l.Addr().String()), auth.SetupPath, au.SetupToken(auth.SetupLinkTTL))
	logger.Warn("the newsroom has no user yet: open the setup link within 1 hour to make the first admin", "link", link)
	fmt.Fprintf(m.Stdout, "The newsroom has no user yet. Open this link within 1 hour to make the first admin:\n%s\n", link)
	return nil
}

// startPublisher runs the publisher of scheduled articles until ctx is
// done; the returned function stops it and waits for it to finish.
func startPublisher(ctx context.Context, st *sqlstore.Store, logger *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		publisher.New(publisher.Options{Store: st, Logger: logger}).Run(ctx)
	}()
	return func() { cancel(); <-done }
}
