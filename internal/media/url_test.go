package media

import (
	"strings"
	"testing"

	"github.com/herald-news/herald"
)

const testHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

func TestURL(t *testing.T) {
	jpg := &herald.Media{Hash: testHash, Type: "image/jpeg", Width: 1700, Height: 900, Variants: []int{320, 640, 1024, 1600}}
	gif := &herald.Media{Hash: testHash, Type: "image/gif", Width: 500, Height: 300, Variants: []int{320}}
	webp := &herald.Media{Hash: testHash, Type: "image/webp", Width: 400, Height: 301, Variants: []int{320}}
	tests := []struct {
		m    *herald.Media
		w    int
		want string
	}{
		{jpg, 0, "/media/" + testHash + ".jpg"},
		{jpg, 640, "/media/" + testHash + "-640.jpg"},
		{jpg, 500, "/media/" + testHash + ".jpg"},
		{gif, 0, "/media/" + testHash + ".gif"},
		{gif, 320, "/media/" + testHash + "-320.png"},
		{webp, 0, "/media/" + testHash + ".webp"},
		{webp, 320, "/media/" + testHash + "-320.jpg"},
	}
	for _, tt := range tests {
		if got := URL(tt.m, tt.w); got != tt.want {
			t.Errorf("URL(%s, %d) = %q, want %q", tt.m.Type, tt.w, got, tt.want)
		}
	}
}

func TestSrcSet(t *testing.T) {
	m := &herald.Media{Hash: testHash, Type: "image/jpeg", Width: 1700, Height: 900, Variants: []int{320, 640, 1024, 1600}}
	p := "/media/" + testHash
	want := strings.Join([]string{
		p + "-320.jpg 320w", p + "-640.jpg 640w", p + "-1024.jpg 1024w", p + "-1600.jpg 1600w", p + ".jpg 1700w",
	}, ", ")
	if got := SrcSet(m); got != want {
		t.Errorf("SrcSet = %q, want %q", got, want)
	}
	small := &herald.Media{Hash: testHash, Type: "image/png", Width: 200, Height: 100}
	if got, want := SrcSet(small), p+".png 200w"; got != want {
		t.Errorf("SrcSet without variants = %q, want %q", got, want)
	}
}

func TestFallback(t *testing.T) {
	p := "/media/" + testHash
	tests := []struct {
		name string
		m    *herald.Media
		url  string
		w, h int
	}{
		{"1024 variant", &herald.Media{Hash: testHash, Type: "image/jpeg", Width: 1600, Height: 900, Variants: []int{320, 640, 1024}}, p + "-1024.jpg", 1024, 576},
		{"widest below 1024", &herald.Media{Hash: testHash, Type: "image/png", Width: 1000, Height: 500, Variants: []int{320, 640}}, p + "-640.png", 640, 320},
		{"original", &herald.Media{Hash: testHash, Type: "image/gif", Width: 300, Height: 200}, p + ".gif", 300, 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url, w, h := Fallback(tt.m)
			if url != tt.url || w != tt.w || h != tt.h {
				t.Errorf("Fallback = %q %d×%d, want %q %d×%d", url, w, h, tt.url, tt.w, tt.h)
			}
		})
	}
}
