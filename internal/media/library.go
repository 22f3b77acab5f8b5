// Package media keeps uploaded images on disk, content-addressed by the
// SHA-256 of the stored original, with resized copies for responsive pages,
// and serves them with headers that let browsers cache them forever.
package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"

	"golang.org/x/image/draw"
	"golang.org/x/image/webp"

	"github.com/herald-news/herald"
)

// Limits on what Add accepts. Dimensions are checked from the image header
// before any pixel is decoded, so a small file that claims a huge canvas
// (a decompression bomb) costs nothing.
const (
	DefaultLimit = 20 << 20 // bytes of an upload when Add is given no limit
	MaxSide      = 10000    // pixels on either side
	MaxPixels    = 40000000 // width × height
)

// Encoder settings: originals are re-encoded near-losslessly to drop their
// metadata; variants are tuned for size.
const (
	originalQuality = 92
	variantQuality  = 82
)

// variantWidths are the widths of the resized copies; Add writes those
// narrower than the original.
var variantWidths = [...]int{320, 640, 1024, 1600}

// Library stores image files under a directory. It is safe for concurrent
// use; files are written to a temporary name and renamed into place, so a
// reader never sees half a file.
type Library struct {
	dir string
}

// NewLibrary returns a library storing its files under dir, creating the
// directory when missing.
func NewLibrary(dir string) (*Library, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("media: create library %s: %w", dir, err)
	}
	return &Library{dir: dir}, nil
}

// Add reads an uploaded image of at most limit bytes (DefaultLimit when
// limit ≤ 0), checks it, strips its metadata by re-encoding it, and stores
// it with its resized variants. It returns the media record for the caller
// to store; Alt, Caption and Credit are left empty. Adding the same image
// again rewrites nothing and returns an equal record. Bad input of any kind
// yields an EINVALID *herald.Error.
func (l *Library) Add(r io.Reader, limit int64) (*herald.Media, error) {
	if limit <= 0 {
		limit = DefaultLimit
	}
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("media: read upload: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, herald.Errorf(herald.EINVALID, "The image is larger than the limit of %s.", formatBytes(limit))
	}
	img, typ, err := decode(data)
	if err != nil {
		return nil, err
	}
	original, err := encodeOriginal(data, img, typ)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(original)
	b := img.Bounds()
	m := &herald.Media{
		Hash:   hex.EncodeToString(sum[:]),
		Type:   typ,
		Size:   int64(len(original)),
		Width:  b.Dx(),
		Height: b.Dy(),
	}
	for _, w := range variantWidths {
		if w < m.Width {
			m.Variants = append(m.Variants, w)
		}
	}
	if err := l.store(m, img, original); err != nil {
		return nil, err
	}
	return m, nil
}

// store writes the variants, then the original, skipping files already
// there. The original goes last so that its presence means the set is
// complete.
func (l *Library) store(m *herald.Media, img image.Image, original []byte) error {
	var missing []int
	for _, w := range m.Variants {
		if !l.exists(fileName(m.Hash, w, variantExt(m.Type))) {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		if err := l.writeVariants(m, img, missing); err != nil {
			return err
		}
	}
	name := fileName(m.Hash, 0, originalExt(m.Type))
	if l.exists(name) {
		return nil
	}
	return l.write(name, original)
}

// writeVariants scales img down to each width of m.Variants, widest first,
// each from the one before — a fraction of the cost of scaling every one
// from the original, with no visible loss — and writes the missing ones.
func (l *Library) writeVariants(m *herald.Media, img image.Image, missing []int) error {
	// The scaler is twice as fast from RGBA as from a JPEG's YCbCr.
	src := image.NewRGBA(img.Bounds())
	draw.Draw(src, src.Bounds(), img, img.Bounds().Min, draw.Src)
	for _, w := range slices.Backward(m.Variants) {
		dst := image.NewRGBA(image.Rect(0, 0, w, variantHeight(m.Width, m.Height, w)))
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, src.Bounds(), draw.Src, nil)
		src = dst
		if !slices.Contains(missing, w) {
			continue
		}
		data, err := encodeVariant(dst, m.Type)
		if err != nil {
			return err
		}
		if err := l.write(fileName(m.Hash, w, variantExt(m.Type)), data); err != nil {
			return err
		}
	}
	return nil
}

// decode detects the image type from the content, refuses images too large
// to decode safely, and decodes the first frame.
func decode(data []byte) (image.Image, string, error) {
	typ := http.DetectContentType(data)
	var (
		decodeConfig func(io.Reader) (image.Config, error)
		decodeImage  func(io.Reader) (image.Image, error)
	)
	switch typ {
	case "image/jpeg":
		decodeConfig, decodeImage = jpeg.DecodeConfig, jpeg.Decode
	case "image/png":
		decodeConfig, decodeImage = png.DecodeConfig, png.Decode
	case "image/gif":
		decodeConfig, decodeImage = gif.DecodeConfig, gif.Decode
	case "image/webp":
		decodeConfig, decodeImage = webp.DecodeConfig, webp.Decode
	default:
		return nil, "", herald.Errorf(herald.EINVALID, "The file is not a JPEG, PNG, GIF or WebP image.")
	}
	cfg, err := decodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, "", damaged(err)
	}
	if err := checkSize(cfg.Width, cfg.Height); err != nil {
		return nil, "", err
	}
	img, err := decodeImage(bytes.NewReader(data))
	if err != nil {
		return nil, "", damaged(err)
	}
	// The header and the pixel data may disagree; trust only the pixels.
	if err := checkSize(img.Bounds().Dx(), img.Bounds().Dy()); err != nil {
		return nil, "", err
	}
	return img, typ, nil
}

// checkSize refuses empty images and those past MaxSide or MaxPixels.
func checkSize(w, h int) error {
	switch {
	case w <= 0 || h <= 0:
		return herald.Errorf(herald.EINVALID, "The image has no pixels.")
	case w > MaxSide || h > MaxSide || int64(w)*int64(h) > MaxPixels:
		return herald.Errorf(herald.EINVALID,
			"The image is %d×%d pixels; the most allowed is %d pixels a side and %d megapixels.",
			w, h, MaxSide, MaxPixels/1000000)
	}
	return nil
}

// damaged turns a decoder's error into a message for people.
func damaged(err error) error {
	return &herald.Error{
		Code:    herald.EINVALID,
		Message: fmt.Sprintf("The image could not be read; it may be damaged or incomplete (%v).", err),
	}
}

// encodeOriginal returns the bytes stored as the original: the decoded
// image re-encoded in its own format, which leaves every metadata block
// behind. Go has no WebP encoder, so WebP keeps its image chunks and loses
// the others (see stripWebP).
func encodeOriginal(data []byte, img image.Image, typ string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	switch typ {
	case "image/jpeg":
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: originalQuality})
	case "image/png":
		err = (&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&buf, img)
	case "image/gif":
		err = gif.Encode(&buf, img, nil)
	case "image/webp":
		return stripWebP(data)
	}
	if err != nil {
		return nil, fmt.Errorf("media: encode %s original: %w", typ, err)
	}
	return buf.Bytes(), nil
}

// encodeVariant encodes a variant of an original of type typ: JPEG for
// photographic input (JPEG, WebP), PNG for the rest, which may hold sharp
// edges and transparency.
func encodeVariant(dst *image.RGBA, typ string) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if variantExt(typ) == "jpg" {
		err = jpeg.Encode(&buf, dst, &jpeg.Options{Quality: variantQuality})
	} else {
		err = (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, dst)
	}
	if err != nil {
		return nil, fmt.Errorf("media: encode %d px variant: %w", dst.Bounds().Dx(), err)
	}
	return buf.Bytes(), nil
}

// variantHeight is the height of the variant w pixels wide of an image
// width×height, keeping the aspect ratio.
func variantHeight(width, height, w int) int {
	return max(1, (height*w+width/2)/width)
}

// path returns where the file of that name lives: under a folder named by
// the first two hex digits of the hash, so no folder grows too large.
func (l *Library) path(name string) string {
	return filepath.Join(l.dir, name[:2], name)
}

func (l *Library) exists(name string) bool {
	_, err := os.Stat(l.path(name))
	return err == nil
}

// write stores data under name durably: a synced temporary file renamed
// into place.
func (l *Library) write(name string, data []byte) (err error) {
	p := l.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("media: write %s: %w", name, err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return fmt.Errorf("media: write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		return fmt.Errorf("media: write %s: %w", name, err)
	}
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("media: write %s: %w", name, err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("media: write %s: %w", name, err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("media: write %s: %w", name, err)
	}
	if err = os.Rename(f.Name(), p); err != nil {
		return fmt.Errorf("media: write %s: %w", name, err)
	}
	return syncDir(filepath.Dir(p))
}

// syncDir makes a rename in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("media: sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("media: sync %s: %w", dir, err)
	}
	return nil
}

// formatBytes writes a limit the way people read it.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
