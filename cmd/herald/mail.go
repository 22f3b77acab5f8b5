package main

import (
	"context"
	"log/slog"

	"github.com/herald-news/herald/internal/config"
	"github.com/herald-news/herald/internal/mail"
)

// startMail starts the sender that drains the outbox over SMTP, when an
// SMTP host is configured, and returns the function that stops it. Without
// a host, messages wait in the outbox until one is configured.
func startMail(ctx context.Context, st mail.Store, c config.SMTP, logger *slog.Logger) (stop func(), err error) {
	if c.Host == "" {
		logger.Info("email is off until -smtp-host is set; messages wait in the outbox")
		return func() {}, nil
	}
	client, err := mail.NewSMTP(mail.Settings{
		Host: c.Host, Port: c.Port, User: c.User, Password: c.Password,
		Security: mail.Security(c.Security), From: c.From,
	})
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		mail.NewOutbox(mail.Options{Store: st, Transport: client, From: c.From, Logger: logger}).Run(ctx)
	}()
	logger.Info("sending email", "smtp", c.Host, "port", c.Port, "security", c.Security)
	return func() { cancel(); <-done }, nil
}
