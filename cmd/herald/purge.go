package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/herald-news/herald"
)

// purgeEvery is how often commenters' data past its time is purged.
const purgeEvery = time.Hour

// spamDays is how long spam waits in its folder to be reviewed before it
// is deleted.
const spamDays = 30

// purgeStore is what the purge needs of the store.
type purgeStore interface {
	FindSettings(ctx context.Context) (herald.Settings, error)
	PurgeCommentClients(ctx context.Context, before time.Time) (int, error)
	PurgeSpam(ctx context.Context, before time.Time) (int, error)
}

// purgeComments blanks the IP addresses and user agents of comments older
// than the retention the settings name, and deletes spam older than
// spamDays. Several processes may run it at once: what one purged, the
// others find gone.
func purgeComments(ctx context.Context, st purgeStore, now time.Time, logger *slog.Logger) error {
	s, err := st.FindSettings(ctx)
	if err != nil {
		return err
	}
	clients, err := st.PurgeCommentClients(ctx, now.AddDate(0, 0, -s.Comments.RetentionDays))
	if err != nil {
		return err
	}
	spam, err := st.PurgeSpam(ctx, now.AddDate(0, 0, -spamDays))
	if err != nil {
		return err
	}
	level := slog.LevelDebug
	if clients > 0 || spam > 0 {
		level = slog.LevelInfo
	}
	logger.Log(ctx, level, "purged commenters' data", "ip_and_user_agent_cleared", clients,
		"retention_days", s.Comments.RetentionDays, "spam_deleted", spam, "spam_days", spamDays)
	return nil
}

// runPurge purges at once and then at every tick until ctx is done.
func runPurge(ctx context.Context, st purgeStore, now func() time.Time, tick <-chan time.Time, logger *slog.Logger) {
	for {
		if err := purgeComments(ctx, st, now(), logger); err != nil && ctx.Err() == nil {
			logger.Error("purging commenters' data", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
	}
}
