package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// testPNG writes a 1200×800 gradient PNG, unlike any other image, into a
// temporary directory and returns its path.
func testPNG(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1200, 800))
	seed := uint8(time.Now().UnixNano())
	for y := range 800 {
		for x := range 1200 {
			img.Set(x, y, color.RGBA{uint8(x / 5), uint8(y / 4), seed, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "harbour.png")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

var mediaEdit = regexp.MustCompile(`/admin/media/(\d+)/edit$`)

// publicImage is an image of the public article page, read in the browser.
type publicImage struct {
	Alt    string `json:"alt"`
	SrcSet string `json:"srcset"`
	Loaded bool   `json:"loaded"`
	Src    string `json:"src"`
}

// TestNewsroom_ImageUpload uploads a PNG made by the test, gives it alt
// text, makes it an article's featured image and publishes the article,
// whose public page shows the image with srcset.
func TestNewsroom_ImageUpload(t *testing.T) {
	s := startSite(t)
	m := s.addUser(t, "editor")
	ctx := newsroomBrowser(t)
	w := watch(t, ctx)
	signIn(t, ctx, s, m)
	open(t, ctx, s.URL+"/admin/media")
	if err := chromedp.Do(ctx, chromedp.SetUploadFiles(chromedp.CSS("#file"), []string{testPNG(t)})); err != nil {
		t.Fatal(err)
	}
	submit(t, ctx, `form.upload button[type="submit"]`)
	mm := mediaEdit.FindStringSubmatch(location(t, ctx))
	if mm == nil {
		t.Fatalf("after the upload the browser is at %s: %s", location(t, ctx), text(t, ctx, "main"))
	}
	id := mm[1]
	screenshot(t, ctx, "newsroom-media-uploaded.png")
	alt := fmt.Sprintf("Gulls over the harbour wall at dusk %d", time.Now().UnixNano()%1e6)
	setValue(t, ctx, "#alt", alt)
	setValue(t, ctx, "#credit", "E2e Photo Desk")
	submit(t, ctx, `form[action$="/edit"] button.primary`)
	open(t, ctx, s.URL+"/admin/media?q="+strings.Fields(alt)[len(strings.Fields(alt))-1])
	if got := eval[string](t, ctx, `Array.from(document.querySelectorAll('.media-grid img')).map(i => i.alt).join('|')`); got != alt {
		t.Errorf("searching the library for the new image finds %q, want its alt text %q", got, alt)
	}
	headline := fmt.Sprintf("Gulls return to the harbour %d", time.Now().UnixNano()%1e6)
	open(t, ctx, s.URL+"/admin/articles/new")
	fillArticle(t, ctx, draft{Headline: headline, Body: "The gulls are back on the harbour wall."})
	setValue(t, ctx, "#featured", id)
	pressAction(t, ctx, "publish")
	if got := text(t, ctx, "main .meta strong"); !strings.EqualFold(got, "published") {
		t.Fatalf("status after publishing with the image: %q; page says: %s", got, text(t, ctx, "main"))
	}
	path := publicLink(t, ctx)
	open(t, ctx, s.URL+path)
	if err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS("main article img"))); err != nil {
		t.Fatal(err)
	}
	img, err := chromedp.Run(ctx, chromedp.Evaluate[publicImage](`(async () => {
		const i = document.querySelector('main article img');
		await i.decode().catch(() => {});
		return {alt: i.alt, srcset: i.getAttribute('srcset') || '', loaded: i.complete && i.naturalWidth > 0, src: i.currentSrc};
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if img.Alt != alt {
		t.Errorf("the public image's alt is %q, want %q", img.Alt, alt)
	}
	if strings.Count(img.SrcSet, "w,")+1 < 2 || !strings.Contains(img.SrcSet, " 320w") {
		t.Errorf("the public image's srcset is %q, want its responsive variants", img.SrcSet)
	}
	if !img.Loaded {
		t.Errorf("the public image %s did not load", img.Src)
	}
	screenshot(t, ctx, "newsroom-media-public.png")
	w.check(t, s.URL)
}
