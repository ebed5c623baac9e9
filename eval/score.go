package eval

import (
	"math"
	"sort"
	"strings"

	"policysearch"
)

// K is the depth of every figure: the first page of ten results.
const K = 10

// Hit is one ranked result as the scorer sees it: the file it came from (relative to
// the corpus root) and its text.
type Hit struct {
	Doc  string `json:"doc"`
	Text string `json:"text"`
}

// Score is one query's figures.
type Score struct {
	NDCG   float64 `json:"ndcg"`
	Recall float64 `json:"recall"`
	// Gains holds, per hit, the grade it was credited with (0 for none).
	Gains []int `json:"gains"`
	// Found holds, per judgment, the 1-based rank of the hit that matched it, 0 when no
	// hit in the top K did.
	Found []int `json:"found"`
	// Judged is the number of relevant judgments (grade ≥ 1); a query with none cannot
	// be scored and is left out of every mean.
	Judged int `json:"judged"`
}

// Scorer scores ranked hits against one query's judgments.
type Scorer struct {
	js   []Judgment
	keys []string // normalised keys
}

// NewScorer prepares the judgments of one query.
func NewScorer(js []Judgment) *Scorer {
	s := &Scorer{js: js, keys: make([]string, len(js))}
	for i, j := range js {
		s.keys[i] = policysearch.Normalize(j.Key)
	}
	return s
}

// Matches returns the judgments (of any grade) a hit matches: same file, key
// contained in its normalised text.
func (s *Scorer) Matches(h Hit) []int {
	var out []int
	text := ""
	for i, j := range s.js {
		if j.Doc != h.Doc {
			continue
		}
		if text == "" {
			text = policysearch.Normalize(h.Text)
		}
		if strings.Contains(text, s.keys[i]) {
			out = append(out, i)
		}
	}
	return out
}

// Score scores the first K hits. A hit's gain is the highest grade among the
// judgments it matches that no earlier hit matched; every judgment it matches is then
// used up, so each counts once (a paragraph holding two judged passages earns one gain
// but both count for recall). nDCG uses gains 2^g−1 and log2 discounts against the
// judged grades sorted; recall is the share of relevant judgments matched.
func (s *Scorer) Score(hits []Hit) Score {
	if len(hits) > K {
		hits = hits[:K]
	}
	sc := Score{Gains: make([]int, len(hits)), Found: make([]int, len(s.js))}
	var grades []int
	for _, j := range s.js {
		if j.Grade > 0 {
			grades = append(grades, j.Grade)
		}
	}
	sc.Judged = len(grades)
	if sc.Judged == 0 {
		return sc
	}
	dcg, found := 0.0, 0
	for r, h := range hits {
		g := 0
		for _, i := range s.Matches(h) {
			if sc.Found[i] != 0 || s.js[i].Grade <= 0 {
				continue
			}
			sc.Found[i] = r + 1
			found++
			g = max(g, s.js[i].Grade)
		}
		sc.Gains[r] = g
		dcg += gain(g, r)
	}
	sc.NDCG = dcg / dcgSorted(grades)
	sc.Recall = float64(found) / float64(sc.Judged)
	return sc
}

// Ceiling is the nDCG@10 a perfect ranking of the engine's own paragraphs would reach.
// holders gives, per judgment, the engine's paragraphs that hold it (by any id unique
// within the engine). As a hit earns one gain however many passages it holds, a
// paragraph can stand for one judgment only: the ceiling takes as many grade-2
// judgments as distinct paragraphs can stand for, then as many grade-1 ones (a
// bipartite matching), ranked best first, against the ideal of all judgments. It
// separates what ranking can win from what parsing has lost (files refused, passages
// cut apart, pages merged into one paragraph).
func (s *Scorer) Ceiling(holders [][]int) float64 {
	var all []int
	for _, j := range s.js {
		if j.Grade > 0 {
			all = append(all, j.Grade)
		}
	}
	if len(all) == 0 {
		return 0
	}
	owner := map[int]int{} // paragraph -> the judgment it stands for
	var assign func(i int, seen map[int]bool) bool
	assign = func(i int, seen map[int]bool) bool {
		for _, p := range holders[i] {
			if seen[p] {
				continue
			}
			seen[p] = true
			if o, taken := owner[p]; !taken || assign(o, seen) {
				owner[p] = i
				return true
			}
		}
		return false
	}
	var got []int
	for _, g := range []int{2, 1} {
		for i, j := range s.js {
			if j.Grade == g && assign(i, map[int]bool{}) {
				got = append(got, g)
			}
		}
	}
	return dcgSorted(got) / dcgSorted(all)
}

// dcgSorted is the DCG@K of grades ranked best first.
func dcgSorted(grades []int) float64 {
	grades = append([]int(nil), grades...)
	sort.Sort(sort.Reverse(sort.IntSlice(grades)))
	d := 0.0
	for r, g := range grades[:min(K, len(grades))] {
		d += gain(g, r)
	}
	return d
}

// gain is the discounted gain of grade g at 0-based rank r.
func gain(g, r int) float64 {
	return (math.Exp2(float64(g)) - 1) / math.Log2(float64(r)+2)
}
