-- The newsroom: two-factor sign-in, translations, revisions with an
-- optimistic version check, sessions, the audit log, sign-in throttling and
-- the server's signing keys.

ALTER TABLE users ADD COLUMN totp_secret TEXT NOT NULL DEFAULT '';
-- A JSON array of the hashes of the unused recovery codes.
ALTER TABLE users ADD COLUMN recovery_codes TEXT NOT NULL DEFAULT '[]';

ALTER TABLE articles ADD COLUMN translation_of INTEGER REFERENCES articles (id) ON DELETE SET NULL;
ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE INDEX articles_translation_of_idx ON articles (translation_of);
-- The publisher's queue. Queries must say status = 'scheduled' literally
-- for SQLite to use a partial index.
CREATE INDEX articles_scheduled_idx ON articles (published_at, id) WHERE status = 'scheduled';

-- The state of an article after each save. user_id is NULL for the system.
CREATE TABLE revisions (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	version      INTEGER NOT NULL,
	user_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
	created_at   DATETIME NOT NULL,
	slug         TEXT NOT NULL,
	status       TEXT NOT NULL,
	published_at DATETIME,
	headline     TEXT NOT NULL,
	dek          TEXT NOT NULL DEFAULT '',
	excerpt      TEXT NOT NULL DEFAULT '',
	body         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX revisions_article_idx ON revisions (article_id, id);
CREATE INDEX revisions_user_idx ON revisions (user_id);
-- Articles saved before revisions existed start with their current state.
INSERT INTO revisions (article_id, version, user_id, created_at, slug, status, published_at, headline, dek,
	excerpt, body)
	SELECT id, version, NULL, modified_at, slug, status, published_at, headline, dek, excerpt, body FROM articles;

-- Signed-in browsers; id is the hex SHA-256 of the cookie's token.
CREATE TABLE sessions (
	id           TEXT PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at   DATETIME NOT NULL,
	last_seen_at DATETIME NOT NULL,
	expires_at   DATETIME NOT NULL,
	ip           TEXT NOT NULL DEFAULT '',
	user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- Append-only. user_id has no foreign key: the log outlives the user.
CREATE TABLE audit_events (
	id      INTEGER PRIMARY KEY AUTOINCREMENT,
	at      DATETIME NOT NULL,
	user_id INTEGER NOT NULL DEFAULT 0,
	action  TEXT NOT NULL,
	subject TEXT NOT NULL DEFAULT '',
	detail  TEXT NOT NULL DEFAULT '',
	ip      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_at_idx ON audit_events (at, id);
CREATE INDEX audit_events_user_idx ON audit_events (user_id, at, id);
CREATE INDEX audit_events_action_idx ON audit_events (action, at, id);

-- One row per failure, e.g. a wrong password, counted per key over a window.
CREATE TABLE throttle_failures (
	key TEXT NOT NULL,
	at  DATETIME NOT NULL
);
CREATE INDEX throttle_failures_key_idx ON throttle_failures (key, at);
CREATE INDEX throttle_failures_at_idx ON throttle_failures (at);

-- Signing keys, made once and shared by every process.
CREATE TABLE secrets (
	name       TEXT PRIMARY KEY,
	value      BLOB NOT NULL,
	created_at DATETIME NOT NULL
);
