package phrase

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/RoaringBitmap/roaring/v2"
)

// corpus is a small random corpus over a few characters, so that phrases recur,
// overlap ("AAA" for "AA") and span paragraphs' ends.
func corpus(n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 1))
	chars := []rune("应当依法人民政府AＡ1")
	texts := make([]string, n)
	for i := range texts {
		var b strings.Builder
		for range 1 + r.IntN(30) {
			b.WriteRune(chars[r.IntN(len(chars))])
		}
		texts[i] = b.String()
	}
	// Every seventh says 人民政府 once to four times, so that its candidates are many
	// and some hold it more than once.
	for i := 0; i < n; i += 7 {
		texts[i] += strings.Repeat("人民政府依法", 1+i%4)
	}
	// A few long ones, so that counts reach every bit the repeats may need here.
	for c := 1; c <= 70 && c < n; c += 3 {
		texts[r.IntN(n)] = strings.Repeat("应当", c) + strings.Repeat("政府AA", c/2)
	}
	return texts
}

func add(g *Postings, texts []string, from int) {
	var ords []uint32
	var keys, reps [][]uint64
	for i, t := range texts {
		k, rp := TextGramsRepeated(t, nil, nil)
		ords = append(ords, uint32(from+i))
		keys, reps = append(keys, slices.Clone(k)), append(reps, slices.Clone(rp))
	}
	g.AddBatch(ords, keys, reps)
}

// want is Find by brute force: strings.Count in every live text.
func want(texts []string, live *roaring.Bitmap, phrase string) []Hit {
	var out []Hit
	for i, t := range texts {
		if live.Contains(uint32(i)) {
			if n := strings.Count(t, phrase); n > 0 {
				out = append(out, Hit{Ord: uint32(i), Count: int32(n), Runes: int32(len([]rune(t)))})
			}
		}
	}
	return out
}

func runes(texts []string) []int32 {
	out := make([]int32, len(texts))
	for i, t := range texts {
		out[i] = int32(len([]rune(t)))
	}
	return out
}

// TestFind: every phrase's hits and counts equal a brute-force scan, with the postings
// in memory, written and read back in place, written with holes (deleted paragraphs,
// renumbered) and with additions on top of a file.
func TestFind(t *testing.T) {
	texts := corpus(3000, 7)
	phrases := []string{"应当", "当应", "政府", "府A", "政府AA", "应当应当", "当应当", "应应", "AA", "Ａ1", "人民政府", "依法人", "府应当依", "当当当", "1", "应"}
	check := func(name string, g *Postings, texts []string, live *roaring.Bitmap) {
		t.Helper()
		for _, p := range phrases {
			if p == "1" || p == "应" {
				continue // one character: candidates only (exact), checked below
			}
			got := g.Find(p, live, texts, runes(texts))
			w := want(texts, live, p)
			if !slices.Equal(got, w) {
				t.Errorf("%s: %q: %d hits, want %d", name, p, len(got), len(w))
			}
			if rs := []rune(p); len(rs) == 2 && rs[0] != rs[1] {
				// Counted from the postings alone: the texts are not needed.
				blank := make([]string, len(texts))
				if got := g.Find(p, live, blank, runes(texts)); !slices.Equal(got, w) {
					t.Errorf("%s: %q counted without its texts: %v, want %v", name, p, diff(got, w), len(w))
				}
			}
		}
		for _, p := range []string{"1", "应"} {
			cand, exact := g.Candidates(p)
			cand.And(live)
			n := 0
			for i, tx := range texts {
				if live.Contains(uint32(i)) && strings.Contains(tx, p) {
					n++
				}
			}
			if !exact || int(cand.GetCardinality()) != n {
				t.Errorf("%s: %q: %d candidates (exact %v), want %d", name, p, cand.GetCardinality(), exact, n)
			}
		}
	}
	all := roaring.New()
	all.AddRange(0, uint64(len(texts)))
	heap := New()
	add(heap, texts, 0)
	check("heap", heap, texts, all)

	// Written and opened in place, with a prefix so that offsets are absolute.
	frozen := func(g *Postings, live *roaring.Bitmap, dense []uint32, holes bool) *Postings {
		buf := &offsetBuffer{}
		buf.WriteString("prefix!") // offsets are the file's, and Write aligns them
		gs, rs, err := g.Write(buf, live, dense, holes)
		if err != nil {
			t.Fatalf("Write: %v", err)
		}
		data := buf.Bytes()
		if err := Check(data, int64(len(data)), &gs, &rs); err != nil {
			t.Fatal(err)
		}
		if err := Verify(data, &gs, &rs); err != nil {
			t.Fatal(err)
		}
		out := New()
		out.SetBase(Open(data, &gs, &rs))
		return out
	}
	identity := make([]uint32, len(texts))
	for i := range identity {
		identity[i] = uint32(i)
	}
	check("file", frozen(heap, all, identity, false), texts, all)

	// Every third paragraph deleted, the rest renumbered densely.
	live := roaring.New()
	var kept []string
	dense := make([]uint32, len(texts))
	for i := range texts {
		if i%3 != 0 {
			live.Add(uint32(i))
			dense[i] = uint32(len(kept))
			kept = append(kept, texts[i])
		}
	}
	allKept := roaring.New()
	allKept.AddRange(0, uint64(len(kept)))
	f := frozen(heap, live, dense, true)
	check("file with holes", f, kept, allKept)

	// Additions on top of the file, then written again from both.
	more := corpus(500, 8)
	add(f, more, len(kept))
	both := append(slices.Clone(kept), more...)
	allBoth := roaring.New()
	allBoth.AddRange(0, uint64(len(both)))
	check("file and additions", f, both, allBoth)
	id2 := make([]uint32, len(both))
	for i := range id2 {
		id2[i] = uint32(i)
	}
	check("rewritten", frozen(f, allBoth, id2, false), both, allBoth)

	// A damaged key is refused by Check.
	buf := &offsetBuffer{}
	gs, rs, _ := heap.Write(buf, all, identity, false)
	data := buf.Bytes()
	data[gs.Keys[0]+3] ^= 0x40
	if Check(data, int64(len(data)), &gs, &rs) == nil {
		t.Error("a damaged key passed Check")
	}
	data[gs.Keys[0]+3] ^= 0x40
	data[gs.Bitmaps[0]+9] ^= 0x40
	if Verify(data, &gs, &rs) == nil {
		t.Error("a damaged bitmap passed Verify")
	}
}

// diff is the first hit where got and want part, for the message.
func diff(got, want []Hit) string {
	for i := range min(len(got), len(want)) {
		if got[i] != want[i] {
			return fmt.Sprintf("hit %d is %+v, want %+v", i, got[i], want[i])
		}
	}
	return fmt.Sprintf("%d hits, want %d", len(got), len(want))
}

// offsetBuffer is a file in memory.
type offsetBuffer struct{ bytes.Buffer }

func (b *offsetBuffer) Offset() int64 { return int64(b.Len()) }
