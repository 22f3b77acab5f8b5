package markup

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCommentRenderer_HTML(t *testing.T) {
	r := NewCommentRenderer()
	a := func(href, text string) string {
		return `<a href="` + href + `" rel="nofollow ugc noopener">` + text + `</a>`
	}
	tests := []struct {
		name, src, want string
	}{
		{"paragraphs", "One\n\nTwo", "<p>One</p>\n<p>Two</p>\n"},
		{"line break", "a\nb", "<p>a<br>\nb</p>\n"},
		{"emphasis", "*a* **b** _c_", "<p><em>a</em> <strong>b</strong> <em>c</em></p>\n"},
		{"link", "[x](https://example.com/a?b=1&c=2)", "<p>" + a("https://example.com/a?b=1&amp;c=2", "x") + "</p>\n"},
		{"bare url", "see https://example.com/x.", "<p>see " + a("https://example.com/x", "https://example.com/x") + ".</p>\n"},
		{"www url", "www.example.com", "<p>" + a("http://www.example.com", "www.example.com") + "</p>\n"},
		{"autolink", "<http://example.com>", "<p>" + a("http://example.com", "http://example.com") + "</p>\n"},
		{"relative link is text", "[x](/admin)", "<p>x</p>\n"},
		{"mailto is text", "[x](mailto:a@example.com)", "<p>x</p>\n"},
		{"email autolink is text", "<a@example.com>", "<p>a@example.com</p>\n"},
		{"image is alt text", "![cat](https://example.com/c.png)", "<p>cat</p>\n"},
		{"quote", "> said\n\nreply", "<blockquote>\n<p>said</p>\n</blockquote>\n<p>reply</p>\n"},
		{"inline code", "use `<b>`", "<p>use <code>&lt;b&gt;</code></p>\n"},
		{"code block", "```go\nx := 1\n```", "<pre><code>x := 1\n</code></pre>\n"},
		{"indented code", "    a < b", "<pre><code>a &lt; b\n</code></pre>\n"},
		{"html is text", "<b>hi</b>", "<p>&lt;b&gt;hi&lt;/b&gt;</p>\n"},
		{"heading is text", "# Title", "<p># Title</p>\n"},
		{"list is text", "- a\n- b", "<p>- a<br>\n- b</p>\n"},
		{"heart", "I <3 this", "<p>I &lt;3 this</p>\n"},
		{"russian", "Привет, *мир*", "<p>Привет, <em>мир</em></p>\n"},
		{"invalid utf-8", "a\xffb", "<p>a\uFFFDb</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := r.HTML(tt.src); got != tt.want {
				t.Errorf("HTML(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

// xssVectors are comment texts that try to run script, load something or
// restyle the page. None may come out as markup that does.
var xssVectors = []string{
	`<script>alert(1)</script>`,
	`<SCRIPT SRC=//evil.example/x.js></SCRIPT>`,
	`<scr<script>ipt>alert(1)</script>`,
	`<img src=x onerror=alert(1)>`,
	`<body onload=alert(1)>`,
	`<a href="#" onclick="alert(1)">x</a>`,
	`<div onmouseover="alert(1)">hover</div>`,
	`[x](javascript:alert(1))`,
	`[x](JaVaScRiPt:alert(1))`,
	`[x](java&#115;cript:alert(1))`,
	`[x](&#106;avascript:alert(1))`,
	"[x](java\tscript:alert(1))",
	`[x](  javascript:alert(1))`,
	`[x](vbscript:msgbox(1))`,
	`[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
	`![x](data:image/svg+xml;base64,PHN2Zy8+)`,
	`![x](javascript:alert(1))`,
	`<javascript:alert(1)>`,
	`<data:text/html,<script>alert(1)</script>>`,
	`[x](https://example.com/" onmouseover="alert(1))`,
	`[x](https://example.com/"><script>alert(1)</script>)`,
	`[x](<https://example.com/"onclick="alert(1)>)`,
	`https://example.com/"><script>alert(1)</script>`,
	`[x]( "https://example.com" onclick=alert(1))`,
	`<svg onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`<object data="javascript:alert(1)">`,
	`<embed src="data:text/html,<script>alert(1)</script>">`,
	`<style>body{background:url(javascript:alert(1))}</style>`,
	`<p style="background:url('javascript:alert(1)')">x</p>`,
	`<div style="width:expression(alert(1))">x</div>`,
	`<link rel=stylesheet href=//evil.example/x.css>`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<base href="javascript:alert(1)//">`,
	`<form action="javascript:alert(1)"><button>x</button></form>`,
	`<input autofocus onfocus=alert(1)>`,
	`<details open ontoggle=alert(1)>`,
	`<!--<script>alert(1)</script>-->`,
	`<![CDATA[<script>alert(1)</script>]]>`,
	`<<script>script>alert(1)<</script>/script>`,
	`<img """><script>alert(1)</script>">`,
	`<a href="javas&#x09;cript:alert(1)">x</a>`,
	`&lt;script&gt;alert(1)&lt;/script&gt;`,
	`&#60;script&#62;alert(1)&#60;/script&#62;`,
	`\u003cscript\u003ealert(1)\u003c/script\u003e`,
	"<scr\x00ipt>alert(1)</script>",
	"`<script>alert(1)</script>`",
	"```html\n<script>alert(1)</script>\n```",
	"> <script>alert(1)</script>",
	"*<img src=x onerror=alert(1)>*",
	`[<img src=x onerror=alert(1)>](https://example.com/)`,
	`[x](https://example.com/ "title\" onclick=\"alert(1)")`,
	"[x]\n\n[x]: javascript:alert(1)",
	`<a href="https://example.com/" target="_blank" rel="opener">x</a>`,
	`<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
	`<template><script>alert(1)</script></template>`,
	`<x onclick=alert(1)>x</x>`,
	`"><script>alert(1)</script>`,
	`'><script>alert(1)</script>`,
}

func TestCommentRenderer_XSSCorpus(t *testing.T) {
	r := NewCommentRenderer()
	for _, src := range xssVectors {
		checkSafeComment(t, src, r.HTML(src))
	}
}

// safeTag matches, at a '<' of the output, the only tags a comment may
// contain: the allowed elements without attributes, and links of exactly
// one shape.
var safeTag = regexp.MustCompile(`^(?:</?(?:p|em|strong|blockquote|code|pre|a)>|<br>|<a href="([^"<>]*)" rel="nofollow ugc noopener">)`)

// checkSafeComment fails t unless out, rendered from src, is valid UTF-8
// in which every tag is an allowed one and every link goes to an http or
// https address.
func checkSafeComment(t *testing.T, src, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("HTML(%q) = %q: invalid UTF-8", src, out)
	}
	for i := strings.IndexByte(out, '<'); i >= 0; i = nextTag(out, i) {
		m := safeTag.FindStringSubmatch(out[i:])
		if m == nil {
			t.Errorf("HTML(%q) = %q: unsafe markup at %q", src, out, out[i:])
			return
		}
		if m[1] != "" && !webHref(html.UnescapeString(m[1])) {
			t.Errorf("HTML(%q) = %q: link to %q", src, out, m[1])
		}
	}
}

// nextTag returns the index of the '<' after the one at i, or -1.
func nextTag(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '<')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// webHref reports whether href is an absolute http or https URL.
func webHref(href string) bool {
	u, err := url.Parse(href)
	return err == nil && u.Host != "" && (u.Scheme == "http" || u.Scheme == "https")
}

func FuzzCommentRenderer_HTML(f *testing.F) {
	for _, src := range xssVectors {
		f.Add(src)
	}
	f.Add("**bold** _em_ `code`\n\n> quote\n\n    block\n\n[x](https://example.com/) www.example.com")
	r := NewCommentRenderer()
	f.Fuzz(func(t *testing.T, src string) {
		out := r.HTML(src)
		checkSafeComment(t, src, out)
		if again := r.HTML(src); again != out {
			t.Errorf("HTML(%q) not deterministic: %q then %q", src, out, again)
		}
	})
}
