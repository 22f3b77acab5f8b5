package media

import (
	"bytes"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestLibrary_Handler(t *testing.T) {
	lib, _ := newLibrary(t)
	m, err := lib.Add(bytes.NewReader(pngBytes(t, 700, 400)), 0)
	if err != nil {
		t.Fatal(err)
	}
	h := lib.Handler()
	original, variant := URL(m, 0), URL(m, 320)
	missing := "/media/" + strings.Repeat("ab", 32) + ".jpg"
	tests := []struct {
		name        string
		method      string
		path        string
		ifNoneMatch string
		wantStatus  int
		wantETag    string
	}{
		{"original", "GET", original, "", 200, `"` + m.Hash + `"`},
		{"variant", "GET", variant, "", 200, `"` + m.Hash + `-320"`},
		{"head", "HEAD", original, "", 200, `"` + m.Hash + `"`},
		{"not modified", "GET", original, `"` + m.Hash + `"`, 304, `"` + m.Hash + `"`},
		{"other etag", "GET", original, `"x"`, 200, `"` + m.Hash + `"`},
		{"post", "POST", original, "", 405, ""},
		{"missing", "GET", missing, "", 404, ""},
		{"missing variant", "GET", "/media/" + m.Hash + "-1024.png", "", 404, ""},
		{"upper case", "GET", "/media/" + strings.ToUpper(m.Hash) + ".png", "", 404, ""},
		{"short hash", "GET", "/media/" + m.Hash[1:] + ".png", "", 404, ""},
		{"leading zero width", "GET", "/media/" + m.Hash + "-0320.png", "", 404, ""},
		{"bad width", "GET", "/media/" + m.Hash + "-32a.png", "", 404, ""},
		{"bad ext", "GET", "/media/" + m.Hash + ".exe", "", 404, ""},
		{"double ext", "GET", "/media/" + m.Hash + ".png.png", "", 404, ""},
		{"traversal", "GET", "/media/../library.go", "", 404, ""},
		{"directory", "GET", "/media/" + m.Hash[:2] + "/", "", 404, ""},
		{"no prefix", "GET", "/" + m.Hash + ".png", "", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, "/", nil)
			req.URL.Path = tt.path
			if tt.ifNoneMatch != "" {
				req.Header.Set("If-None-Match", tt.ifNoneMatch)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d", rec.Code, tt.wantStatus)
			}
			if tt.wantStatus != 200 && tt.wantStatus != 304 {
				return
			}
			want := map[string]string{
				"Cache-Control":          "public, max-age=31536000, immutable",
				"ETag":                   tt.wantETag,
				"X-Content-Type-Options": "nosniff",
			}
			if tt.wantStatus == 200 {
				want["Content-Type"] = "image/png"
			}
			for k, v := range want {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if tt.method == "GET" && tt.wantStatus == 200 && !bytes.HasPrefix(rec.Body.Bytes(), []byte("\x89PNG")) {
				t.Error("body is not the PNG")
			}
		})
	}
}
