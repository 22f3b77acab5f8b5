package markup

import (
	"encoding/json"
	"html"
	"net/url"
	"os"
	"path/filepath"
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

// xssVectors returns the comment texts that try to run script, load
// something or restyle the page. None may come out as markup that does.
// The corpus is kept in testdata/comment_xss.json, which the Chromium
// tests of internal/e2e post as comments too.
func xssVectors(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "comment_xss.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var v []string
	if err := json.Unmarshal(b, &v); err != nil {
		tb.Fatalf("testdata/comment_xss.json: %v", err)
	}
	return v
}

func TestCommentRenderer_XSSCorpus(t *testing.T) {
	r := NewCommentRenderer()
	for _, src := range xssVectors(t) {
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
	for _, src := range xssVectors(f) {
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
