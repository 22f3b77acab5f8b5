// Package feed writes syndication feeds — RSS 2.0, Atom 1.0 and JSON
// Feed 1.1 — from one neutral model. It is pure: callers fill a Feed with
// absolute URLs and sanitized HTML, and a writer encodes it as UTF-8.
package feed

import (
	"io"
	"time"
)

// Feed is a list of items and what describes them.
type Feed struct {
	Title       string
	Description string // plain text
	Link        string // the HTML page the feed follows, absolute
	Self        string // the feed's own URL, absolute
	Language    string // BCP 47 tag, e.g. "en"
	// Updated is the newest time of any item; the zero time (no items) is
	// written as the Unix epoch where a format requires a date.
	Updated   time.Time
	Generator string
	Icon      string // absolute URL of the site's icon; optional
	Items     []Item
}

// Item is one entry: an article or a comment.
type Item struct {
	// ID is a stable, unique identifier that never changes once the item
	// has been published (a tag: URI or a permalink).
	ID         string
	Title      string
	Link       string // absolute
	Language   string // BCP 47 tag when it differs from the feed's; optional
	Published  time.Time
	Updated    time.Time // zero: never updated
	Authors    []Person
	Categories []string
	Summary    string // plain text
	Content    string // sanitized HTML
	Image      *Image // the featured image, nil for none
}

// Person is an author by name, with the URL of their page. Feeds never
// carry email addresses.
type Person struct {
	Name string
	URL  string
}

// Image is an image file that travels with an item: an RSS enclosure and
// media:content, an Atom enclosure link, a JSON Feed image and attachment.
type Image struct {
	URL    string // absolute
	Type   string // MIME type
	Length int64  // bytes; 0 when unknown
	Width  int    // 0 when unknown
	Height int
	Alt    string
}

// Format is a feed format.
type Format string

// The formats.
const (
	RSS  Format = "rss"
	Atom Format = "atom"
	JSON Format = "json"
)

// ContentType returns the media type a format is served with.
func (f Format) ContentType() string {
	return f.MediaType() + "; charset=utf-8"
}

// Write encodes feed in format f to w.
func Write(w io.Writer, f Format, feed *Feed) error {
	switch f {
	case Atom:
		return WriteAtom(w, feed)
	case JSON:
		return WriteJSON(w, feed)
	}
	return WriteRSS(w, feed)
}

// latest returns the later of the item's publication and update times.
func (it *Item) latest() time.Time {
	if it.Updated.After(it.Published) {
		return it.Updated
	}
	return it.Published
}

// stamp returns t in UTC, the Unix epoch for the zero time.
func stamp(t time.Time) time.Time {
	if t.IsZero() {
		return time.Unix(0, 0).UTC()
	}
	return t.UTC()
}
