package site

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"

	"github.com/herald-news/herald"
)

// shareBarLinks returns the share links of each share bar on the page.
func shareBarLinks(p *parsedPage) [][]*html.Node {
	var bars [][]*html.Node
	for n := range p.doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "div" && attr(n, "class") == "share" {
			var links []*html.Node
			for c := range n.Descendants() {
				if c.Type == html.ElementNode && c.Data == "a" {
					links = append(links, c)
				}
			}
			bars = append(bars, links)
		}
	}
	return bars
}

// shareCheck says where a network's link must go and what its query
// carries: parameter → value.
type shareCheck struct {
	origin, path string
	query        map[string]string
}

func TestArticle_ShareBar(t *testing.T) {
	f := newFixture(t)
	a := f.articles["bank-raises-interest-rate"]
	a.Headline = `Bank raises rate to 5% — "a hard choice" & more?`
	must(t, f.store.UpdateArticle(context.Background(), a))
	f.setSettings(t, func(s *herald.Settings) { s.BaseURL = "https://harbour.example" })
	canonical := "https://harbour.example" + f.path(a.Slug)
	p := f.getPage(t, "news.example", f.path(a.Slug))
	want := map[string]shareCheck{
		"facebook": {"https://www.facebook.com", "/sharer/sharer.php", map[string]string{"u": canonical}},
		"x":        {"https://twitter.com", "/intent/tweet", map[string]string{"url": canonical, "text": a.Headline}},
		"telegram": {"https://t.me", "/share/url", map[string]string{"url": canonical, "text": a.Headline}},
		"whatsapp": {"https://wa.me", "/", map[string]string{"text": a.Headline + " " + canonical}},
		"vk":       {"https://vk.com", "/share.php", map[string]string{"url": canonical, "title": a.Headline}},
		"linkedin": {"https://www.linkedin.com", "/sharing/share-offsite/", map[string]string{"url": canonical}},
		"reddit":   {"https://www.reddit.com", "/submit", map[string]string{"url": canonical, "title": a.Headline}},
		"email":    {"mailto:", "", map[string]string{"subject": a.Headline, "body": canonical}},
	}
	bars := shareBarLinks(p)
	if len(bars) != 2 {
		t.Fatalf("got %d share bars, want 2 (under the headline and after the body)", len(bars))
	}
	// Copy link and the native share sheet need the script, which reveals
	// them: without it they stay hidden.
	scriptOnly := 0
	for n := range p.doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "li" && (hasAttr(n, "data-share-copy") || hasAttr(n, "data-share-native")) {
			scriptOnly++
			if !hasAttr(n, "hidden") {
				t.Errorf("a script-only share button is not hidden: %v", n.Attr)
			}
		}
	}
	if scriptOnly != 4 {
		t.Errorf("%d Copy link and native share buttons, want one of each per bar", scriptOnly)
	}
	for _, links := range bars {
		var order []string
		for _, l := range links {
			network := strings.TrimPrefix(strings.Fields(attr(l, "class"))[1], "share-")
			order = append(order, network)
			checkShareLink(t, l, network, want[network])
		}
		if diff := cmp.Diff(herald.ShareNetworkNames, order); diff != "" {
			t.Errorf("networks (-want +got):\n%s", diff)
		}
	}
}

// checkShareLink checks one share link's address, tab and accessible name.
func checkShareLink(t *testing.T, l *html.Node, network string, want shareCheck) {
	t.Helper()
	u, err := url.Parse(attr(l, "href"))
	if err != nil {
		t.Fatalf("%s: %v", network, err)
	}
	origin := u.Scheme + "://" + u.Host
	if u.Scheme == "mailto" {
		origin = "mailto:"
		if u.Opaque != "" {
			t.Errorf("%s: the mail goes to %q, want no recipient", network, u.Opaque)
		}
	}
	if origin != want.origin || u.Path != want.path {
		t.Errorf("%s: link to %s%s, want %s%s", network, origin, u.Path, want.origin, want.path)
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		t.Fatalf("%s: query %q: %v", network, u.RawQuery, err)
	}
	got := map[string]string{}
	for k := range q {
		got[k] = q.Get(k)
	}
	if diff := cmp.Diff(want.query, got); diff != "" {
		t.Errorf("%s: query (-want +got):\n%s", network, diff)
	}
	if strings.Contains(u.RawQuery, "+") {
		t.Errorf("%s: %q encodes spaces as +, which mail programs show", network, u.RawQuery)
	}
	newTab := network != "email"
	if (attr(l, "target") == "_blank") != newTab || (attr(l, "rel") == "noopener noreferrer") != newTab {
		t.Errorf("%s: target %q rel %q, want a new tab without opener or referrer: %v", network, attr(l, "target"), attr(l, "rel"), newTab)
	}
	if label := attr(l, "aria-label"); label == "" || !strings.Contains(strings.ToLower(label), strings.ToLower(textOf(l))) {
		t.Errorf("%s: accessible name %q does not contain the visible %q", network, label, textOf(l))
	}
}

// hasAttr reports whether n has the attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

// textOf is the text content of n.
func textOf(n *html.Node) string {
	var b strings.Builder
	for c := range n.Descendants() {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	return strings.TrimSpace(b.String())
}

func TestArticle_ShareBarSettings(t *testing.T) {
	f := newFixture(t)
	f.setSettings(t, func(s *herald.Settings) { s.Distribution.ShareNetworks = []string{"telegram", "email", "vk"} })
	p := f.getPage(t, "news.example", "/2024/03/19/pozhar-v-portu/")
	bars := shareBarLinks(p)
	if len(bars) != 2 {
		t.Fatalf("got %d share bars, want 2", len(bars))
	}
	var got [][2]string
	for _, l := range bars[0] {
		got = append(got, [2]string{attr(l, "aria-label"), textOf(l)})
	}
	want := [][2]string{
		{"Поделиться в Telegram (откроется в новой вкладке)", "Telegram"},
		{"Отправить по e-mail", "E-mail"},
		{"Поделиться в ВКонтакте (откроется в новой вкладке)", "ВКонтакте"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Russian share links (-want +got):\n%s", diff)
	}
	body := textOf(p.doc)
	for _, s := range []string{"Поделиться:", "Копировать ссылку"} {
		if !strings.Contains(body, s) {
			t.Errorf("the Russian article lacks %q", s)
		}
	}

	f.setSettings(t, func(s *herald.Settings) { s.Distribution.ShareNetworks = nil })
	p = f.getPage(t, "news.example", "/2024/03/19/pozhar-v-portu/")
	if bars := shareBarLinks(p); len(bars) != 0 {
		t.Errorf("got %d share bars with no network chosen, want none", len(bars))
	}
}
