package admin

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/herald-news/herald"
	"github.com/herald-news/herald/internal/auth"
)

// upload posts a multipart form with a file named name holding data.
func (c *client) upload(t *testing.T, name string, data []byte, fields url.Values) (*http.Response, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	must(t, mw.WriteField(auth.CSRFField, c.csrf))
	for k, vs := range fields {
		for _, v := range vs {
			must(t, mw.WriteField(k, v))
		}
	}
	if name != "" {
		fw, err := mw.CreateFormFile("file", name)
		must(t, err)
		_, err = fw.Write(data)
		must(t, err)
	}
	must(t, mw.Close())
	r := httptest.NewRequest("POST", "/admin/media", &buf)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	if c.cookie != nil {
		r.AddCookie(c.cookie)
	}
	rec := httptest.NewRecorder()
	c.f.admin.Handler().ServeHTTP(rec, r)
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Result(), string(b)
}

// testImage returns a w×h gradient encoded as "jpeg" or "png".
func testImage(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	var buf bytes.Buffer
	if format == "png" {
		must(t, png.Encode(&buf, img))
	} else {
		must(t, jpeg.Encode(&buf, img, nil))
	}
	return buf.Bytes()
}

func TestMedia_Upload(t *testing.T) {
	f := newFixture(t)
	au := f.as(t, herald.RoleAuthor)
	tests := []struct {
		name     string
		file     string
		data     []byte
		fields   url.Values
		status   int
		location string
		want     []string
	}{
		{"jpeg with alt", "photo.jpg", testImage(t, "jpeg", 700, 400), url.Values{"alt": {"A bridge"}, "credit": {"Staff"}},
			303, "/admin/media/1/edit", nil},
		{"png without alt", "chart.png", testImage(t, "png", 200, 100), nil, 303, "/admin/media/2/edit", nil},
		{"same jpeg again", "copy.jpg", testImage(t, "jpeg", 700, 400), nil, 303, "/admin/media/1/edit", nil},
		{"fake image", "evil.jpg", []byte("<?php echo 'not an image'; ?>"), url.Values{"alt": {"Kept alt"}}, 422, "",
			[]string{"The file is not a JPEG, PNG, GIF or WebP image.", "Kept alt"}},
		{"no file", "", nil, url.Values{"caption": {"Kept caption"}}, 422, "",
			[]string{"Choose an image file to upload.", `value="Kept caption"`}},
		{"alt too long", "x.png", testImage(t, "png", 10, 10), url.Values{"alt": {strings.Repeat("a", 501)}}, 422, "",
			[]string{`id="alt-error"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := au.upload(t, tt.file, tt.data, tt.fields)
			wantPage(t, resp, body, tt.status, tt.want...)
			if loc := resp.Header.Get("Location"); loc != tt.location {
				t.Errorf("Location %q, want %q", loc, tt.location)
			}
		})
	}
	m, err := f.store.FindMedia(context.Background(), 1)
	must(t, err)
	if m.Alt != "A bridge" || m.Credit != "Staff" || m.Type != "image/jpeg" || len(m.Variants) != 2 {
		t.Errorf("stored %+v", m)
	}
	resp, body := au.get("/admin/media")
	wantPage(t, resp, body, 200, "2 images", "No alt text", `alt="A bridge"`)
	resp, body = au.get("/admin/media?q=bridge")
	wantPage(t, resp, body, 200, "1 image.")

	resp, _ = f.as(t, herald.RoleContributor).upload(t, "photo.jpg", testImage(t, "jpeg", 20, 20), nil)
	wantPage(t, resp, "", http.StatusForbidden)
}

func TestMedia_Edit(t *testing.T) {
	f := newFixture(t)
	ed := f.as(t, herald.RoleEditor)
	resp, _ := ed.upload(t, "a.png", testImage(t, "png", 50, 50), nil)
	wantPage(t, resp, "", http.StatusSeeOther)
	resp, body := ed.get("/admin/media/1/edit")
	wantPage(t, resp, body, 200, "cannot be published")
	resp, body = ed.post("/admin/media/1/edit", url.Values{"alt": {"ok"}, "credit": {strings.Repeat("c", 201)}, "caption": {"Kept"}})
	wantPage(t, resp, body, 422, `id="credit-error"`, ">Kept</textarea>")
	resp, _ = ed.post("/admin/media/1/edit", url.Values{"alt": {"Red square"}, "caption": {"A square"}})
	wantPage(t, resp, "", http.StatusSeeOther)
	m, err := f.store.FindMedia(context.Background(), 1)
	must(t, err)
	if m.Alt != "Red square" || m.Publishable() != nil {
		t.Errorf("after save: %+v", m)
	}
	resp, _ = ed.get("/admin/media/99/edit")
	wantPage(t, resp, "", http.StatusNotFound)
}
