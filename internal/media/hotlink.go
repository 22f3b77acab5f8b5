package media

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/herald-news/herald"
)

// SettingsSource is the part of the store the hotlink guard reads: the
// site's settings and word of their changes.
type SettingsSource interface {
	FindSettings(ctx context.Context) (herald.Settings, error)
	herald.ChangeSource
}

// HotlinkGuard refuses, while the site's Protection.MediaHotlinks setting
// is on, images requested from another site's page. It remembers the
// setting until the settings change, so an image request costs no query.
type HotlinkGuard struct {
	src    SettingsSource
	logger *slog.Logger

	mu    sync.Mutex
	known bool   // whether on and home hold the current settings
	on    bool   // Protection.MediaHotlinks
	home  string // the host of Settings.BaseURL, "" when unset
}

// NewHotlinkGuard returns a guard reading the setting from src, and the
// function that stops it listening to src's changes.
func NewHotlinkGuard(src SettingsSource, logger *slog.Logger) (g *HotlinkGuard, unsubscribe func()) {
	g = &HotlinkGuard{src: src, logger: logger}
	unsubscribe = src.Subscribe(func(c herald.Change) {
		if c.Kind == herald.ChangeSettings {
			g.mu.Lock()
			g.known = false
			g.mu.Unlock()
		}
	})
	return g, unsubscribe
}

// Wrap returns next behind the guard: a request whose Referer is a page of
// another site gets 403 while the setting is on. The site's own pages are
// those on the host the request was sent to or on the host of the site's
// base URL (behind a proxy that rewrites Host). A request without a
// Referer (typed in, a feed reader, a privacy-minded browser) is served,
// as is every request while the settings cannot be read.
func (g *HotlinkGuard) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ref := refererHost(r)
		if ref == "" || strings.EqualFold(ref, r.Host) {
			next.ServeHTTP(w, r)
			return
		}
		if on, home := g.settings(r.Context()); on && !strings.EqualFold(ref, home) {
			w.Header().Set("Cache-Control", "no-store")
			w.Header().Set("Vary", "Referer")
			http.Error(w, "This image may be shown only on this site's pages.", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// settings returns whether hotlinks are refused and the base URL's host.
func (g *HotlinkGuard) settings(ctx context.Context) (on bool, home string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.known {
		s, err := g.src.FindSettings(ctx)
		if err != nil {
			g.logger.WarnContext(ctx, "hotlink guard: reading settings", "err", err)
			return false, ""
		}
		g.on, g.known = s.Protection.MediaHotlinks, true
		g.home = ""
		if u, err := url.Parse(s.BaseURL); err == nil {
			g.home = u.Host
		}
	}
	return g.on, g.home
}

// refererHost returns the host of r's Referer: "" without one, and a
// string no host equals for one that cannot be read.
func refererHost(r *http.Request) string {
	ref := r.Header.Get("Referer")
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil || u.Host == "" {
		return "unreadable referer"
	}
	return u.Host
}
