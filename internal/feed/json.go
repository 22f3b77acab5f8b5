package feed

import (
	"encoding/json"
	"io"
	"time"
)

// jsonVersion is the JSON Feed version the writer follows.
const jsonVersion = "https://jsonfeed.org/version/1.1"

type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url,omitempty"`
	FeedURL     string       `json:"feed_url,omitempty"`
	Description string       `json:"description,omitempty"`
	Icon        string       `json:"icon,omitempty"`
	Language    string       `json:"language,omitempty"`
	Authors     []jsonPerson `json:"authors,omitempty"`
	Items       []jsonItem   `json:"items"`
}

type jsonPerson struct {
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type jsonItem struct {
	ID            string           `json:"id"`
	URL           string           `json:"url,omitempty"`
	Title         string           `json:"title,omitempty"`
	ContentHTML   string           `json:"content_html,omitempty"`
	ContentText   string           `json:"content_text,omitempty"`
	Summary       string           `json:"summary,omitempty"`
	Image         string           `json:"image,omitempty"`
	DatePublished string           `json:"date_published,omitempty"`
	DateModified  string           `json:"date_modified,omitempty"`
	Authors       []jsonPerson     `json:"authors,omitempty"`
	Tags          []string         `json:"tags,omitempty"`
	Language      string           `json:"language,omitempty"`
	Attachments   []jsonAttachment `json:"attachments,omitempty"`
}

type jsonAttachment struct {
	URL      string `json:"url"`
	MIMEType string `json:"mime_type"`
	Title    string `json:"title,omitempty"`
	Size     int64  `json:"size_in_bytes,omitempty"`
}

// WriteJSON encodes feed as JSON Feed 1.1. The feed's title names its
// author, as in Atom.
func WriteJSON(w io.Writer, feed *Feed) error {
	doc := jsonFeed{
		Version: jsonVersion, Title: feed.Title, HomePageURL: feed.Link, FeedURL: feed.Self,
		Description: feed.Description, Icon: feed.Icon, Language: feed.Language,
		Authors: []jsonPerson{{Name: feed.Title, URL: feed.Link}},
		Items:   make([]jsonItem, len(feed.Items)),
	}
	for i := range feed.Items {
		doc.Items[i] = jsonItemOf(&feed.Items[i])
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(doc)
}

func jsonItemOf(it *Item) jsonItem {
	out := jsonItem{
		ID: it.ID, URL: it.Link, Title: it.Title, ContentHTML: it.Content, Summary: it.Summary,
		DatePublished: formatAtom(it.Published), Tags: it.Categories, Language: it.Language,
	}
	if it.Content == "" {
		out.ContentText = it.Summary // an item needs content of one kind
	}
	if !it.Updated.IsZero() {
		out.DateModified = it.Updated.UTC().Format(time.RFC3339)
	}
	for _, p := range it.Authors {
		out.Authors = append(out.Authors, jsonPerson{Name: p.Name, URL: p.URL})
	}
	if img := it.Image; img != nil {
		out.Image = img.URL
		out.Attachments = []jsonAttachment{{URL: img.URL, MIMEType: img.Type, Title: img.Alt, Size: img.Length}}
	}
	return out
}
