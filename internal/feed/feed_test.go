package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/mmcdole/gofeed"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// sample is a feed with text that needs escaping in every format.
func sample() *Feed {
	pub := time.Date(2022, 9, 27, 8, 30, 0, 0, time.FixedZone("MSK", 3*3600))
	return &Feed{
		Title: "Herald & Co <News>", Description: "News as it happens", Link: "https://news.example/",
		Self: "https://news.example/feed/", Language: "en", Updated: pub.Add(time.Hour), Generator: "Herald",
		Items: []Item{
			{
				ID: "tag:news.example,2022-09-27:article-1", Title: `Rates rise "again" & markets <fall>`,
				Link: "https://news.example/2022/09/27/rates-rise/", Language: "ru", Published: pub, Updated: pub.Add(time.Hour),
				Authors:    []Person{{Name: "Анна Петрова", URL: "https://news.example/author/anna/"}, {Name: "Bob"}},
				Categories: []string{"Business", "Rates & money"},
				Summary:    "A <b> is text & stays text",
				Content:    `<p>Body with <a href="https://x.example/?a=1&amp;b=2">link</a> and ]]> inside.</p>`,
				Image: &Image{URL: "https://news.example/media/abc-1024.jpg", Type: "image/jpeg", Length: 12345,
					Width: 1024, Height: 683, Alt: "Traders & screens"},
			},
			{
				ID: "https://news.example/2022/09/26/plain/", Title: "Plain", Link: "https://news.example/2022/09/26/plain/",
				Published: pub.Add(-24 * time.Hour), Summary: "Only a summary",
			},
		},
	}
}

func TestWrite_Golden(t *testing.T) {
	for _, f := range []Format{RSS, Atom, JSON} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, f, sample()); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", string(f)+".golden")
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), buf.String()); diff != "" {
				t.Errorf("%s differs from %s (-want +got):\n%s", f, golden, diff)
			}
		})
	}
}

// TestWrite_Parsed checks what a third-party parser reads back, field by
// field, in every format.
func TestWrite_Parsed(t *testing.T) {
	in := sample()
	for _, f := range []Format{RSS, Atom, JSON} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, f, in); err != nil {
				t.Fatal(err)
			}
			got, err := gofeed.NewParser().ParseString(buf.String())
			if err != nil {
				t.Fatalf("gofeed: %v\n%s", err, buf.String())
			}
			if got.Title != in.Title || got.Link != in.Link || got.Language != in.Language {
				t.Errorf("feed = %q %q %q, want %q %q %q", got.Title, got.Link, got.Language, in.Title, in.Link, in.Language)
			}
			if f != RSS && (len(got.Authors) != 1 || got.Authors[0].Name != in.Title) {
				t.Errorf("feed authors %v, want the feed's title", got.Authors)
			}
			if len(got.Items) != len(in.Items) {
				t.Fatalf("%d items, want %d", len(got.Items), len(in.Items))
			}
			for i, it := range got.Items {
				want := in.Items[i]
				if it.Title != want.Title || it.Link != want.Link || it.GUID != want.ID {
					t.Errorf("item %d = %q %q %q, want %q %q %q", i, it.Title, it.Link, it.GUID, want.Title, want.Link, want.ID)
				}
				if it.PublishedParsed == nil || !it.PublishedParsed.Equal(want.Published) {
					t.Errorf("item %d published %v, want %v", i, it.PublishedParsed, want.Published)
				}
				if want.Content != "" && it.Content != want.Content {
					t.Errorf("item %d content %q, want %q", i, it.Content, want.Content)
				}
				if got := parsedImage(f, it); want.Image != nil && got != want.Image.URL {
					t.Errorf("item %d image %q, want %q", i, got, want.Image.URL)
				}
				if diff := cmp.Diff(want.Categories, it.Categories); len(want.Categories) > 0 && diff != "" {
					t.Errorf("item %d categories (-want +got):\n%s", i, diff)
				}
				// gofeed keeps one dc:creator of an RSS item: compare the first.
				if len(want.Authors) > 0 && (len(it.Authors) == 0 || it.Authors[0].Name != want.Authors[0].Name) {
					t.Errorf("item %d authors %v, want first %q", i, it.Authors, want.Authors[0].Name)
				}
			}
		})
	}
}

// parsedImage returns the image URL gofeed found on an item.
func parsedImage(f Format, it *gofeed.Item) string {
	if f == JSON && it.Image != nil {
		return it.Image.URL
	}
	if len(it.Enclosures) > 0 {
		return it.Enclosures[0].URL
	}
	return ""
}

// TestWrite_WellFormed checks that the XML formats parse with the standard
// library and the JSON format decodes, with the escaped text intact.
func TestWrite_WellFormed(t *testing.T) {
	for _, f := range []Format{RSS, Atom} {
		var buf bytes.Buffer
		if err := Write(&buf, f, sample()); err != nil {
			t.Fatal(err)
		}
		if err := wellFormed(buf.Bytes()); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["version"] != jsonVersion || !strings.Contains(buf.String(), `"content_text": "Only a summary"`) {
		t.Errorf("JSON feed lacks the version or an item's text content:\n%s", buf.String())
	}
}

// TestWrite_ControlCharacters checks that text with characters XML does
// not allow still makes a feed a parser reads.
func TestWrite_ControlCharacters(t *testing.T) {
	in := sample()
	in.Items[0].Title = "Bell\x07 and form\x0c feed"
	in.Items[0].Content = "<p>Vertical\x0btab</p>"
	in.Items[0].Summary = "Null\x00 byte"
	for _, f := range []Format{RSS, Atom, JSON} {
		var buf bytes.Buffer
		if err := Write(&buf, f, in); err != nil {
			t.Fatal(err)
		}
		if f != JSON {
			if err := wellFormed(buf.Bytes()); err != nil {
				t.Errorf("%s: %v", f, err)
			}
		}
		got, err := gofeed.NewParser().ParseString(buf.String())
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if !strings.Contains(got.Items[0].Title, "Bell") || !strings.Contains(got.Items[0].Content, "Vertical") {
			t.Errorf("%s: item %q %q", f, got.Items[0].Title, got.Items[0].Content)
		}
	}
}

// wellFormed reads an XML document with the standard library's strict
// decoder.
func wellFormed(doc []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(doc))
	for {
		if _, err := dec.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

func TestFormat_ContentType(t *testing.T) {
	for f, want := range map[Format]string{
		RSS: "application/rss+xml; charset=utf-8", Atom: "application/atom+xml; charset=utf-8",
		JSON: "application/feed+json; charset=utf-8",
	} {
		if got := f.ContentType(); got != want {
			t.Errorf("%s: %q, want %q", f, got, want)
		}
	}
}
