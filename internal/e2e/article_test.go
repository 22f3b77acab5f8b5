package e2e

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// articleShape is what a reader sees of an article page, read in the browser.
type articleShape struct {
	Lang       string   `json:"lang"`
	Headline   string   `json:"headline"`
	Dateline   string   `json:"dateline"`
	Bylines    []string `json:"bylines"`
	Paragraphs int      `json:"paragraphs"`
	Timeline   []string `json:"timeline"`
	Images     []string `json:"images"`
}

const readArticle = `(() => {
	const art = document.querySelector('main article');
	const q = (s) => Array.from(document.querySelectorAll(s));
	return {
		lang: document.documentElement.lang,
		headline: (art.querySelector('h1') || {}).textContent || '',
		dateline: (art.querySelector('header time[datetime]') || {}).getAttribute?.('datetime') || '',
		bylines: q('main article a[rel~="author"], main article a[href^="/author/"]').map(a => a.textContent.trim()),
		paragraphs: art.querySelectorAll('.article-body p').length,
		timeline: q('.related li time[datetime]').map(t => t.getAttribute('datetime')),
		images: q('img').map(i => i.currentSrc + (i.complete && i.naturalWidth > 0 ? ' loaded' : ' broken')),
	};
})()`

// TestArticlePage_Browser loads an article of a running story in Chromium
// and checks its structure, that it logs no error and requests nothing
// outside the site, and writes a screenshot.
func TestArticlePage_Browser(t *testing.T) {
	s := startSite(t)
	ctx := browser(t)
	w := watch(t, ctx)
	path := s.storyArticle(t)
	err := chromedp.Do(ctx, chromedp.Navigate(s.URL+path), chromedp.WaitReady(chromedp.CSS("main article h1")))
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[articleShape](readArticle))
	if err != nil {
		t.Fatalf("load %s: %v", path, err)
	}
	if got.Headline == "" {
		t.Errorf("no headline")
	}
	if got.Dateline == "" || got.Dateline[:10] != path[1:5]+"-"+path[6:8]+"-"+path[9:11] {
		t.Errorf("dateline datetime %q does not match the permalink date of %s", got.Dateline, path)
	}
	if len(got.Bylines) == 0 {
		t.Errorf("no byline linking to an author page")
	}
	if got.Paragraphs < 3 {
		t.Errorf("body has %d paragraphs, want at least 3", got.Paragraphs)
	}
	if len(got.Timeline) < 2 {
		t.Errorf("related coverage shows %d dated entries, want the story's other articles", len(got.Timeline))
	}
	for _, img := range got.Images {
		if !strings.HasSuffix(img, " loaded") {
			t.Errorf("image not shown: %s", img)
		}
	}
	if got.Lang == "" {
		t.Errorf("html has no lang")
	}
	screenshot(t, ctx, "article.png")
	w.check(t, s.URL)
}

// TestFrontPage_Browser loads the front page in Chromium and checks it shows
// a lead story and sections, with no error and no outside request.
func TestFrontPage_Browser(t *testing.T) {
	s := startSite(t)
	ctx := browser(t)
	w := watch(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL+"/"), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	headlines, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main a[href^="/20"]').length`))
	if err != nil {
		t.Fatal(err)
	}
	sections, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main a[href^="/section/"]').length`))
	if err != nil {
		t.Fatal(err)
	}
	if headlines < 10 {
		t.Errorf("front page links %d articles, want at least 10", headlines)
	}
	if sections < 3 {
		t.Errorf("front page links %d sections in its body, want at least 3", sections)
	}
	screenshot(t, ctx, "front.png")
	w.check(t, s.URL)
}
