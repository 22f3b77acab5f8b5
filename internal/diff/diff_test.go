package diff

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestWords(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Op
	}{
		{"same", "a b", "a b", []Op{{Equal, "a b"}}},
		{"both empty", "", "", nil},
		{"from empty", "", "new text", []Op{{Insert, "new text"}}},
		{"to empty", "old", "", []Op{{Delete, "old"}}},
		{"one word", "The quick fox", "The slow fox",
			[]Op{{Equal, "The "}, {Delete, "quick"}, {Insert, "slow"}, {Equal, " fox"}}},
		{"added word", "The fox jumps", "The brown fox jumps",
			[]Op{{Equal, "The "}, {Insert, "brown "}, {Equal, "fox jumps"}}},
		{"punctuation", "Hello, world.", "Hello; world!",
			[]Op{{Equal, "Hello"}, {Delete, ","}, {Insert, ";"}, {Equal, " world"}, {Delete, "."}, {Insert, "!"}}},
		{"cyrillic", "Щука ест ёжика", "Щука ловит ёжика",
			[]Op{{Equal, "Щука "}, {Delete, "ест"}, {Insert, "ловит"}, {Equal, " ёжика"}}},
		{"lines", "one\ntwo\nthree\n", "one\n2\nthree\n",
			[]Op{{Equal, "one\n"}, {Delete, "two"}, {Insert, "2"}, {Equal, "\nthree\n"}}},
		{"added line", "a\nc\n", "a\nb\nc\n", []Op{{Equal, "a\n"}, {Insert, "b\n"}, {Equal, "c\n"}}},
		{"no final newline", "a\n", "a\nb", []Op{{Equal, "a\n"}, {Insert, "b"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Words(tt.old, tt.new)
			if d := cmp.Diff(tt.want, got); d != "" {
				t.Errorf("Words(%q, %q) (-want +got):\n%s", tt.old, tt.new, d)
			}
			checkJoin(t, tt.old, tt.new, got)
		})
	}
}

// TestWords_Minimal checks that a word diff is a shortest one on texts
// where that is easy to tell.
func TestWords_Minimal(t *testing.T) {
	old := "a b c d e f g"
	new := "a c d x f g h"
	var changed int
	for _, op := range Words(old, new) {
		if op.Kind != Equal {
			changed += len(splitWords(op.Text))
		}
	}
	// Delete "b ", replace "e" by "x", insert " h": 2+1+1+2 tokens.
	if changed != 6 {
		t.Errorf("changed tokens = %d, want 6: %v", changed, Words(old, new))
	}
}

// TestWords_Huge checks that wholly different huge texts fall back to a
// coarse difference, quickly and still exact.
func TestWords_Huge(t *testing.T) {
	var a, b strings.Builder
	for i := range 50_000 {
		a.WriteString("alpha" + strings.Repeat("x", i%7) + " ")
		b.WriteString("beta" + strings.Repeat("y", i%5) + " ")
		if i%100 == 0 {
			a.WriteString("\n")
			b.WriteString("\n")
		}
	}
	got := Words(a.String(), b.String())
	checkJoin(t, a.String(), b.String(), got)
	if !Changed(got) {
		t.Error("Changed = false for different texts")
	}
}

// TestWords_LongSimilar checks that a long text with a few changes still
// gets a word diff.
func TestWords_LongSimilar(t *testing.T) {
	para := strings.Repeat("word ", 200) + "\n"
	old := strings.Repeat(para, 300)
	new := strings.Replace(old, "word \n", "word changed\n", 1)
	got := Words(old, new)
	checkJoin(t, old, new, got)
	want := 0
	for _, op := range got {
		if op.Kind == Insert && op.Text == "changed" {
			want++
		}
	}
	if want != 1 {
		t.Errorf("want one insertion of %q, got %v", "changed", kinds(got))
	}
}

func TestHTML(t *testing.T) {
	got := HTML([]Op{{Equal, "a <b> "}, {Delete, "x&y"}, {Insert, `"z"`}})
	want := `a &lt;b&gt; <del>x&amp;y</del><ins>&#34;z&#34;</ins>`
	if string(got) != want {
		t.Errorf("HTML = %s, want %s", got, want)
	}
}

func FuzzWords(f *testing.F) {
	f.Add("The quick brown fox", "The slow brown dog")
	f.Add("a\nb\nc", "a\nc\nd\n")
	f.Add("Щука ест ёжика", "щука, ест: ёжика!")
	f.Add("\xff\xfe", "\xfe")
	f.Fuzz(func(t *testing.T, old, new string) {
		checkJoin(t, old, new, Words(old, new))
	})
}

// checkJoin checks that ops reproduce both texts and hold no empty or
// repeated kinds.
func checkJoin(t *testing.T, old, new string, ops []Op) {
	t.Helper()
	var a, b strings.Builder
	for i, op := range ops {
		if op.Text == "" {
			t.Fatalf("op %d is empty", i)
		}
		if i > 0 && ops[i-1].Kind == op.Kind {
			t.Fatalf("ops %d and %d have the same kind", i-1, i)
		}
		if op.Kind != Insert {
			a.WriteString(op.Text)
		}
		if op.Kind != Delete {
			b.WriteString(op.Text)
		}
	}
	if a.String() != old {
		t.Fatalf("Equal+Delete = %q, want %q", a.String(), old)
	}
	if b.String() != new {
		t.Fatalf("Equal+Insert = %q, want %q", b.String(), new)
	}
}

func kinds(ops []Op) []Kind {
	var out []Kind
	for _, op := range ops {
		out = append(out, op.Kind)
	}
	return out
}
