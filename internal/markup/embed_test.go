package markup

import (
	"strings"
	"testing"
)

func TestParseEmbed(t *testing.T) {
	tests := []struct {
		url  string
		want embed
		ok   bool
	}{
		{"https://www.youtube.com/watch?v=dQw4w9WgXcQ", embed{EmbedYouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}, true},
		{"https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42", embed{EmbedYouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}, true},
		{"https://youtu.be/dQw4w9WgXcQ?si=abc", embed{EmbedYouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}, true},
		{"https://m.youtube.com/shorts/dQw4w9WgXcQ", embed{EmbedYouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}, true},
		{"www.youtube.com/live/dQw4w9WgXcQ/", embed{EmbedYouTube, "dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"}, true},
		{"https://x.com/jack/status/20", embed{EmbedX, "jack/20", "https://x.com/jack/status/20"}, true},
		{"https://twitter.com/Jack_1/status/1234567890123?s=20", embed{EmbedX, "Jack_1/1234567890123", "https://x.com/Jack_1/status/1234567890123"}, true},
		{"https://t.me/durov/123", embed{EmbedTelegram, "durov/123", "https://t.me/durov/123"}, true},
		{"https://t.me/s/durov/123", embed{EmbedTelegram, "durov/123", "https://t.me/durov/123"}, true},
		{"https://www.youtube.com/watch?v=short", embed{}, false},
		{"https://www.youtube.com/watch?v=dQw4w9WgXcQ\"onload=", embed{}, false},
		{"https://www.youtube.com/channel/UC123", embed{}, false},
		{"https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ", embed{}, false},
		{"https://user@youtu.be/dQw4w9WgXcQ", embed{}, false},
		{"https://youtu.be:8443/dQw4w9WgXcQ", embed{}, false},
		{"javascript://youtu.be/dQw4w9WgXcQ", embed{}, false},
		{"https://x.com/jack", embed{}, false},
		{"https://x.com/jack/status/20/photo/1", embed{}, false},
		{"https://t.me/durov", embed{}, false},
		{"https://t.me/joinchat/123", embed{}, false},
		{"https://example.com/watch?v=dQw4w9WgXcQ", embed{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			got, ok := parseEmbed(tt.url)
			if ok != tt.ok || got != tt.want {
				t.Errorf("parseEmbed(%q) = %+v, %v; want %+v, %v", tt.url, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestConverter_HTMLEmbeds(t *testing.T) {
	c := New()
	youtube := `<figure class="embed embed-youtube" data-embed="youtube" data-embed-id="dQw4w9WgXcQ">` +
		`<figcaption class="embed-provider">YouTube</figcaption><p class="embed-link">` +
		`<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="nofollow">https://www.youtube.com/watch?v=dQw4w9WgXcQ</a></p></figure>` + "\n"
	tests := []struct {
		name, src, want string
	}{
		{"youtube alone", "https://youtu.be/dQw4w9WgXcQ", youtube},
		{"angle brackets", "Before.\n\n<https://www.youtube.com/watch?v=dQw4w9WgXcQ>\n\nAfter.", "<p>Before.</p>\n" + youtube + "<p>After.</p>\n"},
		{"x", "https://twitter.com/jack/status/20", `<figure class="embed embed-x" data-embed="x" data-embed-id="jack/20">` +
			`<figcaption class="embed-provider">X</figcaption><p class="embed-link"><a href="https://x.com/jack/status/20" rel="nofollow">https://x.com/jack/status/20</a></p></figure>` + "\n"},
		{"telegram", "https://t.me/durov/123", `<figure class="embed embed-telegram" data-embed="telegram" data-embed-id="durov/123">` +
			`<figcaption class="embed-provider">Telegram</figcaption><p class="embed-link"><a href="https://t.me/durov/123" rel="nofollow">https://t.me/durov/123</a></p></figure>` + "\n"},
		{"in a sentence", "Watch https://youtu.be/dQw4w9WgXcQ now", `<p>Watch <a href="https://youtu.be/dQw4w9WgXcQ" rel="nofollow">https://youtu.be/dQw4w9WgXcQ</a> now</p>` + "\n"},
		{"in a list", "- https://youtu.be/dQw4w9WgXcQ", "<ul>\n<li><a href=\"https://youtu.be/dQw4w9WgXcQ\" rel=\"nofollow\">https://youtu.be/dQw4w9WgXcQ</a></li>\n</ul>\n"},
		{"named link", "[a video](https://youtu.be/dQw4w9WgXcQ)", `<p><a href="https://youtu.be/dQw4w9WgXcQ" rel="nofollow">a video</a></p>` + "\n"},
		{"other site", "https://example.com/x", `<p><a href="https://example.com/x" rel="nofollow">https://example.com/x</a></p>` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := c.HTML(tt.src); got != tt.want {
				t.Errorf("HTML(%q) =\n%q\nwant\n%q", tt.src, got, tt.want)
			}
		})
	}
}

// TestPolicy_Embeds checks that the allow-list keeps a placeholder's
// attributes only with the values a placeholder has.
func TestPolicy_Embeds(t *testing.T) {
	p := newPolicy()
	tests := []struct{ in, want string }{
		{`<figure class="embed embed-youtube" data-embed="youtube" data-embed-id="dQw4w9WgXcQ"></figure>`, `<figure class="embed embed-youtube" data-embed="youtube" data-embed-id="dQw4w9WgXcQ"></figure>`},
		{`<figure class="evil" data-embed="vimeo" data-embed-id="a b" data-src="x" onclick="x()"></figure>`, `<figure></figure>`},
		{`<figure data-embed-id="x&quot;><script>"><iframe src="https://www.youtube-nocookie.com/embed/x"></iframe><button>Load</button></figure>`, `<figure>Load</figure>`},
		{`<p class="embed-link lead">x</p><p class="embed-link">y</p>`, `<p>x</p><p class="embed-link">y</p>`},
	}
	for _, tt := range tests {
		if got := p.Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzEmbed checks that any address alone in a paragraph renders without
// script, frames or a data-embed-id the script would not accept as given.
func FuzzEmbed(f *testing.F) {
	for _, s := range []string{
		"https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&v=x", "https://x.com/a/status/1",
		"https://t.me/s/chan/1", "<https://youtu.be/dQw4w9WgXcQ\"><script>>", "https://t.me/a_b_c/0099",
	} {
		f.Add(s)
	}
	c := New()
	f.Fuzz(func(t *testing.T, src string) {
		out := strings.ToLower(c.HTML(src))
		if strings.Contains(out, "<iframe") || strings.Contains(out, "<script") || strings.Contains(out, "<button") {
			t.Fatalf("HTML(%q) = %q", src, out)
		}
		for _, part := range strings.Split(out, `data-embed-id="`)[1:] {
			id, _, _ := strings.Cut(part, `"`)
			if !embedIDPattern.MatchString(id) {
				t.Fatalf("HTML(%q) has data-embed-id %q", src, id)
			}
		}
	})
}
