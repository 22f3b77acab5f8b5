package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/emulation"
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
				media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
				if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
					t.Fatal(err)
				}
				if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+p.path), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
					t.Fatal(err)
				}
				checkAxe(t, ctx, src)
			})
		}
	}
}

// checkAxe runs axe-core, whose source is src, on the page open in ctx's
// tab and fails t for each violation.
func checkAxe(t *testing.T, ctx context.Context, src []byte) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](string(src))); err != nil {
		t.Fatal(err)
	}
	report, err := chromedp.Run(ctx, chromedp.Evaluate[string](runAxe, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(report), &vs); err != nil {
		t.Fatalf("axe report: %v", err)
	}
	for _, v := range vs {
		for _, n := range v.Nodes {
			t.Errorf("%s: %s at %v: %s", v.ID, v.Help, n.Target, n.HTML)
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
