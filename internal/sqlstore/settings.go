package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
)

// settingFields names the stored key of each setting. A setting is kept as
// one text value: numbers in decimal, switches as true or false, lists one
// entry per line.
func settingFields(set *herald.Settings) map[string]any {
	c, d, p := &set.Comments, &set.Distribution, &set.Protection
	return map[string]any{
		"title":                    &set.Title,
		"tagline":                  &set.Tagline,
		"base_url":                 &set.BaseURL,
		"language":                 &set.Language,
		"time_zone":                &set.TimeZone,
		"date_format":              &set.DateFormat,
		"per_page":                 &set.PerPage,
		"comments_open":            &set.CommentsOpen,
		"logo_media_id":            &set.LogoMediaID,
		"comment_moderation":       &c.Moderation,
		"comment_depth":            &c.Depth,
		"comment_close_after_days": &c.CloseAfterDays,
		"comment_retention_days":   &c.RetentionDays,
		"comment_max_links":        &c.MaxLinks,
		"comment_blocked_words":    &c.BlockedWords,
		"comment_blocked_ips":      &c.BlockedIPs,
		"comment_blocked_emails":   &c.BlockedEmails,
		"share_networks":           &d.ShareNetworks,
		"feed_full_text":           &d.FeedFullText,
		"feed_items":               &d.FeedItems,
		"copy_protection":          &p.CopyProtection,
		"copy_notice":              &p.CopyNotice,
		"copy_length":              &p.CopyLength,
		"media_hotlinks":           &p.MediaHotlinks,
	}
}

// settingValues returns the settings as stored: one text value per key.
func settingValues(set herald.Settings) map[string]string {
	out := map[string]string{}
	for k, p := range settingFields(&set) {
		switch p := p.(type) {
		case *string:
			out[k] = *p
		case *int:
			out[k] = strconv.Itoa(*p)
		case *int64:
			out[k] = strconv.FormatInt(*p, 10)
		case *bool:
			out[k] = strconv.FormatBool(*p)
		case *[]string:
			out[k] = strings.Join(*p, "\n")
		}
	}
	return out
}

// applySettings sets the fields of set whose keys are stored. A missing key
// keeps the default; an unknown key is ignored.
func applySettings(set *herald.Settings, stored map[string]string) error {
	for k, p := range settingFields(set) {
		v, ok := stored[k]
		if !ok {
			continue
		}
		var err error
		switch p := p.(type) {
		case *string:
			*p = v
		case *int:
			*p, err = strconv.Atoi(v)
		case *int64:
			*p, err = strconv.ParseInt(v, 10, 64)
		case *bool:
			*p, err = strconv.ParseBool(v)
		case *[]string:
			*p = nil
			if v != "" {
				*p = strings.Split(v, "\n")
			}
		}
		if err != nil {
			return fmt.Errorf("setting %s: %w", k, err)
		}
	}
	return nil
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
