package markup

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Embeds: a YouTube video, an X post or a Telegram post whose address
// stands alone in a paragraph of the body becomes a placeholder — a figure
// naming the provider and linking to the original. Nothing is loaded from
// the provider with the page. The site's script offers a button on a
// YouTube placeholder that swaps in the youtube-nocookie.com player once
// the reader clicks; X and Telegram posts stay link cards, since their
// players need the providers' own scripts to size themselves.

// Embed providers, as the placeholder's data-embed attribute names them.
const (
	EmbedYouTube  = "youtube"
	EmbedX        = "x"
	EmbedTelegram = "telegram"
)

// embed is a recognised post or video.
type embed struct {
	Provider string // EmbedYouTube, EmbedX or EmbedTelegram
	ID       string // the video's id; the post's "user/id"
	URL      string // the canonical address of the original
}

var (
	youTubeID    = regexp.MustCompile(`^[A-Za-z0-9_-]{11}$`)
	xPost        = regexp.MustCompile(`^/([A-Za-z0-9_]{1,15})/status/([0-9]{1,20})/?$`)
	telegramPost = regexp.MustCompile(`^/(?:s/)?([A-Za-z][A-Za-z0-9_]{3,31})/([0-9]{1,12})/?$`)
	// embedIDPattern is what the sanitizer lets through in data-embed-id.
	embedIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,32}(/[0-9]{1,20})?$`)
)

// parseEmbed recognises the address of an embeddable post or video.
func parseEmbed(raw string) (embed, bool) {
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil || u.Port() != "" {
		return embed{}, false
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	switch host {
	case "youtube.com", "m.youtube.com", "youtu.be":
		return youTube(host, u)
	case "x.com", "twitter.com", "mobile.twitter.com", "mobile.x.com":
		if m := xPost.FindStringSubmatch(u.Path); m != nil {
			return embed{EmbedX, m[1] + "/" + m[2], "https://x.com/" + m[1] + "/status/" + m[2]}, true
		}
	case "t.me", "telegram.me":
		if m := telegramPost.FindStringSubmatch(u.Path); m != nil && !telegramReserved(m[1]) {
			return embed{EmbedTelegram, m[1] + "/" + m[2], "https://t.me/" + m[1] + "/" + m[2]}, true
		}
	}
	return embed{}, false
}

// youTube recognises a YouTube video address: youtu.be/ID, /watch?v=ID,
// /shorts/ID, /live/ID or /embed/ID.
func youTube(host string, u *url.URL) (embed, bool) {
	var id string
	path := strings.TrimSuffix(u.Path, "/")
	switch {
	case host == "youtu.be":
		id = strings.TrimPrefix(path, "/")
	case path == "/watch":
		id = u.Query().Get("v")
	default:
		for _, prefix := range []string{"/shorts/", "/live/", "/embed/"} {
			if rest, ok := strings.CutPrefix(path, prefix); ok {
				id = rest
			}
		}
	}
	if !youTubeID.MatchString(id) {
		return embed{}, false
	}
	return embed{EmbedYouTube, id, "https://www.youtube.com/watch?v=" + id}, true
}

// telegramReserved reports whether a t.me path's first part is one of
// Telegram's own pages rather than a channel.
func telegramReserved(name string) bool {
	switch strings.ToLower(name) {
	case "joinchat", "addstickers", "addemoji", "addtheme", "share", "proxy", "socks", "setlanguage", "login", "confirmphone", "boost", "invoice":
		return true
	}
	return false
}

// providerName is how readers know a provider.
func providerName(provider string) string {
	switch provider {
	case EmbedYouTube:
		return "YouTube"
	case EmbedX:
		return "X"
	}
	return "Telegram"
}

// kindEmbed is the AST kind of an embed placeholder.
var kindEmbed = ast.NewNodeKind("Embed")

// embedNode is an embed placeholder in the document.
type embedNode struct {
	ast.BaseBlock
	embed
}

// Kind implements ast.Node.
func (n *embedNode) Kind() ast.NodeKind { return kindEmbed }

// Dump implements ast.Node.
func (n *embedNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Provider": n.Provider, "ID": n.ID}, nil)
}

// embedTransformer turns top-level paragraphs holding only the address of
// an embeddable post into placeholders.
type embedTransformer struct{}

// Transform implements parser.ASTTransformer.
func (embedTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	source := reader.Source()
	for c := doc.FirstChild(); c != nil; {
		next := c.NextSibling()
		if e, ok := loneEmbed(c, source); ok {
			doc.ReplaceChild(doc, c, &embedNode{embed: e})
		}
		c = next
	}
}

// loneEmbed reports the embed of a paragraph whose only content is an
// embeddable address.
func loneEmbed(n ast.Node, source []byte) (embed, bool) {
	if n.Kind() != ast.KindParagraph || n.ChildCount() != 1 {
		return embed{}, false
	}
	link, ok := n.FirstChild().(*ast.AutoLink)
	if !ok || link.AutoLinkType != ast.AutoLinkURL {
		return embed{}, false
	}
	return parseEmbed(string(link.URL(source)))
}

// embedRenderer writes embed placeholders.
type embedRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (embedRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindEmbed, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		e := n.(*embedNode).embed
		href := util.EscapeHTML([]byte(e.URL))
		_, _ = w.WriteString(`<figure class="embed embed-` + e.Provider + `" data-embed="` + e.Provider + `" data-embed-id="` + e.ID + `">` +
			`<figcaption class="embed-provider">` + providerName(e.Provider) + `</figcaption>` +
			`<p class="embed-link"><a href="` + string(href) + `">` + string(href) + "</a></p></figure>\n")
		return ast.WalkSkipChildren, nil
	})
}
