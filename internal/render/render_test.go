package render

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestDate(t *testing.T) {
	tm := time.Date(2022, time.September, 27, 23, 30, 0, 0, time.UTC)
	tests := []struct {
		lang, format, want string
	}{
		{"en", "long", "September 27, 2022"},
		{"en", "medium", "Sep 27, 2022"},
		{"en", "iso", "2022-09-27"},
		{"ru", "long", "27 сентября 2022 г."},
		{"ru-RU", "medium", "27 сент. 2022 г."},
		{"ru", "iso", "2022-09-27"},
		{"de", "long", "September 27, 2022"},
	}
	for _, tt := range tests {
		if got := Date(tm, tt.lang, tt.format); got != tt.want {
			t.Errorf("Date(%s, %s) = %q, want %q", tt.lang, tt.format, got, tt.want)
		}
	}
	if got, want := Month(tm, "ru"), "Сентябрь 2022"; got != want {
		t.Errorf("Month(ru) = %q, want %q", got, want)
	}
	if got, want := Month(tm, "en"), "September 2022"; got != want {
		t.Errorf("Month(en) = %q, want %q", got, want)
	}
}

func testFS(page string) fstest.MapFS {
	return fstest.MapFS{
		"base/layout.html": {Data: []byte(`{{define "layout"}}<main>{{template "content" .}}</main>{{end}}`)},
		"pages/home.html":  {Data: []byte(page)},
	}
}

func TestRenderer(t *testing.T) {
	r, err := New(Options{FS: testFS(`{{define "content"}}Hi {{.}}{{end}}`)})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.Render(&buf, "home", "<you>"); err != nil {
		t.Fatal(err)
	}
	if got, want := buf.String(), "<main>Hi &lt;you&gt;</main>"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if err := r.Render(&buf, "missing", nil); err == nil {
		t.Error("rendering a missing page succeeded")
	}
}

func TestNew_Broken(t *testing.T) {
	tests := map[string]fstest.MapFS{
		"syntax":  testFS(`{{define "content"}}{{.X{{end}}`),
		"no base": {"pages/home.html": {Data: []byte(`x`)}},
		"no page": {"base/layout.html": {Data: []byte(`{{define "layout"}}{{end}}`)}},
	}
	for name, fsys := range tests {
		if _, err := New(Options{FS: fsys}); err == nil {
			t.Errorf("%s: New succeeded", name)
		} else if !strings.Contains(err.Error(), "render:") {
			t.Errorf("%s: error %q does not name the package", name, err)
		}
	}
}
