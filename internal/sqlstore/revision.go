package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/herald-news/herald"
)

const revisionColumns = "revisions.id, revisions.article_id, revisions.version, revisions.user_id, " +
	"revisions.created_at, revisions.slug, revisions.status, revisions.published_at, revisions.headline, " +
	"revisions.dek, revisions.excerpt, revisions.body"

func scanRevision(row scanner) (*herald.Revision, error) {
	var r herald.Revision
	var user sql.NullInt64
	var published sql.NullTime
	err := row.Scan(&r.ID, &r.ArticleID, &r.Version, &user, &r.CreatedAt, &r.Slug, &r.Status, &published,
		&r.Headline, &r.Dek, &r.Excerpt, &r.Body)
	if err != nil {
		return nil, err
	}
	r.UserID, r.CreatedAt, r.PublishedAt = user.Int64, r.CreatedAt.UTC(), timeOf(published)
	return &r, nil
}

// insertRevision records the stored state of the articles with the ids as
// revisions by the user (0: the system), dated by their modification time.
// It copies the row inside the database, so the revision is exactly what
// was saved.
func insertRevision(ctx context.Context, tx querier, userID int64, ids ...int64) error {
	var a args
	user := a.add(nullID(userID))
	_, err := tx.ExecContext(ctx, `INSERT INTO revisions (article_id, version, user_id, created_at, slug, status,
		published_at, headline, dek, excerpt, body)
		SELECT id, version, `+user+`, modified_at, slug, status, published_at, headline, dek, excerpt, body
		FROM articles WHERE id IN (`+list(&a, ids)+`)`, a...)
	return err
}

// FindRevisions returns the article's revisions, newest first; none when
// there is no such article.
func (s *Store) FindRevisions(ctx context.Context, articleID int64) ([]*herald.Revision, error) {
	var revs []*herald.Revision
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		revs, err = queryAll(ctx, tx, scanRevision, "SELECT "+revisionColumns+
			" FROM revisions WHERE article_id = $1 ORDER BY id DESC", articleID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find revisions of article %d: %w", articleID, err)
	}
	return revs, nil
}

// FindRevision returns the revision with the id.
func (s *Store) FindRevision(ctx context.Context, id int64) (*herald.Revision, error) {
	var r *herald.Revision
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		r, err = scanRevision(tx.QueryRowContext(ctx, "SELECT "+revisionColumns+" FROM revisions WHERE id = $1", id))
		return notFound(err, "revision", id)
	})
	if err != nil {
		return nil, fmt.Errorf("find revision %d: %w", id, err)
	}
	return r, nil
}
