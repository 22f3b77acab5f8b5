package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

const webhookColumns = "id, url, events, secret, active, created_at, updated_at"

func scanWebhook(row scanner) (*herald.Webhook, error) {
	var w herald.Webhook
	var events string
	if err := row.Scan(&w.ID, &w.URL, &events, &w.Secret, &w.Active, &w.CreatedAt, &w.UpdatedAt); err != nil {
		return nil, err
	}
	w.Events = parseEvents(events)
	w.CreatedAt, w.UpdatedAt = w.CreatedAt.UTC(), w.UpdatedAt.UTC()
	return &w, nil
}

func formatEvents(events []herald.WebhookEvent) string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = string(e)
	}
	return strings.Join(out, ",")
}

func parseEvents(s string) []herald.WebhookEvent {
	var out []herald.WebhookEvent
	for e := range strings.SplitSeq(s, ",") {
		if e != "" {
			out = append(out, herald.WebhookEvent(e))
		}
	}
	return out
}

const deliveryColumns = "d.id, d.webhook_id, d.event, d.article_id, d.article_slug, d.article_published_at, " +
	"d.occurred_at, d.attempts, d.next_attempt_at, d.delivered_at, d.last_status, d.last_error, w.url, w.secret"

// sendable keeps the deliveries of active webhooks: those of a paused one
// wait until it is active again.
const sendable = "webhook_id IN (SELECT id FROM webhooks WHERE active)"

// deliveryFrom joins each delivery to its webhook for deliveryColumns.
const deliveryFrom = " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"

func scanDelivery(row scanner) (*herald.WebhookDelivery, error) {
	var d herald.WebhookDelivery
	var published, next, delivered sql.NullTime
	err := row.Scan(&d.ID, &d.WebhookID, &d.Event, &d.ArticleID, &d.ArticleSlug, &published, &d.OccurredAt,
		&d.Attempts, &next, &delivered, &d.LastStatus, &d.LastError, &d.URL, &d.Secret)
	if err != nil {
		return nil, err
	}
	d.ArticlePublishedAt, d.NextAttemptAt, d.DeliveredAt = timeOf(published), timeOf(next), timeOf(delivered)
	d.OccurredAt = d.OccurredAt.UTC()
	return &d, nil
}

// FindWebhook implements herald.WebhookStore.
func (s *Store) FindWebhook(ctx context.Context, id int64) (*herald.Webhook, error) {
	var w *herald.Webhook
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		w, err = scanWebhook(tx.QueryRowContext(ctx, "SELECT "+webhookColumns+" FROM webhooks WHERE id = $1", id))
		return notFound(err, "webhook", id)
	})
	if err != nil {
		return nil, fmt.Errorf("find webhook %d: %w", id, err)
	}
	return w, nil
}

// FindWebhooks implements herald.WebhookStore.
func (s *Store) FindWebhooks(ctx context.Context) ([]*herald.Webhook, error) {
	var out []*herald.Webhook
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = queryAll(ctx, tx, scanWebhook, "SELECT "+webhookColumns+" FROM webhooks ORDER BY id")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find webhooks: %w", err)
	}
	return out, nil
}

// CreateWebhook implements herald.WebhookStore.
func (s *Store) CreateWebhook(ctx context.Context, w *herald.Webhook) error {
	if err := w.Validate(); err != nil {
		return err
	}
	now := utc(s.now())
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		return []herald.Change{{Kind: herald.ChangeWebhook}}, tx.QueryRowContext(ctx, `INSERT INTO webhooks (url, events, secret, active, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5) RETURNING id`, w.URL, formatEvents(w.Events), w.Secret, w.Active, now).Scan(&w.ID)
	})
	if err != nil {
		return fmt.Errorf("create webhook: %w", err)
	}
	w.CreatedAt, w.UpdatedAt = now, now
	return nil
}

// UpdateWebhook implements herald.WebhookStore.
func (s *Store) UpdateWebhook(ctx context.Context, w *herald.Webhook) error {
	if err := w.Validate(); err != nil {
		return err
	}
	now := utc(s.now())
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		err := tx.QueryRowContext(ctx, `UPDATE webhooks SET url = $1, events = $2, secret = $3, active = $4,
			updated_at = $5 WHERE id = $6 RETURNING created_at`, w.URL, formatEvents(w.Events), w.Secret, w.Active,
			now, w.ID).Scan(&w.CreatedAt)
		// Senders look again: a webhook made active may have deliveries due.
		return []herald.Change{{Kind: herald.ChangeWebhook}}, notFound(err, "webhook", w.ID)
	})
	if err != nil {
		return fmt.Errorf("update webhook %d: %w", w.ID, err)
	}
	w.CreatedAt, w.UpdatedAt = w.CreatedAt.UTC(), now
	return nil
}

// DeleteWebhook implements herald.WebhookStore.
func (s *Store) DeleteWebhook(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		res, err := tx.ExecContext(ctx, "DELETE FROM webhooks WHERE id = $1", id)
		if err != nil {
			return nil, err
		}
		return nil, affected(res, "webhook", id)
	})
	if err != nil {
		return fmt.Errorf("delete webhook %d: %w", id, err)
	}
	return nil
}

// FindWebhookDeliveries implements herald.WebhookStore.
func (s *Store) FindWebhookDeliveries(ctx context.Context, webhookID int64, limit int) ([]*herald.WebhookDelivery, error) {
	_, limit = page(0, limit)
	var out []*herald.WebhookDelivery
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = queryAll(ctx, tx, scanDelivery, "SELECT "+deliveryColumns+deliveryFrom+
			" WHERE d.webhook_id = $1 ORDER BY d.id DESC LIMIT $2", webhookID, limit)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find deliveries of webhook %d: %w", webhookID, err)
	}
	return out, nil
}

// ClaimWebhookDeliveries implements herald.WebhookStore; see claimDue.
func (s *Store) ClaimWebhookDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]*herald.WebhookDelivery, error) {
	now = utc(now)
	_, limit = page(0, limit)
	var out []*herald.WebhookDelivery
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		ids, err := s.claimDue(ctx, tx, "webhook_deliveries", sendable, now, now.Add(lease), limit)
		if err != nil || len(ids) == 0 {
			return nil, err
		}
		var a args
		out, err = queryAll(ctx, tx, scanDelivery, "SELECT "+deliveryColumns+deliveryFrom+" WHERE d.id IN ("+
			list(&a, ids)+")", a...)
		out = inClaimOrder(ids, out, func(d *herald.WebhookDelivery) int64 { return d.ID })
		return nil, err
	})
	if err != nil {
		return nil, fmt.Errorf("claim webhook deliveries due %s: %w", now.Format(time.RFC3339), err)
	}
	return out, nil
}

// MarkWebhookDelivered implements herald.WebhookStore.
func (s *Store) MarkWebhookDelivered(ctx context.Context, id int64, status int, at time.Time) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		res, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET delivered_at = $1, next_attempt_at = NULL,
			last_status = $2, last_error = '' WHERE id = $3`, utc(at), status, id)
		if err != nil {
			return nil, err
		}
		return nil, affected(res, "webhook delivery", id)
	})
	if err != nil {
		return fmt.Errorf("mark webhook delivery %d delivered: %w", id, err)
	}
	return nil
}

// MarkWebhookFailed implements herald.WebhookStore. The reason keeps its
// valid UTF-8 only (see failureText).
func (s *Store) MarkWebhookFailed(ctx context.Context, id int64, status int, reason string, next time.Time) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		res, err := tx.ExecContext(ctx, `UPDATE webhook_deliveries SET last_status = $1, last_error = $2,
			next_attempt_at = $3 WHERE id = $4`, status, failureText(reason), nullTime(next), id)
		if err != nil {
			return nil, err
		}
		return nil, affected(res, "webhook delivery", id)
	})
	if err != nil {
		return fmt.Errorf("mark webhook delivery %d failed: %w", id, err)
	}
	return nil
}

// NextWebhookTime implements herald.WebhookStore.
func (s *Store) NextWebhookTime(ctx context.Context) (time.Time, error) {
	next, err := s.nextDue(ctx, "webhook_deliveries", sendable)
	if err != nil {
		return time.Time{}, fmt.Errorf("next webhook delivery time: %w", err)
	}
	return next, nil
}

// RetryWebhookDelivery implements herald.WebhookStore.
func (s *Store) RetryWebhookDelivery(ctx context.Context, webhookID, id int64, at time.Time) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var delivered, next sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT delivered_at, next_attempt_at FROM webhook_deliveries
			WHERE id = $1 AND webhook_id = $2`, id, webhookID).Scan(&delivered, &next)
		if err != nil {
			return nil, notFound(err, "webhook delivery", id)
		}
		if delivered.Valid || next.Valid {
			return nil, herald.Errorf(herald.ECONFLICT, "The delivery was made or is still being tried.")
		}
		_, err = tx.ExecContext(ctx, "UPDATE webhook_deliveries SET attempts = 0, next_attempt_at = $1 WHERE id = $2",
			utc(at), id)
		return []herald.Change{{Kind: herald.ChangeWebhook}}, err
	})
	if err != nil {
		return fmt.Errorf("retry webhook delivery %d: %w", id, err)
	}
	return nil
}

// PurgeWebhookDeliveries implements herald.WebhookStore.
func (s *Store) PurgeWebhookDeliveries(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		res, err := tx.ExecContext(ctx, `DELETE FROM webhook_deliveries WHERE next_attempt_at IS NULL
			AND occurred_at < $1`, utc(before))
		if err != nil {
			return nil, err
		}
		n, err = res.RowsAffected()
		return nil, err
	})
	if err != nil {
		return 0, fmt.Errorf("purge webhook deliveries before %s: %w", before.Format(time.RFC3339), err)
	}
	return int(n), nil
}

// articleEvent is the event of an article's status going from before to
// after, "" when webhooks are not told: only what readers can see counts.
func articleEvent(before, after herald.ArticleStatus) herald.WebhookEvent {
	switch {
	case before == herald.StatusPublished && after == herald.StatusPublished:
		return herald.EventArticleUpdated
	case after == herald.StatusPublished:
		return herald.EventArticlePublished
	case before == herald.StatusPublished:
		return herald.EventArticleUnpublished
	}
	return ""
}

// deletionEvent is the event of deleting an article of the status: only
// an article readers saw, or saw withdrawn, is news to webhooks.
func deletionEvent(status herald.ArticleStatus) herald.WebhookEvent {
	if status == herald.StatusPublished || status == herald.StatusUnpublished {
		return herald.EventArticleDeleted
	}
	return ""
}

// articleStatus returns the stored status of the article.
func articleStatus(ctx context.Context, tx querier, id int64) (herald.ArticleStatus, error) {
	var status herald.ArticleStatus
	err := tx.QueryRowContext(ctx, "SELECT status FROM articles WHERE id = $1", id).Scan(&status)
	return status, notFound(err, "article", id)
}

// enqueueWebhooks enqueues, in the transaction of the article change, a
// delivery of the event about each article for every active webhook that
// wants it, due at now. It reads the articles' slugs and dates, so for a
// deletion it runs before the articles go.
func enqueueWebhooks(ctx context.Context, tx querier, now time.Time, event herald.WebhookEvent, articleIDs ...int64) ([]herald.Change, error) {
	if event == "" || len(articleIDs) == 0 {
		return nil, nil
	}
	var a args
	return enqueueWebhooksWhere(ctx, tx, now, event, "articles.id IN ("+list(&a, articleIDs)+")", a)
}

// enqueueUpdated enqueues article.updated, due at now, about every article
// public at now that meets cond (a condition on articles whose placeholders
// stand for a), for every active webhook that wants it: what a change to a
// section, tag, story, author or image calls in the transaction that
// makes it, before the change, when the condition still finds the
// articles. One statement, however many articles.
func enqueueUpdated(ctx context.Context, tx querier, now time.Time, cond string, a args) ([]herald.Change, error) {
	cond = "articles.status = " + a.add(herald.StatusPublished) + " AND articles.published_at <= " + a.add(now) +
		" AND (" + cond + ")"
	return enqueueWebhooksWhere(ctx, tx, now, herald.EventArticleUpdated, cond, a)
}

// enqueueWebhooksWhere enqueues a delivery of the event about each article
// that meets cond (a condition on articles whose placeholders stand for a)
// for every active webhook subscribed to it, due at now, in one statement.
func enqueueWebhooksWhere(ctx context.Context, tx querier, now time.Time, event herald.WebhookEvent, cond string, a args) ([]herald.Change, error) {
	// webhooks.events is a comma-separated list of events, which hold no
	// LIKE wildcard.
	q := `INSERT INTO webhook_deliveries (webhook_id, event, article_id, article_slug, article_published_at,
		occurred_at, next_attempt_at) SELECT webhooks.id, ` + a.add(event) + `, articles.id, articles.slug,
		articles.published_at, ` + a.add(now) + ", " + a.add(now) + ` FROM webhooks, articles
		WHERE webhooks.active AND ',' || webhooks.events || ',' LIKE ` + a.add("%,"+string(event)+",%") +
		" AND (" + cond + ")"
	res, err := tx.ExecContext(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	n, err := res.RowsAffected()
	if err != nil || n == 0 {
		return nil, err
	}
	return []herald.Change{{Kind: herald.ChangeWebhook}}, nil
}

// differs returns a condition that holds when the row of the table with
// the id has, in one of the columns, a value other than the one given in
// the same place among values: that a change to the row shows in the
// JSON of its articles.
func differs(a *args, table string, id int64, columns []string, values ...any) string {
	ors := make([]string, len(columns))
	for i, c := range columns {
		ors[i] = table + "." + c + " <> " + a.add(values[i])
	}
	return "EXISTS (SELECT 1 FROM " + table + " WHERE " + table + ".id = " + a.add(id) + " AND (" +
		strings.Join(ors, " OR ") + "))"
}
