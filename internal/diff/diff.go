// Package diff compares two texts word by word, for showing what changed
// between two revisions of an article. Its functions are pure.
//
// The comparison is Myers' algorithm, run first over lines and then over
// the words of each changed run of lines. Both runs are bounded: past a
// limit on the edit distance or on the total work, a region is reported as
// deleted and inserted whole, so a huge or wholly rewritten text costs
// linear time and memory instead of quadratic.
package diff

import (
	"html/template"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind says whether a piece of text is in both texts, only the new or only
// the old.
type Kind int

// The kinds of Op.
const (
	Equal Kind = iota
	Insert
	Delete
)

// Op is one piece of the difference. Joining the Text of the Equal and
// Delete ops in order gives the old text; Equal and Insert give the new.
type Op struct {
	Kind Kind
	Text string
}

const (
	// maxEdits bounds the edit distance of one Myers run, and so the
	// memory of its trace (about maxEdits² int32s).
	maxEdits = 1000
	// maxWork bounds the steps of all Myers runs of one comparison.
	maxWork = 20_000_000
)

// Words returns the word-level difference between old and new. Words,
// runs of white space and single punctuation marks are the units; a
// deletion comes before the insertion that replaces it.
func Words(old, new string) []Op {
	budget := maxWork
	var out []Op
	for _, l := range compare(splitLines(old), splitLines(new), &budget) {
		if l.Kind != Delete || l.next == nil {
			out = appendOp(out, l.Op)
			continue
		}
		// A deleted run followed by an inserted one: compare its words.
		for _, w := range compare(splitWords(l.Text), splitWords(l.next.Text), &budget) {
			out = appendOp(out, w.Op)
			if w.next != nil {
				out = appendOp(out, *w.next)
			}
		}
	}
	return out
}

// HTML renders ops as escaped text with deletions in <del> and insertions
// in <ins>; line breaks are kept, for a container with white-space: pre-wrap.
func HTML(ops []Op) template.HTML {
	var b strings.Builder
	for _, op := range ops {
		text := template.HTMLEscapeString(op.Text)
		switch op.Kind {
		case Insert:
			b.WriteString("<ins>" + text + "</ins>")
		case Delete:
			b.WriteString("<del>" + text + "</del>")
		default:
			b.WriteString(text)
		}
	}
	return template.HTML(b.String()) //nolint:gosec // every piece is escaped above
}

// Changed reports whether ops hold any insertion or deletion.
func Changed(ops []Op) bool {
	for _, op := range ops {
		if op.Kind != Equal {
			return true
		}
	}
	return false
}

// hunk is an Op from compare; a Delete directly followed by an Insert
// points to it through next, and the Insert is then not listed itself.
type hunk struct {
	Op
	next *Op
}

// compare diffs two token lists and joins the result into hunks.
func compare(a, b []string, budget *int) []hunk {
	pre := commonPrefix(a, b)
	suf := commonSuffix(a[pre:], b[pre:])
	var out []hunk
	add := func(k Kind, toks []string) {
		if len(toks) > 0 {
			out = append(out, hunk{Op: Op{Kind: k, Text: strings.Join(toks, "")}})
		}
	}
	add(Equal, a[:pre])
	ma, mb := a[pre:len(a)-suf], b[pre:len(b)-suf]
	ia, ib := intern(ma, mb)
	script, ok := myers(ia, ib, budget)
	if !ok {
		add(Delete, ma)
		add(Insert, mb)
	}
	i, j := 0, 0
	for _, r := range script {
		switch r.kind {
		case Equal:
			add(Equal, ma[i:i+r.n])
			i, j = i+r.n, j+r.n
		case Delete:
			add(Delete, ma[i:i+r.n])
			i += r.n
		case Insert:
			add(Insert, mb[j:j+r.n])
			j += r.n
		}
	}
	add(Equal, a[len(a)-suf:])
	return pair(merge(out))
}

// merge joins neighbouring hunks of the same kind.
func merge(hs []hunk) []hunk {
	var out []hunk
	for _, h := range hs {
		if n := len(out); n > 0 && out[n-1].Kind == h.Kind {
			out[n-1].Text += h.Text
			continue
		}
		out = append(out, h)
	}
	return out
}

// pair links each Delete to a directly following Insert.
func pair(hs []hunk) []hunk {
	out := hs[:0]
	for i := 0; i < len(hs); i++ {
		h := hs[i]
		if h.Kind == Delete && i+1 < len(hs) && hs[i+1].Kind == Insert {
			ins := hs[i+1].Op
			h.next = &ins
			i++
		}
		out = append(out, h)
	}
	return out
}

// appendOp adds op to ops, joining it to the last op of the same kind and
// expanding a paired Delete into its Delete and Insert.
func appendOp(ops []Op, op Op) []Op {
	if op.Text == "" {
		return ops
	}
	if n := len(ops); n > 0 && ops[n-1].Kind == op.Kind {
		ops[n-1].Text += op.Text
		return ops
	}
	return append(ops, op)
}

func commonPrefix(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func commonSuffix(a, b []string) int {
	n := 0
	for n < len(a) && n < len(b) && a[len(a)-1-n] == b[len(b)-1-n] {
		n++
	}
	return n
}

// splitLines splits s after each line break; joining the parts gives s.
func splitLines(s string) []string {
	return strings.SplitAfter(s, "\n")
}

// splitWords splits s into words (letters, digits and marks), runs of
// white space, line breaks and single other characters; joining the parts gives s,
// invalid UTF-8 included.
func splitWords(s string) []string {
	var out []string
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		class := runeClass(r)
		if class == 0 {
			out, s = append(out, s[:n]), s[n:]
			continue
		}
		for n < len(s) {
			r2, w := utf8.DecodeRuneInString(s[n:])
			if runeClass(r2) != class {
				break
			}
			n += w
		}
		out, s = append(out, s[:n]), s[n:]
	}
	return out
}

// runeClass is 1 for word characters, 2 for white space but line breaks,
// 0 for the rest, which stand alone.
func runeClass(r rune) int {
	switch {
	case r == utf8.RuneError || r == '\n':
		return 0
	case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r):
		return 1
	case unicode.IsSpace(r):
		return 2
	}
	return 0
}
