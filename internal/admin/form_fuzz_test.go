package admin

import (
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/herald-news/herald"
)

// everyField has a field of each type decodeForm fills.
type everyField struct {
	Text    string   `form:"text"`
	Check   bool     `form:"check"`
	Number  int      `form:"number"`
	ID      int64    `form:"id"`
	Words   []string `form:"words"`
	IDs     []int64  `form:"ids"`
	Ignored string
}

// FuzzDecodeForm sends any body to decodeForm: it fails only with a clear
// EINVALID error, strips carriage returns, keeps every repeated value, and
// reports a field error for a number exactly when it does not parse.
func FuzzDecodeForm(f *testing.F) {
	for _, s := range []string{
		"text=a%0D%0Ab&check=on&number=12&id=-3&words=x&words=y&ids=1&ids=+2+&ids=",
		"number=99999999999999999999&ids=1&ids=x", "%zz=1", "text=%E2%82", ";&=&text", "check=0&check=1",
		"Ignored=x&number=%201%20",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/admin/any", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		var form everyField
		fe, err := decodeForm(r, &form)
		if err != nil {
			if herald.ErrorCode(err) != herald.EINVALID {
				t.Fatalf("decodeForm(%q): %v", body, err)
			}
			return
		}
		vals := r.PostForm
		if strings.Contains(form.Text, "\r") || form.Ignored != "" || len(form.Words) != len(vals["words"]) {
			t.Fatalf("decodeForm(%q) = %+v", body, form)
		}
		for _, name := range []string{"number", "id"} {
			s := strings.TrimSpace(vals.Get(name))
			_, parseErr := strconv.ParseInt(s, 10, 64)
			if wantErr := s != "" && parseErr != nil; wantErr != (fe[name] != "") {
				t.Fatalf("decodeForm(%q): %s %q gives field error %q", body, name, s, fe[name])
			}
		}
		var again everyField
		decodeValues(url.Values(vals), &again)
		if again.Text != form.Text || again.ID != form.ID || len(again.IDs) != len(form.IDs) {
			t.Fatalf("decoding %q twice differs: %+v, %+v", body, form, again)
		}
	})
}
