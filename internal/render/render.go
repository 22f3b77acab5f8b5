// Package render executes html/template pages read from a file system.
// Every page is parsed together with the shared layouts and partials, and
// rendered into a buffer so that an error never sends half a page.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path"
	"strings"
)

// Options configure a Renderer.
type Options struct {
	// FS holds the templates: shared ones under "base/" (the layout and
	// partials) and one file per page under "pages/", named NAME.html.
	FS fs.FS
	// Funcs are extra template functions.
	Funcs template.FuncMap
	// Entry is the template each page executes; "layout" when empty.
	Entry string
	// Dev re-reads the templates from FS on every render, so edits show
	// without a restart.
	Dev bool
}

// Renderer renders pages by name. It is safe for concurrent use.
type Renderer struct {
	opts  Options
	pages map[string]*template.Template
}

// New parses every page and fails if any template is missing or broken.
func New(opts Options) (*Renderer, error) {
	if opts.Entry == "" {
		opts.Entry = "layout"
	}
	pages, err := parse(opts)
	if err != nil {
		return nil, err
	}
	return &Renderer{opts: opts, pages: pages}, nil
}

// Pages returns the names of the parsed pages.
func (r *Renderer) Pages() []string {
	names := make([]string, 0, len(r.pages))
	for name := range r.pages {
		names = append(names, name)
	}
	return names
}

// Render executes page with data into buf. On error buf holds a partial
// page that must not be sent.
func (r *Renderer) Render(buf *bytes.Buffer, page string, data any) error {
	pages := r.pages
	if r.opts.Dev {
		var err error
		if pages, err = parse(r.opts); err != nil {
			return err
		}
	}
	t, ok := pages[page]
	if !ok {
		return fmt.Errorf("render: no page %q", page)
	}
	if err := t.ExecuteTemplate(buf, r.opts.Entry, data); err != nil {
		return fmt.Errorf("render: page %q: %w", page, err)
	}
	return nil
}

// parse builds one template set per page over the shared base templates.
func parse(opts Options) (map[string]*template.Template, error) {
	base := template.New("").Funcs(opts.Funcs)
	if _, err := base.ParseFS(opts.FS, "base/*.html"); err != nil {
		return nil, fmt.Errorf("render: base templates: %w", err)
	}
	if base.Lookup(opts.Entry) == nil {
		return nil, fmt.Errorf("render: base templates define no %q", opts.Entry)
	}
	files, err := fs.Glob(opts.FS, "pages/*.html")
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("render: no page templates under pages/")
	}
	pages := make(map[string]*template.Template, len(files))
	for _, f := range files {
		t, err := base.Clone()
		if err == nil {
			t, err = t.ParseFS(opts.FS, f)
		}
		if err != nil {
			return nil, fmt.Errorf("render: page %s: %w", f, err)
		}
		pages[strings.TrimSuffix(path.Base(f), ".html")] = t
	}
	return pages, nil
}

// Templates returns the file system to render from: the embedded templates
// under dir or, in dev mode, the same folder on disk at devDir (relative to
// the working directory), so that edits show without a rebuild.
func Templates(embedded fs.FS, dir, devDir string, dev bool) (fs.FS, error) {
	if dev {
		return os.DirFS(devDir), nil
	}
	return fs.Sub(embedded, dir)
}
