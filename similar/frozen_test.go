package similar

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"sync"
	"testing"
	"unsafe"
)

// remapping is the renumbering a caller applies when it writes the frozen form: to maps
// an id of the heap index to the frozen one's, from back.
type remapping struct{ to, from func(uint32) uint32 }

var (
	identity = remapping{func(id uint32) uint32 { return id }, func(id uint32) uint32 { return id }}
	// times3 is increasing, so ties between candidates break the same way on both sides.
	times3 = remapping{func(id uint32) uint32 { return id*3 + 1 }, func(id uint32) uint32 { return (id - 1) / 3 }}
)

// aligned returns a copy of b that starts 8-byte aligned, as the index package places it.
func aligned(b []byte) []byte {
	w := make([]uint64, (len(b)+7)/8)
	out := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(w))), 8*len(w))[:len(b):len(b)]
	copy(out, b)
	return out
}

// frozenBytes writes x in frozen form with remap and checks the reported size.
func frozenBytes(tb testing.TB, x *Index, remap func(uint32) uint32) []byte {
	tb.Helper()
	var buf bytes.Buffer
	n, err := x.WriteFrozen(&buf, remap)
	if err != nil {
		tb.Fatal(err)
	}
	if n != int64(buf.Len()) {
		tb.Fatalf("WriteFrozen says %d bytes, wrote %d", n, buf.Len())
	}
	return aligned(buf.Bytes())
}

// loadFrozen loads b with x's options and verifies it.
func loadFrozen(tb testing.TB, b []byte, opts Options) *Index {
	tb.Helper()
	f, err := LoadFrozen(b, opts)
	if err != nil {
		tb.Fatal(err)
	}
	if err := f.Verify(); err != nil {
		tb.Fatal(err)
	}
	return f
}

// frozenQueries returns every text, a 20-character passage cut from the middle of each
// long one, and the end of one joined to the start of another.
func frozenQueries(texts []string) []string {
	var qs []string
	for i, t := range texts {
		qs = append(qs, t)
		r := []rune(t)
		if len(r) >= 30 {
			a := len(r) / 3
			qs = append(qs, string(r[a:a+20]))
		}
		if o := []rune(texts[(i+7)%len(texts)]); len(r) >= 40 && len(o) >= 40 {
			qs = append(qs, string(r[len(r)-30:])+string(o[:30]))
		}
	}
	return append(qs, "", "短", "完全无关的一段文字，不在任何种子段落之中出现过的内容")
}

// diffIndexes compares the answers of a heap index h and an index f holding the same
// paragraphs under ids rm.to: Len, Candidates (three limits, with and without a keep
// filter) for every query, Similar for the first similarQueries ones, and the
// signatures of ids. It returns the first difference, "" when none.
func diffIndexes(h, f *Index, rm remapping, queries []string, similarQueries int, ids []uint32, textOf func(uint32) string) string {
	if h.Len() != f.Len() {
		return fmt.Sprintf("Len %d, frozen %d", h.Len(), f.Len())
	}
	hKeep := func(id uint32) bool { return id%3 != 0 }
	fKeep := func(id uint32) bool { return hKeep(rm.from(id)) }
	for qi, q := range queries {
		for _, limit := range []int{3, 20, 100000} {
			for _, filtered := range []bool{false, true} {
				var a, b []Candidate
				if filtered {
					a, b = h.Candidates(q, limit, hKeep), f.Candidates(q, limit, fKeep)
				} else {
					a, b = h.Candidates(q, limit, nil), f.Candidates(q, limit, nil)
				}
				for i := range a {
					a[i].ID = rm.to(a[i].ID)
				}
				if !slices.Equal(a, b) {
					return fmt.Sprintf("query %d %.30q limit %d filtered %v: Candidates\nheap   %v\nfrozen %v", qi, q, limit, filtered, a, b)
				}
			}
		}
		if qi < similarQueries {
			a := h.Similar(q, 5, nil, textOf)
			b := f.Similar(q, 5, nil, func(id uint32) string { return textOf(rm.from(id)) })
			for i := range a {
				a[i].ID = rm.to(a[i].ID)
			}
			if !reflect.DeepEqual(a, b) {
				return fmt.Sprintf("query %d %.30q: Similar\nheap   %v\nfrozen %v", qi, q, a, b)
			}
		}
	}
	sh, sf := h.Signatures(), f.Signatures()
	for _, id := range ids {
		if a, b := sh.Of(id), sf.Of(rm.to(id)); !bytes.Equal(a, b) {
			return fmt.Sprintf("Signatures().Of(%d): heap %v, frozen %v", id, a, b)
		}
	}
	return ""
}

func seqIDs(n int) []uint32 {
	ids := make([]uint32, n)
	for i := range ids {
		ids[i] = uint32(i)
	}
	return ids
}

// TestFrozenRoundTrip: a heap index of the seeds, written frozen with ids renumbered and
// loaded again, answers every query as the heap index does, ids renumbered; written
// before or after Compact, and with the identity.
func TestFrozenRoundTrip(t *testing.T) {
	s := loadSeeds(t)
	texts := seedTexts(t)
	textOf := func(id uint32) string { return texts[id] }
	queries := frozenQueries(texts)
	ids := seqIDs(len(texts) + 5)
	for _, c := range []struct {
		name    string
		compact bool
		rm      remapping
	}{{"compacted, id*3+1", true, times3}, {"delta only, id*3+1", false, times3}, {"compacted, identity", true, identity}} {
		t.Run(c.name, func(t *testing.T) {
			x, _ := seedIndex(t, Options{})
			if c.compact {
				x.Compact()
			}
			b := frozenBytes(t, x, c.rm.to)
			f := loadFrozen(t, b, Options{})
			if d := diffIndexes(x, f, c.rm, queries, len(queries), ids, textOf); d != "" {
				t.Fatal(d)
			}
			if f.Len() != len(s.paras) {
				t.Errorf("Len %d, want %d", f.Len(), len(s.paras))
			}
			// Deterministic: the frozen index writes itself back byte for byte.
			if b2 := frozenBytes(t, f, nil); !bytes.Equal(b, b2) {
				t.Errorf("rewritten frozen form differs (%d vs %d bytes)", len(b), len(b2))
			}
		})
	}
	// A remap that is not increasing: with no limit to cut ties, the same sets.
	x, _ := seedIndex(t, Options{})
	n := uint32(len(texts))
	rev := remapping{func(id uint32) uint32 { return n - id }, func(id uint32) uint32 { return n - id }}
	f := loadFrozen(t, frozenBytes(t, x, rev.to), Options{})
	for _, q := range queries {
		a, b := x.Candidates(q, 100000, nil), f.Candidates(q, 100000, nil)
		for i := range a {
			a[i].ID = rev.to(a[i].ID)
		}
		slices.SortFunc(a, compareCandidates)
		if !slices.Equal(a, b) {
			t.Fatalf("reversed ids: heap %v, frozen %v", a, b)
		}
	}
	// A remap that joins two ids is refused.
	if _, err := x.WriteFrozen(&bytes.Buffer{}, func(id uint32) uint32 { return id / 2 }); err == nil {
		t.Error("WriteFrozen with a remap joining ids succeeded")
	}
}

// TestFrozenDiffCatches: the comparison of TestFrozenRoundTrip fails on a wrong remap and
// on an index that lacks one paragraph, so its passing means something.
func TestFrozenDiffCatches(t *testing.T) {
	texts := seedTexts(t)
	textOf := func(id uint32) string { return texts[id] }
	queries := frozenQueries(texts)
	x, _ := seedIndex(t, Options{})
	f := loadFrozen(t, frozenBytes(t, x, times3.to), Options{})
	wrong := remapping{func(id uint32) uint32 { return id*3 + 2 }, func(id uint32) uint32 { return (id - 2) / 3 }}
	if d := diffIndexes(x, f, wrong, queries, 0, seqIDs(len(texts)), textOf); d == "" {
		t.Error("a wrong remap went unnoticed")
	}
	f.Remove(times3.to(17))
	f.Add(times3.to(17), texts[17]+"补充一句话")
	if d := diffIndexes(x, f, times3, queries, 0, seqIDs(len(texts)), textOf); d == "" {
		t.Error("a changed paragraph went unnoticed")
	}
	f.Remove(times3.to(17))
	if d := diffIndexes(x, f, times3, queries, 0, nil, textOf); d == "" {
		t.Error("a missing paragraph went unnoticed")
	}
}

// TestFrozenOperations applies one random sequence of Add, AddSignature, Remove and
// Compact to a heap index and to a frozen one loaded from it, and compares them along
// the way; then writes the changed frozen index and reloads it. With compactMin 0 every
// Compact rebuilds the frozen arrays on the heap; "remove most" makes Remove do it.
func TestFrozenOperations(t *testing.T) {
	texts := seedTexts(t)
	queries := frozenQueries(texts)
	const ids = 300 // more than the seeds: some ids are new to the frozen index
	textOf := map[uint32]string{}
	for _, c := range []struct {
		name       string
		compactMin int
		mix        string // "remove": mostly removals; "add": additions of new ids, too few removals for a merge
		seed       uint64
	}{{"default", mergeMin, "", 1}, {"no merge", mergeMin, "add", 4}, {"merge at every Compact", 0, "", 2}, {"remove most", mergeMin, "remove", 3}} {
		t.Run(c.name, func(t *testing.T) {
			clear(textOf)
			h, _ := seedIndex(t, Options{})
			for i, s := range texts {
				textOf[uint32(i)] = s
			}
			f := loadFrozen(t, frozenBytes(t, h, times3.to), Options{})
			f.compactMin = c.compactMin
			rng := rand.New(rand.NewPCG(c.seed, 9))
			text := func(id uint32) string { return textOf[id] }
			merged := false
			steps := 1500
			for step := range steps {
				id := uint32(rng.IntN(ids))
				op := rng.IntN(20)
				switch c.mix {
				case "remove":
					op = 10 + rng.IntN(10)*9/10 // removes, a few Compacts
				case "add":
					if op < 10 {
						id = uint32(ids + step)
					} else if op < 19 && rng.IntN(4) != 0 {
						op, id = 0, uint32(ids+step)
					}
				}
				switch {
				case op < 8:
					s := texts[rng.IntN(len(texts))]
					if rng.IntN(4) == 0 {
						s += "另加一句，使段落与种子不同。"
					}
					h.Add(id, s)
					f.Add(times3.to(id), s)
					textOf[id] = s
				case op < 10:
					s := texts[rng.IntN(len(texts))]
					if err := h.AddSignature(id, h.Signature(s)); err != nil {
						t.Fatal(err)
					}
					if err := f.AddSignature(times3.to(id), f.Signature(s)); err != nil {
						t.Fatal(err)
					}
					textOf[id] = s
				case op < 19:
					h.Remove(id)
					f.Remove(times3.to(id))
					delete(textOf, id)
				default:
					h.Compact()
					f.Compact()
				}
				if f.fz == nil {
					t.Fatal("the frozen index thawed")
				}
				if !merged && !f.fz.loaded {
					merged = true
					t.Logf("first merge of the frozen index at step %d", step)
				}
				if h.Len() != f.Len() {
					t.Fatalf("step %d: Len %d, frozen %d", step, h.Len(), f.Len())
				}
				if step%100 == 99 || step == steps-1 {
					if d := diffIndexes(h, f, times3, queries[:60], 5, seqIDs(ids+steps), text); d != "" {
						t.Fatalf("step %d: %s", step, d)
					}
					if err := f.Verify(); err != nil {
						t.Fatalf("step %d: %v", step, err)
					}
				}
			}
			if want := c.mix != "add"; merged != want {
				t.Errorf("frozen index merged: %v, want %v", merged, want)
			}
			t.Logf("%d paragraphs left; frozen index merged: %v", h.Len(), merged)
			// Written again, changes and all, the frozen index reloads equal; so does
			// the heap index written directly, byte for byte.
			b := frozenBytes(t, f, nil)
			g := loadFrozen(t, b, Options{})
			if d := diffIndexes(h, g, times3, queries, 20, seqIDs(ids+steps), text); d != "" {
				t.Fatalf("reloaded: %s", d)
			}
			if hb := frozenBytes(t, h, times3.to); !bytes.Equal(hb, b) {
				t.Errorf("frozen form of the heap index (%d bytes) differs from the changed frozen index's (%d)", len(hb), len(b))
			}
		})
	}
}

// TestFrozenBulkMerge adds enough after loading to make Add itself merge the frozen index.
func TestFrozenBulkMerge(t *testing.T) {
	texts := seedTexts(t)
	h, _ := seedIndex(t, Options{})
	f := loadFrozen(t, frozenBytes(t, h, nil), Options{})
	for i := len(texts); f.fz.loaded; i++ {
		h.Add(uint32(i), texts[i%len(texts)])
		f.Add(uint32(i), texts[i%len(texts)])
		if i > 100*mergeMin {
			t.Fatal("no merge")
		}
	}
	if len(f.delta) != 0 {
		t.Errorf("%d delta postings after a merge", len(f.delta))
	}
	if d := diffIndexes(h, f, identity, frozenQueries(texts)[:50], 0, seqIDs(h.Len()), nil); d != "" {
		t.Fatal(d)
	}
}

// TestFrozenDamaged: truncated, extended, flipped, other-version, other-options and
// unaligned buffers give an error or a working index, never a panic; damage to the
// arrays LoadFrozen does not read is found by Verify, and the index that holds it still
// answers and changes without panicking.
func TestFrozenDamaged(t *testing.T) {
	texts := seedTexts(t)
	x, _ := seedIndex(t, Options{})
	good := frozenBytes(t, x, times3.to)
	mustFail := func(what string, b []byte, opts Options) {
		t.Helper()
		if _, err := LoadFrozen(b, opts); !errors.Is(err, ErrFrozen) {
			t.Errorf("%s: err %v, want ErrFrozen", what, err)
		}
	}
	for n := range len(good) {
		if n < 8192 || n%97 == 0 || n > len(good)-1024 {
			mustFail(fmt.Sprintf("truncated to %d", n), aligned(good[:n]), Options{})
		}
	}
	mustFail("one byte more", aligned(append(slices.Clone(good), 0)), Options{})
	mustFail("K 6", good, Options{K: 6})
	mustFail("Window 6", good, Options{Window: 6})
	if _, err := LoadFrozen(good, Options{MaxPostings: 3, MinSimilarity: 0.5}); err != nil {
		t.Errorf("query-time options refused: %v", err)
	}
	// Every header byte, each flipped alone.
	for i := range 4 * frozenWords {
		b := aligned(good)
		b[i] ^= 0x40
		mustFail(fmt.Sprintf("header byte %d flipped", i), b, Options{})
	}
	// Another version, with a sound header checksum.
	v2 := aligned(good)
	binary.LittleEndian.PutUint32(v2[4*hVersion:], frozenVersion+1)
	binary.LittleEndian.PutUint32(v2[4*hCRCHeader:], crc32.Checksum(v2[:4*hCRCHeader], castagnoli))
	mustFail("version 2", v2, Options{})

	// Unaligned: copied, same answers.
	odd := make([]byte, len(good)+1)[1:]
	copy(odd, good)
	f, err := LoadFrozen(odd, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if d := diffIndexes(x, f, times3, frozenQueries(texts)[:40], 3, seqIDs(len(texts)), func(id uint32) string { return texts[id] }); d != "" {
		t.Fatalf("unaligned: %s", d)
	}

	// Damage past the header: the small arrays fail the load, the rest Verify.
	var h [frozenWords]uint32
	for i := range h {
		h[i] = binary.LittleEndian.Uint32(good[4*i:])
	}
	smallEnd := 4 * (frozenWords + 1<<h[hDirBits] + 1 + 2*int(h[hSlots]))
	if b := aligned(good); true {
		resum(b)
		if !bytes.Equal(b, good) {
			t.Fatal("resum changes a sound frozen form")
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	values := []uint32{0, 1, 0xffffffff, 0x7fffffff, uint32(len(texts)), uint32(h[hPostings])}
	queries := frozenQueries(texts)
	for trial := range 800 {
		b := aligned(good)
		pos := 4*frozenWords + 4*rng.IntN((len(good)-4*frozenWords)/4)
		old := binary.LittleEndian.Uint32(b[pos:])
		v := values[rng.IntN(len(values))]
		if trial%3 == 0 {
			v = old ^ 1<<rng.IntN(32)
		}
		if v == old {
			continue
		}
		binary.LittleEndian.PutUint32(b[pos:], v)
		if trial%2 == 1 {
			// Damage the checksums agree with (a bad writer): only the checks of
			// consistency stand between it and the queries.
			resum(b)
			if f, err := LoadFrozen(b, Options{}); err == nil {
				f.Verify()
				exercise(f, texts, queries[trial%len(queries):][:3], trial)
			}
			continue
		}
		f, err := LoadFrozen(b, Options{})
		if pos < smallEnd {
			if !errors.Is(err, ErrFrozen) {
				t.Errorf("word at %d (small arrays) set to %#x: err %v", pos, v, err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("word at %d set to %#x: %v, but LoadFrozen does not read it", pos, v, err)
		}
		if err := f.Verify(); !errors.Is(err, ErrFrozen) {
			t.Errorf("word at %d set to %#x: Verify %v", pos, v, err)
		}
		// Written out, the damage is still found: copied with the loaded checksums,
		// or refused when the index would be rebuilt from it.
		var out bytes.Buffer
		if _, err := f.WriteFrozen(&out, nil); err != nil {
			t.Fatal(err)
		}
		if g, err := LoadFrozen(aligned(out.Bytes()), Options{}); err != nil || !errors.Is(g.Verify(), ErrFrozen) {
			t.Errorf("word at %d set to %#x: copy loads with %v and verifies", pos, v, err)
		}
		if _, err := f.WriteFrozen(&out, func(id uint32) uint32 { return ^id }); !errors.Is(err, ErrFrozen) {
			t.Errorf("word at %d set to %#x: rebuilt and written: %v", pos, v, err)
		}
		exercise(f, texts, queries[trial%len(queries):][:3], trial)
	}
}

// resum recomputes the checksums of a frozen form after its arrays were changed.
func resum(b []byte) {
	var h [frozenWords]uint32
	for i := range h {
		h[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	smallEnd := 4 * (frozenWords + 1<<h[hDirBits] + 1 + 2*int(h[hSlots]))
	keysEnd := smallEnd + 4*(2*int(h[hKeys])+1)
	crc := func(p []byte) uint32 { return crc32.Checksum(p, castagnoli) }
	binary.LittleEndian.PutUint32(b[4*hCRCSmall:], crc(b[4*frozenWords:smallEnd]))
	binary.LittleEndian.PutUint32(b[4*hCRCKeys:], crc(b[smallEnd:keysEnd]))
	binary.LittleEndian.PutUint32(b[4*hCRCBase:], crc(b[keysEnd:]))
	binary.LittleEndian.PutUint32(b[4*hCRCHeader:], crc(b[:4*hCRCHeader]))
}

// exercise runs every operation of the index on f (frozen, ids id*3+1), for the
// panic and write checks: queries, signatures, changes, merges, writing out.
func exercise(f *Index, texts, queries []string, seed int) {
	textOf := func(id uint32) string { return texts[times3.from(id)%uint32(len(texts))] }
	for _, q := range queries {
		f.Candidates(q, 10, nil)
		f.Similar(q, 3, nil, textOf)
	}
	sg := f.Signatures()
	sg.Of(times3.to(uint32(seed % len(texts))))
	f.WriteFrozen(&bytes.Buffer{}, nil)
	f.WriteFrozen(&bytes.Buffer{}, func(id uint32) uint32 { return id + 7 })
	f.Verify()
	f.Remove(times3.to(uint32(seed % len(texts))))
	f.Remove(times3.to(uint32((seed + 1) % len(texts))))
	f.Add(times3.to(uint32((seed+2)%len(texts))), texts[seed%len(texts)])
	f.AddSignature(1<<30, f.Signature(texts[(seed+3)%len(texts)]))
	f.Compact()
	f.compactMin = 0
	f.Remove(times3.to(uint32((seed + 4) % len(texts))))
	f.Compact() // rebuilds on the heap
	for _, q := range queries {
		f.Candidates(q, 10, nil)
	}
	f.Signatures()
	f.WriteFrozen(&bytes.Buffer{}, nil)
	f.Verify()
}

// TestFrozenReadOnly: nothing an index does writes into the buffer it was loaded from.
func TestFrozenReadOnly(t *testing.T) {
	texts := seedTexts(t)
	x, _ := seedIndex(t, Options{})
	b := frozenBytes(t, x, times3.to)
	orig := slices.Clone(b)
	f := loadFrozen(t, b, Options{})
	exercise(f, texts, frozenQueries(texts)[:30], 1)
	if !bytes.Equal(b, orig) {
		t.Fatal("the index wrote into its buffer")
	}
	// Adds only (ext and anchors are copied by append, not written in place), then
	// removals of frozen and added paragraphs, without any merge.
	f = loadFrozen(t, b, Options{})
	for i := range 50 {
		f.Add(times3.to(uint32(len(texts)+i)), texts[i])
	}
	for i := range 100 {
		f.Remove(times3.to(uint32(i * 2)))
	}
	f.Compact()
	if !f.fz.loaded {
		t.Fatal("merged: the test means to check changes without a merge")
	}
	if !bytes.Equal(b, orig) {
		t.Fatal("Add or Remove wrote into the buffer")
	}
	// The check can fail: a frozen slot's anchor count is in the buffer.
	f.fz.keys[0] ^= 1
	if bytes.Equal(b, orig) {
		t.Fatal("the buffer is not what the index reads")
	}
}

// TestFrozenHeap: a loaded frozen index holds a few hundred bytes of heap, whatever its
// size; Add and Remove make it grow by the per-paragraph arrays only.
func TestFrozenHeap(t *testing.T) {
	x, s := seedIndex(t, Options{})
	b := frozenBytes(t, x, nil)
	var f *Index
	alloc := allocated(func() { f, _ = LoadFrozen(b, Options{}) })
	t.Logf("LoadFrozen of %d paragraphs (%d bytes): %d bytes of heap", len(s.paras), len(b), alloc)
	if alloc > 2048 {
		t.Errorf("LoadFrozen allocated %d bytes", alloc)
	}
	alloc = allocated(func() { f.Remove(5) })
	if alloc > int64(len(s.paras)/8+64) {
		t.Errorf("a Remove allocated %d bytes", alloc)
	}
	runtime.KeepAlive(f)
}

// allocated returns the heap bytes fn allocates.
func allocated(fn func()) int64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	fn()
	runtime.ReadMemStats(&b)
	return int64(b.TotalAlloc - a.TotalAlloc)
}

// TestFrozenEmpty: an empty index round-trips.
func TestFrozenEmpty(t *testing.T) {
	x := New(Options{})
	f := loadFrozen(t, frozenBytes(t, x, nil), Options{})
	if f.Len() != 0 || f.Candidates("加强党对职业教育工作的全面领导", 5, nil) != nil {
		t.Fatal("empty frozen index not empty")
	}
	f.Add(3, "加强党对职业教育工作的全面领导")
	f.Add(4, "短")
	if c := f.Candidates("加强党对职业教育工作的全面领导", 5, nil); len(c) != 1 || c[0].ID != 3 || f.Len() != 2 {
		t.Fatalf("after Add: %v, Len %d", c, f.Len())
	}
	g := loadFrozen(t, frozenBytes(t, f, nil), Options{})
	if g.Len() != 2 || len(g.Signatures().Of(4)) != 4 || g.Signatures().Of(5) != nil {
		t.Fatalf("reloaded: Len %d", g.Len())
	}
	g.Remove(4)
	g.Remove(3)
	if g.Len() != 0 || g.Candidates("加强党对职业教育工作的全面领导", 5, nil) != nil {
		t.Fatal("not empty after removing all")
	}
}

// TestFrozenConcurrentReaders: Candidates, Similar, Signatures, Verify and WriteFrozen
// from several goroutines on a frozen index with additions and removals (run with
// -race): all of them are readers.
func TestFrozenConcurrentReaders(t *testing.T) {
	x, s := seedIndex(t, Options{})
	f := loadFrozen(t, frozenBytes(t, x, nil), Options{})
	f.Remove(3)
	f.Add(1000, s.paras[3].Text)
	textOf := func(id uint32) string { return s.paras[id%1000+id/1000*3].Text }
	want := make([]string, len(s.pairs))
	for i, p := range s.pairs {
		want[i] = fmt.Sprint(f.Similar(p.local.Text, 3, nil, textOf))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for r := range 10 {
				i := (g + r) % len(s.pairs)
				if got := fmt.Sprint(f.Similar(s.pairs[i].local.Text, 3, nil, textOf)); got != want[i] {
					t.Errorf("concurrent result differs for pair %d", i)
				}
				switch r % 3 {
				case 0:
					f.Signatures().Of(1000)
				case 1:
					f.WriteFrozen(io.Discard, nil)
				case 2:
					if err := f.Verify(); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
}
