package e2e

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// shareHeadline has the characters a share link must encode.
const shareHeadline = `Ferry "Mira" & crew: fares up 5% — why? #harbour`

// shareVideo is the YouTube video the shared article embeds.
const shareVideo = "dQw4w9WgXcQ"

// shareLinkSeen is a share link as the browser reads it.
type shareLinkSeen struct {
	Network string `json:"network"`
	Href    string `json:"href"`
	Target  string `json:"target"`
	Rel     string `json:"rel"`
	Name    string `json:"name"`
}

// TestShare_Browser publishes an article with an embedded video through
// the newsroom, then, as a reader, checks that the page asks nothing of
// any other site, that it is valid HTML with no axe violation in either
// colour scheme, that every share link carries the canonical URL and the
// headline, that "Copy link" copies the canonical URL, and that the video
// placeholder loads the player only on a click.
func TestShare_Browser(t *testing.T) {
	s, _ := freshHerald(t)
	staff := newsroomBrowser(t)
	signIn(t, staff, s, s.addUser(t, "editor"))
	open(t, staff, s.URL+"/admin/articles/new")
	fillArticle(t, staff, draft{Headline: shareHeadline, Body: "The ferry sailed at dawn.\n\nhttps://www.youtube.com/watch?v=" + shareVideo + "\n\nPassengers cheered."})
	pressAction(t, staff, "publish")
	path := publicLink(t, staff)
	if path == "" {
		t.Fatalf("no public link after publishing: %s", text(t, staff, "main"))
	}

	reader := newsroomBrowser(t)
	w := watch(t, reader)
	grantClipboard(t, reader, s.URL)
	open(t, reader, s.URL+path)
	canonical := eval[string](t, reader, `document.querySelector('link[rel="canonical"]').href`)
	if canonical != s.URL+path {
		t.Fatalf("canonical = %q, want %q", canonical, s.URL+path)
	}
	t.Run("links", func(t *testing.T) {
		links := eval[[]shareLinkSeen](t, reader, `Array.from(document.querySelectorAll('.share')[0].querySelectorAll('a.share-link')).map(a => ({
			network: a.className.replace(/^share-link share-/, ''), href: a.href, target: a.target, rel: a.rel, name: a.getAttribute('aria-label')}))`)
		checkShareLinks(t, links, canonical)
		if n := eval[int](t, reader, `document.querySelectorAll('.share').length`); n != 2 {
			t.Errorf("%d share bars, want 2", n)
		}
	})
	t.Run("valid and accessible", func(t *testing.T) {
		_, page := s.get(t, path)
		s.checkHTML(t, map[string]string{"shared-article": page})
		src := s.axeSource(t)
		for _, scheme := range []string{"light", "dark"} {
			colorScheme(t, reader, scheme)
			axeCheck(t, reader, src)
		}
		colorScheme(t, reader, "light")
	})
	t.Run("copy link", func(t *testing.T) {
		if eval[bool](t, reader, `document.querySelector('[data-share-copy]').hidden`) {
			t.Fatal("the Copy link button stays hidden with the script running")
		}
		native := eval[bool](t, reader, `typeof navigator.share === 'function' === !document.querySelector('[data-share-native]').hidden`)
		if !native {
			t.Error("the native share button shows where the browser has no share sheet, or hides where it has one")
		}
		setClipboard(t, reader, "before")
		if err := chromedp.Do(reader, chromedp.Click(chromedp.CSS(`.share-copy`))); err != nil {
			t.Fatal(err)
		}
		// The button says so once the clipboard has taken the link.
		_, err := chromedp.Run(reader, chromedp.Poll[bool](`document.querySelector('.share-copy').textContent === 'Link copied'`,
			chromedp.WithPollingTimeout(10*time.Second)))
		if err != nil {
			t.Fatalf("the Copy link button never said the link was copied: %v", err)
		}
		if got := clipboard(t, reader); got != canonical {
			t.Errorf("clipboard = %q, want %q", got, canonical)
		}
		if got := eval[string](t, reader, `document.querySelector('.share-status').textContent`); got != "Link copied" {
			t.Errorf("live region = %q, want %q", got, "Link copied")
		}
	})
	t.Run("embed waits for a click", func(t *testing.T) {
		if n := eval[int](t, reader, `document.querySelectorAll('iframe').length`); n != 0 {
			t.Errorf("%d frames before the click", n)
		}
		href := eval[string](t, reader, `document.querySelector('figure[data-embed="youtube"] a').href`)
		if href != "https://www.youtube.com/watch?v="+shareVideo {
			t.Errorf("the placeholder links to %q", href)
		}
		screenshotWidths(t, reader, "share-article")
		// Every request so far stayed on the site: the page, the share
		// bars and the placeholder ask nothing of any network.
		w.check(t, s.URL)
		if err := chromedp.Do(reader, chromedp.Click(chromedp.CSS(`.embed-load`))); err != nil {
			t.Fatal(err)
		}
		src := eval[string](t, reader, `(document.querySelector('figure[data-embed="youtube"] iframe') || {}).src || ''`)
		if src != "https://www.youtube-nocookie.com/embed/"+shareVideo+"?autoplay=1" {
			t.Errorf("after the click the player frame loads %q", src)
		}
	})
}

// checkShareLinks checks each network's link: its address, its query
// decoded, a new tab without opener or referrer, and an accessible name.
func checkShareLinks(t *testing.T, links []shareLinkSeen, canonical string) {
	t.Helper()
	want := map[string]struct {
		prefix string
		query  map[string]string
	}{
		"facebook": {"https://www.facebook.com/sharer/sharer.php?", map[string]string{"u": canonical}},
		"x":        {"https://twitter.com/intent/tweet?", map[string]string{"url": canonical, "text": shareHeadline}},
		"telegram": {"https://t.me/share/url?", map[string]string{"url": canonical, "text": shareHeadline}},
		"whatsapp": {"https://wa.me/?", map[string]string{"text": shareHeadline + " " + canonical}},
		"vk":       {"https://vk.com/share.php?", map[string]string{"url": canonical, "title": shareHeadline}},
		"linkedin": {"https://www.linkedin.com/sharing/share-offsite/?", map[string]string{"url": canonical}},
		"reddit":   {"https://www.reddit.com/submit?", map[string]string{"url": canonical, "title": shareHeadline}},
		"email":    {"mailto:?", map[string]string{"subject": shareHeadline, "body": canonical}},
	}
	var order []string
	for _, l := range links {
		order = append(order, l.Network)
		w, ok := want[l.Network]
		if !ok {
			t.Errorf("unknown share link %+v", l)
			continue
		}
		rest, ok := strings.CutPrefix(l.Href, w.prefix)
		if !ok {
			t.Errorf("%s: href %q, want it to start with %q", l.Network, l.Href, w.prefix)
			continue
		}
		q, err := url.ParseQuery(rest)
		if err != nil {
			t.Errorf("%s: query %q: %v", l.Network, rest, err)
			continue
		}
		for k, v := range w.query {
			if got := q.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", l.Network, k, got, v)
			}
		}
		if len(q) != len(w.query) {
			t.Errorf("%s: query %v has other parameters than %v", l.Network, q, w.query)
		}
		newTab := l.Network != "email"
		if (l.Target == "_blank") != newTab || (l.Rel == "noopener noreferrer") != newTab {
			t.Errorf("%s: target %q rel %q", l.Network, l.Target, l.Rel)
		}
		if l.Name == "" {
			t.Errorf("%s: no accessible name", l.Network)
		}
	}
	if got := strings.Join(order, " "); got != "facebook x telegram whatsapp vk linkedin reddit email" {
		t.Errorf("networks in order %q", got)
	}
}

// screenshotWidths saves the page at a desktop and a phone width.
func screenshotWidths(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	for _, size := range []struct {
		suffix string
		width  int64
	}{{"desktop", 1280}, {"phone", 360}} {
		err := chromedp.Do(ctx, chromedp.EmulateViewport(size.width, 900, chromedp.EmulateScale(1)))
		if err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, name+"-"+size.suffix+".png")
	}
	if err := chromedp.Do(ctx, chromedp.EmulateReset()); err != nil {
		t.Fatal(err)
	}
}
