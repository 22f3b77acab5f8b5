package media

import (
	"slices"
	"strconv"
	"strings"

	"github.com/herald-news/herald"
)

// fallbackWidth is the width of the variant Fallback prefers: sharp enough
// for an article column, small enough for a phone.
const fallbackWidth = 1024

// URL returns the public path of the image's variant w pixels wide,
// /media/<hash>-<w>.<ext>, or of the original, /media/<hash>.<ext>, when w
// is 0 or not one of m.Variants.
func URL(m *herald.Media, w int) string {
	if w == 0 || !slices.Contains(m.Variants, w) {
		return "/media/" + fileName(m.Hash, 0, originalExt(m.Type))
	}
	return "/media/" + fileName(m.Hash, w, variantExt(m.Type))
}

// SrcSet returns the value of an img srcset attribute listing every
// variant and, last, the original at its own width, so large screens get
// full resolution: "/media/<hash>-320.jpg 320w, …, /media/<hash>.jpg 1600w".
func SrcSet(m *herald.Media) string {
	var b strings.Builder
	for _, w := range m.Variants {
		b.WriteString(URL(m, w))
		b.WriteByte(' ')
		b.WriteString(strconv.Itoa(w))
		b.WriteString("w, ")
	}
	b.WriteString(URL(m, 0))
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(m.Width))
	b.WriteByte('w')
	return b.String()
}

// Fallback returns the image for an img src attribute, with the width and
// height attributes that reserve its space: the 1024-pixel variant, or the
// widest variant below it, or the original when there is none.
func Fallback(m *herald.Media) (url string, width, height int) {
	best := 0
	for _, w := range m.Variants {
		if w <= fallbackWidth && w > best {
			best = w
		}
	}
	if best == 0 {
		return URL(m, 0), m.Width, m.Height
	}
	return URL(m, best), best, variantHeight(m.Width, m.Height, best)
}

// fileName is the name of a stored file: the hash, the variant's width
// when w > 0, and the extension.
func fileName(hash string, w int, ext string) string {
	if w == 0 {
		return hash + "." + ext
	}
	return hash + "-" + strconv.Itoa(w) + "." + ext
}

// originalExt is the extension of an original of MIME type typ.
func originalExt(typ string) string {
	switch typ {
	case "image/png":
		return "png"
	case "image/gif":
		return "gif"
	case "image/webp":
		return "webp"
	}
	return "jpg"
}

// variantExt is the extension of the variants of an original of type typ.
func variantExt(typ string) string {
	if typ == "image/png" || typ == "image/gif" {
		return "png"
	}
	return "jpg"
}
