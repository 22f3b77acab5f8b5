// Package admin is the newsroom at /admin: the screens editors, authors and
// contributors use to write, edit and publish. Every page is rendered on the
// server and works without JavaScript; every route names the permission it
// needs in one table (routes.go), checked before its handler runs.
package admin

import (
	"embed"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/assets"
	"github.com/herald-news/herald/internal/auth"
	"github.com/herald-news/herald/internal/httpx"
	"github.com/herald-news/herald/internal/markup"
	"github.com/herald-news/herald/internal/media"
	"github.com/herald-news/herald/internal/render"
)

//go:embed templates
var templates embed.FS

// devTemplates is where Dev mode reads templates, relative to the
// repository root the server runs from.
const devTemplates = "internal/admin/templates"

// Options configure an Admin.
type Options struct {
	Store herald.Store
	Auth  *auth.Auth
	Media *media.Library   // the image library; nil when uploads are off
	Now   func() time.Time // time.Now when nil
	// Logger receives internal errors; slog.Default() when nil.
	Logger *slog.Logger
	// Dev re-reads templates from internal/admin/templates on every render.
	Dev bool
}

// Admin is the newsroom. It is safe for concurrent use.
type Admin struct {
	store   herald.Store
	auth    *auth.Auth
	media   *media.Library
	now     func() time.Time
	logger  *slog.Logger
	pages   *render.Renderer
	assets  *assets.Assets
	conv    *markup.Converter
	errs    *httpx.Adapter
	handler *http.ServeMux

	// comments renders reader comments as the site does.
	comments *markup.CommentRenderer
}

// New loads the templates and builds the route table, failing on a missing
// or broken template.
func New(opts Options) (*Admin, error) {
	if opts.Store == nil || opts.Auth == nil {
		return nil, errors.New("admin: a store and an auth are required")
	}
	a := &Admin{store: opts.Store, auth: opts.Auth, media: opts.Media, now: opts.Now, logger: opts.Logger, conv: markup.New(),
		comments: markup.NewCommentRenderer()}
	if a.now == nil {
		a.now = time.Now
	}
	if a.logger == nil {
		a.logger = slog.Default()
	}
	if err := a.load(opts.Dev); err != nil {
		return nil, err
	}
	a.errs = &httpx.Adapter{Logger: a.logger, Page: a.errorPage}
	a.handler = a.mux()
	return a, nil
}

// load parses the templates and loads the assets.
func (a *Admin) load(dev bool) error {
	fsys, err := render.Templates(templates, "templates", devTemplates, dev)
	if err != nil {
		return fmt.Errorf("admin: %w", err)
	}
	if a.pages, err = render.New(render.Options{FS: fsys, Funcs: funcs(), Dev: dev}); err != nil {
		return fmt.Errorf("admin: %w", err)
	}
	if a.assets, err = assets.New(); err != nil {
		return fmt.Errorf("admin: %w", err)
	}
	return nil
}

// Handler returns the handler of every URL under /admin/.
func (a *Admin) Handler() http.Handler {
	return a.handler
}
