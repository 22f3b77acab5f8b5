package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/config"
	"github.com/herald-news/herald/internal/demo"
	"github.com/herald-news/herald/internal/media"
)

// demo loads generated demo content into an empty database.
func (m *Main) demo(ctx context.Context, args []string) error {
	c, err := m.parse("demo", args, "db", "data-dir", "articles", "log-format", "log-level")
	if err != nil {
		return err
	}
	logger := c.Logger(m.Stderr)
	st, lib, err := openSite(ctx, c, logger)
	if err != nil {
		return err
	}
	defer st.Close()
	loaded, err := loadDemo(ctx, st, lib, c, logger)
	if err != nil {
		return err
	}
	if !loaded {
		return fmt.Errorf("the database %s already has articles; give an empty one with -db", c.DB)
	}
	return nil
}

// loadDemo loads the demo content when the store holds no article yet and
// reports whether it did.
func loadDemo(ctx context.Context, st herald.Store, lib *media.Library, c config.Config, logger *slog.Logger) (bool, error) {
	page, err := st.FindArticles(ctx, herald.ArticleFilter{Limit: 1})
	if err != nil {
		return false, err
	}
	if page.Total > 0 {
		return false, nil
	}
	sum, err := demo.Load(ctx, st, lib, demo.Options{Articles: c.Articles, Logger: logger})
	if err != nil {
		return false, fmt.Errorf("load demo: %w", err)
	}
	logger.Info("loaded demo content", "summary", fmt.Sprintf("%+v", sum))
	return true, nil
}
