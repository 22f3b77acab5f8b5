package diff

import (
	"strconv"
	"strings"
	"testing"
)

// BenchmarkWords_Rewrite is the worst case the bounds are for: a megabyte
// paragraph rewritten throughout.
func BenchmarkWords_Rewrite(b *testing.B) {
	var old, new strings.Builder
	for i := range 100_000 {
		old.WriteString("w" + strconv.Itoa(i) + " ")
		new.WriteString("w" + strconv.Itoa(i*7+1) + " ")
	}
	b.ReportAllocs()
	for b.Loop() {
		Words(old.String(), new.String())
	}
}

// BenchmarkWords_Edit is the common case: one word changed in a long
// article.
func BenchmarkWords_Edit(b *testing.B) {
	para := strings.Repeat("word ", 100) + "\n"
	old := strings.Repeat(para, 100)
	new := strings.Replace(old, "word \n", "word changed\n", 50)
	b.ReportAllocs()
	for b.Loop() {
		Words(old, new)
	}
}
