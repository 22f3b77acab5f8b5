package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/herald-news/herald"
)

const tagColumns = "tags.id, tags.slug, tags.name"

func scanTag(row scanner) (*herald.Tag, error) {
	var t herald.Tag
	if err := row.Scan(&t.ID, &t.Slug, &t.Name); err != nil {
		return nil, err
	}
	return &t, nil
}

// FindTag returns the tag with the id.
func (s *Store) FindTag(ctx context.Context, id int64) (*herald.Tag, error) {
	return s.findTag(ctx, "id", id)
}

// FindTagBySlug returns the tag with the slug.
func (s *Store) FindTagBySlug(ctx context.Context, slug string) (*herald.Tag, error) {
	return s.findTag(ctx, "slug", slug)
}

func (s *Store) findTag(ctx context.Context, column string, key any) (*herald.Tag, error) {
	var t *herald.Tag
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		row := tx.QueryRowContext(ctx, "SELECT "+tagColumns+" FROM tags WHERE "+column+" = $1", key)
		t, err = scanTag(row)
		return notFound(err, "tag", key)
	})
	if err != nil {
		return nil, fmt.Errorf("find tag %v: %w", key, err)
	}
	return t, nil
}

// FindTags returns tags ordered by name.
func (s *Store) FindTags(ctx context.Context, offset, limit int) ([]*herald.Tag, error) {
	offset, limit = page(offset, limit)
	var tags []*herald.Tag
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		tags, err = queryAll(ctx, tx, scanTag,
			"SELECT "+tagColumns+" FROM tags ORDER BY name, id LIMIT $1 OFFSET $2", limit, offset)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find tags: %w", err)
	}
	return tags, nil
}

// CreateTag stores a new tag and sets its ID.
func (s *Store) CreateTag(ctx context.Context, t *herald.Tag) error {
	if err := t.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		err := tx.QueryRowContext(ctx, "INSERT INTO tags (slug, name) VALUES ($1, $2) RETURNING id",
			t.Slug, t.Name).Scan(&t.ID)
		if err != nil {
			return nil, s.conflict(err, "a tag with the slug “%s” already exists", t.Slug)
		}
		return []herald.Change{{Kind: herald.ChangeTag, ID: t.ID}}, nil
	})
	if err != nil {
		return fmt.Errorf("create tag %q: %w", t.Slug, err)
	}
	return nil
}

// UpdateTag replaces the tag's slug and name; a new one is article.updated
// news to webhooks for each public article of the tag.
func (s *Store) UpdateTag(ctx context.Context, t *herald.Tag) error {
	if err := t.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var a args
		hooks, err := enqueueUpdated(ctx, tx, utc(s.now()), taggedWith(&a, t.ID)+" AND "+
			differs(&a, "tags", t.ID, []string{"name", "slug"}, t.Name, t.Slug), a)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, "UPDATE tags SET slug = $1, name = $2 WHERE id = $3", t.Slug, t.Name, t.ID)
		if err != nil {
			return nil, s.conflict(err, "a tag with the slug “%s” already exists", t.Slug)
		}
		return append([]herald.Change{{Kind: herald.ChangeTag, ID: t.ID}}, hooks...), affected(res, "tag", t.ID)
	})
	if err != nil {
		return fmt.Errorf("update tag %d: %w", t.ID, err)
	}
	return nil
}

// DeleteTag removes the tag from the articles that had it, then the tag.
// Webhooks hear of it as article.updated of each of those that are public.
func (s *Store) DeleteTag(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var a args
		hooks, err := enqueueUpdated(ctx, tx, utc(s.now()), taggedWith(&a, id), a)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM tags WHERE id = $1", id)
		if err != nil {
			return nil, err
		}
		return append([]herald.Change{{Kind: herald.ChangeTag, ID: id}}, hooks...), affected(res, "tag", id)
	})
	if err != nil {
		return fmt.Errorf("delete tag %d: %w", id, err)
	}
	return nil
}

// MergeTags gives every article of the tag from the tag into, in from's
// place among the article's tags unless it has into already, then deletes
// from. Both tags must exist, and differ. Webhooks hear of it as
// article.updated of each public article that had from.
func (s *Store) MergeTags(ctx context.Context, from, into int64) error {
	if from == into {
		return herald.Errorf(herald.EINVALID, "cannot merge a tag into itself")
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var n int
		err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM tags WHERE id IN ($1, $2)", from, into).Scan(&n)
		if err != nil {
			return nil, err
		}
		if n != 2 {
			return nil, herald.Errorf(herald.ENOTFOUND, "tag %d or %d not found", from, into)
		}
		var a args
		hooks, err := enqueueUpdated(ctx, tx, utc(s.now()), taggedWith(&a, from), a)
		if err != nil {
			return nil, err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO article_tags (article_id, tag_id, position, status, published_at)
			SELECT article_id, $2, position, status, published_at FROM article_tags WHERE tag_id = $1
			AND article_id NOT IN (SELECT article_id FROM article_tags WHERE tag_id = $2)`, from, into)
		if err != nil {
			return nil, err
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM tags WHERE id = $1", from); err != nil {
			return nil, err
		}
		return append([]herald.Change{{Kind: herald.ChangeTag, ID: from}, {Kind: herald.ChangeTag, ID: into}}, hooks...), nil
	})
	if err != nil {
		return fmt.Errorf("merge tag %d into %d: %w", from, into, err)
	}
	return nil
}

// taggedWith returns a condition on articles: that they have the tag.
func taggedWith(a *args, tagID int64) string {
	return "articles.id IN (SELECT article_id FROM article_tags WHERE tag_id = " + a.add(tagID) + ")"
}
