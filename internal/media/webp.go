package media

import (
	"encoding/binary"
	"fmt"

	"github.com/herald-news/herald"
)

// VP8X flags that announce chunks stripWebP removes.
const (
	webpAnimationFlag = 1 << 1
	webpXMPFlag       = 1 << 2
	webpEXIFFlag      = 1 << 3
)

// stripWebP rebuilds a WebP file keeping only the chunks that make up the
// still image (VP8X, ICCP, ALPH, VP8, VP8L) and clearing the VP8X flags of
// the chunks it drops, so EXIF, XMP and unknown chunks — location, camera,
// editing history — are not published. The file has been decoded already;
// this only walks its RIFF container.
func stripWebP(data []byte) ([]byte, error) {
	if len(data) < 12 || string(data[0:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return nil, badWebP("no RIFF WEBP header")
	}
	out := make([]byte, 12, len(data))
	copy(out, data[:12])
	rest := data[12:]
	if size := int(binary.LittleEndian.Uint32(data[4:8])); size >= 4 && size-4 < len(rest) {
		rest = rest[:size-4] // ignore bytes after the RIFF chunk
	}
	for len(rest) >= 8 {
		id := string(rest[0:4])
		n := int(binary.LittleEndian.Uint32(rest[4:8]))
		if n > len(rest)-8 {
			return nil, badWebP("chunk " + id + " runs past the end")
		}
		padded := n + n&1
		if padded > len(rest)-8 {
			padded = n // a missing pad byte after the last chunk is common
		}
		chunk := rest[:8+padded]
		rest = rest[8+padded:]
		switch id {
		case "VP8X":
			if n != 10 {
				return nil, badWebP("VP8X chunk of the wrong size")
			}
			c := append([]byte(nil), chunk...)
			c[8] &^= webpAnimationFlag | webpXMPFlag | webpEXIFFlag
			out = append(out, c...)
		case "ICCP", "ALPH", "VP8 ", "VP8L":
			out = append(out, chunk...)
			if padded == n && n&1 == 1 {
				out = append(out, 0)
			}
		}
	}
	binary.LittleEndian.PutUint32(out[4:8], uint32(len(out)-8))
	return out, nil
}

func badWebP(why string) error {
	return &herald.Error{
		Code:    herald.EINVALID,
		Message: fmt.Sprintf("The WebP image could not be read; it may be damaged (%s).", why),
	}
}
