package markup

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestConverter_HTML(t *testing.T) {
	c := New()
	tests := []struct {
		name, src, want string
	}{
		{"paragraph", "Hello *world*.", "<p>Hello <em>world</em>.</p>\n"},
		{"h1 demoted", "# Title", "<h2>Title</h2>\n"},
		{"h2 kept", "## Sub", "<h2>Sub</h2>\n"},
		{"raw html dropped", "<script>alert(1)</script>", "\n"},
		{"inline html dropped", "a <b onclick=x>b</b>", "<p>a b</p>\n"},
		{"javascript link", "[x](javascript:alert(1))", "<p>x</p>\n"},
		{"relative link", "[x](/2022/09/27/a/)", `<p><a href="/2022/09/27/a/">x</a></p>` + "\n"},
		{"external link", "[x](https://example.com/)", `<p><a href="https://example.com/" rel="nofollow">x</a></p>` + "\n"},
		{"strike", "~~old~~", "<p><del>old</del></p>\n"},
		{"russian", "Привет, мир", "<p>Привет, мир</p>\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.HTML(tt.src); got != tt.want {
				t.Errorf("HTML(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestConverter_Text(t *testing.T) {
	c := New()
	tests := []struct {
		name, src, want string
	}{
		{"paragraphs", "One *two*.\n\nThree [four](/x/).", "One two.\n\nThree four."},
		{"soft break", "a\nb", "a b"},
		{"heading", "## Head\n\nBody", "Head\n\nBody"},
		{"html dropped", "<div>x</div>\n\nText", "Text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.Text(tt.src); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct {
		name string
		s    string
		max  int
		want string
	}{
		{"short", "Short text.", 50, "Short text."},
		{"spaces", " a \n\n b ", 50, "a b"},
		{"cut at word", "The council voted on Tuesday to approve", 20, "The council voted…"},
		{"cut punctuation", "One, two, three, four", 10, "One, two…"},
		{"russian", "Совет проголосовал во вторник", 12, "Совет…"},
		{"zero", "text", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Excerpt(tt.s, tt.max); got != tt.want {
				t.Errorf("Excerpt(%q, %d) = %q, want %q", tt.s, tt.max, got, tt.want)
			}
		})
	}
}

// FuzzHTML checks that no input produces script, event handlers or
// script URLs, and that the other functions accept anything.
func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"# x", "<script>x</script>", "[a](javascript:x)", "<img src=x onerror=alert(1)>",
		"`code`", "| a | b |\n|---|---|\n| 1 | 2 |", "<a href=\"&#106;avascript:x\">x</a>",
		"![alt](data:text/html;base64,PHNjcmlwdD4=)", "www.example.com",
	} {
		f.Add(s)
	}
	for _, s := range xssVectors(f) {
		f.Add(s)
	}
	c := New()
	f.Fuzz(func(t *testing.T, src string) {
		out := strings.ToLower(c.HTML(src))
		for _, bad := range []string{"<script", "<iframe", "<style", "<object", "<embed"} {
			if strings.Contains(out, bad) {
				t.Fatalf("HTML(%q) contains %q: %q", src, bad, out)
			}
		}
		if attr := badAttr(out); attr != "" {
			t.Fatalf("HTML(%q) has attribute %q: %q", src, attr, out)
		}
		if utf8.ValidString(src) && !utf8.ValidString(c.Text(src)) {
			t.Fatalf("Text(%q) is not valid UTF-8", src)
		}
		_ = Excerpt(src, 200)
	})
}

// badAttr returns the first event handler, style or script URL attribute
// of any tag in s, or "".
func badAttr(s string) string {
	for _, tag := range strings.Split(s, "<")[1:] {
		end := strings.IndexByte(tag, '>')
		if end < 0 {
			continue
		}
		for _, f := range strings.Fields(tag[:end])[1:] {
			name, value, _ := strings.Cut(f, "=")
			value = strings.Trim(value, `"'`)
			if strings.HasPrefix(name, "on") || name == "style" ||
				strings.HasPrefix(value, "javascript:") || strings.HasPrefix(value, "data:") {
				return f
			}
		}
	}
	return ""
}
