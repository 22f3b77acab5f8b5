package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/herald-news/herald"
)

const userColumns = "users.id, users.name, users.slug, users.bio, users.email, users.role, users.password_hash, " +
	"users.photo_media_id, users.created_at, users.totp_secret, users.recovery_codes"

func scanUser(row scanner) (*herald.User, error) {
	var u herald.User
	var photo sql.NullInt64
	var codes string
	err := row.Scan(&u.ID, &u.Name, &u.Slug, &u.Bio, &u.Email, &u.Role, &u.PasswordHash, &photo, &u.CreatedAt,
		&u.TOTPSecret, &codes)
	if err != nil {
		return nil, err
	}
	u.PhotoMediaID = photo.Int64
	u.CreatedAt = u.CreatedAt.UTC()
	if err := json.Unmarshal([]byte(codes), &u.RecoveryCodes); err != nil {
		return nil, fmt.Errorf("user %d: recovery codes: %w", u.ID, err)
	}
	if len(u.RecoveryCodes) == 0 {
		u.RecoveryCodes = nil
	}
	return &u, nil
}

// formatCodes stores recovery code hashes as a JSON array.
func formatCodes(codes []string) string {
	if len(codes) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(codes) // cannot fail for strings
	return string(b)
}

// FindUser returns the user with the id.
func (s *Store) FindUser(ctx context.Context, id int64) (*herald.User, error) {
	return s.findUser(ctx, "id", id)
}

// FindUserBySlug returns the user with the slug.
func (s *Store) FindUserBySlug(ctx context.Context, slug string) (*herald.User, error) {
	return s.findUser(ctx, "slug", slug)
}

func (s *Store) findUser(ctx context.Context, column string, key any) (*herald.User, error) {
	var u *herald.User
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		row := tx.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE "+column+" = $1", key)
		u, err = scanUser(row)
		return notFound(err, "user", key)
	})
	if err != nil {
		return nil, fmt.Errorf("find user %v: %w", key, err)
	}
	return u, nil
}

// FindUsers returns matching users ordered by name.
func (s *Store) FindUsers(ctx context.Context, f herald.UserFilter) ([]*herald.User, error) {
	offset, limit := page(f.Offset, f.Limit)
	var a args
	where := []string{"1 = 1"}
	if f.ID != 0 {
		where = append(where, "id = "+a.add(f.ID))
	}
	if f.Slug != "" {
		where = append(where, "slug = "+a.add(f.Slug))
	}
	if f.Email != "" {
		where = append(where, "lower(email) = lower("+a.add(f.Email)+")")
	}
	q := "SELECT " + userColumns + " FROM users WHERE " + strings.Join(where, " AND ") +
		" ORDER BY name, id LIMIT " + a.add(limit) + " OFFSET " + a.add(offset)
	var users []*herald.User
	err := s.read(ctx, func(tx *sql.Tx) (err error) {
		users, err = queryAll(ctx, tx, scanUser, q, a...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("find users: %w", err)
	}
	return users, nil
}

// CountUsers returns the number of users.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.read(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("count users: %w", err)
	}
	return n, nil
}

// CreateUser stores a new user and sets its ID and CreatedAt.
func (s *Store) CreateUser(ctx context.Context, u *herald.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	u.CreatedAt = utc(s.now())
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		if err := s.checkUser(ctx, tx, u); err != nil {
			return nil, err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO users (name, slug, bio, email, role, password_hash,
			photo_media_id, created_at, totp_secret, recovery_codes)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			u.Name, u.Slug, u.Bio, u.Email, u.Role, u.PasswordHash, nullID(u.PhotoMediaID), u.CreatedAt,
			u.TOTPSecret, formatCodes(u.RecoveryCodes)).Scan(&u.ID)
		if err != nil {
			return nil, s.conflict(err, "a user with the slug “%s” or the email %s already exists", u.Slug, u.Email)
		}
		return []herald.Change{{Kind: herald.ChangeUser, ID: u.ID}}, nil
	})
	if err != nil {
		return fmt.Errorf("create user %q: %w", u.Slug, err)
	}
	return nil
}

// UpdateUser replaces the user's fields except CreatedAt. A new name or
// slug is article.updated news to webhooks for each public article the
// user is an author of.
func (s *Store) UpdateUser(ctx context.Context, u *herald.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		if err := s.checkUser(ctx, tx, u); err != nil {
			return nil, err
		}
		var a args
		hooks, err := enqueueUpdated(ctx, tx, utc(s.now()), bylinedBy(&a, u.ID)+" AND "+
			differs(&a, "users", u.ID, []string{"name", "slug"}, u.Name, u.Slug), a)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, `UPDATE users SET name = $1, slug = $2, bio = $3, email = $4, role = $5,
			password_hash = $6, photo_media_id = $7, totp_secret = $8, recovery_codes = $9 WHERE id = $10`,
			u.Name, u.Slug, u.Bio, u.Email, u.Role, u.PasswordHash, nullID(u.PhotoMediaID), u.TOTPSecret,
			formatCodes(u.RecoveryCodes), u.ID)
		if err != nil {
			return nil, s.conflict(err, "a user with the slug “%s” or the email %s already exists", u.Slug, u.Email)
		}
		return append([]herald.Change{{Kind: herald.ChangeUser, ID: u.ID}}, hooks...), affected(res, "user", u.ID)
	})
	if err != nil {
		return fmt.Errorf("update user %d: %w", u.ID, err)
	}
	return nil
}

// checkUser reports a taken slug or email, and a photo that does not exist.
func (s *Store) checkUser(ctx context.Context, tx querier, u *herald.User) error {
	var slugs, emails int
	err := tx.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN slug = $1 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN lower(email) = lower($2) THEN 1 ELSE 0 END), 0)
		FROM users WHERE id <> $3 AND (slug = $1 OR lower(email) = lower($2))`, u.Slug, u.Email, u.ID).Scan(&slugs, &emails)
	switch {
	case err != nil:
		return err
	case slugs > 0:
		return herald.Errorf(herald.ECONFLICT, "a user with the slug “%s” already exists", u.Slug)
	case emails > 0:
		return herald.Errorf(herald.ECONFLICT, "a user with the email %s already exists", u.Email)
	}
	return exists(ctx, tx, ref{"media", "photo", []int64{u.PhotoMediaID}})
}

// DeleteUser removes the user and their bylines; webhooks hear of it as
// article.updated of each public article that loses one.
func (s *Store) DeleteUser(ctx context.Context, id int64) error {
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		var a args
		hooks, err := enqueueUpdated(ctx, tx, utc(s.now()), bylinedBy(&a, id), a)
		if err != nil {
			return nil, err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM users WHERE id = $1", id)
		if err != nil {
			return nil, err
		}
		return append([]herald.Change{{Kind: herald.ChangeUser, ID: id}}, hooks...), affected(res, "user", id)
	})
	if err != nil {
		return fmt.Errorf("delete user %d: %w", id, err)
	}
	return nil
}

// bylinedBy returns a condition on articles: that the user is among their
// authors.
func bylinedBy(a *args, userID int64) string {
	return "articles.id IN (SELECT article_id FROM article_authors WHERE user_id = " + a.add(userID) + ")"
}
