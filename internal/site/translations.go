package site

import (
	"strings"

	"github.com/herald-news/herald"
)

// maxTranslations bounds the language versions read for one article.
const maxTranslations = 50

// languageLink is a language version of an article in the switcher.
type languageLink struct {
	Lang    string // BCP 47 tag
	Name    string // the language's name in itself: "English", "Русский"
	URL     string
	Current bool
}

// translations returns the public language versions of a's translation
// group, the original first, one per language; nil when a has none.
func (e *env) translations(a *herald.Article) ([]*herald.Article, error) {
	original := a.TranslationOf
	if original == 0 {
		original = a.ID
	}
	group, err := e.store.FindArticles(e.ctx, e.public(herald.ArticleFilter{TranslationOf: original, Order: herald.OldestFirst, Limit: maxTranslations}))
	if err != nil {
		return nil, err
	}
	versions := group.Articles
	if original != a.ID {
		orig, err := e.store.FindArticles(e.ctx, e.public(herald.ArticleFilter{ID: original, Limit: 1}))
		if err != nil {
			return nil, err
		}
		versions = append(orig.Articles, versions...)
	} else {
		versions = append([]*herald.Article{a}, versions...)
	}
	// One version per language; a's own language is a's.
	var out []*herald.Article
	seen := map[string]bool{strings.ToLower(a.Language): true}
	for _, v := range versions {
		lang := strings.ToLower(v.Language)
		if v.ID == a.ID || !seen[lang] {
			out = append(out, v)
		}
		seen[lang] = true
	}
	if len(out) < 2 {
		return nil, nil
	}
	return out, nil
}

// alternates returns the hreflang links of the versions, with x-default
// naming the original when it is public.
func (e *env) alternates(versions []*herald.Article) []alternate {
	out := make([]alternate, 0, len(versions)+1)
	for _, v := range versions {
		out = append(out, alternate{Lang: v.Language, URL: e.abs(v.Path(e.loc))})
	}
	if versions[0].TranslationOf == 0 {
		out = append(out, alternate{Lang: "x-default", URL: out[0].URL})
	}
	return out
}

// languageLinks returns the language switcher of the versions.
func (e *env) languageLinks(versions []*herald.Article, a *herald.Article) []languageLink {
	out := make([]languageLink, len(versions))
	for i, v := range versions {
		out[i] = languageLink{Lang: v.Language, Name: languageName(v.Language), URL: v.Path(e.loc), Current: v.ID == a.ID}
	}
	return out
}

// languageName is a language's name in itself, or its tag when unknown.
func languageName(tag string) string {
	primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
	switch primary {
	case "en":
		return "English"
	case "ru":
		return "Русский"
	case "uk":
		return "Українська"
	case "be":
		return "Беларуская"
	case "kk":
		return "Қазақша"
	case "de":
		return "Deutsch"
	case "fr":
		return "Français"
	case "es":
		return "Español"
	case "it":
		return "Italiano"
	case "pt":
		return "Português"
	case "pl":
		return "Polski"
	case "tr":
		return "Türkçe"
	case "ar":
		return "العربية"
	case "zh":
		return "中文"
	}
	return tag
}
