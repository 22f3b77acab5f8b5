package site

import (
	"fmt"
	"html/template"
	"net/url"
	"strings"
)

// shareBar is a "Share this:" row of plain links to the networks' own
// share pages. Nothing is requested from a network until a reader follows
// a link; share.js adds "Copy link" and the browser's share sheet.
type shareBar struct {
	ID    string // of the bar's title, unique on the page
	Title string // "Share this:"
	URL   string // the canonical URL the buttons of share.js share
	Text  string // the headline
	Links []shareLink
	// The buttons share.js reveals: their words and icons. Copied is what
	// the copy button and the bar's live region say once the link is copied.
	Copy, Copied, Native string
	CopyIcon, NativeIcon template.HTML
}

// shareLink is a link to one network's share page.
type shareLink struct {
	Network string // from herald.ShareNetworkNames
	Name    string // shown next to the icon
	Label   string // the accessible name: "Share on Facebook (opens in a new tab)"
	URL     string
	NewTab  bool // every network but email
	Icon    template.HTML
}

// shareLinks returns the share links of the page at pageURL titled title,
// for the networks in order; unknown names are skipped.
func shareLinks(networks []string, pageURL, title string, t *labels) []shareLink {
	out := make([]shareLink, 0, len(networks))
	for _, n := range networks {
		target, name := shareTarget(n, pageURL, title, t)
		if target == "" {
			continue
		}
		l := shareLink{Network: n, Name: name, URL: target, NewTab: n != "email", Icon: shareIcon(n)}
		if l.NewTab {
			l.Label = fmt.Sprintf(t.ShareOn, name) + " " + t.NewTab
		} else {
			l.Label = t.ShareByEmail
		}
		out = append(out, l)
	}
	return out
}

// shareTarget returns the documented share address of a network for the
// page at u titled title, and the network's name as readers know it.
func shareTarget(network, u, title string, t *labels) (target, name string) {
	eu, et := escape(u), escape(title)
	switch network {
	case "facebook": // developers.facebook.com/docs/sharing/reference/share-dialog
		return "https://www.facebook.com/sharer/sharer.php?u=" + eu, "Facebook"
	case "x": // developer.x.com/en/docs/x-for-websites/tweet-button/guides/web-intent
		return "https://twitter.com/intent/tweet?url=" + eu + "&text=" + et, "X"
	case "telegram": // core.telegram.org/widgets/share
		return "https://t.me/share/url?url=" + eu + "&text=" + et, "Telegram"
	case "whatsapp": // faq.whatsapp.com: wa.me/?text=
		return "https://wa.me/?text=" + escape(title+" "+u), "WhatsApp"
	case "vk": // dev.vk.com: the share widget's share.php
		return "https://vk.com/share.php?url=" + eu + "&title=" + et, t.VK
	case "linkedin": // learn.microsoft.com/linkedin: share-offsite
		return "https://www.linkedin.com/sharing/share-offsite/?url=" + eu, "LinkedIn"
	case "reddit": // reddit.com/dev: /submit with url and title
		return "https://www.reddit.com/submit?url=" + eu + "&title=" + et, "Reddit"
	case "email": // RFC 6068
		return "mailto:?subject=" + et + "&body=" + eu, t.Email
	}
	return "", ""
}

// escape percent-encodes s for a query value, spaces as %20, which every
// network and mail program reads alike (a "+" stays a plus in mailto:).
func escape(s string) string {
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// newShareBars returns the bars under the headline and after the body of
// the page at pageURL.
func newShareBars(networks []string, pageURL, title string, t *labels) (top, end *shareBar) {
	if len(networks) == 0 {
		return nil, nil
	}
	bar := shareBar{
		Title: t.ShareThis, URL: pageURL, Text: title, Links: shareLinks(networks, pageURL, title, t),
		Copy: t.CopyLink, Copied: t.LinkCopied, Native: t.ShareNative,
		CopyIcon: shareIcon("copy"), NativeIcon: shareIcon("native"),
	}
	after := bar
	bar.ID, after.ID = "share-top", "share-end"
	return &bar, &after
}
