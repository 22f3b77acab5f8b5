package diff

// run is a step of an edit script: n tokens kept, deleted or inserted.
type run struct {
	kind Kind
	n    int
}

// intern maps the tokens of a and b to small integers, equal tokens to
// equal numbers, so that Myers' inner loop compares integers.
func intern(a, b []string) ([]int32, []int32) {
	ids := make(map[string]int32, len(a))
	conv := func(toks []string) []int32 {
		out := make([]int32, len(toks))
		for i, t := range toks {
			id, ok := ids[t]
			if !ok {
				id = int32(len(ids))
				ids[t] = id
			}
			out[i] = id
		}
		return out
	}
	return conv(a), conv(b)
}

// myers returns the shortest edit script turning a into b (E. Myers, "An
// O(ND) difference algorithm", 1986), or false when its edit distance
// exceeds maxEdits or the budget of steps runs out.
func myers(a, b []int32, budget *int) ([]run, bool) {
	n, m := len(a), len(b)
	limit := min(n+m, maxEdits)
	off := limit + 1
	v := make([]int32, 2*limit+3)
	var trace [][]int32 // trace[d]: v[-d..d] at the start of step d
	for d := 0; d <= limit; d++ {
		trace = append(trace, append([]int32(nil), v[off-d:off+d+1]...))
		for k := -d; k <= d; k += 2 {
			x := int(v[off+k-1]) + 1
			if k == -d || k != d && v[off+k-1] < v[off+k+1] {
				x = int(v[off+k+1])
			}
			y, x0 := x-k, x
			for x < n && y < m && a[x] == b[y] {
				x, y = x+1, y+1
			}
			*budget -= 1 + x - x0
			v[off+k] = int32(x)
			if x >= n && y >= m {
				return backtrack(trace, n, m), true
			}
		}
		if *budget <= 0 {
			return nil, false
		}
	}
	return nil, false
}

// backtrack walks the trace from the end back to the start, building the
// edit script in reverse and then turning it around.
func backtrack(trace [][]int32, x, y int) []run {
	var rev []run
	push := func(k Kind, n int) {
		if n <= 0 {
			return
		}
		if l := len(rev); l > 0 && rev[l-1].kind == k {
			rev[l-1].n += n
			return
		}
		rev = append(rev, run{k, n})
	}
	for d := len(trace) - 1; d > 0; d-- {
		v := trace[d]
		at := func(k int) int { return int(v[k+d]) }
		k := x - y
		prevK := k - 1
		if k == -d || k != d && at(k-1) < at(k+1) {
			prevK = k + 1
		}
		px := at(prevK)
		py := px - prevK
		if prevK == k+1 { // a step down: an insertion
			push(Equal, x-px)
			push(Insert, 1)
		} else { // a step right: a deletion
			push(Equal, x-px-1)
			push(Delete, 1)
		}
		x, y = px, py
	}
	push(Equal, x)
	out := make([]run, len(rev))
	for i, r := range rev {
		out[len(rev)-1-i] = r
	}
	return out
}
