package herald_test

import (
	"errors"
	"testing"
	"time"

	"github.com/herald-news/herald"
)

func TestValidateSlug(t *testing.T) {
	tests := []struct {
		slug string
		ok   bool
	}{
		{"bridge-opens", true},
		{"a", true},
		{"2024-budget", true},
		{"", false},
		{"Bridge", false},
		{"-lead", false},
		{"trail-", false},
		{"two--hyphens", false},
		{"space here", false},
		{"мост", false},
		{string(make([]byte, 201)), false},
	}
	for _, tt := range tests {
		if got := herald.ValidateSlug(tt.slug) == nil; got != tt.ok {
			t.Errorf("ValidateSlug(%q) ok = %v, want %v", tt.slug, got, tt.ok)
		}
	}
}

func TestValidLanguage(t *testing.T) {
	tests := map[string]bool{"en": true, "ru": true, "pt-BR": true, "zh-Hant-TW": true, "": false, "e": false, "english": false, "en_GB": false, "en-": false, "1a": false}
	for tag, want := range tests {
		if got := herald.ValidLanguage(tag); got != want {
			t.Errorf("ValidLanguage(%q) = %v, want %v", tag, got, want)
		}
	}
}

func TestArticle_Validate(t *testing.T) {
	valid := func() *herald.Article {
		return &herald.Article{Slug: "bridge-opens", Headline: "Bridge opens", Language: "en", Status: herald.StatusPublished, PublishedAt: time.Date(2022, 9, 27, 9, 0, 0, 0, time.UTC)}
	}
	tests := []struct {
		name   string
		change func(a *herald.Article)
		field  string
	}{
		{"valid", func(a *herald.Article) {}, ""},
		{"no headline", func(a *herald.Article) { a.Headline = "  " }, "headline"},
		{"bad slug", func(a *herald.Article) { a.Slug = "Bad Slug" }, "slug"},
		{"bad status", func(a *herald.Article) { a.Status = "live" }, "status"},
		{"published without time", func(a *herald.Article) { a.PublishedAt = time.Time{} }, "published_at"},
		{"draft without time", func(a *herald.Article) { a.Status, a.PublishedAt = herald.StatusDraft, time.Time{} }, ""},
		{"bad language", func(a *herald.Article) { a.Language = "english" }, "language"},
		{"invalid utf-8 body", func(a *herald.Article) { a.Body = "\xff" }, "body"},
		{"empty correction", func(a *herald.Article) { a.Corrections = []herald.Correction{{Time: a.PublishedAt}} }, "corrections"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := valid()
			tt.change(a)
			err := a.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			var ve *herald.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Validate() = %v, want a ValidationError", err)
			}
			if _, ok := ve.Fields[tt.field]; !ok {
				t.Errorf("Validate() fields = %v, want one for %q", ve.Fields, tt.field)
			}
			if herald.ErrorCode(err) != herald.EINVALID {
				t.Errorf("ErrorCode = %q, want %q", herald.ErrorCode(err), herald.EINVALID)
			}
		})
	}
}

func TestSettings_Validate(t *testing.T) {
	s := herald.DefaultSettings()
	if err := s.Validate(); err != nil {
		t.Fatalf("default settings invalid: %v", err)
	}
	bad := herald.DefaultSettings()
	bad.TimeZone, bad.PerPage, bad.BaseURL, bad.DateFormat = "Mars/Olympus", 0, "ftp://x", "fancy"
	var ve *herald.ValidationError
	if err := bad.Validate(); !errors.As(err, &ve) {
		t.Fatalf("Validate() = %v, want a ValidationError", err)
	}
	for _, f := range []string{"time_zone", "per_page", "base_url", "date_format"} {
		if _, ok := ve.Fields[f]; !ok {
			t.Errorf("no error for %s in %v", f, ve.Fields)
		}
	}
}

func TestErrorCodeAndMessage(t *testing.T) {
	nf := herald.Errorf(herald.ENOTFOUND, "no article %d", 7)
	wrapped := errors.Join(errors.New("context"), nf)
	if got := herald.ErrorCode(wrapped); got != herald.ENOTFOUND {
		t.Errorf("ErrorCode(wrapped) = %q", got)
	}
	if got := herald.ErrorMessage(nf); got != "no article 7" {
		t.Errorf("ErrorMessage = %q", got)
	}
	plain := errors.New("disk on fire at /var/secret")
	if herald.ErrorCode(plain) != herald.EINTERNAL || herald.ErrorMessage(plain) == plain.Error() {
		t.Errorf("internal errors must not leak their text: %q", herald.ErrorMessage(plain))
	}
	if herald.ErrorCode(nil) != "" {
		t.Errorf("ErrorCode(nil) must be empty")
	}
}

func TestChangeBroker(t *testing.T) {
	var b herald.ChangeBroker
	var got []herald.Change
	unsubscribe := b.Subscribe(func(c herald.Change) { got = append(got, c) })
	b.Publish(herald.Change{Kind: herald.ChangeArticle, ID: 1}, herald.Change{Kind: herald.ChangeSettings})
	unsubscribe()
	b.Publish(herald.Change{Kind: herald.ChangeTag, ID: 2})
	want := []herald.Change{{Kind: herald.ChangeArticle, ID: 1}, {Kind: herald.ChangeSettings}}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %v, want %v", got, want)
	}
}
