-- Webhooks and the outbox of their deliveries.

-- events is a comma-separated list such as
-- "article.published,article.updated". secret signs the deliveries.
CREATE TABLE webhooks (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	url        TEXT NOT NULL,
	events     TEXT NOT NULL,
	secret     TEXT NOT NULL,
	active     BOOLEAN NOT NULL DEFAULT 1,
	created_at DATETIME NOT NULL,
	updated_at DATETIME NOT NULL
);

-- One event on its way to one webhook. article_id has no foreign key: the
-- delivery of article.deleted outlives the article. next_attempt_at is
-- NULL once the delivery is made or given up.
CREATE TABLE webhook_deliveries (
	id                   INTEGER PRIMARY KEY AUTOINCREMENT,
	webhook_id           INTEGER NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
	event                TEXT NOT NULL,
	article_id           INTEGER NOT NULL,
	article_slug         TEXT NOT NULL,
	article_published_at DATETIME,
	occurred_at          DATETIME NOT NULL,
	attempts             INTEGER NOT NULL DEFAULT 0,
	next_attempt_at      DATETIME,
	delivered_at         DATETIME,
	last_status          INTEGER NOT NULL DEFAULT 0,
	last_error           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at, id);
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (webhook_id, id);
