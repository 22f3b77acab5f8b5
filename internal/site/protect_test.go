package site

import (
	"context"
	"strings"
	"testing"

	"github.com/herald-news/herald"
)

// TestSite_CopyProtection marks the article body for protect.js by the
// site's setting and the article's own, and leaves it alone when off.
func TestSite_CopyProtection(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	settings, err := f.store.FindSettings(ctx)
	must(t, err)
	settings.BaseURL = "https://news.example"
	settings.Protection = herald.ProtectionSettings{CopyProtection: herald.CopyNotice, CopyNotice: "Ask us <first>", CopyLength: 120}
	must(t, f.store.UpdateSettings(ctx, settings))
	fire, museum, council := "fire-breaks-out-at-harbour", "museum-reopens-after-repairs", "council-debates-port-budget"
	f.setCopy(t, museum, herald.CopyOff)
	f.setCopy(t, council, herald.CopyAttribute)
	tests := []struct {
		slug   string
		marked string // "" for no marking
	}{
		{fire, `<div class="article-body" data-protect="notice" data-protect-notice="Ask us &lt;first&gt;" ` +
			`data-protect-url="https://news.example` + f.path(fire) + `" data-protect-length="120" data-protect-source="Source">`},
		{museum, ""},
		{council, `<div class="article-body" data-protect="attribute" data-protect-notice="Ask us &lt;first&gt;" ` +
			`data-protect-url="https://news.example` + f.path(council) + `" data-protect-length="120" data-protect-source="Source">`},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			body := f.get(t, "GET", f.path(tt.slug)).Body.String()
			script := strings.Contains(body, `/assets/protect.`)
			if tt.marked == "" {
				if !strings.Contains(body, `<div class="article-body">`) || script || strings.Contains(body, "data-protect") {
					t.Errorf("unprotected article is marked or loads protect.js")
				}
				return
			}
			if !strings.Contains(body, tt.marked) || !script {
				t.Errorf("body not marked %s or protect.js not loaded (script %v)", tt.marked, script)
			}
			if !strings.Contains(body, "What comes next") {
				t.Errorf("the protected text is not in the HTML")
			}
		})
	}
	ru := f.get(t, "GET", f.path("pozhar-v-portu")).Body.String()
	if !strings.Contains(ru, `data-protect-source="Источник"`) {
		t.Errorf("a Russian article's copied text is not attributed in Russian")
	}
}

// setCopy sets the fixture article's own copy protection.
func (f *fixture) setCopy(t *testing.T, slug, mode string) {
	t.Helper()
	a, err := f.store.FindArticle(context.Background(), f.articles[slug].ID)
	must(t, err)
	a.CopyProtection = mode
	must(t, f.store.UpdateArticle(context.Background(), a))
}
