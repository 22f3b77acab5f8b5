package sqlstore

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/herald-news/herald"
)

const sectionColumns = "sections.id, sections.parent_id, sections.slug, sections.name, sections.description, " +
	"sections.position, sections.in_nav"

func scanSection(row scanner) (*herald.Section, error) {
	var sec herald.Section
	var parent sql.NullInt64
	err := row.Scan(&sec.ID, &parent, &sec.Slug, &sec.Name, &sec.Description, &sec.Position, &sec.InNav)
	if err != nil {
		return nil, err
	}
	sec.ParentID = parent.Int64
	return &sec, nil
}

// FindSection returns the section with the id.
func (s *Store) FindSection(ctx context.Context, id int64) (*herald.Section, error) {
	return s.findSection(ctx, "id", id)
}

// FindSectionBySlug returns the section with the slug.
func (s *Store) FindSectionBySlug(ctx context.Context, slug string) (*herald.Section, error) {
	return s.findSection(ctx, "slug", slug)
}

func (s *Store) findSection(ctx context.Context, column string, key any) (*herald.Section, error) {
	var sec *herald.Section
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		row := tx.QueryRowContext(ctx, "SELECT "+sectionColumns+" FROM sections WHERE "+column+" = $1", key)
		sec, err = scanSection(row)
		return notFound(err, "section", key)
	})
	if err != nil {
		return nil, fmt.Errorf("find section %v: %w", key, err)
	}
	return sec, nil
}

// FindSections returns every section ordered for display: parents before
// children, siblings by Position then Name.
func (s *Store) FindSections(ctx context.Context) ([]*herald.Section, error) {
	var all []*herald.Section
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		all, err = queryAll(ctx, tx, scanSection, "SELECT "+sectionColumns+" FROM sections")
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find sections: %w", err)
	}
	return treeOrder(all), nil
}

// treeOrder orders sections depth first: each parent followed by its
// children, siblings by Position, Name and ID.
func treeOrder(all []*herald.Section) []*herald.Section {
	slices.SortFunc(all, func(a, b *herald.Section) int {
		return cmp.Or(cmp.Compare(a.Position, b.Position), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	children := map[int64][]*herald.Section{}
	for _, sec := range all {
		children[sec.ParentID] = append(children[sec.ParentID], sec)
	}
	out := make([]*herald.Section, 0, len(all))
	var walk func(parent int64)
	walk = func(parent int64) {
		for _, sec := range children[parent] {
			out = append(out, sec)
			walk(sec.ID)
		}
	}
	walk(0)
	return out
}

// CreateSection stores a new section and sets its ID.
func (s *Store) CreateSection(ctx context.Context, sec *herald.Section) error {
	if err := sec.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		if err := exists(ctx, tx, ref{"sections", "parent", []int64{sec.ParentID}}); err != nil {
			return nil, err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO sections (parent_id, slug, name, description, position, in_nav)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			nullID(sec.ParentID), sec.Slug, sec.Name, sec.Description, sec.Position, sec.InNav).Scan(&sec.ID)
		if err != nil {
			return nil, s.conflict(err, "a section with the slug “%s” already exists", sec.Slug)
		}
		return []herald.Change{{Kind: herald.ChangeSection, ID: sec.ID}}, nil
	})
	if err != nil {
		return fmt.Errorf("create section %q: %w", sec.Slug, err)
	}
	return nil
}

// UpdateSection replaces the section's fields. Its parent may not be the
// section itself or one of its descendants. A new name or slug is
// article.updated news to webhooks for each of its public articles.
func (s *Store) UpdateSection(ctx context.Context, sec *herald.Section) error {
	if err := sec.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		if err := checkParent(ctx, tx, sec); err != nil {
			return nil, err
		}
		var a args
		hooks, err := enqueueUpdated(ctx, tx, utc(s.now()), "articles.section_id = "+a.add(sec.ID)+" AND "+
			differs(&a, "sections", sec.ID, []string{"name", "slug"}, sec.Name, sec.Slug), a)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, `UPDATE sections SET parent_id = $1, slug = $2, name = $3, description = $4,
			position = $5, in_nav = $6 WHERE id = $7`,
			nullID(sec.ParentID), sec.Slug, sec.Name, sec.Description, sec.Position, sec.InNav, sec.ID)
		if err != nil {
			return nil, s.conflict(err, "a section with the slug “%s” already exists", sec.Slug)
		}
		return append([]herald.Change{{Kind: herald.ChangeSection, ID: sec.ID}}, hooks...), affected(res, "section", sec.ID)
	})
	if err != nil {
		return fmt.Errorf("update section %d: %w", sec.ID, err)
	}
	return nil
}

// checkParent returns EINVALID when the section's new parent does not exist
// or lies inside the section's own subtree.
func checkParent(ctx context.Context, tx querier, sec *herald.Section) error {
	if sec.ParentID == 0 {
		return nil
	}
	if err := exists(ctx, tx, ref{"sections", "parent", []int64{sec.ParentID}}); err != nil {
		return err
	}
	var a args
	var n int
	err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM ("+subtreeSQL(&a, sec.ID)+") sub WHERE sub.id = "+
		a.add(sec.ParentID), a...).Scan(&n)
	if err != nil {
		return err
	}
	if n > 0 {
		fe := herald.FieldErrors{}
		fe.Add("parent", "may not be the section itself or one of its subsections")
		return fe.Err()
	}
	return nil
}

// subtreeSQL returns a query for the ids of section id and its descendants.
func subtreeSQL(a *args, id int64) string {
	return "WITH RECURSIVE subtree (id) AS (SELECT id FROM sections WHERE id = " + a.add(id) +
		" UNION ALL SELECT s.id FROM sections s JOIN subtree ON s.parent_id = subtree.id) SELECT id FROM subtree"
}

// DeleteSection removes a section; its articles are left without a section
// and its children move to its parent. Webhooks hear of the change to its
// public articles as article.updated.
func (s *Store) DeleteSection(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var parent sql.NullInt64
		err := tx.QueryRowContext(ctx, "SELECT parent_id FROM sections WHERE id = $1", id).Scan(&parent)
		if err != nil {
			return nil, notFound(err, "section", id)
		}
		_, err = tx.ExecContext(ctx, "UPDATE sections SET parent_id = $1 WHERE parent_id = $2", parent, id)
		if err != nil {
			return nil, err
		}
		var a args
		hooks, err := enqueueUpdated(ctx, tx, utc(s.now()), "articles.section_id = "+a.add(id), a)
		if err != nil {
			return nil, err
		}
		// The articles lose their section through ON DELETE SET NULL.
		if _, err := tx.ExecContext(ctx, "DELETE FROM sections WHERE id = $1", id); err != nil {
			return nil, err
		}
		return append([]herald.Change{{Kind: herald.ChangeSection, ID: id}}, hooks...), nil
	})
	if err != nil {
		return fmt.Errorf("delete section %d: %w", id, err)
	}
	return nil
}
