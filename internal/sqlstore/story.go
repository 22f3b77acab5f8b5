package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/herald-news/herald"
)

const storyColumns = "stories.id, stories.slug, stories.name, stories.description, stories.created_at"

func scanStory(row scanner) (*herald.Story, error) {
	var st herald.Story
	if err := row.Scan(&st.ID, &st.Slug, &st.Name, &st.Description, &st.CreatedAt); err != nil {
		return nil, err
	}
	st.CreatedAt = st.CreatedAt.UTC()
	return &st, nil
}

// FindStory returns the story with the id.
func (s *Store) FindStory(ctx context.Context, id int64) (*herald.Story, error) {
	return s.findStory(ctx, "id", id)
}

// FindStoryBySlug returns the story with the slug.
func (s *Store) FindStoryBySlug(ctx context.Context, slug string) (*herald.Story, error) {
	return s.findStory(ctx, "slug", slug)
}

func (s *Store) findStory(ctx context.Context, column string, key any) (*herald.Story, error) {
	var st *herald.Story
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		row := tx.QueryRowContext(ctx, "SELECT "+storyColumns+" FROM stories WHERE "+column+" = $1", key)
		st, err = scanStory(row)
		return notFound(err, "story", key)
	})
	if err != nil {
		return nil, fmt.Errorf("find story %v: %w", key, err)
	}
	return st, nil
}

// FindStories returns stories, newest first.
func (s *Store) FindStories(ctx context.Context, offset, limit int) ([]*herald.Story, error) {
	offset, limit = page(offset, limit)
	var stories []*herald.Story
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		stories, err = queryAll(ctx, tx, scanStory, "SELECT "+storyColumns+
			" FROM stories ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2", limit, offset)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find stories: %w", err)
	}
	return stories, nil
}

// CreateStory stores a new story and sets its ID and CreatedAt.
func (s *Store) CreateStory(ctx context.Context, st *herald.Story) error {
	if err := st.Validate(); err != nil {
		return err
	}
	st.CreatedAt = utc(s.now())
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		err := tx.QueryRowContext(ctx, `INSERT INTO stories (slug, name, description, created_at)
			VALUES ($1, $2, $3, $4) RETURNING id`, st.Slug, st.Name, st.Description, st.CreatedAt).Scan(&st.ID)
		if err != nil {
			return nil, s.conflict(err, "a story with the slug “%s” already exists", st.Slug)
		}
		return []herald.Change{{Kind: herald.ChangeStory, ID: st.ID}}, nil
	})
	if err != nil {
		return fmt.Errorf("create story %q: %w", st.Slug, err)
	}
	return nil
}

// UpdateStory replaces the story's slug, name and description. A new name
// or slug is article.updated news to webhooks for each of its public
// articles.
func (s *Store) UpdateStory(ctx context.Context, st *herald.Story) error {
	if err := st.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var a args
		hooks, err := enqueueUpdated(ctx, tx, utc(s.now()), "articles.story_id = "+a.add(st.ID)+" AND "+
			differs(&a, "stories", st.ID, []string{"name", "slug"}, st.Name, st.Slug), a)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, "UPDATE stories SET slug = $1, name = $2, description = $3 WHERE id = $4",
			st.Slug, st.Name, st.Description, st.ID)
		if err != nil {
			return nil, s.conflict(err, "a story with the slug “%s” already exists", st.Slug)
		}
		return append([]herald.Change{{Kind: herald.ChangeStory, ID: st.ID}}, hooks...), affected(res, "story", st.ID)
	})
	if err != nil {
		return fmt.Errorf("update story %d: %w", st.ID, err)
	}
	return nil
}

// DeleteStory removes the story; its articles stay, outside any story,
// and webhooks hear of it as article.updated of each that is public.
func (s *Store) DeleteStory(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var a args
		hooks, err := enqueueUpdated(ctx, tx, utc(s.now()), "articles.story_id = "+a.add(id), a)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM stories WHERE id = $1", id)
		if err != nil {
			return nil, err
		}
		return append([]herald.Change{{Kind: herald.ChangeStory, ID: id}}, hooks...), affected(res, "story", id)
	})
	if err != nil {
		return fmt.Errorf("delete story %d: %w", id, err)
	}
	return nil
}
