package similar

import (
	"html"
	"slices"
	"strings"
)

// MinPassage is the shortest shared passage, in skeleton characters (letters and digits,
// so 8 Chinese characters), that Compare reports. Measured on the pairs of seed paragraphs
// from different documents: with 6, 2102 pairs share a passage (18.5k characters marked),
// mostly words and set phrases of 6–7 characters (产教融合型企业, 高素质技术技能) that any
// two paragraphs on the topic use; with 8, 453 pairs (5.9k characters); with 10, 151. The
// ranking of the hand-made pairs is the same for any value from 6 to 12, so the choice is
// about what gets marked: 10 would drop 8–9 character passages that local copies do take
// over (办好职业教育活动周, 示范性职工培训基地), 6 would mark vocabulary.
const MinPassage = 8

// Span is one passage shared by two texts: a byte range in each ORIGINAL text (not the
// normalised one), from the first to the last letter or digit of the passage, and the
// passage's length in skeleton characters. The two ranges have equal skeletons: the same
// letters and digits after policysearch.Normalize; punctuation and spaces inside may differ.
type Span struct {
	A     [2]int `json:"a"`
	B     [2]int `json:"b"`
	Chars int    `json:"chars"`
}

// Match is what two texts share.
type Match struct {
	// Similarity in [0, 1]: 2·SharedChars/(LenA+LenB), the Dice coefficient. Results are
	// ranked by it; see similarity for why this and not containment.
	Similarity float64 `json:"similarity"`
	// Containment in [0, 1]: SharedChars/min(LenA, LenB), how much of the shorter text is
	// shared; for display.
	Containment float64 `json:"containment"`
	// SharedChars is the number of skeleton characters in shared passages (each character
	// of either text counted at most once).
	SharedChars int `json:"shared_chars"`
	// LenA and LenB are the skeleton lengths of the two texts.
	LenA int `json:"len_a"`
	LenB int `json:"len_b"`
	// Shared lists the shared passages in the order they appear in a.
	Shared []Span `json:"shared,omitempty"`
}

// SpansA returns the byte ranges of the shared passages in a, for Mark.
func (m *Match) SpansA() [][2]int {
	out := make([][2]int, len(m.Shared))
	for i, s := range m.Shared {
		out[i] = s.A
	}
	return out
}

// SpansB returns the byte ranges of the shared passages in b, for Mark.
func (m *Match) SpansB() [][2]int {
	out := make([][2]int, len(m.Shared))
	for i, s := range m.Shared {
		out[i] = s.B
	}
	return out
}

// Compare finds the passages of at least MinPassage characters that a and b share and
// scores how much of them is shared. Swapping a and b swaps A and B in the spans (up to
// the choice between equally long passages that overlap, which is by position in a).
//
// Method: greedy string tiling on the skeletons. First every maximal common substring of
// length >= MinPassage is found with a hash table of b's MinPassage-grams: each position of
// a looks up the equal grams of b, and a run is extended only from its first position (a
// pair whose preceding characters are also equal is inside a run already found), so the
// cost is O(len(a) + len(b) + total length of the runs) — linear for ordinary text, and
// O(len(a)·len(b)) only for degenerate, highly repetitive input. Then runs are taken
// longest first; a run that overlaps a passage already taken in either text is cut to its
// free pieces, which go back into the queue if they are still long enough. Each character
// of either text is thus in at most one passage, and a clause that b quotes twice, or that
// a repeats, is marked once, against its longest context.
func Compare(a, b string) Match {
	var sa, sb skeleton
	makeSkeleton(a, &sa)
	makeSkeleton(b, &sb)
	return compareSkeletons(&sa, &sb)
}

// run is a common substring: a.runes[i:i+n] == b.runes[j:j+n].
type run struct{ i, j, n int32 }

func (r run) before(o run) bool {
	if r.n != o.n {
		return r.n > o.n
	}
	if r.i != o.i {
		return r.i < o.i
	}
	return r.j < o.j
}

func compareSkeletons(sa, sb *skeleton) Match {
	a, b := sa.runes, sb.runes
	m := Match{LenA: len(a), LenB: len(b)}
	if len(a) < MinPassage || len(b) < MinPassage {
		return m
	}
	runs := maximalRuns(a, b, MinPassage)
	if len(runs) == 0 {
		return m
	}
	tiles := tile(runs, len(a), len(b), MinPassage)
	slices.SortFunc(tiles, func(x, y run) int { return int(x.i - y.i) })
	m.Shared = make([]Span, len(tiles))
	for k, t := range tiles {
		m.SharedChars += int(t.n)
		m.Shared[k] = Span{
			A:     sa.byteRange(int(t.i), int(t.i+t.n)),
			B:     sb.byteRange(int(t.j), int(t.j+t.n)),
			Chars: int(t.n),
		}
	}
	m.Similarity = similarity(m.SharedChars, len(a), len(b))
	m.Containment = containment(m.SharedChars, len(a), len(b))
	return m
}

// similarity turns shared characters into a score in [0, 1], the Dice coefficient over
// characters: 2·shared / (lenA + lenB), the share of both texts' characters that lie in
// shared passages.
//
// Why Dice and not containment of the shorter text (shared / min(lenA, lenB)), although
// precedents are usually a matter of containment: containment rewards short fragments. A
// 44-character table row that holds one 26-character set clause scores 0.59 against a
// long measure, above the 279-character national measure that the same long measure
// copies 44 characters from verbatim (0.16); on the hand-made pairs of the seeds,
// containment puts the right national paragraph first for 12 of 14 local paragraphs,
// Dice for 14 of 14 (and cosine, 2·shared/√(lenA·lenB), for 13). Dice still values
// containment: for a fixed query, it grows with the shared characters and falls only
// slowly with the candidate's length. Containment is reported too (Match.Containment),
// for display: "80% of the national clause is reused".
//
// Jaccard over characters would rank like Dice (it is a monotone function of it) but
// reads lower for the same overlap; Dice keeps the figure intuitive ("a third of the two
// texts is shared wording").
func similarity(shared, lenA, lenB int) float64 {
	if lenA+lenB == 0 {
		return 0
	}
	return min(1, 2*float64(shared)/float64(lenA+lenB))
}

// containment is shared / min(lenA, lenB): the share of the shorter text that is shared.
func containment(shared, lenA, lenB int) float64 {
	if m := min(lenA, lenB); m > 0 {
		return min(1, float64(shared)/float64(m))
	}
	return 0
}

// maximalRuns returns every maximal common substring of a and b of length >= minLen.
func maximalRuns(a, b []rune, minLen int) []run {
	ng := len(b) - minLen + 1
	size := 1
	for size < 2*ng {
		size <<= 1
	}
	mask := uint64(size - 1)
	heads := make([]int32, size) // position+1 of the last gram with this bucket, 0: none
	next := make([]int32, ng)    // position+1 of the previous gram in the same bucket
	gramHashes(b, minLen, func(j int, h uint64) {
		k := h & mask
		next[j] = heads[k]
		heads[k] = int32(j + 1)
	})
	var runs []run
	gramHashes(a, minLen, func(i int, h uint64) {
		for p := heads[h&mask]; p != 0; p = next[p-1] {
			j := int(p - 1)
			if i > 0 && j > 0 && a[i-1] == b[j-1] {
				continue // inside a run that starts earlier
			}
			n := 0
			for i+n < len(a) && j+n < len(b) && a[i+n] == b[j+n] {
				n++
			}
			if n >= minLen {
				runs = append(runs, run{int32(i), int32(j), int32(n)})
			}
		}
	})
	return runs
}

// gramHashes calls f with the position and hash of every n-gram of s, with a rolling
// polynomial hash (mod 2^64). Collisions only cost a comparison: callers verify.
func gramHashes(s []rune, n int, f func(pos int, h uint64)) {
	if len(s) < n {
		return
	}
	var h, pow uint64 = 0, 1
	for i := 0; i < n; i++ {
		h = h*gramBase + uint64(s[i])
		pow *= gramBase
	}
	f(0, mix64(h))
	for i := n; i < len(s); i++ {
		h = h*gramBase + uint64(s[i]) - pow*uint64(s[i-n])
		f(i-n+1, mix64(h))
	}
}

// gramBase is an odd 64-bit multiplier for the rolling hash (any large odd constant works;
// the result is finalised by mix64, so the low bits used for buckets are well spread).
const gramBase = 0x9E3779B97F4A7C15

// mix64 is the murmur3 64-bit finaliser: a bijection that spreads every input bit over the
// output, so that the low bits (buckets) and the order (winnowing minima) of gram hashes
// behave like random ones.
func mix64(x uint64) uint64 {
	x ^= x >> 33
	x *= 0xff51afd7ed558ccd
	x ^= x >> 33
	x *= 0xc4ceb9fe1a85ec53
	x ^= x >> 33
	return x
}

// tile takes runs longest first, cutting those that overlap passages already taken.
func tile(runs []run, lenA, lenB, minLen int) []run {
	usedA := make([]bool, lenA)
	usedB := make([]bool, lenB)
	h := runHeap(runs)
	h.init()
	var tiles []run
	for len(h) > 0 {
		r := h.pop()
		free := true
		for t := int32(0); t < r.n; t++ {
			if usedA[r.i+t] || usedB[r.j+t] {
				free = false
				break
			}
		}
		if free {
			for t := int32(0); t < r.n; t++ {
				usedA[r.i+t] = true
				usedB[r.j+t] = true
			}
			tiles = append(tiles, r)
			continue
		}
		// Cut into the pieces where both sides are still free.
		start := int32(-1)
		for t := int32(0); t <= r.n; t++ {
			ok := t < r.n && !usedA[r.i+t] && !usedB[r.j+t]
			if ok && start < 0 {
				start = t
			}
			if !ok && start >= 0 {
				if int(t-start) >= minLen {
					h.push(run{r.i + start, r.j + start, t - start})
				}
				start = -1
			}
		}
	}
	return tiles
}

// runHeap is a binary heap of runs, longest first (container/heap would box every run).
type runHeap []run

func (h runHeap) init() {
	for i := len(h)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h *runHeap) push(r run) {
	*h = append(*h, r)
	s := *h
	i := len(s) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !s[i].before(s[p]) {
			break
		}
		s[i], s[p] = s[p], s[i]
		i = p
	}
}

func (h *runHeap) pop() run {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	*h = s[:last]
	h.down(0)
	return top
}

func (h runHeap) down(i int) {
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		c := l
		if r := l + 1; r < len(h) && h[r].before(h[l]) {
			c = r
		}
		if !h[c].before(h[i]) {
			return
		}
		h[i], h[c] = h[c], h[i]
		i = c
	}
}

// Mark returns text HTML-escaped with the byte ranges spans wrapped in <mark>…</mark>.
// Spans may come in any order and may overlap (passages of a shared with two different
// places of b often do); overlapping ones are merged first, touching ones are not. Ranges are clamped to the text;
// empty ones are ignored. Ranges from Match are on rune boundaries; others should be too,
// or the marked text may split a character.
func Mark(text string, spans [][2]int) string {
	ss := make([][2]int, 0, len(spans))
	for _, s := range spans {
		s[0] = max(0, s[0])
		s[1] = min(len(text), s[1])
		if s[0] < s[1] {
			ss = append(ss, s)
		}
	}
	slices.SortFunc(ss, func(x, y [2]int) int { return x[0] - y[0] })
	var b strings.Builder
	b.Grow(len(text) + len(ss)*13 + len(text)/8)
	pos := 0
	for k := 0; k < len(ss); {
		start, end := ss[k][0], ss[k][1]
		k++
		// Only overlapping spans merge: passages that merely touch in this text are
		// apart in the other (an edit sits between them there), and one <mark> each
		// shows where the copy was cut.
		for k < len(ss) && ss[k][0] < end {
			end = max(end, ss[k][1])
			k++
		}
		b.WriteString(html.EscapeString(text[pos:start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[start:end]))
		b.WriteString("</mark>")
		pos = end
	}
	b.WriteString(html.EscapeString(text[pos:]))
	return b.String()
}
