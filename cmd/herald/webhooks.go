package main

import (
	"context"
	"log/slog"

	"github.com/herald-news/herald/internal/webhook"
)

// startWebhooks starts the sender of webhook deliveries and returns the
// function that stops it. origin makes article URLs absolute when the
// settings name no base URL.
func startWebhooks(ctx context.Context, st webhook.Store, origin string, logger *slog.Logger) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		webhook.New(webhook.Options{Store: st, Origin: origin, Logger: logger}).Run(ctx)
	}()
	return func() { cancel(); <-done }
}
