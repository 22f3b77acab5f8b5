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
	known bool // whether on holds the current setting
	on    bool
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
// another site gets 403 while the setting is on. A request without a
// Referer (typed in, a feed reader, a privacy-minded browser) is served,
// as is every request while the setting cannot be read.
func (g *HotlinkGuard) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if foreignReferer(r) && g.refuse(r.Context()) {
			w.Header().Set("Cache-Control", "no-store")
			w.Header().Set("Vary", "Referer")
			http.Error(w, "This image may be shown only on this site's pages.", http.StatusForbidden)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// refuse reports whether hotlinks are refused now.
func (g *HotlinkGuard) refuse(ctx context.Context) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.known {
		s, err := g.src.FindSettings(ctx)
		if err != nil {
			g.logger.WarnContext(ctx, "hotlink guard: reading settings", "err", err)
			return false
		}
		g.on, g.known = s.Protection.MediaHotlinks, true
	}
	return g.on
}

// foreignReferer reports whether r names as its Referer a page whose host
// is not the host r was sent to. An unreadable Referer counts as foreign.
func foreignReferer(r *http.Request) bool {
	ref := r.Header.Get("Referer")
	if ref == "" {
		return false
	}
	u, err := url.Parse(ref)
	if err != nil {
		return true
	}
	return !strings.EqualFold(u.Host, r.Host)
}
