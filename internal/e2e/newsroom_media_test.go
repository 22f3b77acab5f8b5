package e2e

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"net/http"
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

// TestNewsroom_ImageUpload uploads a PNG made by the test without alt
// text, finds that an article featuring it cannot be published, gives it
// alt text, publishes the article as it was typed, and finds the image on
// the public page with srcset.
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
	if got := text(t, ctx, "main .notice"); !strings.Contains(got, "no alt text") {
		t.Errorf("the new image's page does not say it has no alt text: %q", got)
	}
	screenshot(t, ctx, "newsroom-media-uploaded.png")

	headline := fmt.Sprintf("Gulls return to the harbour %d", time.Now().UnixNano()%1e6)
	open(t, ctx, s.URL+"/admin/articles/new")
	fillArticle(t, ctx, draft{Headline: headline, Body: "The gulls are back on the harbour wall."})
	setValue(t, ctx, "#featured", id)
	pressAction(t, ctx, "publish")
	if got := text(t, ctx, "#featured-error"); got == "" {
		t.Errorf("publishing with an image without alt text shows no error beside the image; page says: %s", text(t, ctx, "main"))
	}
	if got := eval[string](t, ctx, `document.querySelector('#headline').value`); got != headline {
		t.Errorf("the refused article's form lost its headline: %q", got)
	}
	screenshot(t, ctx, "newsroom-media-needs-alt.png")

	// The alt text is added in another tab, so that the refused form,
	// kept as typed, is then sent again as it is.
	media := secondTab(t, ctx)
	signIn(t, media, s, m)
	open(t, media, s.URL+"/admin/media/"+id+"/edit")
	alt := fmt.Sprintf("Gulls over the harbour wall at dusk %d", time.Now().UnixNano()%1e6)
	setValue(t, media, "#alt", alt)
	setValue(t, media, "#credit", "E2e Photo Desk")
	submit(t, media, `form[action$="/edit"] button.primary`)
	words := strings.Fields(alt)
	open(t, media, s.URL+"/admin/media?q="+words[len(words)-1])
	if got := eval[string](t, media, `Array.from(document.querySelectorAll('.media-grid img')).map(i => i.alt).join('|')`); got != alt {
		t.Errorf("searching the library for the new image finds %q, want its alt text %q", got, alt)
	}

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
	w.expect(http.StatusUnprocessableEntity)
	w.expect(http.StatusBadRequest)
	w.check(t, s.URL)
}
