-- Herald's first schema. Times are DATETIME text written by the driver in
-- UTC ("2006-01-02 15:04:05.999999+00:00"), so they compare as text.

CREATE TABLE sections (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	parent_id   INTEGER REFERENCES sections (id) ON DELETE SET NULL,
	slug        TEXT NOT NULL,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	position    INTEGER NOT NULL DEFAULT 0,
	in_nav      BOOLEAN NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX sections_slug_key ON sections (slug);
CREATE INDEX sections_parent_id_idx ON sections (parent_id);

CREATE TABLE tags (
	id   INTEGER PRIMARY KEY AUTOINCREMENT,
	slug TEXT NOT NULL,
	name TEXT NOT NULL
);
CREATE UNIQUE INDEX tags_slug_key ON tags (slug);

CREATE TABLE stories (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	slug        TEXT NOT NULL,
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	created_at  DATETIME NOT NULL
);
CREATE UNIQUE INDEX stories_slug_key ON stories (slug);

CREATE TABLE media (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	hash       TEXT NOT NULL,
	type       TEXT NOT NULL,
	size       INTEGER NOT NULL,
	width      INTEGER NOT NULL,
	height     INTEGER NOT NULL,
	alt        TEXT NOT NULL DEFAULT '',
	caption    TEXT NOT NULL DEFAULT '',
	credit     TEXT NOT NULL DEFAULT '',
	variants   TEXT NOT NULL DEFAULT '',
	created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX media_hash_key ON media (hash);

CREATE TABLE users (
	id             INTEGER PRIMARY KEY AUTOINCREMENT,
	name           TEXT NOT NULL,
	slug           TEXT NOT NULL,
	bio            TEXT NOT NULL DEFAULT '',
	email          TEXT NOT NULL,
	role           TEXT NOT NULL,
	password_hash  TEXT NOT NULL DEFAULT '',
	photo_media_id INTEGER REFERENCES media (id) ON DELETE SET NULL,
	created_at     DATETIME NOT NULL
);
CREATE UNIQUE INDEX users_slug_key ON users (slug);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Small columns first, the body last: SQLite reads the columns a filter
-- needs without following the overflow pages of a long body.
CREATE TABLE articles (
	id                INTEGER PRIMARY KEY AUTOINCREMENT,
	slug              TEXT NOT NULL,
	status            TEXT NOT NULL,
	published_at      DATETIME,
	section_id        INTEGER REFERENCES sections (id) ON DELETE SET NULL,
	story_id          INTEGER REFERENCES stories (id) ON DELETE SET NULL,
	featured_media_id INTEGER REFERENCES media (id) ON DELETE SET NULL,
	comments_open     BOOLEAN NOT NULL DEFAULT 1,
	language          TEXT NOT NULL,
	created_at        DATETIME NOT NULL,
	modified_at       DATETIME NOT NULL,
	updated_at        DATETIME,
	headline          TEXT NOT NULL,
	dek               TEXT NOT NULL DEFAULT '',
	excerpt           TEXT NOT NULL DEFAULT '',
	corrections       TEXT NOT NULL DEFAULT '[]',
	body              TEXT NOT NULL DEFAULT ''
);
-- Public listings: status = 'published' AND published_at <= now, newest first.
CREATE INDEX articles_status_published_idx ON articles (status, published_at, id);
CREATE INDEX articles_published_idx ON articles (published_at, id);
CREATE INDEX articles_section_idx ON articles (section_id, status, published_at, id);
CREATE INDEX articles_story_idx ON articles (story_id, status, published_at, id);
CREATE INDEX articles_featured_media_idx ON articles (featured_media_id);
-- A slug is unique per UTC publication day: /2022/09/27/slug/.
CREATE UNIQUE INDEX articles_slug_day_key ON articles (slug, date(published_at));

CREATE TABLE article_tags (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_tag_idx ON article_tags (tag_id, article_id);

CREATE TABLE article_authors (
	article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	PRIMARY KEY (article_id, user_id)
);
CREATE INDEX article_authors_user_idx ON article_authors (user_id, article_id);

CREATE TABLE redirects (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	from_path  TEXT NOT NULL,
	to_path    TEXT NOT NULL,
	created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX redirects_from_path_key ON redirects (from_path);

CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
