package site

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/net/html"
)

func TestArticle_Translations(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	fire, ru := f.articles["fire-breaks-out-at-harbour"], f.articles["pozhar-v-portu"]
	ru.TranslationOf = fire.ID
	must(t, f.store.UpdateArticle(ctx, ru))
	en, ruURL := "http://news.example"+f.path(fire.Slug), "http://news.example"+f.path(ru.Slug)
	wantLinks := map[string][]string{"alternate en": {en}, "alternate ru": {ruURL}, "alternate x-default": {en}}
	tests := []struct {
		path     string
		switcher [][2]string // language name and link ("" for the current page)
	}{
		{f.path(fire.Slug), [][2]string{{"English", ""}, {"Русский", f.path(ru.Slug)}}},
		{f.path(ru.Slug), [][2]string{{"English", f.path(fire.Slug)}, {"Русский", ""}}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p := f.getPage(t, "news.example", tt.path)
			for k, want := range wantLinks {
				if diff := cmp.Diff(want, p.links[k]); diff != "" {
					t.Errorf("%s (-want +got):\n%s", k, diff)
				}
			}
			if diff := cmp.Diff(tt.switcher, languageSwitcher(p)); diff != "" {
				t.Errorf("switcher (-want +got):\n%s", diff)
			}
		})
	}

	// An article with no translation has neither alternates nor switcher.
	p := f.getPage(t, "news.example", f.path("shipping-rates-climb"))
	for k := range wantLinks {
		if v := p.links[k]; v != nil {
			t.Errorf("%s = %q on an article without translations", k, v)
		}
	}
	if s := languageSwitcher(p); s != nil {
		t.Errorf("switcher %q on an article without translations", s)
	}

	// A translation whose original is withdrawn keeps its other versions
	// but names no x-default.
	tr := *f.articles["shipping-rates-climb"]
	tr.ID, tr.Slug, tr.Language, tr.Headline, tr.TranslationOf = 0, "rost-stavok", "ru", "Ставки растут", fire.ID
	must(t, f.store.CreateArticle(ctx, &tr))
	fire.Status = "unpublished"
	must(t, f.store.UpdateArticle(ctx, fire))
	p = f.getPage(t, "news.example", f.path(ru.Slug))
	if v := p.links["alternate x-default"]; v != nil {
		t.Errorf("x-default = %q with the original withdrawn", v)
	}
	if v := p.links["alternate en"]; v != nil {
		t.Errorf("en = %q with the original withdrawn", v)
	}
}

// languageSwitcher returns the language switcher's entries: the name and
// the link, "" for the current version.
func languageSwitcher(p *parsedPage) [][2]string {
	var out [][2]string
	for n := range p.doc.Descendants() {
		if n.Type != html.ElementNode || attr(n, "class") != "languages" {
			continue
		}
		for c := range n.Descendants() {
			switch {
			case c.Type == html.ElementNode && c.Data == "a":
				out = append(out, [2]string{textOf(c), attr(c, "href")})
			case c.Type == html.ElementNode && attr(c, "class") == "language-current":
				out = append(out, [2]string{textOf(c), ""})
			}
		}
	}
	return out
}
