package similar

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/bits"
	"slices"
	"unsafe"
)

// The frozen form. The index package keeps the index in its mmapped table file and uses
// it in place, so that opening an index costs almost no heap: a heap index of the
// lawrefbook corpus holds 67 MB (the keyOf map, keys, base, ext, anchors, slotOf); its
// frozen form is 30 MB of pointer-free arrays (366k paragraphs, 1.73 M anchors, 3.1 M
// postings) read where they lie, and a loaded one allocates 608 bytes in 0.8–1.7 ms.
//
// Layout (all little-endian uint32; b starts 4-byte aligned for use in place):
//
//	header    12 words:
//	            0 magic 0x5a464d53 ("SMFZ")   1 version (frozenVersion)
//	            2 K                           3 Window
//	            4 S  paragraphs (slots)       5 N  distinct anchors (keys)
//	            6 P  postings                 7 D  directory bits (0..24)
//	            8 crc of dir, ext, counts     9 crc of keys, off
//	           10 crc of base                11 crc of words 0..10
//	dir       2^D+1 words: keys[dir[t]:dir[t+1]] are the anchors whose top D bits are t
//	ext       S: slot -> caller id, strictly ascending (slots are numbered in id order)
//	counts    S: slot -> number of anchors (postings) of the paragraph; may be 0
//	keys      N: the distinct anchors, strictly ascending
//	off       N+1: base[off[k]:off[k+1]] are the slots holding keys[k]; off[0] 0, off[N] P
//	base      P: slots, ascending within each key
//
// All crcs are CRC-32C. The small arrays come first: LoadFrozen reads the header, dir,
// ext and counts (8 bytes per paragraph and a directory word per 4–8 anchors: 3.9 MB
// for the corpus) and checks their crc and consistency; it does not touch keys, off or
// base, which a query pages in only where it looks (a directory probe, a binary search
// among the 4–8 anchors of a bucket, two offsets, one run). Verify reads and checks
// those (25 ms for the corpus). A lookup
// tolerates damaged keys, off and base without panicking (a bad offset or slot is
// skipped), so that an unverified file can cost wrong answers but never the process.
//
// Why sorted arrays rather than a hash table: they are the smallest form (4 bytes per
// key for the anchor, 4 for its offset) and need no building at load; the directory on
// the top bits cuts the binary search over 1.7 M keys from 21 probes scattered over
// 7 MB to 3 within one cache line. Candidates is as fast as on the heap index's map
// (BenchmarkCorpusCandidates: 19–21 µs against 18–22 µs per query on a shared machine).
const (
	frozenMagic   = 0x5a464d53
	frozenVersion = 1
	frozenWords   = 12 // header words
	maxDirBits    = 24
)

const (
	hMagic = iota
	hVersion
	hK
	hWindow
	hSlots
	hKeys
	hPostings
	hDirBits
	hCRCSmall
	hCRCKeys
	hCRCBase
	hCRCHeader
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ErrFrozen is returned (wrapped, with the reason) by LoadFrozen for a buffer that is not
// a frozen index of this version, is truncated or damaged, or was written with other K
// or Window options, and by Verify for damage found in the arrays.
var ErrFrozen = errors.New("similar: frozen index unusable")

// frozenPart is the frozen base of an index: keys ascending, off into Index.base.
type frozenPart struct {
	keys, off, dir []uint32
	shift          uint // 32 - directory bits

	// The checksums of keys+off and of base LoadFrozen read, for Verify; none once a
	// merge rebuilt the arrays.
	loaded           bool
	crcKeys, crcBase uint32
}

// lookup returns the slots of anchor h's frozen postings.
func (f *frozenPart) lookup(h uint32, base []uint32) []uint32 {
	t := h >> f.shift
	lo, hi := f.dir[t], f.dir[t+1] // dir is checked at load: lo <= hi <= len(keys)
	keys := f.keys[lo:hi]
	i, n := 0, len(keys)
	for i < n {
		m := int(uint(i+n) >> 1)
		if keys[m] < h {
			i = m + 1
		} else {
			n = m
		}
	}
	if i == len(keys) || keys[i] != h {
		return nil
	}
	k := int(lo) + i
	a, e := f.off[k], f.off[k+1]
	if a > e || int(e) > len(base) {
		return nil // damaged offsets: Verify reports them
	}
	return base[a:e]
}

// frozenSlot returns the frozen slot of id, if id is a live frozen paragraph.
func (x *Index) frozenSlot(id uint32) (uint32, bool) {
	s, ok := searchIDs(x.ext[:x.nF], id)
	if !ok || x.gone != nil && x.gone[s/64]&(1<<(s%64)) != 0 {
		return 0, false
	}
	return s, true
}

// searchIDs finds id in ids, ascending. Ids are usually dense (the index package numbers
// its paragraphs 0..n-1 when it writes its file), so the position id-ids[0] is tried
// first; otherwise a binary search.
func searchIDs(ids []uint32, id uint32) (uint32, bool) {
	if len(ids) == 0 {
		return 0, false
	}
	if g := uint64(id) - uint64(ids[0]); id >= ids[0] && g < uint64(len(ids)) && ids[g] == id {
		return uint32(g), true
	}
	i, ok := slices.BinarySearch(ids, id)
	return uint32(i), ok
}

// frozenArrays is the content of a frozen form, in memory.
type frozenArrays struct {
	dirBits                           uint32
	dir, ext, counts, keys, off, base []uint32
	sums                              *[2]uint32 // crcs of keys+off and base as loaded, if unchanged since
}

// arrays returns the index in frozen form with ids passed through remap (nil: as they
// are). An unchanged frozen index with an increasing remap returns its own arrays (views
// of the caller's memory, never to be written) with only ext remapped; anything else
// is rebuilt on the heap by freeze.
func (x *Index) arrays(remap func(uint32) uint32) (*frozenArrays, error) {
	if f := x.fz; f != nil && len(x.slotOf) == 0 && x.nGone == 0 && len(x.delta) == 0 {
		ext := x.ext[:x.nF:x.nF]
		ok := true
		if remap != nil {
			ext = make([]uint32, x.nF)
			for i, id := range x.ext[:x.nF] {
				ext[i] = remap(id)
				if i > 0 && ext[i] <= ext[i-1] {
					ok = false
					break
				}
			}
		}
		if ok {
			fa := &frozenArrays{dirBits: uint32(32 - f.shift), dir: f.dir, ext: ext,
				counts: x.anchors[:x.nF:x.nF], keys: f.keys, off: f.off, base: x.base}
			if f.loaded {
				fa.sums = &[2]uint32{f.crcKeys, f.crcBase}
			}
			return fa, nil
		}
	}
	return x.freeze(remap)
}

// keyRef is one distinct anchor of the index and where its postings are: frozen key
// fk-1 (0: none) and heap key hk-1 (0: none).
type keyRef struct{ h, fk, hk uint32 }

// sortedKeys returns every key, frozen and heap, ascending by anchor.
func (x *Index) sortedKeys() []keyRef {
	hk := sortAnchors(x.keyOf)
	var fk []uint32
	if x.fz != nil {
		fk = x.fz.keys
	}
	out := make([]keyRef, 0, len(fk)+len(hk))
	i, j := 0, 0
	for i < len(fk) || j < len(hk) {
		var hh uint32
		if j < len(hk) {
			hh = uint32(hk[j] >> 32)
		}
		switch {
		case j == len(hk) || i < len(fk) && fk[i] < hh:
			out = append(out, keyRef{h: fk[i], fk: uint32(i) + 1})
			i++
		case i == len(fk) || hh < fk[i]:
			out = append(out, keyRef{h: hh, hk: uint32(hk[j]) + 1})
			j++
		default:
			out = append(out, keyRef{h: fk[i], fk: uint32(i) + 1, hk: uint32(hk[j]) + 1})
			i++
			j++
		}
	}
	return out
}

// sortAnchors returns the entries of keyOf as anchor<<32 | key, ascending. Anchors are
// hash values, spread evenly: a counting sort on their top 16 bits leaves buckets of a
// few dozen to sort (for 1.7 M keys, 0.04 s against 0.13 s for slices.Sort).
func sortAnchors(keyOf map[uint32]uint32) []uint64 {
	const shift = 16
	var start [1<<(32-shift) + 1]uint32
	for h := range keyOf {
		start[h>>shift+1]++
	}
	for t := 1; t < len(start); t++ {
		start[t] += start[t-1]
	}
	out := make([]uint64, len(keyOf))
	fill := start
	for h, k := range keyOf {
		out[fill[h>>shift]] = uint64(h)<<32 | uint64(k)
		fill[h>>shift]++
	}
	for t := 0; t+1 < len(start); t++ {
		slices.Sort(out[start[t]:start[t+1]])
	}
	return out
}

// lookupKey returns the slots of frozen key k, nothing for damaged offsets.
func (f *frozenPart) lookupKey(k int, base []uint32) []uint32 {
	a, e := f.off[k], f.off[k+1]
	if a > e || int(e) > len(base) {
		return nil
	}
	return base[a:e]
}

// freeze builds the frozen form of the index on the heap: live paragraphs only, slots
// renumbered in the order of their remapped ids, each key's slots ascending, keys
// without live postings dropped. Damaged frozen postings (slots out of range, repeated
// slots) are dropped, so its result is always consistent.
//
// The postings are read in the order they are stored (frozen keys, heap keys, delta),
// each written to its key's place in the output: visiting the keys in anchor order
// instead would cost a cache miss per key on each array (1.1 s for the corpus, against
// 0.3 s).
func (x *Index) freeze(remap func(uint32) uint32) (*frozenArrays, error) {
	live := make([]uint64, 0, x.Len()) // new id<<32 | old slot
	for s, id := range x.ext {
		if x.slotLive(uint32(s)) {
			if remap != nil {
				id = remap(id)
			}
			live = append(live, uint64(id)<<32|uint64(s))
		}
	}
	slices.Sort(live)
	newSlot := make([]uint32, len(x.ext))
	for i := range newSlot {
		newSlot[i] = deadSlot
	}
	fa := &frozenArrays{ext: make([]uint32, len(live)), counts: make([]uint32, len(live))}
	var err error
	for i, l := range live {
		id := uint32(l >> 32)
		if i > 0 && id == fa.ext[i-1] && err == nil {
			err = fmt.Errorf("similar: WriteFrozen: remap gives two paragraphs the id %d", id)
		}
		newSlot[uint32(l)] = uint32(i)
		fa.ext[i] = id
	}
	mapSlot := func(s uint32) uint32 {
		if int(s) >= len(newSlot) {
			return deadSlot
		}
		return newSlot[s]
	}
	var fkeys []uint32
	if x.fz != nil {
		fkeys = x.fz.keys
	}
	// Live postings per frozen key and per heap key: the next free place of the key's
	// run in the output, once the runs are laid out.
	fpos := make([]uint32, len(fkeys))
	for k := range fkeys {
		fpos[k] = countLive(x.fz.lookupKey(k, x.base), mapSlot)
	}
	hpos := x.liveCounts(mapSlot)
	// Runs in anchor order: a key's frozen postings, then its heap ones.
	refs := x.sortedKeys()
	fa.keys = make([]uint32, 0, len(refs))
	fa.off = make([]uint32, 1, len(refs)+1)
	total := uint64(0)
	for _, r := range refs {
		start, n := total, uint64(0)
		if r.fk != 0 {
			c := fpos[r.fk-1]
			fpos[r.fk-1] = uint32(start)
			n += uint64(c)
		}
		if r.hk != 0 {
			c := hpos[r.hk-1]
			hpos[r.hk-1] = uint32(start + n)
			n += uint64(c)
		}
		if n == 0 {
			continue
		}
		total += n
		if total > math.MaxUint32 {
			return nil, fmt.Errorf("similar: %d postings do not fit the frozen form", total)
		}
		fa.keys = append(fa.keys, r.h)
		fa.off = append(fa.off, uint32(total))
	}
	base := make([]uint32, total)
	for k := range fkeys {
		for _, s := range x.fz.lookupKey(k, x.base) {
			if ns := mapSlot(s); ns != deadSlot {
				base[fpos[k]] = ns
				fpos[k]++
			}
		}
	}
	for k, ki := range x.keys {
		for _, s := range x.base[ki.off : ki.off+ki.n] {
			if ns := mapSlot(s); ns != deadSlot {
				base[hpos[k]] = ns
				hpos[k]++
			}
		}
	}
	for _, d := range x.delta {
		if ns := mapSlot(d.slot); ns != deadSlot {
			base[hpos[d.key]] = ns
			hpos[d.key]++
		}
	}
	// Each run ascending and without repeats (only damaged frozen runs repeat a slot:
	// the run then shrinks, and the rest moves up); count each slot's anchors.
	w := uint32(0)
	for k := range fa.keys {
		run := base[fa.off[k]:fa.off[k+1]]
		slices.Sort(run)
		run = slices.Compact(run)
		for _, s := range run {
			fa.counts[s]++
		}
		fa.off[k] = w
		w += uint32(copy(base[w:], run))
	}
	fa.off[len(fa.keys)] = w
	fa.base = base[:w:w]
	fa.dirBits = dirBitsFor(len(fa.keys))
	fa.dir = buildDir(fa.keys, fa.dirBits)
	return fa, err
}

// slotLive says whether slot s holds a paragraph of the index.
func (x *Index) slotLive(s uint32) bool {
	if int(s) < x.nF {
		return x.gone == nil || x.gone[s/64]&(1<<(s%64)) == 0
	}
	cur, ok := x.slotOf[x.ext[s]]
	return ok && cur == s
}

// dirBitsFor chooses the directory size for n keys: about 4 to 8 keys per bucket, so a
// lookup's binary search stays within one or two cache lines.
func dirBitsFor(n int) uint32 {
	b := bits.Len(uint(n))
	if b <= 3 {
		return 0
	}
	return uint32(min(b-3, maxDirBits))
}

// buildDir returns dir with keys[dir[t]:dir[t+1]] the keys whose top dirBits bits are t.
// It needs keys ascending to be right, and is monotone and within bounds regardless.
func buildDir(keys []uint32, dirBits uint32) []uint32 {
	shift := 32 - uint(dirBits)
	nb := 1 << dirBits
	dir := make([]uint32, nb+1)
	i := 0
	for t := 0; t <= nb; t++ {
		for i < len(keys) && int(keys[i]>>shift) < t {
			i++
		}
		dir[t] = uint32(i)
	}
	dir[nb] = uint32(len(keys))
	return dir
}

// refreeze is merge for a frozen index: it rebuilds the frozen arrays on the heap from
// the frozen ones and the recent additions, without removed paragraphs (slots in id
// order, as always in the frozen part), and drops the caller's buffer.
func (x *Index) refreeze() {
	fa, _ := x.freeze(nil) // ids are distinct: no error
	x.install(fa)
}

// install makes fa the index's frozen part, with nothing added or removed since.
func (x *Index) install(fa *frozenArrays) {
	x.fz = &frozenPart{keys: fa.keys, off: fa.off, dir: fa.dir, shift: 32 - uint(fa.dirBits)}
	x.base = fa.base
	x.ext, x.anchors = fa.ext, fa.counts
	x.nF = len(fa.ext)
	x.gone, x.nGone = nil, 0
	x.keyOf, x.slotOf = make(map[uint32]uint32), make(map[uint32]uint32)
	x.keys, x.delta = nil, nil
	x.live, x.dead = len(fa.base), 0
}

// header returns the header of fa written with opts, checksums included.
func (fa *frozenArrays) header(opts Options) []byte {
	crc := crcOf
	var h [frozenWords]uint32
	h[hMagic], h[hVersion] = frozenMagic, frozenVersion
	h[hK], h[hWindow] = uint32(opts.K), uint32(opts.Window)
	h[hSlots], h[hKeys], h[hPostings] = uint32(len(fa.ext)), uint32(len(fa.keys)), uint32(len(fa.base))
	h[hDirBits] = fa.dirBits
	h[hCRCSmall] = crc(fa.dir, fa.ext, fa.counts)
	if fa.sums != nil {
		// Arrays as loaded: their checksums as loaded, so that damage LoadFrozen did
		// not look for stays detectable in the copy.
		h[hCRCKeys], h[hCRCBase] = fa.sums[0], fa.sums[1]
	} else {
		h[hCRCKeys] = crc(fa.keys, fa.off)
		h[hCRCBase] = crc(fa.base)
	}
	out := make([]byte, 4*frozenWords)
	for i, v := range h {
		binary.LittleEndian.PutUint32(out[4*i:], v)
	}
	binary.LittleEndian.PutUint32(out[4*hCRCHeader:], crc32.Checksum(out[:4*hCRCHeader], castagnoli))
	return out
}

// WriteFrozen writes the index, compacted, in the frozen form LoadFrozen reads, with every
// paragraph id passed through remap (the caller renumbers its ids when it writes its
// file; every id in the index must map, to distinct ids; nil keeps them). Returns bytes
// written: 4·(12 + 2^D+1 + 2·paragraphs + 2·anchors+1 + postings), D the directory bits.
//
// It does not change the index, so it may run beside readers (not beside writers). An
// unchanged frozen index with an increasing remap is written straight from its arrays;
// otherwise the frozen form is first built on the heap for the time of the call (for the
// corpus: 73 MB allocated and 0.25–0.35 s from a heap index, 0.07 s from a changed
// frozen one). It fails, having written nothing, when remap gives two paragraphs one
// id, and with ErrFrozen when the frozen arrays it would rebuild from fail their
// checksums (see Verify); written straight from its arrays, a loaded index passes on
// their checksums as loaded, so damage stays detectable in the copy. Candidates breaks ties of score by id, so with a remap that is not
// increasing, a limit can cut a tie differently on the loaded index than on this one.
func (x *Index) WriteFrozen(w io.Writer, remap func(id uint32) uint32) (int64, error) {
	fa, err := x.arrays(remap)
	if err != nil {
		return 0, err
	}
	if fa.sums == nil && x.fz != nil && x.fz.loaded {
		// Rebuilt from arrays loaded but never checked: new checksums would vouch for
		// whatever damage they hold.
		if err := x.verifySums(); err != nil {
			return 0, err
		}
	}
	var written int64
	write := func(p []byte) {
		if err == nil {
			var n int
			n, err = w.Write(p)
			written += int64(n)
		}
	}
	write(fa.header(x.opts))
	for _, a := range [][]uint32{fa.dir, fa.ext, fa.counts, fa.keys, fa.off, fa.base} {
		eachChunk(a, write)
	}
	return written, err
}

// LoadFrozen returns an index that uses b in place. b must stay valid and unchanged for
// the index's life, and is never written (it may be a read-only mapping). opts must have
// the K and Window the index was written with, defaults filled in; MaxPostings and
// MinSimilarity are query-time settings and are taken from opts.
//
// b must be exactly what WriteFrozen wrote. When it starts 4-byte aligned (and the
// machine is little-endian) the arrays are used where they lie and the index holds
// almost no heap: a few hundred bytes, plus 8 bytes per paragraph once Add or
// AddSignature copies ext and the anchor counts, and a bit per paragraph at the first
// Remove. Otherwise b is copied to the heap first.
//
// The header, directory and per-paragraph arrays are checked (checksum and
// consistency); the anchors, offsets and postings are not read (Verify checks them). A
// truncated, damaged or other-version b, or one of other options, fails with ErrFrozen.
func LoadFrozen(b []byte, opts Options) (*Index, error) {
	opts = opts.withDefaults()
	bad := func(format string, a ...any) (*Index, error) {
		return nil, fmt.Errorf("%w: "+format, append([]any{ErrFrozen}, a...)...)
	}
	if len(b) < 4*frozenWords {
		return bad("%d bytes, shorter than the header", len(b))
	}
	var h [frozenWords]uint32
	for i := range h {
		h[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	switch {
	case h[hMagic] != frozenMagic:
		return bad("not a frozen index")
	case h[hVersion] != frozenVersion:
		return bad("format version %d, this program reads %d", h[hVersion], frozenVersion)
	case crc32.Checksum(b[:4*hCRCHeader], castagnoli) != h[hCRCHeader]:
		return bad("header checksum mismatch")
	case int(h[hK]) != opts.K || int(h[hWindow]) != opts.Window:
		return bad("written with K %d Window %d, opened with K %d Window %d", h[hK], h[hWindow], opts.K, opts.Window)
	case h[hDirBits] > maxDirBits:
		return bad("directory of %d bits", h[hDirBits])
	case h[hKeys] > h[hPostings]:
		return bad("%d anchors for %d postings", h[hKeys], h[hPostings])
	}
	nS, nK, nP := uint64(h[hSlots]), uint64(h[hKeys]), uint64(h[hPostings])
	nDir := uint64(1)<<h[hDirBits] + 1
	words := frozenWords + nDir + 2*nS + 2*nK + 1 + nP
	if uint64(len(b)) != 4*words {
		return bad("%d bytes, the header says %d", len(b), 4*words)
	}
	small := b[4*frozenWords : 4*(frozenWords+nDir+2*nS)]
	if crc32.Checksum(small, castagnoli) != h[hCRCSmall] {
		return bad("directory or paragraph arrays damaged (checksum mismatch)")
	}
	all := u32s(b)
	at := uint64(frozenWords)
	next := func(n uint64) []uint32 {
		a := all[at : at+n : at+n] // capacity = length: an append never writes into b
		at += n
		return a
	}
	dir, ext, counts, keys, off, base := next(nDir), next(nS), next(nS), next(nK), next(nK+1), next(nP)

	if dir[0] != 0 || dir[nDir-1] != uint32(nK) {
		return bad("directory does not span the anchors")
	}
	for t := 1; t < len(dir); t++ {
		if dir[t] < dir[t-1] {
			return bad("directory not ascending at %d", t)
		}
	}
	sum := uint64(0)
	for i, id := range ext {
		if i > 0 && id <= ext[i-1] {
			return bad("paragraph ids not ascending at slot %d", i)
		}
		sum += uint64(counts[i])
	}
	if sum != nP {
		return bad("anchor counts add up to %d, not the %d postings", sum, nP)
	}

	x := &Index{opts: opts}
	x.install(&frozenArrays{dirBits: h[hDirBits], dir: dir, ext: ext, counts: counts, keys: keys, off: off, base: base})
	x.compactMin = mergeMin
	x.fz.loaded, x.fz.crcKeys, x.fz.crcBase = true, h[hCRCKeys], h[hCRCBase]
	return x, nil
}

// Verify checks the frozen arrays LoadFrozen did not read: the checksums of the anchors,
// offsets and postings (until a merge rebuilds the arrays), and
// their consistency — anchors ascending and in their directory buckets, offsets
// ascending, each anchor's slots ascending and in range, and the postings of each
// paragraph as many as its anchor count. It reads the whole buffer (25 ms for the
// lawrefbook corpus). A heap index has nothing to verify. It is a reader: it may run
// beside Candidates.
func (x *Index) Verify() error {
	f := x.fz
	if f == nil {
		return nil
	}
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrFrozen}, a...)...)
	}
	if err := x.verifySums(); err != nil {
		return err
	}
	for t := 0; t+1 < len(f.dir); t++ {
		for k := f.dir[t]; k < f.dir[t+1]; k++ {
			if int(f.keys[k]>>f.shift) != t {
				return bad("anchor %d outside its directory bucket", k)
			}
			if k > 0 && f.keys[k] <= f.keys[k-1] {
				return bad("anchors not ascending at %d", k)
			}
		}
	}
	if len(f.off) != len(f.keys)+1 || f.off[0] != 0 || int(f.off[len(f.keys)]) != len(x.base) {
		return bad("offsets do not span the postings")
	}
	seen := make([]uint32, x.nF)
	for k := range f.keys {
		lo, hi := f.off[k], f.off[k+1]
		if lo >= hi || int(hi) > len(x.base) {
			return bad("anchor %d: postings %d to %d", k, lo, hi)
		}
		run := x.base[lo:hi]
		for i, s := range run {
			if int(s) >= x.nF || i > 0 && s <= run[i-1] {
				return bad("postings of anchor %d out of range or not ascending", k)
			}
			seen[s]++
		}
	}
	for s, n := range seen {
		if n != x.anchors[s] {
			return bad("paragraph slot %d: %d postings, anchor count %d", s, n, x.anchors[s])
		}
	}
	return nil
}

// crcOf returns the CRC-32C of arrays, little-endian, one after the other.
func crcOf(arrays ...[]uint32) uint32 {
	c := uint32(0)
	for _, a := range arrays {
		eachChunk(a, func(p []byte) { c = crc32.Update(c, castagnoli, p) })
	}
	return c
}

// verifySums checks the crcs of the frozen arrays LoadFrozen did not read, while they
// are the ones it loaded.
func (x *Index) verifySums() error {
	if f := x.fz; f != nil && f.loaded {
		if crcOf(f.keys, f.off) != f.crcKeys {
			return fmt.Errorf("%w: anchors or offsets damaged (checksum mismatch)", ErrFrozen)
		}
		if crcOf(x.base) != f.crcBase {
			return fmt.Errorf("%w: postings damaged (checksum mismatch)", ErrFrozen)
		}
	}
	return nil
}

// littleEndian says whether uint32 arrays in memory are in the frozen form's byte order.
var littleEndian = func() bool {
	v := uint16(1)
	return *(*byte)(unsafe.Pointer(&v)) == 1
}()

// u32s returns b as uint32 words: b itself when it is 4-byte aligned on a little-endian
// machine, a decoded copy otherwise. len(b) is a multiple of 4.
func u32s(b []byte) []uint32 {
	n := len(b) / 4
	if n == 0 {
		return nil
	}
	p := unsafe.Pointer(unsafe.SliceData(b))
	if littleEndian && uintptr(p)%4 == 0 {
		return unsafe.Slice((*uint32)(p), n)
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return out
}

// eachChunk calls f with a in little-endian bytes: a itself on a little-endian machine,
// encoded pieces otherwise.
func eachChunk(a []uint32, f func([]byte)) {
	if len(a) == 0 {
		return
	}
	if littleEndian {
		f(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(a))), 4*len(a)))
		return
	}
	buf := make([]byte, 0, 1<<16)
	for len(a) > 0 {
		n := min(len(a), cap(buf)/4)
		buf = buf[:0]
		for _, v := range a[:n] {
			buf = binary.LittleEndian.AppendUint32(buf, v)
		}
		f(buf)
		a = a[n:]
	}
}
