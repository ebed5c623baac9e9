package phrase

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io"
	"slices"
	"unsafe"

	"github.com/RoaringBitmap/roaring/v2"
)

// The postings in a file. Each set (the postings, the repeats) is its bitmaps, each
// serialized in roaring's portable format at an 8-byte boundary, then its keys (uint64,
// sorted) and the offsets of each key's bitmap (uint64, one more than the keys), all
// little-endian and read in place from a mapping of the file: opening reads the keys and
// offsets, a query the bitmaps of its bigrams.

// Section describes one set of bitmaps in a file, by absolute offsets. The keys and
// offsets are checked on open (Check), the bitmaps by Verify.
type Section struct {
	Keys       [2]int64 `json:"keys"` // offset, number of keys
	Offsets    int64    `json:"offsets"`
	Bitmaps    [2]int64 `json:"bitmaps"`
	KeysCRC    uint32   `json:"keys_crc"`
	BitmapsCRC uint32   `json:"bitmaps_crc"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Frozen are bigram postings read in place from a file.
type Frozen struct {
	keys    []uint64 // sorted
	offs    []uint64 // bitmap i is bitmaps[offs[i]:offs[i+1]]
	bitmaps []byte
	reps    *Frozen // the repeats beside the postings; nil within itself
}

// Check checks that the sections lie in data[:end], aligned, and that their keys and
// offsets are sound (checksums, order). It reads only the keys and offsets.
func Check(data []byte, end int64, grams, repeats *Section) error {
	in := func(off, l int64) bool { return off >= 0 && l >= 0 && off+l <= end }
	for _, set := range []*Section{grams, repeats} {
		keysLen := set.Keys[1] * 8
		if !in(set.Keys[0], keysLen) || !in(set.Offsets, (set.Keys[1]+1)*8) || !in(set.Bitmaps[0], set.Bitmaps[1]) ||
			set.Keys[0]%8 != 0 || set.Offsets%8 != 0 || set.Bitmaps[0]%8 != 0 {
			return errors.New("postings out of range")
		}
		crc := crc32.Update(0, castagnoli, data[set.Keys[0]:set.Keys[0]+keysLen])
		if crc32.Update(crc, castagnoli, data[set.Offsets:set.Offsets+(set.Keys[1]+1)*8]) != set.KeysCRC {
			return errors.New("bigram keys fail their checksum")
		}
		offs := unsafe.Slice((*uint64)(unsafe.Pointer(&data[set.Offsets])), set.Keys[1]+1)
		for i := 1; i < len(offs); i++ {
			if offs[i] < offs[i-1] {
				return errors.New("bigram offsets out of order")
			}
		}
		if offs[len(offs)-1] > uint64(set.Bitmaps[1]) {
			return errors.New("bigram offsets out of range")
		}
	}
	return nil
}

// Verify checks the bitmaps' checksums, which Check leaves alone: it reads them all.
func Verify(data []byte, grams, repeats *Section) error {
	for _, set := range []*Section{grams, repeats} {
		if crc32.Checksum(data[set.Bitmaps[0]:set.Bitmaps[0]+set.Bitmaps[1]], castagnoli) != set.BitmapsCRC {
			return errors.New("bigram postings fail their checksum")
		}
	}
	return nil
}

// Open returns the postings and repeats of data's sections, in place. Check them first.
func Open(data []byte, grams, repeats *Section) *Frozen {
	g := openSet(data, grams)
	g.reps = openSet(data, repeats)
	return g
}

func openSet(data []byte, set *Section) *Frozen {
	n := int(set.Keys[1])
	g := &Frozen{bitmaps: data[set.Bitmaps[0] : set.Bitmaps[0]+set.Bitmaps[1]]}
	if n > 0 {
		g.keys = unsafe.Slice((*uint64)(unsafe.Pointer(&data[set.Keys[0]])), n)
		g.offs = unsafe.Slice((*uint64)(unsafe.Pointer(&data[set.Offsets])), n+1)
	}
	return g
}

func (g *Frozen) at(i int) *roaring.Bitmap {
	bm := roaring.New()
	if _, err := bm.FromBuffer(g.bitmaps[g.offs[i]:g.offs[i+1]]); err != nil {
		return nil
	}
	return bm
}

func (g *Frozen) get(k uint64) *roaring.Bitmap {
	i, ok := slices.BinarySearch(g.keys, k)
	if !ok {
		return nil
	}
	return g.at(i)
}

// startingWith returns the postings of every stored bigram beginning with r: the keys
// are sorted by their first character, so they stand together.
func (g *Frozen) startingWith(r rune) []*roaring.Bitmap {
	lo := uint64(uint32(r)) << 32
	i, _ := slices.BinarySearch(g.keys, lo)
	var out []*roaring.Bitmap
	for ; i < len(g.keys) && g.keys[i]>>32 == uint64(uint32(r)); i++ {
		if bm := g.at(i); bm != nil {
			out = append(out, bm)
		}
	}
	return out
}

// Writer is the file Write writes into, which knows its offset (the bytes written to
// it so far, with whatever came before).
type Writer interface {
	io.Writer
	Offset() int64
}

// Write writes the postings and the repeats (those of the base and those added since)
// as two sections at w's offset. With holes, only the live paragraphs are written,
// each renumbered as dense says.
func (g *Postings) Write(w Writer, live *roaring.Bitmap, dense []uint32, holes bool) (grams, repeats Section, err error) {
	keySet, repSet := map[uint64]struct{}{}, map[uint64]struct{}{}
	for i := range g.stripes {
		for k := range g.stripes[i].post {
			keySet[k] = struct{}{}
		}
		for k := range g.stripes[i].rep {
			repSet[k] = struct{}{}
		}
	}
	if b := g.base; b != nil {
		for _, k := range b.keys {
			keySet[k] = struct{}{}
		}
		for _, k := range b.reps.keys {
			repSet[k] = struct{}{}
		}
	}
	// Bitmaps read from the old file are written as they were (already run optimised);
	// the index's own are optimised in place, which only shrinks them.
	sw := setWriter{w: w, live: live, dense: dense, holes: holes}
	grams, err = sw.write(keySet, g.Get, func(k uint64) bool {
		return g.base != nil && g.stripeOfKey(k).post[k] == nil
	})
	if err != nil {
		return grams, repeats, err
	}
	repeats, err = sw.write(repSet, g.Repeats, func(k uint64) bool {
		return g.base != nil && g.stripeOfKey(k).rep[k] == nil
	})
	return grams, repeats, err
}

type setWriter struct {
	w     Writer
	live  *roaring.Bitmap
	dense []uint32
	holes bool
}

// write writes the bitmaps of keys, each at an 8-byte boundary, and then the keys and
// the bitmaps' offsets.
func (sw *setWriter) write(keySet map[uint64]struct{}, get func(uint64) *roaring.Bitmap, fromFile func(uint64) bool) (Section, error) {
	var set Section
	w := sw.w
	keys := make([]uint64, 0, len(keySet))
	for k := range keySet {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var pad [8]byte
	if _, err := w.Write(pad[:(8-w.Offset()%8)%8]); err != nil {
		return set, err
	}
	set.Bitmaps[0] = w.Offset()
	crc := crc32.New(castagnoli)
	bw := io.MultiWriter(w, crc)
	at := func() int64 { return w.Offset() - set.Bitmaps[0] } // within the bitmaps
	offs := make([]uint64, 0, len(keys)+1)
	kept := keys[:0]
	buf := make([]uint32, 0, 1024)
	for _, k := range keys {
		bm := get(k)
		if bm == nil {
			continue
		}
		stored := fromFile(k)
		if sw.holes {
			live := roaring.And(bm, sw.live)
			if live.IsEmpty() {
				continue
			}
			buf = buf[:0]
			it := live.Iterator()
			for it.HasNext() {
				buf = append(buf, sw.dense[it.Next()])
			}
			bm = roaring.BitmapOf(buf...)
			stored = false
		}
		if !stored {
			bm.RunOptimize()
		}
		kept = append(kept, k)
		offs = append(offs, uint64(at()))
		if _, err := bm.WriteTo(bw); err != nil {
			return set, err
		}
		if r := at() % 8; r != 0 {
			bw.Write(pad[:8-r])
		}
	}
	offs = append(offs, uint64(at()))
	set.Bitmaps[1] = at()
	set.BitmapsCRC = crc.Sum32()
	crc = crc32.New(castagnoli)
	kw := io.MultiWriter(w, crc)
	set.Keys = [2]int64{w.Offset(), int64(len(kept))}
	binary.Write(kw, binary.LittleEndian, kept)
	set.Offsets = w.Offset()
	if err := binary.Write(kw, binary.LittleEndian, offs); err != nil {
		return set, err
	}
	set.KeysCRC = crc.Sum32()
	return set, nil
}
