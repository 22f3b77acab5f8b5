package markup

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// maxSlug is herald.MaxSlugLen, repeated so that the leaf package stays
// free of the root one.
const maxSlug = 200

// fallbackSlug is the slug of a title with no letter or digit to keep.
const fallbackSlug = "article"

// Slugify suggests a URL slug for a title: lower-case ASCII letters,
// digits and single hyphens, at most 200 bytes, always a valid slug
// ("article" when nothing of the title can be kept).
//
// Cyrillic is transliterated by the scheme of Russian passports (ICAO Doc
// 9303, used in Russia since 2013): "Щука ест ёжика" becomes
// "shchuka-est-ezhika". Latin letters lose their diacritics ("é" becomes
// "e", "ß" becomes "ss"); apostrophes vanish ("don't" becomes "dont");
// other characters separate words; letters of other scripts are dropped.
func Slugify(s string) string {
	var b strings.Builder
	hyphen := false // a separator is pending
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			writeSlugPart(&b, string(r), &hyphen)
		case translit[r] != "":
			writeSlugPart(&b, translit[r], &hyphen)
		case unicode.Is(unicode.Mn, r) || r == '\'' || r == '’' || r == 'ь' || r == 'ʼ':
			// Combining marks, apostrophes and the soft sign vanish.
		default:
			hyphen = true
		}
		if b.Len() > maxSlug {
			break
		}
	}
	return trimSlug(b.String())
}

// writeSlugPart adds part, after a hyphen when a separator is pending and
// something is written already.
func writeSlugPart(b *strings.Builder, part string, hyphen *bool) {
	if *hyphen && b.Len() > 0 {
		b.WriteByte('-')
	}
	*hyphen = false
	b.WriteString(part)
}

// trimSlug cuts s to maxSlug bytes, at a hyphen when one is in its second
// half, and gives the fallback for an empty slug.
func trimSlug(s string) string {
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > maxSlug/2 {
			s = s[:i]
		}
		s = strings.TrimRight(s, "-")
	}
	if s == "" {
		return fallbackSlug
	}
	return s
}

// translit spells in ASCII the lower-case letters that lose no mere
// diacritic: Cyrillic by ICAO Doc 9303 (Russian, with the Ukrainian and
// Belarusian letters of the same table), and Latin letters that NFD does
// not decompose. Letters NFD decomposes (é, ё, й, ї, ў) arrive here as their
// base letter followed by a combining mark, which Slugify drops; ё and й
// are thus e and i, as the scheme has them.
var translit = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "ie", 'ы': "y",
	'э': "e", 'ю': "iu", 'я': "ia",
	'і': "i", 'є': "ie", 'ґ': "g", 'ј': "j", 'ђ': "dj", 'ћ': "c", 'љ': "lj",
	'њ': "nj", 'џ': "dz", 'ѕ': "dz",
	'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'đ': "d", 'ð': "d", 'þ': "th",
	'ł': "l", 'ı': "i", 'ħ': "h", 'ŧ': "t", 'ŋ': "n", 'ĸ': "k", 'ſ': "s",
}
