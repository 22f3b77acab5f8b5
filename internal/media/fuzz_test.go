package media

import (
	"bytes"
	"testing"

	"github.com/herald-news/herald"
)

// FuzzLibrary_Add feeds arbitrary bytes to Add: it must never panic, must
// refuse bad input as EINVALID, and must return a valid record otherwise.
func FuzzLibrary_Add(f *testing.F) {
	f.Add(jpegBytes(f, 40, 30))
	f.Add(pngBytes(f, 40, 30))
	f.Add(gifBytes(f, 40, 30))
	f.Add(webpBytes(f))
	f.Add(webpBomb())
	f.Add(pngHeader(100, 100))
	f.Add([]byte("GIF89a\x01\x00\x01\x00\x00\x00\x00"))
	lib, err := NewLibrary(f.TempDir())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := lib.Add(bytes.NewReader(data), 1<<20)
		if err != nil {
			if code := herald.ErrorCode(err); code != herald.EINVALID {
				t.Fatalf("code %q (%v), want invalid", code, err)
			}
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("Add returned an invalid record: %v", err)
		}
	})
}
