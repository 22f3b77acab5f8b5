package markup

import (
	"strings"
	"testing"

	"github.com/herald-news/herald"
)

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Hello, World!", "hello-world"},
		{"Щука ест ёжика", "shchuka-est-ezhika"},
		{"Объявление: Юлия и Яков в Хабаровске", "obieiavlenie-iuliia-i-iakov-v-khabarovske"},
		{"Мышь и ёлка", "mysh-i-elka"},
		{"Київ і Львів", "kiiv-i-lviv"},
		{"Café déjà vu à Zürich", "cafe-deja-vu-a-zurich"},
		{"Straße, Ærø, Łódź", "strasse-aero-lodz"},
		{"Don't panic — it’s 2024", "dont-panic-its-2024"},
		{"  --Already-a-slug--  ", "already-a-slug"},
		{"COVID-19: 3 new cases", "covid-19-3-new-cases"},
		{"東京 Tokyo", "tokyo"},
		{"東京", "article"},
		{"", "article"},
		{"!!!", "article"},
	}
	for _, tt := range tests {
		if got := Slugify(tt.in); got != tt.want {
			t.Errorf("Slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSlugify_Long(t *testing.T) {
	got := Slugify(strings.Repeat("щука ", 100))
	if len(got) > herald.MaxSlugLen || len(got) < herald.MaxSlugLen-10 {
		t.Errorf("len = %d, want up to %d and not much less", len(got), herald.MaxSlugLen)
	}
	if !strings.HasSuffix(got, "-shchuka") {
		t.Errorf("Slugify cut a word: …%s", got[len(got)-20:])
	}
	long := Slugify(strings.Repeat("a", 500))
	if long != strings.Repeat("a", 200) {
		t.Errorf("Slugify(500 a) = %q", long)
	}
}

func FuzzSlugify(f *testing.F) {
	for _, s := range []string{"Щука ест ёжика", "Café", "a--b", "\xff", "東京", strings.Repeat("ab-", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Slugify(s)
		if err := herald.ValidateSlug(got); err != nil {
			t.Fatalf("Slugify(%q) = %q: %v", s, got, err)
		}
	})
}
