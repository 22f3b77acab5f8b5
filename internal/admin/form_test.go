package admin

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/herald-news/herald"
)

func TestDecodeValues(t *testing.T) {
	type form struct {
		Name    string   `form:"name"`
		On      bool     `form:"on"`
		N       int      `form:"n"`
		ID      int64    `form:"id"`
		Words   []string `form:"w"`
		IDs     []int64  `form:"ids"`
		Ignored string
	}
	tests := []struct {
		name   string
		vals   url.Values
		want   form
		errors herald.FieldErrors
	}{
		{"every type", url.Values{"name": {"a\r\nb"}, "on": {"1"}, "n": {" 7 "}, "id": {"42"}, "w": {"x", "y"}, "ids": {"3", "", "1"}, "Ignored": {"z"}},
			form{Name: "a\nb", On: true, N: 7, ID: 42, Words: []string{"x", "y"}, IDs: []int64{3, 1}}, herald.FieldErrors{}},
		{"empty", url.Values{}, form{}, herald.FieldErrors{}},
		{"unchecked", url.Values{"on": {"false"}}, form{}, herald.FieldErrors{}},
		{"not numbers", url.Values{"n": {"seven"}, "ids": {"1", "x"}},
			form{}, herald.FieldErrors{"n": "must be a whole number", "ids": "must be a whole number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got form
			fe := decodeValues(tt.vals, &got)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("form (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errors, fe); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzArticleForm: no input makes the article form's decoding and
// application panic.
func FuzzArticleForm(f *testing.F) {
	f.Add("published_at", "2024-03-20T14:30")
	f.Add("authors", "-1")
	f.Add("tags", ", ,Щука,,")
	f.Fuzz(func(t *testing.T, key, val string) {
		var form articleForm
		decodeValues(url.Values{key: {val}, "headline": {val}}, &form)
		art := &herald.Article{}
		form.apply(art, &herald.User{ID: 1, Role: herald.RoleAuthor}, herald.DefaultSettings().Location())
		form.tagNames()
		_ = art.Validate()
	})
}
