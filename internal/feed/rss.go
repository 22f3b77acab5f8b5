package feed

import (
	"encoding/xml"
	"html"
	"io"
	"strconv"
	"time"
)

// Namespaces of the RSS extensions a feed uses.
const (
	nsAtom    = "http://www.w3.org/2005/Atom"
	nsContent = "http://purl.org/rss/1.0/modules/content/"
	nsDC      = "http://purl.org/dc/elements/1.1/"
	nsMedia   = "http://search.yahoo.com/mrss/"
)

// rssTime is the RFC 822 date RSS 2.0 asks for, with a four-digit year.
const rssTime = "Mon, 02 Jan 2006 15:04:05 -0700"

type rssDoc struct {
	XMLName      xml.Name   `xml:"rss"`
	Version      string     `xml:"version,attr"`
	XMLNSAtom    string     `xml:"xmlns:atom,attr"`
	XMLNSContent string     `xml:"xmlns:content,attr"`
	XMLNSDC      string     `xml:"xmlns:dc,attr"`
	XMLNSMedia   string     `xml:"xmlns:media,attr"`
	Channel      rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title         string    `xml:"title"`
	Link          string    `xml:"link"`
	Description   string    `xml:"description"`
	Language      string    `xml:"language,omitempty"`
	LastBuildDate string    `xml:"lastBuildDate"`
	Generator     string    `xml:"generator,omitempty"`
	Self          atomLink  `xml:"atom:link"`
	Items         []rssItem `xml:"item"`
}

type rssItem struct {
	Title       string          `xml:"title"`
	Link        string          `xml:"link"`
	GUID        rssGUID         `xml:"guid"`
	PubDate     string          `xml:"pubDate"`
	Creators    []string        `xml:"dc:creator"`
	Categories  []string        `xml:"category"`
	Description string          `xml:"description"`
	Content     *rssContent     `xml:"content:encoded"`
	Enclosure   *rssEnclosure   `xml:"enclosure"`
	Media       *rssMediaObject `xml:"media:content"`
}

type rssGUID struct {
	IsPermaLink bool   `xml:"isPermaLink,attr"`
	Value       string `xml:",chardata"`
}

// rssContent is HTML as escaped text: unlike a CDATA section, escaping
// replaces characters XML does not allow, so that no text breaks the feed.
type rssContent struct {
	HTML string `xml:",chardata"`
}

type rssEnclosure struct {
	URL    string `xml:"url,attr"`
	Length int64  `xml:"length,attr"`
	Type   string `xml:"type,attr"`
}

type rssMediaObject struct {
	URL         string            `xml:"url,attr"`
	Type        string            `xml:"type,attr"`
	Medium      string            `xml:"medium,attr"`
	FileSize    string            `xml:"fileSize,attr,omitempty"`
	Width       string            `xml:"width,attr,omitempty"`
	Height      string            `xml:"height,attr,omitempty"`
	Description *rssMediaDescribe `xml:"media:description"`
}

type rssMediaDescribe struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// WriteRSS encodes feed as RSS 2.0 with the atom (self link), content
// (full HTML), dc (authors by name: RSS's own author element wants an
// email address) and media (image) extensions.
func WriteRSS(w io.Writer, feed *Feed) error {
	doc := rssDoc{
		Version: "2.0", XMLNSAtom: nsAtom, XMLNSContent: nsContent, XMLNSDC: nsDC, XMLNSMedia: nsMedia,
		Channel: rssChannel{
			Title: feed.Title, Link: feed.Link, Description: feed.Description, Language: feed.Language,
			LastBuildDate: formatRSS(feed.Updated), Generator: feed.Generator,
			Self:  atomLink{Href: feed.Self, Rel: "self", Type: RSS.MediaType()},
			Items: make([]rssItem, len(feed.Items)),
		},
	}
	for i := range feed.Items {
		doc.Channel.Items[i] = rssItemOf(&feed.Items[i])
	}
	return writeXML(w, doc)
}

func rssItemOf(it *Item) rssItem {
	out := rssItem{
		Title: it.Title, Link: it.Link, GUID: rssGUID{IsPermaLink: it.ID == it.Link, Value: it.ID},
		PubDate: formatRSS(it.Published), Categories: it.Categories,
		// description is HTML in RSS: the plain summary is escaped once
		// more so that a "<" in it stays text.
		Description: html.EscapeString(it.Summary),
	}
	for _, p := range it.Authors {
		out.Creators = append(out.Creators, p.Name)
	}
	if it.Content != "" {
		out.Content = &rssContent{HTML: it.Content}
	}
	if img := it.Image; img != nil {
		out.Enclosure = &rssEnclosure{URL: img.URL, Length: img.Length, Type: img.Type}
		out.Media = &rssMediaObject{URL: img.URL, Type: img.Type, Medium: "image",
			FileSize: positive(img.Length), Width: positive(int64(img.Width)), Height: positive(int64(img.Height))}
		if img.Alt != "" {
			out.Media.Description = &rssMediaDescribe{Type: "plain", Text: img.Alt}
		}
	}
	return out
}

// formatRSS formats t in UTC as RSS dates are written.
func formatRSS(t time.Time) string {
	return stamp(t).Format(rssTime)
}

// positive formats n, or "" when n is not positive, for omitempty.
func positive(n int64) string {
	if n <= 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

// writeXML writes the XML declaration and doc, indented.
func writeXML(w io.Writer, doc any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
