package similar

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Options tune the candidate index. The zero value of a field means its default.
//
// The defaults were chosen on the lawrefbook corpus (365k lines, 54 MB) with
// TestCorpusQuotes: a seed paragraph with a passage of a random corpus line inserted,
// recall@5 of that line among 365k (150 queries per cell, so ±2 points), and
// BenchmarkCorpus. With Window 8:
//
//	K   quote of 12 / 16 / 20 chars   postings  keys    heap   Candidates p50  Similar p50
//	5        75% / 91% / 97%          3.2 M     1.2 M   62 MB  19 µs           93 µs
//	6        84% / 94% / 97%          3.2 M     1.5 M   67 MB  13 µs           —
//	7        81% / 99% / 100%         3.1 M     1.7 M   67 MB   7 µs           47 µs
//	8        75% / 94% / 99%          3.0 M     1.9 M   93 MB   7 µs           30 µs
//
// and K 7 with Window 6 (a 12-character guarantee): 95% / 98% / 99%, but 4.1 M postings and
// 107 MB. Quotes of 30 and 60 characters, with or without an edit, are found at 96–100%
// by all of them.
type Options struct {
	// K is the shingle length in skeleton characters (default 7, at most 64). Shorter
	// shingles are set phrases shared by thousands of paragraphs (职业教育体系, 人民代表大会);
	// such anchors find everything and so rank the real source below noise: K 5 loses
	// 8 points of recall on 16-character quotes against K 7. Longer ones need more
	// characters between two edits of a copied clause.
	K int
	// Window is the winnowing window in shingles (default 8, at most 255). One anchor is
	// kept in every Window consecutive shingles, so any common passage of at least
	// K+Window-1 characters (14 with the defaults) yields at least one anchor in both
	// texts: the recall guarantee. About 2/(Window+1) of the shingles become anchors, so a
	// smaller window costs memory in proportion.
	Window int
	// MaxPostings is the number of paragraphs above which an anchor is ignored at query
	// time (default 20000). Such an anchor is a formula repeated everywhere (中华人民共和国,
	// 人民代表大会常务委员会); reading its posting list costs more than all the other
	// anchors of the query together and adds only noise to the scores. A real precedent
	// shares other anchors too (lowering it to 2000 changed recall by 1–2 points).
	MaxPostings int
	// MinSimilarity is the Similarity below which Similar drops a paragraph (default
	// DefaultMinSimilarity; a negative value keeps everything that shares a passage).
	MinSimilarity float64
}

const (
	defaultK           = 7
	defaultWindow      = 8
	defaultMaxPostings = 20000
)

func (o Options) withDefaults() Options {
	if o.K <= 0 {
		o.K = defaultK
	}
	o.K = min(o.K, 64)
	if o.Window <= 0 {
		o.Window = defaultWindow
	}
	o.Window = min(o.Window, 255)
	if o.MaxPostings <= 0 {
		o.MaxPostings = defaultMaxPostings
	}
	if o.MinSimilarity == 0 {
		o.MinSimilarity = DefaultMinSimilarity
	}
	return o
}

// Index finds, for a text, the indexed paragraphs that probably share passages with it.
//
// It is an inverted index of anchors: winnowed K-character shingles of each paragraph's
// skeleton (see Options). Why anchors and not MinHash with LSH banding: MinHash estimates
// Jaccard similarity, and a precedent is usually a matter of containment — a 300-character
// local measure quoting one 60-character national clause has a Jaccard similarity near
// 0.2, where a banding scheme tuned to catch it also floods the results with paragraphs
// that merely discuss the same topic. Winnowing instead guarantees that any shared passage
// of K+Window-1 characters or more produces a shared anchor, whatever else either text
// holds, so recall does not depend on the lengths of the texts; the count of shared
// anchors then estimates the number of shared characters.
//
// Concurrency: an Index holds no lock. Any number of goroutines may call Candidates,
// Similar, Signature, Signatures, Len, WriteFrozen and Verify at once, as long as no Add,
// AddSignature, Remove or Compact runs at the same time; writers must be serialised
// with each other and with readers. A frozen index (LoadFrozen) follows the same rules.
// The index package, the one caller, already does exactly that under its own RWMutex, so
// a second lock here would only add cost.
//
// Layout. Each distinct anchor has a key number (keyOf) and a keyInfo. Its postings (the
// slots of the paragraphs that hold it) live in two places: a run of base, a compressed
// sparse row array where every anchor's postings are contiguous, and a singly linked list
// through delta, for postings added since base was last rebuilt. Reading a contiguous
// run costs one cache miss per 16 postings; walking a linked list costs one per posting,
// which on the 54 MB corpus made the p99 of Candidates 10× slower (3.8 ms against
// 0.35 ms, measured with K 5), because common anchors have lists thousands long. So
// delta is merged into base once it holds half as many postings as base (amortised:
// each posting is copied O(1) times on average), and Compact merges at once, for
// callers that finished a bulk load. All arrays are pointer-free, so the garbage
// collector never scans them.
//
// A frozen index (LoadFrozen, see frozen.go) keeps its base postings in sorted arrays
// instead (fz: anchors ascending, offsets into base), usually read in place from the
// caller's memory; keyOf, keys and delta then hold only what was added since, and its
// first nF slots are the frozen ones, found by id with a binary search of ext[:nF]
// rather than through slotOf.
type Index struct {
	opts Options

	keyOf map[uint32]uint32 // anchor -> key
	keys  []keyInfo         // key -> where its postings are
	base  []uint32          // slots, grouped by key; keys[k].off, keys[k].n
	delta []deltaPosting    // postings added since the last merge, linked per key

	// Slots: internal numbers of added paragraphs, not reused until a merge, so that a
	// removed paragraph's postings can stay in the lists (skipped as dead) until the
	// next merge drops them, and a caller id can be added again right after removal.
	ext     []uint32          // slot -> caller id
	anchors []uint32          // slot -> number of anchors; 0: removed (or no anchors)
	slotOf  map[uint32]uint32 // caller id -> slot
	live    int               // postings of live slots
	dead    int               // postings of removed slots still in base or delta

	// Frozen part; fz is nil for an index made by New. The arrays of fz, base and the
	// first nF entries of ext and anchors may be the caller's read-only memory: they are
	// never written, only replaced (append copies them: their capacity is their length).
	fz         *frozenPart
	nF         int      // slots 0..nF-1 are frozen: ext[:nF] ascending, not in slotOf
	gone       []uint64 // bit per frozen slot: removed (made at the first removal)
	nGone      int      // frozen slots removed
	compactMin int      // Compact merges a frozen index only from this many delta+dead postings

	buf    anchorBuf // Add's scratch (writers are serialised)
	scores sync.Pool // *scoreBuf, Candidates' scratch
}

type keyInfo struct {
	off, n uint32 // base[off:off+n]
	head   uint32 // index+1 into delta of the newest delta posting; 0: none
	dn     uint32 // postings in the delta list
}

type deltaPosting struct {
	slot, key uint32
	next      uint32 // index+1 of the next (older) delta posting of the same key; 0: end
}

// New returns an empty index.
func New(opts Options) *Index {
	opts = opts.withDefaults()
	return &Index{
		opts:   opts,
		keyOf:  make(map[uint32]uint32),
		slotOf: make(map[uint32]uint32),
	}
}

// Options returns the options in effect, defaults filled in.
func (x *Index) Options() Options { return x.opts }

// Len returns the number of paragraphs in the index.
func (x *Index) Len() int { return len(x.slotOf) + x.nF - x.nGone }

// Add indexes text as paragraph id, replacing what id held before. A text with fewer than
// K letters and digits has no anchors: it is remembered (Len counts it) but never found.
func (x *Index) Add(id uint32, text string) {
	a := x.buf.compute(text, x.opts.K, x.opts.Window)
	x.add(id, a)
}

// Remove drops paragraph id; an id not in the index is ignored. Its postings are dropped
// at the next merge, which Remove starts itself once dead postings are as many as live
// ones, so memory stays within 2× of what the live paragraphs need.
func (x *Index) Remove(id uint32) {
	var n int
	if slot, ok := x.slotOf[id]; ok {
		delete(x.slotOf, id)
		n = int(x.anchors[slot])
		x.anchors[slot] = 0 // not a frozen slot: anchors is past nF, so the Index's own
	} else if slot, ok := x.frozenSlot(id); ok {
		n = int(x.anchors[slot]) // may be the caller's memory: mark gone instead
		if x.gone == nil {
			x.gone = make([]uint64, (x.nF+63)/64)
		}
		x.gone[slot/64] |= 1 << (slot % 64)
		x.nGone++
	} else {
		return
	}
	x.live -= n
	x.dead += n
	if x.dead > 1024 && x.dead >= x.live {
		x.merge()
	}
}

// Compact merges recent additions into the contiguous posting array and drops removed
// paragraphs. Call it after a bulk load; it takes about 0.1 s per million postings.
//
// On a frozen index (LoadFrozen) it merges only when additions and removals since the
// load or the last merge reach 65536 postings (about 7000 paragraphs): a merge rebuilds
// the frozen arrays on the heap, which is what a frozen index exists to avoid, and
// fewer recent postings than that cost a query little.
func (x *Index) Compact() {
	if x.fz != nil && len(x.delta)+x.dead < x.compactMin {
		return
	}
	if len(x.delta) > 0 || x.dead > 0 {
		x.merge()
	}
}

func (x *Index) add(id uint32, anchors []uint32) {
	x.Remove(id)
	slot := uint32(len(x.ext))
	x.ext = append(x.ext, id)
	x.anchors = append(x.anchors, uint32(len(anchors)))
	x.slotOf[id] = slot
	x.live += len(anchors)
	for _, h := range anchors {
		k, ok := x.keyOf[h]
		if !ok {
			k = uint32(len(x.keys))
			x.keyOf[h] = k
			x.keys = append(x.keys, keyInfo{})
		}
		ki := &x.keys[k]
		x.delta = append(x.delta, deltaPosting{slot: slot, key: k, next: ki.head})
		ki.head = uint32(len(x.delta))
		ki.dn++
	}
	if len(x.delta) >= mergeMin && len(x.delta) >= len(x.base)/2 {
		x.merge()
	}
}

// mergeMin is the fewest delta postings worth a merge: below it, lists are short and
// the merge's pass over all keys would cost more than it saves.
const mergeMin = 1 << 16

// merge rebuilds base from base and delta without removed paragraphs, renumbering slots
// when some were removed. Cost: sequential passes over base, delta and keys, and one
// scattered write per delta posting; no pointer chasing.
func (x *Index) merge() {
	if x.fz != nil {
		x.refreeze()
		return
	}
	// Slot renumbering, only when removals left dead slots.
	var newSlot []uint32
	if x.dead > 0 || len(x.slotOf) < len(x.ext) {
		newSlot = make([]uint32, len(x.ext))
		ext := make([]uint32, 0, len(x.slotOf))
		anchors := make([]uint32, 0, len(x.slotOf))
		for s := range x.ext {
			if cur, ok := x.slotOf[x.ext[s]]; !ok || cur != uint32(s) {
				newSlot[s] = deadSlot
				continue
			}
			newSlot[s] = uint32(len(ext))
			x.slotOf[x.ext[s]] = uint32(len(ext))
			ext = append(ext, x.ext[s])
			anchors = append(anchors, x.anchors[s])
		}
		x.ext, x.anchors = ext, anchors
	}
	mapSlot := func(s uint32) uint32 {
		if newSlot == nil {
			return s
		}
		return newSlot[s]
	}
	// New counts per key: live base postings, then live delta postings.
	counts := x.liveCounts(mapSlot)
	// Offsets, then fill: each key's old base run first, then its delta postings in
	// insertion order.
	base := make([]uint32, x.live)
	off := uint32(0)
	for k := range x.keys {
		ki := &x.keys[k]
		old := x.base[ki.off : ki.off+ki.n]
		ki.off, ki.n, ki.head, ki.dn = off, 0, 0, 0
		for _, s := range old {
			if s = mapSlot(s); s != deadSlot {
				base[off+ki.n] = s
				ki.n++
			}
		}
		off += counts[k]
	}
	for _, d := range x.delta {
		if s := mapSlot(d.slot); s != deadSlot {
			ki := &x.keys[d.key]
			base[ki.off+ki.n] = s
			ki.n++
		}
	}
	x.base = base
	x.delta = nil // a bulk load's delta can be as large as base: give it back
	x.dead = 0
	// Keys whose postings all went stay mapped (their runs are empty) until they are a
	// quarter of all keys; then the key table is rebuilt without them.
	empty := 0
	for _, c := range counts {
		if c == 0 {
			empty++
		}
	}
	if empty > len(x.keys)/4 {
		x.dropEmptyKeys()
	}
}

// liveCounts is, for each heap key, how many of its postings (in base and in delta)
// mapSlot keeps: the length of its run after a merge or a write.
func (x *Index) liveCounts(mapSlot func(uint32) uint32) []uint32 {
	counts := make([]uint32, len(x.keys))
	for k, ki := range x.keys {
		counts[k] = countLive(x.base[ki.off:ki.off+ki.n], mapSlot)
	}
	for _, d := range x.delta {
		if mapSlot(d.slot) != deadSlot {
			counts[d.key]++
		}
	}
	return counts
}

// countLive is how many of slots mapSlot keeps.
func countLive(slots []uint32, mapSlot func(uint32) uint32) uint32 {
	n := uint32(0)
	for _, s := range slots {
		if mapSlot(s) != deadSlot {
			n++
		}
	}
	return n
}

const deadSlot = ^uint32(0)

// dropEmptyKeys renumbers keys without those that have no postings.
func (x *Index) dropEmptyKeys() {
	renum := make([]uint32, len(x.keys))
	keys := x.keys[:0]
	for k, ki := range x.keys {
		if ki.n == 0 && ki.dn == 0 {
			renum[k] = deadSlot
			continue
		}
		renum[k] = uint32(len(keys))
		keys = append(keys, ki)
	}
	for h, k := range x.keyOf {
		if renum[k] == deadSlot {
			delete(x.keyOf, h)
		} else {
			x.keyOf[h] = renum[k]
		}
	}
	x.keys = slices.Clip(keys)
}

// Candidate is an indexed paragraph that probably shares passages with the query.
type Candidate struct {
	ID uint32 `json:"id"`
	// Score estimates Compare's Similarity from the anchors: 2·shared/(query+candidate)
	// anchors, a Dice coefficient over anchors. It orders candidates for re-ranking;
	// Compare gives the exact value. Of the pairs of seed paragraphs from different
	// documents that share no passage of MinPassage characters, 99.9% share no anchor at
	// all (TestThresholds).
	Score float64 `json:"score"`
	// Shared is the number of anchors the two texts share.
	Shared int `json:"shared"`
}

// Candidates returns up to limit indexed paragraphs that share anchors with text, best
// first (score, then shared anchors, then id). keep, when not nil, filters ids before
// they compete for the limit: the caller passes "not the same document" so that a
// paragraph's own neighbours, which share its document's boilerplate, do not crowd out
// the precedents. A paragraph of the index that is itself the query is returned too
// (score 1) unless keep drops it.
func (x *Index) Candidates(text string, limit int, keep func(id uint32) bool) []Candidate {
	if limit <= 0 || x.Len() == 0 {
		return nil
	}
	sb := x.scoreBuf()
	defer x.scores.Put(sb)
	q := sb.anchors.compute(text, x.opts.K, x.opts.Window)
	if len(q) == 0 {
		return nil
	}
	if len(q) > math.MaxUint16 {
		// Counters are 16-bit. Texts this long (a whole book pasted) are matched on a
		// pseudo-random sample of their anchors: q is sorted by hash value.
		q = q[:math.MaxUint16]
	}
	counts := sb.counts
	touched := sb.touched[:0]
	maxN := uint32(x.opts.MaxPostings)
	fz := x.fz
	for _, h := range q {
		// The base run is the frozen key's in a frozen index, the heap key's otherwise;
		// delta postings are always the heap key's.
		var run []uint32
		var ki keyInfo
		if fz != nil {
			run = fz.lookup(h, x.base)
		}
		if len(x.keyOf) > 0 {
			if k, ok := x.keyOf[h]; ok {
				ki = x.keys[k]
				if ki.n > 0 {
					run = x.base[ki.off : ki.off+ki.n]
				}
			}
		}
		if len(run) == 0 && ki.dn == 0 || uint32(len(run))+ki.dn > maxN {
			continue
		}
		for _, s := range run {
			if int(s) >= len(counts) {
				continue // a damaged frozen posting (Verify reports it)
			}
			if counts[s] == 0 {
				touched = append(touched, s)
			}
			counts[s]++
		}
		for p := ki.head; p != 0; {
			d := &x.delta[p-1]
			if counts[d.slot] == 0 {
				touched = append(touched, d.slot)
			}
			counts[d.slot]++
			p = d.next
		}
	}
	top := make([]Candidate, 0, min(limit, len(touched)))
	nq := float64(len(q))
	for _, s := range touched {
		c := counts[s]
		counts[s] = 0
		if int(s) >= len(x.anchors) {
			continue // a damaged frozen posting
		}
		n := x.anchors[s]
		if n == 0 || x.gone != nil && int(s) < x.nF && x.gone[s/64]&(1<<(s%64)) != 0 {
			continue // removed
		}
		id := x.ext[s]
		if keep != nil && !keep(id) {
			continue
		}
		cand := Candidate{ID: id, Score: 2 * float64(c) / (nq + float64(n)), Shared: int(c)}
		if len(top) < limit {
			top = append(top, cand)
			if len(top) == limit {
				slices.SortFunc(top, compareCandidates)
			}
			continue
		}
		if compareCandidates(cand, top[limit-1]) >= 0 {
			continue
		}
		// Insert in order; limit is small (tens), so a shift beats a heap.
		i, _ := slices.BinarySearchFunc(top, cand, compareCandidates)
		copy(top[i+1:], top[i:limit-1])
		top[i] = cand
	}
	sb.touched = touched[:0]
	slices.SortFunc(top, compareCandidates)
	return top
}

func compareCandidates(a, b Candidate) int {
	switch {
	case a.Score != b.Score:
		if a.Score > b.Score {
			return -1
		}
		return 1
	case a.Shared != b.Shared:
		return b.Shared - a.Shared
	case a.ID != b.ID:
		if a.ID < b.ID {
			return -1
		}
		return 1
	}
	return 0
}

// scoreBuf is the per-query scratch of Candidates: a counter per slot (dense, because a
// query touches thousands of slots and a map would cost more than the postings walk) and
// the list of slots touched, to reset only those.
type scoreBuf struct {
	counts  []uint16
	touched []uint32
	anchors anchorBuf
}

func (x *Index) scoreBuf() *scoreBuf {
	sb, _ := x.scores.Get().(*scoreBuf)
	if sb == nil {
		sb = &scoreBuf{}
	}
	if len(sb.counts) < len(x.ext) {
		sb.counts = make([]uint16, len(x.ext)+len(x.ext)/4)
	}
	return sb
}

// Signatures. The caller stores a paragraph's signature with its record, so that opening
// an index from disk rebuilds this in-memory index from the stored signatures without
// re-reading and re-hashing the texts.
//
// Format: 4 header bytes (format version, K, Window, 0), then the paragraph's distinct
// anchors as little-endian uint32, ascending. The header makes a signature computed with
// other options, or by an older format, fail AddSignature instead of silently matching
// nothing; the caller then falls back to Add with the text.
const signatureVersion = 1

// ErrSignature is returned by AddSignature for a signature this index cannot use.
var ErrSignature = errors.New("similar: signature from other options or corrupt")

// Signature returns the signature of text under this index's options.
func (x *Index) Signature(text string) []byte {
	var ab anchorBuf
	a := ab.compute(text, x.opts.K, x.opts.Window)
	out := make([]byte, 4+4*len(a))
	out[0], out[1], out[2] = signatureVersion, byte(x.opts.K), byte(x.opts.Window)
	for i, h := range a {
		binary.LittleEndian.PutUint32(out[4+4*i:], h)
	}
	return out
}

// AddSignature indexes paragraph id from a signature made by Signature, replacing what
// id held before. It fails with ErrSignature, leaving the index unchanged, when the
// signature was made with other options or is corrupt.
func (x *Index) AddSignature(id uint32, sig []byte) error {
	if len(sig) < 4 || sig[0] != signatureVersion || int(sig[1]) != x.opts.K ||
		int(sig[2]) != x.opts.Window || sig[3] != 0 || (len(sig)-4)%4 != 0 {
		return ErrSignature
	}
	a := x.buf.a[:0]
	prev := uint64(0)
	for i := 4; i < len(sig); i += 4 {
		h := binary.LittleEndian.Uint32(sig[i:])
		if i > 4 && uint64(h) <= prev {
			return fmt.Errorf("%w: anchors not ascending", ErrSignature)
		}
		prev = uint64(h)
		a = append(a, h)
	}
	x.buf.a = a
	x.add(id, a)
	return nil
}

// anchorBuf computes the anchors of a text, reusing its buffers.
type anchorBuf struct {
	sk    skeleton
	hs    []uint64
	deque []int32
	a     []uint32
}

// compute returns the distinct anchors of text, ascending: winnowing (Schleimer, Wilkerson
// and Aiken 2003) over the hashes of the K-character shingles of its skeleton. In each
// window of w consecutive shingle hashes the smallest is chosen (the rightmost one on
// ties); a text with fewer than w shingles gets the smallest of all. The choice depends
// only on the window's content, so two texts sharing a passage of K+w-1 characters choose
// the same anchor inside it. An anchor is the top 32 bits of the 64-bit shingle hash:
// with 10^7 distinct anchors, a false collision joins unrelated posting lists for about one
// anchor in 400, which costs a little candidate noise and nothing else (Compare verifies).
// The result is valid until the next call.
func (b *anchorBuf) compute(text string, k, w int) []uint32 {
	sk := makeSkeleton(text, &b.sk)
	b.a = b.a[:0]
	if len(sk.runes) < k {
		return b.a
	}
	b.hs = b.hs[:0]
	gramHashes(sk.runes, k, func(_ int, h uint64) { b.hs = append(b.hs, h) })
	hs := b.hs
	if len(hs) <= w {
		m := 0
		for i, h := range hs {
			if h <= hs[m] {
				m = i
			}
		}
		b.a = append(b.a, uint32(hs[m]>>32))
		return b.a
	}
	// Sliding-window minimum with a monotone deque of positions whose hashes increase
	// from front to back; popping equal hashes from the back keeps the rightmost minimum.
	dq := b.deque[:0]
	front := 0
	last := -1
	for i, h := range hs {
		for len(dq) > front && hs[dq[len(dq)-1]] >= h {
			dq = dq[:len(dq)-1]
		}
		dq = append(dq, int32(i))
		if int(dq[front]) <= i-w {
			front++
		}
		if i >= w-1 {
			if m := int(dq[front]); m != last {
				b.a = append(b.a, uint32(hs[m]>>32))
				last = m
			}
		}
		if front > 1024 { // keep the deque from growing with the text
			n := copy(dq, dq[front:])
			dq = dq[:n]
			front = 0
		}
	}
	b.deque = dq
	slices.Sort(b.a)
	b.a = slices.Compact(b.a)
	return b.a
}

// Signatures is every paragraph's signature, as Signature would make it, read back from
// the postings: for writing the index out without recomputing them from the texts.
type Signatures struct {
	hdr  [4]byte
	ids  []uint32 // caller ids, ascending
	off  []uint32 // i -> start in flat of ids[i]'s anchors; off[i+1] ends them
	flat []uint32 // anchors of every paragraph, each paragraph's ascending
}

// Signatures inverts the postings, recent additions included, into per-paragraph
// anchor lists. It takes a pass over the postings and memory for one copy of them (two
// for a heap index, or a frozen one changed since it was loaded). It does not change the
// index: it is a reader, like Candidates, and the result does not change with it.
func (x *Index) Signatures() *Signatures {
	fa, _ := x.arrays(nil) // ids are distinct: no error
	off := make([]uint32, len(fa.ext)+1)
	for i, n := range fa.counts {
		off[i+1] = off[i] + n
	}
	flat := make([]uint32, off[len(fa.ext)])
	fill := slices.Clone(off[:len(fa.ext)])
	// Keys ascending, so each paragraph's anchors come out ascending.
	// The bounds checks matter only for damaged frozen arrays read in place.
	for k, h := range fa.keys {
		lo, hi := fa.off[k], fa.off[k+1]
		if lo > hi || int(hi) > len(fa.base) {
			continue
		}
		for _, s := range fa.base[lo:hi] {
			if int(s) < len(fill) && fill[s] < off[s+1] {
				flat[fill[s]] = h
				fill[s]++
			}
		}
	}
	sg := &Signatures{ids: slices.Clone(fa.ext), off: off, flat: flat}
	sg.hdr = [4]byte{signatureVersion, byte(x.opts.K), byte(x.opts.Window), 0}
	return sg
}

// Of returns paragraph id's signature; nil for an id not in the index.
func (sg *Signatures) Of(id uint32) []byte {
	s, ok := searchIDs(sg.ids, id)
	if !ok {
		return nil
	}
	a := sg.flat[sg.off[s]:sg.off[s+1]]
	out := make([]byte, 4+4*len(a))
	copy(out, sg.hdr[:])
	for i, h := range a {
		binary.LittleEndian.PutUint32(out[4+4*i:], h)
	}
	return out
}
