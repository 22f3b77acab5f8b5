package e2e

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// newsroomPages returns the main newsroom screens, the sign-in page first
// (seen signed out); the others are seen signed in as an editor.
func newsroomPages(t *testing.T, ctx context.Context, s *site) []page {
	t.Helper()
	open(t, ctx, s.URL+"/admin/articles")
	edit := eval[string](t, ctx, `(Array.from(document.querySelectorAll('main a')).find(a => /\/admin\/articles\/\d+\/edit$/.test(a.pathname)) || {}).pathname || ''`)
	if edit == "" {
		t.Fatal("the article list links no article's editor")
	}
	return []page{
		{"articles", "/admin/articles", 200},
		{"article-edit", edit, 200},
		{"article-new", "/admin/articles/new", 200},
		{"media", "/admin/media", 200},
		{"sections", "/admin/sections", 200},
		{"section-new", "/admin/sections/new", 200},
		{"tags", "/admin/tags", 200},
		{"stories", "/admin/stories", 200},
		{"author-profile", "/admin/users/me/profile", 200},
	}
}

// axeCheck runs axe-core on the page open in ctx and reports each
// violation as an error of t.
func axeCheck(t *testing.T, ctx context.Context, src []byte) {
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

// colorScheme makes ctx's tab prefer scheme, light or dark.
func colorScheme(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
		t.Fatal(err)
	}
}

// TestNewsroom_Accessible runs axe-core on the sign-in page and on the
// main newsroom screens, signed in, in light and dark, and requires zero
// violations.
func TestNewsroom_Accessible(t *testing.T) {
	t.Parallel() // alongside the Nu HTML checker's Java
	s := startSite(t)
	src := s.axeSource(t)
	m := s.addUser(t, "editor")
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	for _, scheme := range []string{"light", "dark"} {
		t.Run("sign-in/"+scheme, func(t *testing.T) {
			colorScheme(t, ctx, scheme)
			open(t, ctx, s.URL+"/admin/sign-in")
			axeCheck(t, ctx, src)
		})
	}
	signIn(t, ctx, s, m)
	for _, scheme := range []string{"light", "dark"} {
		for i, p := range newsroomPages(t, ctx, s) {
			t.Run(p.name+"/"+scheme, func(t *testing.T) {
				colorScheme(t, ctx, scheme)
				open(t, ctx, s.URL+p.path)
				axeCheck(t, ctx, src)
				if scheme == "dark" && i < 4 { // the four main screens
					screenshot(t, ctx, "newsroom-"+p.name+"-dark.png")
				}
			})
		}
	}
	w.check(t, s.URL)
}

// fetchSource returns the HTML the server sends for path to ctx's tab,
// with its cookies, as the browser receives it.
func fetchSource(t *testing.T, ctx context.Context, path string) string {
	t.Helper()
	body, err := chromedp.Run(ctx, chromedp.Evaluate[string](`fetch(`+jsString(path)+`, {credentials: 'same-origin'}).then(r => r.text())`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch %s: %v", path, err)
	}
	return body
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestNewsroom_ValidHTML runs the Nu HTML checker over the sign-in page
// and the main newsroom screens as a signed-in browser receives them, and
// requires zero errors.
func TestNewsroom_ValidHTML(t *testing.T) {
	t.Parallel() // alongside axe-core's browser
	s := startSite(t)
	m := s.addUser(t, "editor")
	ctx := newsroomBrowser(t)
	open(t, ctx, s.URL+"/admin/sign-in")
	pages := map[string]string{"newsroom-sign-in": fetchSource(t, ctx, "/admin/sign-in")}
	signIn(t, ctx, s, m)
	for _, p := range newsroomPages(t, ctx, s) {
		pages["newsroom-"+p.name] = fetchSource(t, ctx, p.path)
	}
	s.checkHTML(t, pages)
}
