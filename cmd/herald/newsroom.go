package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/publisher"
	"github.com/herald-news/herald/internal/sqlstore"
	"github.com/herald-news/herald/internal/webhook"
)

// printSetupLink prints, while nobody can sign in as an admin, the
// one-time link at origin that makes the first admin, to stdout and to the log.
func (m *Main) printSetupLink(ctx context.Context, au *auth.Auth, origin string, logger *slog.Logger) error {
	needed, err := au.NeedsFirstAdmin(ctx)
	if err != nil || !needed {
		return err
	}
	link := auth.Link(origin, auth.SetupPath, au.SetupToken(auth.SetupLinkTTL))
	logger.Warn("the newsroom has no admin yet: open the setup link within 1 hour to make the first admin", "link", link)
	fmt.Fprintf(m.Stdout, "The newsroom has no admin yet. Open this link within 1 hour to make the first admin:\n%s\n", link)
	return nil
}

// sweepEvery is how often ended sessions are deleted from the database.
const sweepEvery = time.Hour

// sweepSessions deletes ended sessions every hour until ctx is done, so
// that the table holds only live ones.
func sweepSessions(ctx context.Context, au *auth.Auth, logger *slog.Logger) {
	t := time.NewTicker(sweepEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := au.DeleteExpiredSessions(ctx); err != nil && ctx.Err() == nil {
				logger.Error("deleting ended sessions", "err", err)
			} else if n > 0 {
				logger.Debug("deleted ended sessions", "count", n)
			}
		}
	}
}

// startBackground runs the publisher of scheduled articles, the session
// sweeper, the sender of webhook deliveries (origin makes article URLs
// absolute when the settings name no base URL) and the purge of
// commenters' data every purgeEvery until ctx is done; the returned
// function stops them and waits for them to finish, before the store
// closes.
func startBackground(ctx context.Context, st *sqlstore.Store, au *auth.Auth, origin string, logger *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	purge := time.NewTicker(purgeEvery)
	var wg sync.WaitGroup
	wg.Go(func() { publisher.New(publisher.Options{Store: st, Logger: logger}).Run(ctx) })
	wg.Go(func() { sweepSessions(ctx, au, logger) })
	wg.Go(func() { webhook.New(webhook.Options{Store: st, Origin: origin, Logger: logger}).Run(ctx) })
	wg.Go(func() { runPurge(ctx, st, time.Now, purge.C, logger) })
	return func() { cancel(); wg.Wait(); purge.Stop() }
}
