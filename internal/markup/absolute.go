package markup

import (
	"regexp"
	"strings"
)

// sitePath matches the start of a src or href attribute holding a path of
// the site, such as src="/media/…" (not a protocol-relative //host/…).
// The sanitizer writes every attribute in double quotes and escapes quotes
// in text, so nothing else can match.
var sitePath = regexp.MustCompile(` (src|href)="/([^/]|")`)

// Absolute makes the site's paths in HTML from Converter.HTML absolute,
// starting them with origin, so that the HTML shows its images and links
// wherever it is put: in a feed reader, in another site's page.
func Absolute(html, origin string) string {
	return sitePath.ReplaceAllString(html, ` $1="`+strings.ReplaceAll(origin, "$", "$$")+`/$2`)
}
