package e2e

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeViolation is the part of an axe-core violation a failure message needs.
type axeViolation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target []any  `json:"target"`
		HTML   string `json:"html"`
	} `json:"nodes"`
}

const runAxe = `axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations))`

// TestPages_Accessible runs axe-core in Chromium on each checked page, in
// light and in dark colour schemes, and requires zero violations.
func TestPages_Accessible(t *testing.T) {
	s := startSite(t)
	src := s.axeSource(t)
	ctx := browser(t)
	for _, scheme := range []string{"light", "dark"} {
		for _, p := range s.checkedPages(t) {
			t.Run(p.name+"/"+scheme, func(t *testing.T) {
				colorScheme(t, ctx, scheme)
				if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+p.path), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
					t.Fatal(err)
				}
				axeCheck(t, ctx, src)
			})
		}
	}
}

// axeSource returns axe-core's script, skipping t when it is not installed.
func (s *site) axeSource(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(s.root, "node_modules", "axe-core", "axe.min.js"))
	require(t, "axe-core (npm ci --ignore-scripts)", err)
	return src
}
