package herald

import (
	"strings"
	"time"
)

// Media is an uploaded image, stored by the SHA-256 of its content.
type Media struct {
	ID        int64
	Hash      string // hex SHA-256 of the original file
	Type      string // MIME type detected from the content
	Size      int64  // bytes of the original
	Width     int
	Height    int
	Alt       string
	Caption   string
	Credit    string
	Variants  []int // widths in pixels of the resized copies, ascending
	CreatedAt time.Time
}

// Validate checks the media record's fields.
func (m *Media) Validate() error {
	fe := FieldErrors{}
	if len(m.Hash) != 64 {
		fe.Add("hash", "must be a hex SHA-256")
	}
	switch m.Type {
	case "image/jpeg", "image/png", "image/webp", "image/gif":
	default:
		fe.Add("type", "must be a JPEG, PNG, WebP or GIF image")
	}
	if m.Width <= 0 || m.Height <= 0 {
		fe.Add("size", "width and height must be positive")
	}
	checkText(fe, "alt", m.Alt, 500, false)
	checkText(fe, "caption", m.Caption, 1000, false)
	checkText(fe, "credit", m.Credit, 200, false)
	return fe.Err()
}

// Publishable returns an EINVALID error when the image may not appear on a
// published page: it needs alt text, so that readers who cannot see it
// know what it shows.
func (m *Media) Publishable() error {
	if strings.TrimSpace(m.Alt) == "" {
		return &Error{Code: EINVALID, Field: "alt",
			Message: "The image has no alt text; describe it in the media library before publishing."}
	}
	return nil
}
