package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/herald-news/herald"
)

const articleColumns = "articles.id, articles.slug, articles.headline, articles.dek, articles.body, " +
	"articles.excerpt, articles.language, articles.status, articles.published_at, articles.updated_at, " +
	"articles.created_at, articles.modified_at, articles.corrections, articles.section_id, articles.story_id, " +
	"articles.featured_media_id, articles.comments_open, articles.translation_of, articles.version, " +
	"articles.copy_protection"

func scanArticle(row scanner) (*herald.Article, error) {
	var a herald.Article
	var published, updated sql.NullTime
	var corrections string
	var section, story, media, translation sql.NullInt64
	err := row.Scan(&a.ID, &a.Slug, &a.Headline, &a.Dek, &a.Body, &a.Excerpt, &a.Language, &a.Status,
		&published, &updated, &a.CreatedAt, &a.ModifiedAt, &corrections, &section, &story, &media, &a.CommentsOpen,
		&translation, &a.Version, &a.CopyProtection)
	if err != nil {
		return nil, err
	}
	a.PublishedAt, a.UpdatedAt = timeOf(published), timeOf(updated)
	a.CreatedAt, a.ModifiedAt = a.CreatedAt.UTC(), a.ModifiedAt.UTC()
	a.SectionID, a.StoryID, a.FeaturedMediaID = section.Int64, story.Int64, media.Int64
	a.TranslationOf = translation.Int64
	if a.Corrections, err = parseCorrections(corrections); err != nil {
		return nil, fmt.Errorf("article %d: %w", a.ID, err)
	}
	return &a, nil
}

// correction is how a herald.Correction is kept in the JSON text column.
type correction struct {
	Time time.Time `json:"time"`
	Text string    `json:"text"`
}

func formatCorrections(cs []herald.Correction) string {
	out := make([]correction, len(cs))
	for i, c := range cs {
		out[i] = correction{Time: c.Time, Text: c.Text}
	}
	b, _ := json.Marshal(out) // cannot fail: times are UTC and in range
	return string(b)
}

func parseCorrections(s string) ([]herald.Correction, error) {
	var in []correction
	if err := json.Unmarshal([]byte(s), &in); err != nil {
		return nil, fmt.Errorf("corrections: %w", err)
	}
	if len(in) == 0 {
		return nil, nil
	}
	out := make([]herald.Correction, len(in))
	for i, c := range in {
		out[i] = herald.Correction{Time: c.Time.UTC(), Text: c.Text}
	}
	return out, nil
}

// normalize brings the article's times and references to what the
// database will hold, so the caller's copy matches what reads return.
func normalize(a *herald.Article) {
	a.PublishedAt, a.UpdatedAt = zeroOrUTC(a.PublishedAt), zeroOrUTC(a.UpdatedAt)
	for i := range a.Corrections {
		a.Corrections[i].Time = utc(a.Corrections[i].Time)
	}
	a.TagIDs = uniqueIDs(a.TagIDs)
	a.AuthorIDs = uniqueIDs(a.AuthorIDs)
}

func zeroOrUTC(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return utc(t)
}

// CreateArticle stores a new article with its tags and authors and its
// first revision, and sets its ID, record times and Version.
func (s *Store) CreateArticle(ctx context.Context, a *herald.Article) error {
	return s.CreateArticles(ctx, []*herald.Article{a})
}

// CreateArticles stores many new articles in one transaction, as
// CreateArticle does one; an import or a demo site runs far faster so.
// Nothing is stored when one article fails.
func (s *Store) CreateArticles(ctx context.Context, articles []*herald.Article) error {
	for i, a := range articles {
		if err := a.Validate(); err != nil {
			if len(articles) == 1 {
				return err
			}
			return fmt.Errorf("article %d of %d (%q): %w", i+1, len(articles), a.Slug, err)
		}
		normalize(a)
	}
	now := utc(s.now())
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var q querier = tx
		if len(articles) > 1 && s.dialect.cacheStatements {
			q = newStmtCache(tx)
		}
		changes := make([]herald.Change, len(articles))
		var published []int64
		for i, a := range articles {
			a.CreatedAt, a.ModifiedAt = now, now
			if err := s.insertArticle(ctx, q, a); err != nil {
				return nil, err
			}
			changes[i] = herald.Change{Kind: herald.ChangeArticle, ID: a.ID}
			if a.Status == herald.StatusPublished {
				published = append(published, a.ID)
			}
		}
		// One statement per thousand articles rather than one per article,
		// within both engines' limits on placeholders.
		for ids := range slices.Chunk(published, 1000) {
			hooks, err := enqueueWebhooks(ctx, q, now, herald.EventArticlePublished, ids...)
			if err != nil {
				return nil, err
			}
			changes = append(changes, hooks...)
		}
		return changes, nil
	})
	if err != nil {
		for _, a := range articles {
			a.ID, a.Version = 0, 0 // rolled back
		}
		return fmt.Errorf("create article: %w", err)
	}
	return nil
}

func (s *Store) insertArticle(ctx context.Context, tx querier, a *herald.Article) error {
	if err := s.checkArticle(ctx, tx, a); err != nil {
		return err
	}
	a.Version = 1
	err := tx.QueryRowContext(ctx, `INSERT INTO articles (slug, headline, dek, body, excerpt, language, status,
		published_at, updated_at, created_at, modified_at, corrections, section_id, story_id, featured_media_id,
		comments_open, translation_of, version, copy_protection)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
		a.Slug, a.Headline, a.Dek, a.Body, a.Excerpt, a.Language, a.Status, nullTime(a.PublishedAt),
		nullTime(a.UpdatedAt), a.CreatedAt, a.ModifiedAt, formatCorrections(a.Corrections), nullID(a.SectionID),
		nullID(a.StoryID), nullID(a.FeaturedMediaID), a.CommentsOpen, nullID(a.TranslationOf), a.Version,
		a.CopyProtection).Scan(&a.ID)
	if err != nil {
		return s.slugConflict(err, a)
	}
	if err := insertLinks(ctx, tx, a); err != nil {
		return err
	}
	return insertRevision(ctx, tx, a.EditorID, a.ID)
}

// UpdateArticle replaces the article's fields, tags and authors, records a
// revision, and sets its ModifiedAt and next Version. CreatedAt is kept. It
// fails with ECONFLICT when the stored article is not at a.Version: someone
// else saved it in between.
func (s *Store) UpdateArticle(ctx context.Context, a *herald.Article) error {
	if err := a.Validate(); err != nil {
		return err
	}
	normalize(a)
	a.ModifiedAt = utc(s.now())
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		if err := checkVersion(ctx, tx, a); err != nil {
			return nil, err
		}
		if err := s.checkArticle(ctx, tx, a); err != nil {
			return nil, err
		}
		before, err := articleStatus(ctx, tx, a.ID)
		if err != nil {
			return nil, err
		}
		err = tx.QueryRowContext(ctx, `UPDATE articles SET slug = $1, headline = $2, dek = $3, body = $4,
			excerpt = $5, language = $6, status = $7, published_at = $8, updated_at = $9, modified_at = $10,
			corrections = $11, section_id = $12, story_id = $13, featured_media_id = $14, comments_open = $15,
			translation_of = $16, copy_protection = $17, version = version + 1
			WHERE id = $18 AND version = $19 RETURNING created_at`,
			a.Slug, a.Headline, a.Dek, a.Body, a.Excerpt, a.Language, a.Status, nullTime(a.PublishedAt),
			nullTime(a.UpdatedAt), a.ModifiedAt, formatCorrections(a.Corrections), nullID(a.SectionID),
			nullID(a.StoryID), nullID(a.FeaturedMediaID), a.CommentsOpen, nullID(a.TranslationOf), a.CopyProtection,
			a.ID, a.Version).Scan(&a.CreatedAt)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, cmp.Or(checkVersion(ctx, tx, a), staleArticle())
		}
		if err != nil {
			return nil, s.slugConflict(err, a)
		}
		a.CreatedAt = a.CreatedAt.UTC()
		if err := deleteLinks(ctx, tx, a.ID); err != nil {
			return nil, err
		}
		if err := insertLinks(ctx, tx, a); err != nil {
			return nil, err
		}
		hooks, err := enqueueWebhooks(ctx, tx, a.ModifiedAt, articleEvent(before, a.Status), a.ID)
		if err != nil {
			return nil, err
		}
		return append([]herald.Change{{Kind: herald.ChangeArticle, ID: a.ID}}, hooks...), insertRevision(ctx, tx, a.EditorID, a.ID)
	})
	if err != nil {
		return fmt.Errorf("update article %d: %w", a.ID, err)
	}
	a.Version++
	return nil
}

// checkVersion returns ENOTFOUND when the article is gone and ECONFLICT
// when someone saved it since the editor opened it at a.Version. The
// update's own version condition catches a save made in between.
func checkVersion(ctx context.Context, tx querier, a *herald.Article) error {
	var v int
	if err := tx.QueryRowContext(ctx, "SELECT version FROM articles WHERE id = $1", a.ID).Scan(&v); err != nil {
		return notFound(err, "article", a.ID)
	}
	if v != a.Version {
		return staleArticle()
	}
	return nil
}

func staleArticle() error {
	return herald.Errorf(herald.ECONFLICT, "the article was changed by someone else since you opened it")
}

// DeleteArticle removes the article with its tags and bylines.
func (s *Store) DeleteArticle(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		status, err := articleStatus(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		hooks, err := enqueueWebhooks(ctx, tx, utc(s.now()), deletionEvent(status), id)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM articles WHERE id = $1", id)
		if err != nil {
			return nil, err
		}
		return append([]herald.Change{{Kind: herald.ChangeArticle, ID: id}}, hooks...), affected(res, "article", id)
	})
	if err != nil {
		return fmt.Errorf("delete article %d: %w", id, err)
	}
	return nil
}

// checkArticle returns EINVALID for references to things that do not exist
// and ECONFLICT for a slug another article has on the same day.
func (s *Store) checkArticle(ctx context.Context, tx querier, a *herald.Article) error {
	err := exists(ctx, tx,
		ref{"sections", "section", []int64{a.SectionID}},
		ref{"stories", "story", []int64{a.StoryID}},
		ref{"media", "featured_media", []int64{a.FeaturedMediaID}},
		ref{"users", "authors", a.AuthorIDs},
		ref{"tags", "tags", a.TagIDs},
		ref{"articles", "translation_of", []int64{a.TranslationOf}},
		ref{"users", "editor", []int64{a.EditorID}},
	)
	if err != nil {
		return err
	}
	if err := originalOf(ctx, tx, a); err != nil {
		return err
	}
	if a.PublishedAt.IsZero() {
		return nil
	}
	day := time.Date(a.PublishedAt.Year(), a.PublishedAt.Month(), a.PublishedAt.Day(), 0, 0, 0, 0, time.UTC)
	var n int
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM articles WHERE slug = $1 AND id <> $2
		AND published_at >= $3 AND published_at < $4`, a.Slug, a.ID, day, day.AddDate(0, 0, 1)).Scan(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		return slugTaken(a)
	}
	return nil
}

// originalOf points a translation of a translation to the original, so
// that the translations of one article form one group.
func originalOf(ctx context.Context, tx querier, a *herald.Article) error {
	if a.TranslationOf == 0 {
		return nil
	}
	var original sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT translation_of FROM articles WHERE id = $1", a.TranslationOf).Scan(&original)
	if err != nil || !original.Valid {
		return err
	}
	if original.Int64 == a.ID {
		return herald.Errorf(herald.EINVALID, "article %d is a translation of this one", a.TranslationOf)
	}
	a.TranslationOf = original.Int64
	return nil
}

func slugTaken(a *herald.Article) error {
	return herald.Errorf(herald.ECONFLICT, "an article with the slug “%s” is already published on %s",
		a.Slug, a.PublishedAt.Format("January 2, 2006"))
}

// slugConflict maps the unique index on slug and day, which catches what
// checkArticle cannot see: a concurrent transaction.
func (s *Store) slugConflict(err error, a *herald.Article) error {
	if s.dialect.isUnique(err) {
		return slugTaken(a)
	}
	return err
}

// insertLinks stores the article's tags and authors in their given order.
func insertLinks(ctx context.Context, tx querier, a *herald.Article) error {
	if err := insertPositions(ctx, tx, "article_tags", "tag_id", a, a.TagIDs); err != nil {
		return err
	}
	return insertPositions(ctx, tx, "article_authors", "user_id", a, a.AuthorIDs)
}

// insertPositions stores the article's rows of a join table, with the
// copies of its status and publication time that listings read.
func insertPositions(ctx context.Context, tx querier, table, column string, art *herald.Article, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	var a args
	rows := make([]string, len(ids))
	for i, id := range ids {
		rows[i] = "(" + a.add(art.ID) + ", " + a.add(id) + ", " + a.add(i) + ", " + a.add(art.Status) + ", " +
			a.add(nullTime(art.PublishedAt)) + ")"
	}
	_, err := tx.ExecContext(ctx, "INSERT INTO "+table+" (article_id, "+column+", position, status, published_at) VALUES "+
		strings.Join(rows, ", "), a...)
	return err
}

func deleteLinks(ctx context.Context, tx querier, articleID int64) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM article_tags WHERE article_id = $1", articleID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM article_authors WHERE article_id = $1", articleID)
	return err
}
