package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"

	"github.com/herald-news/herald"
)

// settingValues returns the settings as stored: one text value per key.
func settingValues(set herald.Settings) map[string]string {
	return map[string]string{
		"title":         set.Title,
		"tagline":       set.Tagline,
		"base_url":      set.BaseURL,
		"language":      set.Language,
		"time_zone":     set.TimeZone,
		"date_format":   set.DateFormat,
		"per_page":      strconv.Itoa(set.PerPage),
		"comments_open": strconv.FormatBool(set.CommentsOpen),
		"logo_media_id": strconv.FormatInt(set.LogoMediaID, 10),
	}
}

// applySettings sets the fields of set whose keys are stored. A missing key
// keeps the default; an unknown key is ignored.
func applySettings(set *herald.Settings, stored map[string]string) error {
	text := map[string]*string{
		"title": &set.Title, "tagline": &set.Tagline, "base_url": &set.BaseURL, "language": &set.Language,
		"time_zone": &set.TimeZone, "date_format": &set.DateFormat,
	}
	for k, p := range text {
		if v, ok := stored[k]; ok {
			*p = v
		}
	}
	var err error
	if v, ok := stored["per_page"]; ok {
		set.PerPage, err = strconv.Atoi(v)
	}
	if v, ok := stored["comments_open"]; ok && err == nil {
		set.CommentsOpen, err = strconv.ParseBool(v)
	}
	if v, ok := stored["logo_media_id"]; ok && err == nil {
		set.LogoMediaID, err = strconv.ParseInt(v, 10, 64)
	}
	return err
}

// FindSettings returns the stored settings over herald.DefaultSettings.
func (s *Store) FindSettings(ctx context.Context) (herald.Settings, error) {
	stored := map[string]string{}
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT key, value FROM settings")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				return err
			}
			stored[k] = v
		}
		return rows.Err()
	})
	if err != nil {
		return herald.Settings{}, fmt.Errorf("find settings: %w", err)
	}
	set := herald.DefaultSettings()
	if err := applySettings(&set, stored); err != nil {
		return herald.Settings{}, fmt.Errorf("find settings: %w", err)
	}
	return set, nil
}

// UpdateSettings validates and stores every setting.
func (s *Store) UpdateSettings(ctx context.Context, set herald.Settings) error {
	if err := set.Validate(); err != nil {
		return err
	}
	err := s.write(ctx, func(tx *sql.Tx) ([]herald.Change, error) {
		values := settingValues(set)
		for _, k := range slices.Sorted(maps.Keys(values)) {
			_, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ($1, $2)
				ON CONFLICT (key) DO UPDATE SET value = excluded.value`, k, values[k])
			if err != nil {
				return nil, err
			}
		}
		return []herald.Change{{Kind: herald.ChangeSettings}}, nil
	})
	if err != nil {
		return fmt.Errorf("update settings: %w", err)
	}
	return nil
}
