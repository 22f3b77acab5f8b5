// Package markup turns article Markdown into safe HTML and plain text. Its
// functions are pure: the same input always gives the same output.
package markup

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Converter renders Markdown. It holds the configured Markdown parser and
// the sanitizing policy, both safe for concurrent use, so one Converter
// serves a whole program.
type Converter struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

// New returns a Converter for GitHub-flavoured Markdown without raw HTML.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.Strikethrough,
			extension.Linkify,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignNone)),
		),
		goldmark.WithParserOptions(parser.WithASTTransformers(
			util.Prioritized(headingShift{}, 100),
			util.Prioritized(embedTransformer{}, 200),
		)),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(embedRenderer{}, 500),
		)),
	)
	return &Converter{md: md, policy: newPolicy()}
}

// newPolicy is the allow-list for article bodies. Goldmark already drops
// raw HTML and dangerous URLs; the policy is a second wall behind it.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(false)
	p.RequireNoFollowOnFullyQualifiedLinks(true)
	p.AllowAttrs("class").Matching(bluemonday.SpaceSeparatedTokens).OnElements("code")
	// What an embed placeholder needs, and no more.
	p.AllowElements("figure", "figcaption")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^embed embed-(youtube|x|telegram)$`)).OnElements("figure")
	p.AllowAttrs("data-embed").Matching(regexp.MustCompile(`^(youtube|x|telegram)$`)).OnElements("figure")
	p.AllowAttrs("data-embed-id").Matching(embedIDPattern).OnElements("figure")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^embed-(provider|link)$`)).OnElements("figcaption", "p")
	return p
}

// HTML renders Markdown to sanitized HTML. Level-1 headings become level 2,
// because the page's only h1 is the headline.
func (c *Converter) HTML(src string) string {
	var buf bytes.Buffer
	if err := c.md.Convert([]byte(src), &buf); err != nil {
		// Converting into a bytes.Buffer cannot fail; escape the text
		// rather than lose it should that ever change.
		return "<p>" + html.EscapeString(src) + "</p>"
	}
	return c.policy.Sanitize(buf.String())
}

// Text renders Markdown to plain text: the words of every block, blocks
// separated by a blank line, without any markup.
func (c *Converter) Text(src string) string {
	source := []byte(src)
	doc := c.md.Parser().Parse(text.NewReader(source))
	var b strings.Builder
	collectText(&b, doc, source)
	return strings.TrimSpace(b.String())
}

// collectText appends the text under n to b.
func collectText(b *strings.Builder, n ast.Node, source []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			b.Write(t.Value(source))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(source))
		case *ast.CodeBlock, *ast.FencedCodeBlock:
			writeLines(b, c, source)
		default:
			collectText(b, c, source)
		}
		if c.Type() == ast.TypeBlock && b.Len() > 0 && !strings.HasSuffix(b.String(), "\n\n") {
			b.WriteString("\n\n")
		}
	}
}

// writeLines appends the raw lines of a code block.
func writeLines(b *strings.Builder, n ast.Node, source []byte) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		b.Write(seg.Value(source))
	}
}

// Excerpt shortens plain text to at most max characters, cutting at a word
// boundary and ending with "…" when it cuts. Whitespace runs become one space.
func Excerpt(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	if max < 1 {
		return ""
	}
	runes := []rune(s)[:max]
	cut := len(runes)
	for i := len(runes) - 1; i > 0; i-- {
		if unicode.IsSpace(runes[i]) {
			cut = i
			break
		}
	}
	out := strings.TrimRightFunc(string(runes[:cut]), func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r)
	})
	return out + "…"
}

// headingShift demotes level-1 headings in a body to level 2.
type headingShift struct{}

// Transform implements parser.ASTTransformer.
func (headingShift) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			h.Level = 2
		}
		return ast.WalkContinue, nil
	})
}
