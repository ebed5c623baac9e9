package index

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/RoaringBitmap/roaring/v2"
)

// endRune follows the last character of every text, so that each character begins at
// least one bigram and a one-character phrase is the union of its bigrams.
const endRune = 0

// gramIndex maps each pair of adjacent characters of the normalised texts to the
// paragraphs (by ordinal) that contain it.
type gramIndex struct {
	post    map[uint64]*roaring.Bitmap
	byFirst map[rune][]uint64
}

func newGramIndex() *gramIndex {
	return &gramIndex{post: map[uint64]*roaring.Bitmap{}, byFirst: map[rune][]uint64{}}
}

func gramKey(a, b rune) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// textGrams returns the distinct bigram keys of a normalised text, sorted.
func textGrams(norm string, buf []uint64) []uint64 {
	keys := buf[:0]
	prev := rune(-1)
	for _, r := range norm {
		if prev >= 0 {
			keys = append(keys, gramKey(prev, r))
		}
		prev = r
	}
	if prev >= 0 {
		keys = append(keys, gramKey(prev, endRune))
	}
	slices.Sort(keys)
	out := keys[:0]
	for i, k := range keys {
		if i == 0 || k != keys[i-1] {
			out = append(out, k)
		}
	}
	return out
}

// addBatch records the bigram keys of many paragraphs at once. Ordinals only grow, so
// each posting list receives its new ordinals in order through AddMany, far cheaper
// than one Add per key per paragraph.
func (g *gramIndex) addBatch(ords []uint32, keys [][]uint64) {
	pending := map[uint64][]uint32{}
	for i, ks := range keys {
		for _, k := range ks {
			pending[k] = append(pending[k], ords[i])
		}
	}
	for k, os := range pending {
		bm := g.post[k]
		if bm == nil {
			bm = roaring.New()
			g.post[k] = bm
			first := rune(k >> 32)
			g.byFirst[first] = append(g.byFirst[first], k)
		}
		bm.AddMany(os)
	}
}

// candidates returns the paragraphs that contain every bigram of the normalised phrase,
// a superset of those containing the phrase (exact for phrases of two characters), and
// whether the set is exact without verification.
func (g *gramIndex) candidates(phrase string) (*roaring.Bitmap, bool) {
	runes := []rune(phrase)
	switch len(runes) {
	case 0:
		return roaring.New(), true
	case 1:
		var bms []*roaring.Bitmap
		for _, k := range g.byFirst[runes[0]] {
			bms = append(bms, g.post[k])
		}
		return roaring.FastOr(bms...), true
	}
	keys := make([]uint64, 0, len(runes)-1)
	for i := 1; i < len(runes); i++ {
		keys = append(keys, gramKey(runes[i-1], runes[i]))
	}
	var bms []*roaring.Bitmap
	seen := map[uint64]bool{}
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		bm := g.post[k]
		if bm == nil {
			return roaring.New(), true
		}
		bms = append(bms, bm)
	}
	sort.Slice(bms, func(i, j int) bool { return bms[i].GetCardinality() < bms[j].GetCardinality() })
	out := bms[0].Clone()
	for _, bm := range bms[1:] {
		out.And(bm)
		if out.IsEmpty() {
			break
		}
	}
	return out, len(runes) == 2
}

// countOccurrences counts the non-overlapping occurrences of phrase in text.
func countOccurrences(text, phrase string) int {
	if utf8.RuneCountInString(phrase) == 0 {
		return 0
	}
	return strings.Count(text, phrase)
}
