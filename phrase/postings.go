package phrase

import (
	"runtime"
	"slices"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/RoaringBitmap/roaring/v2"
)

// EndRune follows the last character of every text, so that each character begins at
// least one bigram and a one-character phrase is the union of its bigrams.
const EndRune = 0

// Postings maps each pair of adjacent characters of the normalised texts to the
// paragraphs (by ordinal) that contain it. It is split into stripes by the pair's first
// character, so that a bulk addition fills the stripes on every core at once (it runs
// under the index's write lock, which readers wait on) and a one-character phrase finds
// all its pairs in one stripe.
type Postings struct {
	stripes [nStripes]stripe
	// base, when the index was opened from its table file, holds the postings of
	// every paragraph the file holds, read in place from the mapped file; the stripes
	// then hold only what was added since. A key's postings are the two together.
	base *Frozen
	// addedBits is countBitsUsed of the stripes.
	addedBits atomic.Int32
}

const nStripes = 16

type stripe struct {
	post    map[uint64]*roaring.Bitmap
	byFirst map[rune][]uint64
	// rep holds, for each bigram, the paragraphs where it occurs more than once, and
	// under its count keys (CountKey) the bits of how many times more. Everywhere else
	// in its postings it occurs exactly once, so a two-character phrase (whose
	// postings are exact) is counted and ranked from these bitmaps alone: ranking
	// "应当" (a third of lawrefbook) reads none of the texts that hold it.
	rep map[uint64]*roaring.Bitmap
}

// New returns empty postings.
func New() *Postings {
	g := &Postings{}
	for i := range g.stripes {
		g.stripes[i] = stripe{post: map[uint64]*roaring.Bitmap{}, byFirst: map[rune][]uint64{}, rep: map[uint64]*roaring.Bitmap{}}
	}
	return g
}

// Key is the key of the bigram a b: a in the high 32 bits, so that keys sort by first
// character.
func Key(a, b rune) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

// stripeOf spreads first characters over the stripes (Fibonacci hashing: CJK code
// points are dense, so the top bits of the product mix well).
func stripeOf(first rune) int { return int(uint32(first) * 2654435769 >> 28) }

func (g *Postings) stripeOfKey(k uint64) *stripe { return &g.stripes[stripeOf(rune(k>>32))] }

// TextGrams returns the distinct bigram keys of a normalised text, sorted.
func TextGrams(norm string, buf []uint64) []uint64 {
	keys, _ := TextGramsRepeated(norm, buf, nil)
	return keys
}

// TextGramsRepeated returns the distinct bigram keys of a normalised text, sorted, and
// the repeat keys of those that occur more than once: the bigram's own key for each
// (it occurs twice or more), and, where it occurs c ≥ 3 times, CountKey(k, j) for each
// bit j set in c-2. So a bigram's count in a paragraph is read from its postings and
// repeats alone (Count), never from the text. A doubled character's bigram ("AA") gets
// no count keys: its occurrences overlap, and the phrase "AA" is counted from the text.
func TextGramsRepeated(norm string, buf, rbuf []uint64) (keys, repeated []uint64) {
	keys, repeated = buf[:0], rbuf[:0]
	prev := rune(-1)
	for _, r := range norm {
		if prev >= 0 {
			keys = append(keys, Key(prev, r))
		}
		prev = r
	}
	if prev >= 0 {
		keys = append(keys, Key(prev, EndRune))
	}
	slices.Sort(keys)
	out := keys[:0]
	for i := 0; i < len(keys); {
		k := keys[i]
		j := i + 1
		for j < len(keys) && keys[j] == k {
			j++
		}
		out = append(out, k)
		if c := j - i; c >= 2 {
			repeated = append(repeated, k)
			if uint32(k>>32) != uint32(k) {
				for extra, bit := c-2, 0; extra > 0; extra, bit = extra>>1, bit+1 {
					if extra&1 != 0 {
						repeated = append(repeated, CountKey(k, bit))
					}
				}
			}
		}
		i = j
	}
	return out, repeated
}

// countBits is how many bits of a count beyond two the repeats can hold: 2^24 + 1
// occurrences of one bigram in one paragraph, far beyond any paragraph's length.
const countBits = 24

// countBitsUsed is one more than the highest bit any count key of the postings names:
// the count keys sort after every bigram key by their bit, so the file's last key
// says it, and additions raise it as they come.
func (g *Postings) countBitsUsed() int {
	n := int(g.addedBits.Load())
	if g.base != nil && g.base.reps != nil {
		if ks := g.base.reps.keys; len(ks) > 0 {
			n = max(n, int(ks[len(ks)-1]>>56))
		}
	}
	return min(n, countBits)
}

// CountKey is the repeat key naming the paragraphs where the bigram k occurs c ≥ 3
// times with bit of c-2 set. Bigram keys use the low 53 bits (two code points), so the
// bit number stands in the top byte and count keys sort after every bigram key.
func CountKey(k uint64, bit int) uint64 { return k | uint64(bit+1)<<56 }

// AddBatch records the bigram keys of many paragraphs at once. Ordinals only grow, so
// each posting list receives its new ordinals in order through AddMany, far cheaper
// than one Add per key per paragraph.
func (g *Postings) AddBatch(ords []uint32, keys, repeated [][]uint64) {
	workers := min(runtime.NumCPU(), nStripes)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Worker w owns the stripes w, w+workers, …; no two workers touch one map.
			pending, pendingRep := map[uint64][]uint32{}, map[uint64][]uint32{}
			for i, ks := range keys {
				for _, k := range ks {
					if stripeOf(rune(k>>32))%workers == w {
						pending[k] = append(pending[k], ords[i])
					}
				}
				if repeated != nil {
					for _, k := range repeated[i] {
						if stripeOf(rune(k>>32))%workers == w {
							pendingRep[k] = append(pendingRep[k], ords[i])
						}
					}
				}
			}
			for k, os := range pendingRep {
				if b := int32(k >> 56); b > g.addedBits.Load() {
					raise(&g.addedBits, b)
				}
				st := g.stripeOfKey(k)
				if st.rep[k] == nil {
					st.rep[k] = roaring.New()
				}
				st.rep[k].AddMany(os)
			}
			for k, os := range pending {
				st := g.stripeOfKey(k)
				bm := st.post[k]
				if bm == nil {
					bm = roaring.New()
					st.post[k] = bm
					first := rune(k >> 32)
					st.byFirst[first] = append(st.byFirst[first], k)
				}
				bm.AddMany(os)
			}
		}()
	}
	wg.Wait()
}

// raise sets a to b if b is larger, against concurrent raises.
func raise(a *atomic.Int32, b int32) {
	for {
		old := a.Load()
		if b <= old || a.CompareAndSwap(old, b) {
			return
		}
	}
}

// Get returns the paragraphs holding the bigram k, nil when none does. The
// bitmap may be shared with the index or the mapped file: it is only read.
func (g *Postings) Get(k uint64) *roaring.Bitmap {
	return both(g.base, g.stripeOfKey(k).post[k], k)
}

// Repeats returns the paragraphs where the bigram k occurs more than once, nil when
// none does. Only read, like postings.
func (g *Postings) Repeats(k uint64) *roaring.Bitmap {
	var stored *Frozen
	if g.base != nil {
		stored = g.base.reps
	}
	return both(stored, g.stripeOfKey(k).rep[k], k)
}

// both is the union of a key's bitmap in the file (if any) and the one added since,
// sharing either when the other is empty.
func both(file *Frozen, added *roaring.Bitmap, k uint64) *roaring.Bitmap {
	if file == nil {
		return added
	}
	stored := file.get(k)
	switch {
	case stored == nil:
		return added
	case added == nil:
		return stored
	}
	return roaring.Or(stored, added)
}

// StartingWith returns the postings of every bigram that begins with r.
func (g *Postings) StartingWith(r rune) []*roaring.Bitmap {
	var bms []*roaring.Bitmap
	st := &g.stripes[stripeOf(r)]
	for _, k := range st.byFirst[r] {
		bms = append(bms, st.post[k])
	}
	if g.base != nil {
		bms = append(bms, g.base.startingWith(r)...)
	}
	return bms
}

// Candidates returns the paragraphs that contain every bigram of the normalised phrase,
// a superset of those containing the phrase (exact for phrases of two characters), and
// whether the set is exact without verification.
func (g *Postings) Candidates(phrase string) (*roaring.Bitmap, bool) {
	runes := []rune(phrase)
	switch len(runes) {
	case 0:
		return roaring.New(), true
	case 1:
		return roaring.FastOr(g.StartingWith(runes[0])...), true
	}
	keys := make([]uint64, 0, len(runes)-1)
	for i := 1; i < len(runes); i++ {
		keys = append(keys, Key(runes[i-1], runes[i]))
	}
	var bms []*roaring.Bitmap
	seen := map[uint64]bool{}
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		bm := g.Get(k)
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

// SetBase makes f the postings of every paragraph it holds; the stripes then hold what
// is added after it.
func (g *Postings) SetBase(f *Frozen) { g.base = f }
