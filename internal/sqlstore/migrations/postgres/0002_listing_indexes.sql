-- Listings that read a small part of 100,000 articles from an index.
--
-- The same tables and columns as migrations/sqlite/0002_listing_indexes.sql.
-- Without statistics SQLite took an index that starts with status for any
-- public listing, and so read every public article to find the three of a
-- small tag or section. Public listings now start from the index of what
-- they list, and the front page from the publication time.
DROP INDEX articles_status_published_idx;
DROP INDEX articles_published_idx;
CREATE INDEX articles_published_idx ON articles (published_at NULLS FIRST, id, status);

-- The tag and byline rows copy their article's status and publication time,
-- so a tag's or an author's listing and its count come from one index
-- range. The store rewrites them whenever it writes the article.
ALTER TABLE article_tags ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE article_tags ADD COLUMN published_at TIMESTAMPTZ;
UPDATE article_tags SET
	status = (SELECT status FROM articles WHERE articles.id = article_tags.article_id),
	published_at = (SELECT published_at FROM articles WHERE articles.id = article_tags.article_id);
DROP INDEX article_tags_tag_idx;
CREATE INDEX article_tags_listing_idx ON article_tags (tag_id, status, published_at NULLS FIRST, article_id);

ALTER TABLE article_authors ADD COLUMN status TEXT NOT NULL DEFAULT '';
ALTER TABLE article_authors ADD COLUMN published_at TIMESTAMPTZ;
UPDATE article_authors SET
	status = (SELECT status FROM articles WHERE articles.id = article_authors.article_id),
	published_at = (SELECT published_at FROM articles WHERE articles.id = article_authors.article_id);
DROP INDEX article_authors_user_idx;
CREATE INDEX article_authors_listing_idx ON article_authors (user_id, status, published_at NULLS FIRST, article_id);
