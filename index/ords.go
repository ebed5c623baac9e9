package index

import "hash/maphash"

// ordIndex finds a paragraph's ordinal by its id. It is an open-addressed hash table
// (linear probing) of ordinals alone, the ids read from the entries they name: a Go map
// from id to ordinal held a string header per paragraph, 19.5 MB of pointers on
// lawrefbook that every collection scanned and the heap's headroom doubled; this holds
// 4 bytes a slot and nothing for the collector to scan.
type ordIndex struct {
	slots []uint32 // ordinal + 1; 0 is an empty slot
	n     int
	seed  maphash.Seed
}

func newOrdIndex() ordIndex { return ordIndex{seed: maphash.MakeSeed()} }

func (x *ordIndex) home(id string) int {
	return int(maphash.String(x.seed, id) & uint64(len(x.slots)-1))
}

// ordOf is the ordinal of the live paragraph with the id.
func (c *corpus) ordOf(id string) (uint32, bool) {
	x := &c.ords
	if x.n == 0 {
		return 0, false
	}
	mask := len(x.slots) - 1
	for i := x.home(id); ; i = (i + 1) & mask {
		s := x.slots[i]
		if s == 0 {
			return 0, false
		}
		if c.paras[s-1].id == id {
			return s - 1, true
		}
	}
}

// setOrd records the ordinal of a paragraph already in c.paras, whose id is not there
// yet (its document was removed first).
func (c *corpus) setOrd(ord uint32) {
	x := &c.ords
	if (x.n+1)*2 > len(x.slots) {
		c.growOrds(max(1024, len(x.slots)*2))
	}
	x.insert(c.paras[ord].id, ord)
	x.n++
}

func (x *ordIndex) insert(id string, ord uint32) {
	mask := len(x.slots) - 1
	i := x.home(id)
	for x.slots[i] != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = ord + 1
}

func (c *corpus) growOrds(size int) {
	old := c.ords.slots
	c.ords.slots = make([]uint32, size)
	for _, s := range old {
		if s != 0 {
			c.ords.insert(c.paras[s-1].id, s-1)
		}
	}
}

// dropOrd forgets a paragraph's id, its entry still in c.paras. The slots after it in
// its run move back where their own homes allow, so that no lookup stops short at the
// hole (deletion without tombstones).
func (c *corpus) dropOrd(id string) {
	x := &c.ords
	if x.n == 0 {
		return
	}
	mask := len(x.slots) - 1
	i := x.home(id)
	for {
		s := x.slots[i]
		if s == 0 {
			return // not there
		}
		if c.paras[s-1].id == id {
			break
		}
		i = (i + 1) & mask
	}
	x.slots[i] = 0
	x.n--
	for j := (i + 1) & mask; x.slots[j] != 0; j = (j + 1) & mask {
		s := x.slots[j]
		h := x.home(c.paras[s-1].id)
		// The slot at j may fill the hole at i unless its home lies cyclically in (i, j].
		if (j > i && (h <= i || h > j)) || (j < i && h <= i && h > j) {
			x.slots[i], x.slots[j] = s, 0
			i = j
		}
	}
}
