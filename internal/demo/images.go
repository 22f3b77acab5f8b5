package demo

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"sync"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/media"
)

// Featured images: abstract compositions drawn from the seed, so the demo
// needs no image files and no photograph of anyone.
const (
	imageWidth  = 1600
	imageHeight = 900
	imageStream = 0x1a9e5 // keeps image randomness apart from the text's
	imageCredit = "Illustration: Demo Agency"
)

var imageCaptions = []string{
	"An illustration made for the demo edition of " + paperName + ".",
	"Colour study for this report.",
	"Illustration for this report; no photograph was taken.",
	"Abstract artwork from the " + paperName + " archive.",
}

// imageResult is what one worker made of one image.
type imageResult struct {
	media *herald.Media
	err   error
}

// addImages draws and adds n images to lib, in parallel, and returns their
// records in a fixed order with Alt, Caption and Credit set.
func addImages(ctx context.Context, lib *media.Library, seed int64, n int) ([]*herald.Media, error) {
	out := make([]imageResult, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				out[i].media, out[i].err = addImage(lib, seed, i)
			}
		})
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ms := make([]*herald.Media, n)
	for i, d := range out {
		if d.err != nil {
			return nil, fmt.Errorf("image %d: %w", i+1, d.err)
		}
		ms[i] = d.media
	}
	return ms, nil
}

func addImage(lib *media.Library, seed int64, i int) (*herald.Media, error) {
	r := rand.New(rand.NewPCG(uint64(seed), imageStream+uint64(i)))
	img, alt := drawImage(r)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
		return nil, err
	}
	m, err := lib.Add(&buf, 0)
	if err != nil {
		return nil, err
	}
	m.Alt, m.Caption, m.Credit = alt, pick(r, imageCaptions), imageCredit
	return m, nil
}

// drawImage paints a two-colour gradient with discs, rings and bands in a
// third colour, and describes it for the alt text.
func drawImage(r *rand.Rand) (*image.RGBA, string) {
	img := image.NewRGBA(image.Rect(0, 0, imageWidth, imageHeight))
	h1 := r.Float64() * 360
	h2 := math.Mod(h1+60+r.Float64()*120, 360)
	h3 := math.Mod(h1+180+r.Float64()*40-20, 360)
	gradient(img, hsl(h1, 0.55, 0.42), hsl(h2, 0.6, 0.62), r.Float64()*math.Pi)
	var shapes []string
	for k := 3 + r.IntN(4); k > 0; k-- {
		c := hsl(h3, 0.65+r.Float64()*0.3, 0.35+r.Float64()*0.4)
		alpha := 0.35 + r.Float64()*0.4
		x, y := r.Float64()*imageWidth, r.Float64()*imageHeight
		switch r.IntN(3) {
		case 0:
			ring(img, x, y, 0, 60+r.Float64()*260, c, alpha)
			shapes = append(shapes, "disc")
		case 1:
			outer := 80 + r.Float64()*300
			ring(img, x, y, outer-20-r.Float64()*50, outer, c, alpha)
			shapes = append(shapes, "ring")
		default:
			band(img, x, y, r.Float64()*math.Pi, 30+r.Float64()*120, c, alpha)
			shapes = append(shapes, "band")
		}
	}
	alt := fmt.Sprintf("Abstract illustration: %s in %s over a gradient from %s to %s.",
		describe(shapes), colourName(h3), colourName(h1), colourName(h2))
	return img, alt
}

type rgb struct{ r, g, b float64 }

// gradient fills img from c1 to c2 along the direction angle.
func gradient(img *image.RGBA, c1, c2 rgb, angle float64) {
	dx, dy := math.Cos(angle), math.Sin(angle)
	span := math.Abs(dx)*imageWidth + math.Abs(dy)*imageHeight
	lo := math.Min(0, dx*imageWidth) + math.Min(0, dy*imageHeight)
	for y := range imageHeight {
		row := img.Pix[y*img.Stride:]
		for x := range imageWidth {
			t := (float64(x)*dx + float64(y)*dy - lo) / span
			row[4*x] = uint8(c1.r + (c2.r-c1.r)*t)
			row[4*x+1] = uint8(c1.g + (c2.g-c1.g)*t)
			row[4*x+2] = uint8(c1.b + (c2.b-c1.b)*t)
			row[4*x+3] = 255
		}
	}
}

// ring blends an anti-aliased ring between radii inner and outer (a disc
// when inner is 0) centred on (cx, cy).
func ring(img *image.RGBA, cx, cy, inner, outer float64, c rgb, alpha float64) {
	b := image.Rect(int(cx-outer-1), int(cy-outer-1), int(cx+outer+2), int(cy+outer+2)).Intersect(img.Rect)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			d := math.Hypot(float64(x)+0.5-cx, float64(y)+0.5-cy)
			cover := clamp(outer-d+0.5) * clamp(d-inner+0.5)
			if inner == 0 {
				cover = clamp(outer - d + 0.5)
			}
			blend(img, x, y, c, alpha*cover)
		}
	}
}

// band blends a straight band of width w through (px, py) at angle.
func band(img *image.RGBA, px, py, angle, w float64, c rgb, alpha float64) {
	nx, ny := -math.Sin(angle), math.Cos(angle)
	for y := range imageHeight {
		for x := range imageWidth {
			d := math.Abs((float64(x)-px)*nx + (float64(y)-py)*ny)
			if d < w/2+1 {
				blend(img, x, y, c, alpha*clamp(w/2-d+0.5))
			}
		}
	}
}

func blend(img *image.RGBA, x, y int, c rgb, a float64) {
	if a <= 0 {
		return
	}
	p := img.Pix[y*img.Stride+4*x:]
	p[0] = uint8(float64(p[0])*(1-a) + c.r*a)
	p[1] = uint8(float64(p[1])*(1-a) + c.g*a)
	p[2] = uint8(float64(p[2])*(1-a) + c.b*a)
}

func clamp(v float64) float64 { return math.Max(0, math.Min(1, v)) }

// hsl converts hue (degrees), saturation and lightness to RGB in 0–255.
func hsl(h, s, l float64) rgb {
	c := (1 - math.Abs(2*l-1)) * s
	hp := h / 60
	x := c * (1 - math.Abs(math.Mod(hp, 2)-1))
	var r, g, b float64
	switch {
	case hp < 1:
		r, g = c, x
	case hp < 2:
		r, g = x, c
	case hp < 3:
		g, b = c, x
	case hp < 4:
		g, b = x, c
	case hp < 5:
		r, b = x, c
	default:
		r, b = c, x
	}
	m := l - c/2
	return rgb{(r + m) * 255, (g + m) * 255, (b + m) * 255}
}

// colourName names a hue for people.
func colourName(h float64) string {
	names := []string{"red", "orange", "yellow", "lime", "green", "teal", "cyan", "blue", "indigo", "violet", "magenta", "pink"}
	return names[int(math.Mod(h+15, 360)/30)]
}

// describe counts shapes in words: "two discs, a ring and three bands".
func describe(shapes []string) string {
	counts := map[string]int{}
	for _, s := range shapes {
		counts[s]++
	}
	numbers := []string{"", "a", "two", "three", "four", "five", "six"}
	var parts []string
	for _, s := range []string{"disc", "ring", "band"} {
		switch n := counts[s]; {
		case n == 1:
			parts = append(parts, "a "+s)
		case n > 1:
			parts = append(parts, numbers[n]+" "+s+"s")
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1]
}
