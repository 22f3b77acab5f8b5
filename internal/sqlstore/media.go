package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
)

const mediaColumns = "media.id, media.hash, media.type, media.size, media.width, media.height, media.alt, " +
	"media.caption, media.credit, media.variants, media.created_at"

func scanMedia(row scanner) (*herald.Media, error) {
	var m herald.Media
	var variants string
	err := row.Scan(&m.ID, &m.Hash, &m.Type, &m.Size, &m.Width, &m.Height, &m.Alt, &m.Caption, &m.Credit,
		&variants, &m.CreatedAt)
	if err != nil {
		return nil, err
	}
	m.CreatedAt = m.CreatedAt.UTC()
	if m.Variants, err = parseVariants(variants); err != nil {
		return nil, fmt.Errorf("media %d: %w", m.ID, err)
	}
	return &m, nil
}

// formatVariants stores variant widths as "320,640,1280".
func formatVariants(widths []int) string {
	s := make([]string, len(widths))
	for i, w := range widths {
		s[i] = strconv.Itoa(w)
	}
	return strings.Join(s, ",")
}

func parseVariants(s string) ([]int, error) {
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	widths := make([]int, len(parts))
	for i, p := range parts {
		w, err := strconv.Atoi(p)
		if err != nil {
			return nil, fmt.Errorf("bad variant width %q", p)
		}
		widths[i] = w
	}
	return widths, nil
}

// FindMedia returns the media record with the id.
func (s *Store) FindMedia(ctx context.Context, id int64) (*herald.Media, error) {
	return s.findMedia(ctx, "id", id)
}

// FindMediaByHash returns the media record with the content hash.
func (s *Store) FindMediaByHash(ctx context.Context, hash string) (*herald.Media, error) {
	return s.findMedia(ctx, "hash", hash)
}

func (s *Store) findMedia(ctx context.Context, column string, key any) (*herald.Media, error) {
	var m *herald.Media
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		row := tx.QueryRowContext(ctx, "SELECT "+mediaColumns+" FROM media WHERE "+column+" = $1", key)
		m, err = scanMedia(row)
		return notFound(err, "media", key)
	})
	if err != nil {
		return nil, fmt.Errorf("find media %v: %w", key, err)
	}
	return m, nil
}

// CreateMedia stores a new media record and sets its ID and CreatedAt.
func (s *Store) CreateMedia(ctx context.Context, m *herald.Media) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m.CreatedAt = utc(s.now())
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		err := tx.QueryRowContext(ctx, `INSERT INTO media (hash, type, size, width, height, alt, caption, credit,
			variants, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			m.Hash, m.Type, m.Size, m.Width, m.Height, m.Alt, m.Caption, m.Credit, formatVariants(m.Variants),
			m.CreatedAt).Scan(&m.ID)
		if err != nil {
			return nil, s.conflict(err, "this image was uploaded before")
		}
		return []herald.Change{{Kind: herald.ChangeMedia, ID: m.ID}}, nil
	})
	if err != nil {
		return fmt.Errorf("create media %s: %w", m.Hash, err)
	}
	return nil
}

// UpdateMedia replaces the record's fields except its hash and CreatedAt.
// A change to what the JSON of an article shows of its featured image (the
// alt text, the file's type and sizes) is article.updated news to webhooks
// for each public article featuring it.
func (s *Store) UpdateMedia(ctx context.Context, m *herald.Media) error {
	if err := m.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var a args
		// The featured image of the JSON is its file at one size, with
		// its alt text.
		hooks, err := enqueueUpdated(ctx, tx, utc(s.now()), "articles.featured_media_id = "+a.add(m.ID)+" AND "+
			differs(&a, "media", m.ID, []string{"type", "width", "height", "alt", "variants"},
				m.Type, m.Width, m.Height, m.Alt, formatVariants(m.Variants)), a)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, `UPDATE media SET type = $1, size = $2, width = $3, height = $4, alt = $5,
			caption = $6, credit = $7, variants = $8 WHERE id = $9`,
			m.Type, m.Size, m.Width, m.Height, m.Alt, m.Caption, m.Credit, formatVariants(m.Variants), m.ID)
		if err != nil {
			return nil, err
		}
		return append([]herald.Change{{Kind: herald.ChangeMedia, ID: m.ID}}, hooks...), affected(res, "media", m.ID)
	})
	if err != nil {
		return fmt.Errorf("update media %d: %w", m.ID, err)
	}
	return nil
}

// DeleteMedia removes the record; articles and users that showed it are
// left without an image, and webhooks hear of it as article.updated of
// each public article it featured.
func (s *Store) DeleteMedia(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var a args
		hooks, err := enqueueUpdated(ctx, tx, utc(s.now()), "articles.featured_media_id = "+a.add(id), a)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM media WHERE id = $1", id)
		if err != nil {
			return nil, err
		}
		return append([]herald.Change{{Kind: herald.ChangeMedia, ID: id}}, hooks...), affected(res, "media", id)
	})
	if err != nil {
		return fmt.Errorf("delete media %d: %w", id, err)
	}
	return nil
}

// FindMediaList returns a page of media whose alt text, caption or credit
// contain every word of the query, in any case, newest first, and the count
// of all matches.
func (s *Store) FindMediaList(ctx context.Context, f herald.MediaFilter) ([]*herald.Media, int, error) {
	offset, limit := page(f.Offset, f.Limit)
	var a args
	where := []string{"1 = 1"}
	for _, word := range strings.Fields(f.Query) {
		where = append(where, "("+s.dialect.contains(&a, "alt", word)+" OR "+s.dialect.contains(&a, "caption", word)+
			" OR "+s.dialect.contains(&a, "credit", word)+")")
	}
	cond := strings.Join(where, " AND ")
	var list []*herald.Media
	var total int
	err := s.read(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM media WHERE "+cond, a...).Scan(&total); err != nil {
			return err
		}
		var err error
		list, err = queryAll(ctx, tx, scanMedia, "SELECT "+mediaColumns+" FROM media WHERE "+cond+
			" ORDER BY created_at DESC, id DESC LIMIT "+a.add(limit)+" OFFSET "+a.add(offset), a...)
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("find media %q: %w", f.Query, err)
	}
	return list, total, nil
}
