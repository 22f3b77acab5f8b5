package markup

import (
	"bytes"
	"html"
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// CommentRel is the rel attribute of every link in a comment: search
// engines must not credit it, it is user content, and the page it opens
// gets no handle on ours.
const CommentRel = "nofollow ugc noopener"

// CommentRenderer renders reader comments: plain text with a small
// Markdown subset (paragraphs, line breaks, emphasis, http and https
// links, block quotes, inline code and code blocks). Everything else,
// HTML included, shows as the text that was typed. It is safe for
// concurrent use, so one serves a whole program.
type CommentRenderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// NewCommentRenderer returns a CommentRenderer.
func NewCommentRenderer() *CommentRenderer {
	p := parser.NewParser(
		parser.WithBlockParsers(
			util.Prioritized(parser.NewCodeBlockParser(), 500),
			util.Prioritized(parser.NewFencedCodeBlockParser(), 700),
			util.Prioritized(parser.NewBlockquoteParser(), 800),
			util.Prioritized(parser.NewParagraphParser(), 1000),
		),
		parser.WithInlineParsers(
			util.Prioritized(parser.NewCodeSpanParser(), 100),
			util.Prioritized(parser.NewLinkParser(), 200),
			util.Prioritized(parser.NewAutoLinkParser(), 300),
			util.Prioritized(parser.NewEmphasisParser(), 500),
		),
	)
	md := goldmark.New(
		goldmark.WithParser(p),
		goldmark.WithExtensions(extension.Linkify),
		goldmark.WithRendererOptions(
			gmhtml.WithHardWraps(),
			renderer.WithNodeRenderers(util.Prioritized(commentLinks{}, 100)),
		),
	)
	return &CommentRenderer{md: md, policy: newCommentPolicy()}
}

// newCommentPolicy is the allow-list for comments: a second wall behind
// the renderer, which already emits nothing else.
func newCommentPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "em", "strong", "blockquote", "code", "pre")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^` + CommentRel + `$`)).OnElements("a")
	p.AllowURLSchemes("http", "https")
	p.AllowRelativeURLs(false)
	p.RequireParseableURLs(true)
	return p
}

// HTML renders a comment's text to sanitized HTML.
func (r *CommentRenderer) HTML(src string) string {
	src = strings.ToValidUTF8(src, "\uFFFD")
	src = strings.ReplaceAll(src, "\x00", "\uFFFD")
	var buf bytes.Buffer
	if err := r.md.Convert([]byte(src), &buf); err != nil {
		// Converting into a bytes.Buffer cannot fail; escape the text
		// rather than lose it should that ever change.
		return "<p>" + html.EscapeString(src) + "</p>"
	}
	return r.policy.Sanitize(buf.String())
}

// commentLinks renders links, autolinks and images in comments: a link
// to an http or https address gets CommentRel; any other link, and every
// image, shows only its text.
type commentLinks struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (commentLinks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(ast.KindImage, renderImage)
}

// renderLink writes an [text](url) link.
func renderLink(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	dest := n.(*ast.Link).Destination
	if webURL(dest) {
		writeAnchor(w, dest, entering)
	}
	return ast.WalkContinue, nil
}

// renderAutoLink writes a <url> or bare URL; e-mail addresses stay text.
func renderAutoLink(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	al := n.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	dest := al.URL(source)
	link := al.AutoLinkType == ast.AutoLinkURL && webURL(dest)
	if link {
		writeAnchor(w, dest, true)
	}
	_, _ = w.Write(util.EscapeHTML(al.Label(source)))
	if link {
		writeAnchor(w, dest, false)
	}
	return ast.WalkSkipChildren, nil
}

// renderImage shows an image as its alt text: comments carry no images.
func renderImage(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkContinue, nil
}

// writeAnchor writes the opening or closing tag of a link to dest.
func writeAnchor(w util.BufWriter, dest []byte, open bool) {
	if !open {
		_, _ = w.WriteString("</a>")
		return
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(util.URLEscape(dest, true)))
	_, _ = w.WriteString(`" rel="` + CommentRel + `">`)
}

// webURL reports whether dest is an absolute http or https URL with a
// plausible host.
func webURL(dest []byte) bool {
	u, err := url.Parse(string(dest))
	if err != nil || u.Host == "" || strings.ContainsAny(u.Host, badHostChars) {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https"
}

// badHostChars may not appear in a link's host: quotes, brackets of
// markup, and characters no host name contains.
const badHostChars = "\"'<>`\\{}|^ \t\r\n%"
