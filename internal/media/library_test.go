package media

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/herald-news/herald"
)

// testImage returns a w×h image with a gradient, so encoders have real work.
func testImage(w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	return img
}

func jpegBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, testImage(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pngBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, testImage(w, h)); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gifBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := gif.Encode(&buf, testImage(w, h), nil); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func webpBytes(t testing.TB) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/rose.webp")
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// pngChunk encodes one PNG chunk with its CRC.
func pngChunk(typ string, data []byte) []byte {
	out := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	out = append(out, typ...)
	out = append(out, data...)
	return binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[4:]))
}

// pngHeader is a PNG file that stops after its IHDR chunk, claiming w×h.
func pngHeader(w, h uint32) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB
	return append([]byte("\x89PNG\r\n\x1a\n"), pngChunk("IHDR", ihdr)...)
}

const secret = "GPS 51.5074N 0.1278W Camera serial 12345"

// withMetadata returns the file with a metadata block holding secret.
func withMetadata(t *testing.T, data []byte, typ string) []byte {
	t.Helper()
	switch typ {
	case "image/jpeg":
		payload := append([]byte("Exif\x00\x00"), secret...)
		app1 := []byte{0xff, 0xe1, 0, 0}
		binary.BigEndian.PutUint16(app1[2:], uint16(len(payload)+2))
		return slices.Concat(data[:2], app1, payload, data[2:])
	case "image/png":
		const ihdrEnd = 8 + 25
		return slices.Concat(data[:ihdrEnd], pngChunk("tEXt", []byte("Comment\x00"+secret)), data[ihdrEnd:])
	case "image/webp":
		out := slices.Concat(data, []byte("EXIF"), binary.LittleEndian.AppendUint32(nil, uint32(len(secret))), []byte(secret))
		out[20] |= webpEXIFFlag // VP8X flags
		binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
		return out
	}
	t.Fatalf("no metadata for %s", typ)
	return nil
}

func newLibrary(t *testing.T) (*Library, string) {
	t.Helper()
	dir := t.TempDir()
	lib, err := NewLibrary(dir)
	if err != nil {
		t.Fatal(err)
	}
	return lib, dir
}

// readStored returns the bytes of a stored file.
func readStored(t *testing.T, lib *Library, m *herald.Media, w int) []byte {
	t.Helper()
	name := strings.TrimPrefix(URL(m, w), "/media/")
	data, err := os.ReadFile(lib.path(name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestLibrary_Add(t *testing.T) {
	tests := []struct {
		name        string
		data        []byte
		wantType    string
		wantW       int
		wantH       int
		wantVar     []int
		wantVarType string
	}{
		{"jpeg wide", jpegBytes(t, 1700, 900), "image/jpeg", 1700, 900, []int{320, 640, 1024, 1600}, "image/jpeg"},
		{"jpeg exactly 1600", jpegBytes(t, 1600, 900), "image/jpeg", 1600, 900, []int{320, 640, 1024}, "image/jpeg"},
		{"jpeg small", jpegBytes(t, 200, 100), "image/jpeg", 200, 100, nil, ""},
		{"png", pngBytes(t, 700, 400), "image/png", 700, 400, []int{320, 640}, "image/png"},
		{"gif", gifBytes(t, 500, 300), "image/gif", 500, 300, []int{320}, "image/png"},
		{"webp", webpBytes(t), "image/webp", 400, 301, []int{320}, "image/jpeg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib, _ := newLibrary(t)
			m, err := lib.Add(bytes.NewReader(tt.data), 0)
			if err != nil {
				t.Fatal(err)
			}
			if err := m.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
			got := []any{m.Type, m.Width, m.Height, m.Variants}
			want := []any{tt.wantType, tt.wantW, tt.wantH, tt.wantVar}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("type, width, height, variants (-want +got):\n%s", diff)
			}
			original := readStored(t, lib, m, 0)
			if int64(len(original)) != m.Size {
				t.Errorf("Size = %d, stored %d bytes", m.Size, len(original))
			}
			cfg, err := decodeConfig(original)
			if err != nil || cfg.Width != m.Width || cfg.Height != m.Height {
				t.Errorf("stored original: %v, %d×%d", err, cfg.Width, cfg.Height)
			}
			for _, w := range m.Variants {
				data := readStored(t, lib, m, w)
				if typ := http.DetectContentType(data); typ != tt.wantVarType {
					t.Errorf("variant %d is %s, want %s", w, typ, tt.wantVarType)
				}
				cfg, err := decodeConfig(data)
				if err != nil || cfg.Width != w || cfg.Height != variantHeight(m.Width, m.Height, w) {
					t.Errorf("variant %d: %v, %d×%d", w, err, cfg.Width, cfg.Height)
				}
			}
		})
	}
}

func TestLibrary_Add_stripsMetadata(t *testing.T) {
	for _, tt := range []struct {
		typ  string
		data []byte
	}{
		{"image/jpeg", jpegBytes(t, 100, 80)},
		{"image/png", pngBytes(t, 100, 80)},
		{"image/webp", webpBytes(t)},
	} {
		t.Run(tt.typ, func(t *testing.T) {
			lib, _ := newLibrary(t)
			upload := withMetadata(t, tt.data, tt.typ)
			if !bytes.Contains(upload, []byte(secret)) {
				t.Fatal("test upload lacks its metadata")
			}
			m, err := lib.Add(bytes.NewReader(upload), 0)
			if err != nil {
				t.Fatal(err)
			}
			original := readStored(t, lib, m, 0)
			if bytes.Contains(original, []byte(secret)) {
				t.Error("stored original still holds the metadata")
			}
			if _, err := decodeConfig(original); err != nil {
				t.Errorf("stored original does not decode: %v", err)
			}
			if tt.typ == "image/webp" && original[20]&webpEXIFFlag != 0 {
				t.Error("VP8X still announces EXIF")
			}
		})
	}
}

func TestLibrary_Add_idempotent(t *testing.T) {
	lib, dir := newLibrary(t)
	data := jpegBytes(t, 1100, 700)
	first, err := lib.Add(bytes.NewReader(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	files := listFiles(t, dir)
	if len(files) != 4 { // original + 320, 640, 1024
		t.Fatalf("stored %v, want 4 files", files)
	}
	// A lost variant is written again.
	if err := os.Remove(lib.path(strings.TrimPrefix(URL(first, 640), "/media/"))); err != nil {
		t.Fatal(err)
	}
	second, err := lib.Add(bytes.NewReader(data), 0)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(first, second); diff != "" {
		t.Errorf("second Add (-first +second):\n%s", diff)
	}
	if diff := cmp.Diff(files, listFiles(t, dir)); diff != "" {
		t.Errorf("files after second Add (-first +second):\n%s", diff)
	}
}

func TestLibrary_Add_badInput(t *testing.T) {
	jpg := jpegBytes(t, 300, 200)
	png := pngBytes(t, 300, 200)
	tests := []struct {
		name    string
		data    []byte
		limit   int64
		wantMsg string
	}{
		{"empty", nil, 0, "not a JPEG"},
		{"text", []byte("<html>hello</html>"), 0, "not a JPEG"},
		{"bmp", append([]byte("BM"), make([]byte, 100)...), 0, "not a JPEG"},
		{"truncated jpeg", jpg[:len(jpg)/2], 0, "damaged"},
		{"truncated png", png[:len(png)/2], 0, "damaged"},
		{"header only", pngHeader(100, 100), 0, "damaged"},
		{"zero width", pngHeader(0, 100), 0, "damaged"},
		{"too big", jpg, 1024, "larger than the limit of 1 KB"},
		{"too wide", pngHeader(20000, 10), 0, "20000×10 pixels"},
		{"too many pixels", pngHeader(9000, 9000), 0, "40 megapixels"},
		{"gif bomb", []byte("GIF89a\x60\xea\x60\xea\x00\x00\x00"), 0, "60000×60000"},
		{"webp bomb", webpBomb(), 0, "16384×16384"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lib, dir := newLibrary(t)
			m, err := lib.Add(bytes.NewReader(tt.data), tt.limit)
			if err == nil {
				t.Fatalf("Add = %+v, want an error", m)
			}
			if code := herald.ErrorCode(err); code != herald.EINVALID {
				t.Errorf("code %q (%v), want invalid", code, err)
			}
			if msg := herald.ErrorMessage(err); !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("message %q, want it to contain %q", msg, tt.wantMsg)
			}
			if files := listFiles(t, dir); len(files) != 0 {
				t.Errorf("stored %v", files)
			}
		})
	}
}

// webpBomb is a WebP whose VP8X header claims a 16384×16384 canvas.
func webpBomb() []byte {
	vp8x := []byte("VP8X\x0a\x00\x00\x00\x00\x00\x00\x00\xff\x3f\x00\xff\x3f\x00")
	out := append([]byte("RIFF\x00\x00\x00\x00WEBP"), vp8x...)
	binary.LittleEndian.PutUint32(out[4:], uint32(len(out)-8))
	return out
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, strings.TrimPrefix(path, dir))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func decodeConfig(data []byte) (image.Config, error) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	return cfg, err
}
