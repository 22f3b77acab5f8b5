package feed

import (
	"encoding/xml"
	"io"
	"time"
)

type atomFeed struct {
	XMLName   xml.Name    `xml:"feed"`
	XMLNS     string      `xml:"xmlns,attr"`
	Lang      string      `xml:"xml:lang,attr,omitempty"`
	Title     string      `xml:"title"`
	Subtitle  string      `xml:"subtitle,omitempty"`
	ID        string      `xml:"id"`
	Updated   string      `xml:"updated"`
	Links     []atomLink  `xml:"link"`
	Author    atomPerson  `xml:"author"`
	Generator string      `xml:"generator,omitempty"`
	Icon      string      `xml:"icon,omitempty"`
	Entries   []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href   string `xml:"href,attr"`
	Rel    string `xml:"rel,attr"`
	Type   string `xml:"type,attr,omitempty"`
	Length string `xml:"length,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomEntry struct {
	Lang       string         `xml:"xml:lang,attr,omitempty"`
	Title      string         `xml:"title"`
	ID         string         `xml:"id"`
	Links      []atomLink     `xml:"link"`
	Published  string         `xml:"published"`
	Updated    string         `xml:"updated"`
	Authors    []atomPerson   `xml:"author"`
	Categories []atomCategory `xml:"category"`
	Summary    *atomText      `xml:"summary"`
	Content    *atomText      `xml:"content"`
}

// WriteAtom encodes feed as Atom 1.0 (RFC 4287). The feed's title names
// its author, which entries without authors of their own inherit.
func WriteAtom(w io.Writer, feed *Feed) error {
	doc := atomFeed{
		XMLNS: nsAtom, Lang: feed.Language, Title: feed.Title, Subtitle: feed.Description,
		ID: feed.Self, Updated: formatAtom(feed.Updated),
		Links: []atomLink{
			{Href: feed.Link, Rel: "alternate", Type: "text/html"},
			{Href: feed.Self, Rel: "self", Type: Atom.MediaType()},
		},
		Author: atomPerson{Name: feed.Title, URI: feed.Link}, Generator: feed.Generator, Icon: feed.Icon,
		Entries: make([]atomEntry, len(feed.Items)),
	}
	for i := range feed.Items {
		doc.Entries[i] = atomEntryOf(&feed.Items[i])
	}
	return writeXML(w, doc)
}

func atomEntryOf(it *Item) atomEntry {
	out := atomEntry{
		Lang: it.Language, Title: it.Title, ID: it.ID, Links: []atomLink{{Href: it.Link, Rel: "alternate", Type: "text/html"}},
		Published: formatAtom(it.Published), Updated: formatAtom(it.latest()),
	}
	for _, p := range it.Authors {
		out.Authors = append(out.Authors, atomPerson{Name: p.Name, URI: p.URL})
	}
	for _, c := range it.Categories {
		out.Categories = append(out.Categories, atomCategory{Term: c})
	}
	if it.Summary != "" {
		out.Summary = &atomText{Type: "text", Text: it.Summary}
	}
	if it.Content != "" {
		out.Content = &atomText{Type: "html", Text: it.Content}
	}
	if img := it.Image; img != nil {
		out.Links = append(out.Links, atomLink{Href: img.URL, Rel: "enclosure", Type: img.Type, Length: positive(img.Length)})
	}
	return out
}

// formatAtom formats t in UTC as an RFC 3339 date.
func formatAtom(t time.Time) string {
	return stamp(t).Format(time.RFC3339)
}

// MediaType is the format's media type without parameters, as discovery
// links name it.
func (f Format) MediaType() string {
	switch f {
	case Atom:
		return "application/atom+xml"
	case JSON:
		return "application/feed+json"
	}
	return "application/rss+xml"
}
