package policysearch

import (
	"sort"
	"strings"
)

// Nearest returns up to n of the known values closest to s, for a "did you mean"
// answer: first those that contain s or that s contains, then those within a few
// edits, then those sharing a character with it; ties go to the value with the larger
// weight (how many documents have it). When fewer than n are close, the heaviest
// others fill the list, so a value like nothing known (火星) is answered with what is
// known. Comparison ignores width and case (Normalize).
func Nearest(s string, known map[string]int, n int) []string {
	type cand struct {
		v            string
		rank, dist   int
		shared, heft int
	}
	want := Normalize(s)
	wr := []rune(want)
	cands := make([]cand, 0, len(known))
	for v, w := range known {
		if v == "" {
			continue
		}
		nv := Normalize(v)
		c := cand{v: v, heft: w, rank: 3}
		c.dist = EditDistance(want, nv)
		c.shared = sharedRunes(wr, nv)
		switch {
		case nv == want:
			c.rank = 0
		case want != "" && (strings.Contains(nv, want) || strings.Contains(want, nv)):
			c.rank = 1
		case c.dist <= max(1, len(wr)/3):
			c.rank = 2
		case c.shared > 0:
			c.rank = 2
		}
		cands = append(cands, c)
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if a.rank == 2 && a.shared != b.shared {
			return a.shared > b.shared
		}
		if a.rank == 2 && a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.heft != b.heft {
			return a.heft > b.heft
		}
		return a.v < b.v
	})
	out := make([]string, 0, n)
	for _, c := range cands {
		if len(out) == n {
			break
		}
		out = append(out, c.v)
	}
	return out
}

func sharedRunes(a []rune, b string) int {
	n := 0
	for _, r := range a {
		if strings.ContainsRune(b, r) {
			n++
		}
	}
	return n
}

// EditDistance counts the insertions, deletions, substitutions and transpositions of
// adjacent characters that turn a into b (the optimal string alignment distance).
// Strings past 64 characters are not compared: the answer is then 99.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 99
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
