-- Reader comments and the outbox of email to send.

-- email, ip and user_agent are private. parent_id is NULL for a top-level
-- comment; the store moves replies up before deleting their parent.
CREATE TABLE comments (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	parent_id  INTEGER REFERENCES comments (id) ON DELETE SET NULL,
	name       TEXT NOT NULL,
	email      TEXT NOT NULL,
	website    TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL,
	status     TEXT NOT NULL,
	notify     BOOLEAN NOT NULL DEFAULT 0,
	user_id    INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created_at DATETIME NOT NULL,
	ip         TEXT NOT NULL DEFAULT '',
	user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX comments_article_idx ON comments (article_id, created_at, id);
CREATE INDEX comments_parent_idx ON comments (parent_id);
CREATE INDEX comments_status_idx ON comments (status, created_at, id);
CREATE INDEX comments_email_idx ON comments (lower(email));
CREATE INDEX comments_created_idx ON comments (created_at);

-- Email waiting to be sent, or sent. headers is a JSON object.
-- next_attempt_at is NULL once the message is sent or given up.
CREATE TABLE outbox (
	id              INTEGER PRIMARY KEY AUTOINCREMENT,
	recipient       TEXT NOT NULL,
	subject         TEXT NOT NULL,
	body            TEXT NOT NULL,
	headers         TEXT NOT NULL DEFAULT '{}',
	attempts        INTEGER NOT NULL DEFAULT 0,
	next_attempt_at DATETIME,
	sent_at         DATETIME,
	last_error      TEXT NOT NULL DEFAULT '',
	created_at      DATETIME NOT NULL
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at, id);
CREATE INDEX outbox_recipient_idx ON outbox (lower(recipient));
