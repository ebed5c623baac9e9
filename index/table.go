package index

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sort"
	"syscall"
	"unsafe"

	"policysearch"
	"policysearch/phrase"
	"policysearch/similar"
)

// The table file. Opening an index used to rebuild the in-memory table from every
// stored paragraph: every text decoded from JSON, normalised, cut into bigrams and
// posted, which on lawrefbook took seconds and left the texts, their normalised forms
// and the bigram postings on the Go heap (about 270 of its 440 MB) with a load-time
// peak of twice that. The table file holds what the table is made of, laid out to be
// used where it lies: the texts and normalised texts as one block that paragraphs'
// strings point into, and the bigram postings as serialized roaring bitmaps read in
// place, both from a private read-only mapping of the file, so the operating system
// pages in what queries touch. Only the documents' metadata is decoded onto the heap;
// each paragraph's entry is built from its record (read in order at open, then left to
// the page cache), its strings pointing into the mapping.
//
// The file is derived: the bleve shards' stored sources remain the record. It is written
// when an index that changed is closed, atomically (a temporary file renamed over the
// old), and names the change each shard last took (a random token written with every
// change, in the same bleve batch). An index whose shards have changed since, or whose
// file is missing, damaged or of another format, is rebuilt from the stored sources as
// before and writes a new file when it closes.
//
// Layout: normalised texts, then the texts that differ from them | metadata (gob, one
// record per document) | paragraph records (in ordinal order) | the similar-clause
// index (similar.WriteFrozen, 8-byte aligned) | bitmaps (each 8-byte aligned) | bigram keys (uint64, sorted)
// | offsets of each key's bitmap (uint64, one more than the keys) | footer (JSON) |
// footer length (uint64) | magic. Integers are little-endian.

const (
	tableFile   = "table"
	tableMagic  = "PSTABLE1"
	tableFormat = 7
)

// changeKey is the bleve internal key under which each change stores a random token,
// in the same batch as the change, so that a table file can tell which state of the
// shards it was written from.
var changeKey = []byte("policysearch.change")

func newChangeToken() []byte {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return []byte(hex.EncodeToString(b[:]))
}

// errTableStale is a table file written before the shards' last change.
var errTableStale = errors.New("the shards changed after the table file was written")

// tableFooter describes the sections of a table file.
type tableFooter struct {
	Format     int      `json:"format"`
	Index      int      `json:"index_format"`
	Shards     int      `json:"shards"`
	Changes    []string `json:"changes"` // each shard's change token when written
	Docs       int      `json:"docs"`
	Paragraphs int      `json:"paragraphs"`
	Texts      [2]int64 `json:"texts"` // offset, length
	Meta       [2]int64 `json:"meta"`
	Paras      [2]int64 `json:"paras"`
	// Similar is the similar-clause index in its frozen form, used in place.
	Similar [2]int64 `json:"similar"`
	// Grams are the bigram postings; Repeats, for each bigram, the paragraphs holding it
	// more than once.
	Grams   phrase.Section `json:"grams"`
	Repeats phrase.Section `json:"repeats"`
	// CRC-32 (Castagnoli) of the metadata and the paragraph records, checked on open,
	// and of the texts, checked by policysearch check: reading them on every open would
	// page the whole file in.
	MetaCRC, ParasCRC, TextsCRC uint32
	CharDF                      map[rune]int32 `json:"char_df"`
}

// tableDoc is one document's record in the metadata section.
type tableDoc struct {
	Doc   policysearch.Document // without paragraphs
	Shard int
	Refs  []policysearch.Reference
	// Spoken is the day a document without dates speaks from, found in its texts
	// (latestDay); stored so that opening need not read every text.
	Spoken string
	Paras  int // its paragraph records, the next Paras in the records section
}

// A paragraph record, in the paragraph records section: uvarints, each string or byte
// string as its length then its bytes, in this order:
//
//	id | normalised text offset, length | text offset, length | runes | seq |
//	flags (1 continued, 2 has units) | kind | rec (see encodeRec)
//
// The texts stand in the texts section; the text's span is the normalised one when
// normalising leaves it as it is.
const (
	recContinued = 1 << iota
	recUnits
)

// appendParaRecord appends pe's record.
func appendParaRecord(b []byte, pe *paraEntry, normOff, textOff int64, textLen int) []byte {
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	str(pe.id)
	b = binary.AppendUvarint(b, uint64(normOff))
	b = binary.AppendUvarint(b, uint64(len(pe.norm)))
	b = binary.AppendUvarint(b, uint64(textOff))
	b = binary.AppendUvarint(b, uint64(textLen))
	b = binary.AppendUvarint(b, uint64(pe.runes))
	b = binary.AppendUvarint(b, uint64(pe.seq))
	flags := uint64(0)
	if pe.continued {
		flags |= recContinued
	}
	if pe.units {
		flags |= recUnits
	}
	b = binary.AppendUvarint(b, flags)
	str(pe.kind)
	str(pe.rec)
	return b
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// writeString writes s without the copy io.WriteString makes for a writer that has no
// WriteString of its own (a MultiWriter of a crc's hash): the table rewrite writes every
// text, and the copies were a third of a GB of garbage over lawrefbook's build, held
// until the collector ran, at the build's peak. Neither the buffered file nor the hash
// keeps the slice.
func writeString(w io.Writer, s string) {
	if s != "" {
		w.Write(unsafe.Slice(unsafe.StringData(s), len(s)))
	}
}

// changeTokens reads each shard's last change token.
func (ix *Index) changeTokens() ([]string, error) {
	out := make([]string, len(ix.shards))
	for i, s := range ix.shards {
		v, err := s.GetInternal(changeKey)
		if err != nil {
			return nil, err
		}
		out[i] = string(v)
	}
	return out, nil
}

// writeTable writes the table file of the corpus as it stands; the caller holds the
// index's locks. Paragraphs are renumbered densely in ordinal order, so a file
// written after deletions has no holes.
func (ix *Index) writeTable() (err error) {
	changes, err := ix.changeTokens()
	if err != nil {
		return err
	}
	c := ix.c
	// The file holds each text twice at most (as written and normalised), about three
	// bytes a character, with postings and metadata under as much again. It is not
	// written into the room the shards need: a full disk then costs a rebuild at the
	// next open, never a failed change.
	if free, err := diskFree(ix.opts.Dir); err == nil && free < c.totalRunes*12+storageReserve {
		return policysearch.Errorf(policysearch.ESTORAGE, "the table file needs about %s and the disk has %s free", mb(c.totalRunes*12), mb(free))
	}
	path := filepath.Join(ix.opts.Dir, tableFile)
	tmp, err := os.CreateTemp(ix.opts.Dir, tableFile+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := &countWriter{w: bufio.NewWriterSize(tmp, 1<<20)}
	ft := tableFooter{Format: tableFormat, Index: formatVersion, Shards: len(ix.shards), Changes: changes, CharDF: c.charDF}

	// Documents in the order of their first paragraph: with each document's
	// paragraphs consecutive, renumbering keeps every document's run together.
	docs := make([]*docEntry, 0, len(c.docs))
	for _, e := range c.docs {
		if len(e.ords) > 0 {
			docs = append(docs, e)
		}
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ords[0] < docs[j].ords[0] })
	dense := make([]uint32, len(c.paras)) // old ordinal → new, for the postings
	type span struct {
		normOff, textOff int64
		normLen, textLen int32
	}
	spans := make([]span, 0, c.liveCount)
	crc := crc32.New(castagnoli)
	tw := io.MultiWriter(w, crc)
	// The normalised texts first, in ordinal order, which is the order a phrase's
	// candidates are verified in; then the texts that differ from them, read only
	// for display.
	// What is read of the old file, it is read in its order (ordinals are its order),
	// and released behind the reading: the rewrite holds a few MB of the old texts
	// resident rather than all of them beside the build's heap.
	behind := ix.table.sweeper()
	for _, e := range docs {
		for _, ord := range e.ords {
			pe := c.paras[ord]
			dense[ord] = uint32(len(spans))
			spans = append(spans, span{normOff: w.n, normLen: int32(len(pe.norm)), textOff: w.n, textLen: int32(len(pe.norm))})
			writeString(tw, pe.norm)
			behind.past(pe.norm)
		}
	}
	for _, e := range docs {
		for _, ord := range e.ords {
			pe := c.paras[ord]
			if text := pe.sweptText(); pe.textLen > 0 || text != pe.norm {
				sp := &spans[dense[ord]]
				sp.textOff, sp.textLen = w.n, int32(len(text))
				writeString(tw, text)
				behind.past(text)
			}
		}
	}
	behind.done()
	ft.Texts = [2]int64{0, w.n}
	ft.TextsCRC = crc.Sum32()
	ft.Docs, ft.Paragraphs = len(docs), len(spans)

	crc.Reset()
	ft.Meta[0] = w.n
	enc := gob.NewEncoder(io.MultiWriter(w, crc))
	for _, e := range docs {
		td := tableDoc{Doc: e.doc, Shard: e.shard, Refs: c.cites.refsOf(e), Spoken: c.cites.spoken[e], Paras: len(e.ords)}
		if err := enc.Encode(&td); err != nil {
			return err
		}
	}
	ft.Meta[1] = w.n - ft.Meta[0]
	ft.MetaCRC = crc.Sum32()

	crc.Reset()
	ft.Paras[0] = w.n
	var rec []byte
	for _, e := range docs {
		for _, ord := range e.ords {
			sp := spans[dense[ord]]
			rec = appendParaRecord(rec[:0], c.paras[ord], sp.normOff, sp.textOff, int(sp.textLen))
			tw.Write(rec)
		}
	}
	ft.Paras[1] = w.n - ft.Paras[0]
	ft.ParasCRC = crc.Sum32()

	// The similar-clause index, renumbered as the paragraphs are; it checks itself
	// (its header and small arrays on load, the rest in check).
	if err := w.align8(); err != nil {
		return err
	}
	ft.Similar[0] = w.n
	if _, err := c.sim.WriteFrozen(w, func(ord uint32) uint32 { return dense[ord] }); err != nil {
		return err
	}
	ft.Similar[1] = w.n - ft.Similar[0]

	if err := ix.writePostings(w, &ft, dense); err != nil {
		return err
	}
	fj, err := json.Marshal(ft)
	if err != nil {
		return err
	}
	w.Write(fj)
	binary.Write(w, binary.LittleEndian, uint64(len(fj)))
	io.WriteString(w, tableMagic)
	if err := w.w.(*bufio.Writer).Flush(); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	if d, err := os.Open(ix.opts.Dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// writePostings writes the bigram postings and the repeats: every bigram's (stored
// and added since) restricted to live paragraphs and renumbered.
func (ix *Index) writePostings(w *countWriter, ft *tableFooter, dense []uint32) error {
	c := ix.c
	var err error
	ft.Grams, ft.Repeats, err = c.grams.Write(w, c.live, dense, c.liveCount != len(c.paras))
	return err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// Offset is the bytes written so far: the file offset of the next byte.
func (c *countWriter) Offset() int64 { return c.n }

// align8 pads with zeros to the next 8-byte boundary, where the sections used in
// place as arrays of integers start.
func (c *countWriter) align8() error {
	var pad [8]byte
	_, err := c.Write(pad[:(8-c.n%8)%8])
	return err
}

// table is an open table file: its mapping and footer.
type table struct {
	data []byte
	ft   tableFooter
	// f is the file, kept open for the texts read sparsely (see paraEntry.displayText).
	f *os.File
}

// read is [off, off+n) of the file, read into a new string rather than through the
// mapping. On this kernel each first touch of a mapped page maps about 124 KB around it
// (fault-around over large folios, whatever madvise says), so the display texts of a
// few hundred shown hits a query would map most of their section into the resident
// set; a pread costs a microsecond and leaves nothing mapped. Should the read fail
// (the file closed with its index), the mapping answers.
func (t *table) read(off int64, n int32) string {
	b := make([]byte, n)
	if m, err := t.f.ReadAt(b, off); err != nil || m != int(n) {
		return t.str(off, n)
	}
	return unsafe.String(&b[0], len(b))
}

// sweeper releases the pages of a table's texts behind a reading in file order.
type sweeper struct {
	t          *table
	from, last int64
}

// sweepStep is how much is read before the pages behind are released.
const sweepStep = 8 << 20

// sweeper returns a sweeper over t's texts; a nil table gives one that does nothing.
func (t *table) sweeper() *sweeper {
	if t == nil {
		return &sweeper{}
	}
	return &sweeper{t: t, from: t.ft.Texts[0], last: t.ft.Texts[0]}
}

// past notes that s, a string just read, has been read; strings not of the mapping's
// texts (a paragraph added since the file was written) are ignored.
func (w *sweeper) past(s string) {
	if w.t == nil || s == "" {
		return
	}
	base := uintptr(unsafe.Pointer(unsafe.SliceData(w.t.data)))
	p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	if p < base || p >= base+uintptr(w.t.ft.Texts[0]+w.t.ft.Texts[1]) {
		return
	}
	w.last = int64(p-base) + int64(len(s))
	if w.last-w.from >= sweepStep {
		w.t.dropPages(w.from, w.last)
		w.from = w.last
	}
}

// done releases what is left behind the reading.
func (w *sweeper) done() {
	if w.t != nil && w.last > w.from {
		w.t.dropPages(w.from, w.last)
		w.from = w.last
	}
}

// close closes the file; the mapping stays (see Index.Close).
func (t *table) close() {
	if t != nil && t.f != nil {
		t.f.Close()
	}
}

// openTable maps the table file and checks it against the shards' change tokens. Any
// reason not to use it is returned as an error; the caller rebuilds.
func openTable(dir string, shards int, changes []string) (*table, error) {
	f, err := os.Open(filepath.Join(dir, tableFile))
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	size := st.Size()
	if size < 16 || size != int64(int(size)) {
		f.Close()
		return nil, errors.New("table file too short")
	}
	// Private and writable: the pages are the file's until written, and roaring's
	// in-place repairs of a shared container (it marks them copy-on-write and should
	// never write) could not fault on a read-only page.
	data, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE)
	if err != nil {
		f.Close()
		return nil, err
	}
	t := &table{data: data, f: f}
	if err := t.parseFooter(shards, changes); err != nil {
		syscall.Munmap(data)
		f.Close()
		return nil, err
	}
	return t, nil
}

func (t *table) parseFooter(shards int, changes []string) error {
	d := t.data
	if string(d[len(d)-8:]) != tableMagic {
		return errors.New("not a table file")
	}
	n := binary.LittleEndian.Uint64(d[len(d)-16:])
	if n > uint64(len(d)-16) {
		return errors.New("table footer out of range")
	}
	if err := json.Unmarshal(d[len(d)-16-int(n):len(d)-16], &t.ft); err != nil {
		return fmt.Errorf("table footer: %w", err)
	}
	ft := &t.ft
	if ft.Format != tableFormat || ft.Index != formatVersion || ft.Shards != shards {
		return errors.New("table of another format")
	}
	if !slices.Equal(ft.Changes, changes) {
		return errTableStale
	}
	end := int64(len(d)) - 16 - int64(n)
	in := func(off, l int64) bool { return off >= 0 && l >= 0 && off+l <= end }
	if !in(ft.Texts[0], ft.Texts[1]) || !in(ft.Meta[0], ft.Meta[1]) || !in(ft.Paras[0], ft.Paras[1]) ||
		!in(ft.Similar[0], ft.Similar[1]) || ft.Similar[0]%8 != 0 {
		return errors.New("table sections out of range")
	}
	if crc32.Checksum(d[ft.Meta[0]:ft.Meta[0]+ft.Meta[1]], castagnoli) != ft.MetaCRC {
		return errors.New("table metadata fails its checksum")
	}
	if crc32.Checksum(d[ft.Paras[0]:ft.Paras[0]+ft.Paras[1]], castagnoli) != ft.ParasCRC {
		return errors.New("table paragraph records fail their checksum")
	}
	if err := phrase.Check(d, end, &ft.Grams, &ft.Repeats); err != nil {
		return fmt.Errorf("table %w", err)
	}
	return nil
}

// verify checks the sections that opening does not read: the texts and the bitmaps.
func (t *table) verify() error {
	ft := &t.ft
	if crc32.Checksum(t.data[ft.Texts[0]:ft.Texts[0]+ft.Texts[1]], castagnoli) != ft.TextsCRC {
		return errors.New("its texts fail their checksum")
	}
	if err := phrase.Verify(t.data, &ft.Grams, &ft.Repeats); err != nil {
		return fmt.Errorf("its %w", err)
	}
	sim, err := t.similar()
	if err == nil {
		err = sim.Verify()
	}
	if err != nil {
		return fmt.Errorf("its similar-clause index: %w", err)
	}
	return nil
}

// dropPages releases the whole pages of [off, end) from the resident set; they are read
// from the file again when touched. Only for sections never written through the
// mapping (the bitmaps may be: see openTable).
func (t *table) dropPages(off, end int64) {
	pg := int64(os.Getpagesize())
	off = (off + pg - 1) / pg * pg
	end = end / pg * pg
	if off < end {
		syscall.Madvise(t.data[off:end], syscall.MADV_DONTNEED)
	}
}

// str is the string at [off, off+n) of the mapping, without a copy. The mapping is
// never unmapped once paragraphs point into it (see Index.Close).
func (t *table) str(off int64, n int32) string {
	if n == 0 {
		return ""
	}
	return unsafe.String(&t.data[off], int(n))
}

// docs decodes the metadata section, one document at a time.
func (t *table) docs(fn func(*tableDoc) error) error {
	ft := &t.ft
	dec := gob.NewDecoder(bytes.NewReader(t.data[ft.Meta[0] : ft.Meta[0]+ft.Meta[1]]))
	for i := 0; i < ft.Docs; i++ {
		var td tableDoc
		if err := dec.Decode(&td); err != nil {
			return fmt.Errorf("table metadata: %w", err)
		}
		if err := fn(&td); err != nil {
			return err
		}
	}
	return nil
}

// similar is the stored similar-clause index, in place.
func (t *table) similar() (*similar.Index, error) {
	ft := &t.ft
	return similar.LoadFrozen(t.data[ft.Similar[0]:ft.Similar[0]+ft.Similar[1]], similar.Options{})
}

// grams returns the stored bigram postings and repeats, in place.
func (t *table) grams() *phrase.Frozen {
	return phrase.Open(t.data, &t.ft.Grams, &t.ft.Repeats)
}

// removeTableTemps deletes the temporary files of table writes that never finished (a
// process killed while writing): they are never read, and each is as large as the
// table. The caller holds the folder's lock, so no writer of them is running.
func removeTableTemps(dir string) {
	tmps, _ := filepath.Glob(filepath.Join(dir, tableFile+".*.tmp"))
	for _, p := range tmps {
		os.Remove(p)
	}
}

// loadTable fills the corpus from the table file, if it holds the shards' state.
func (ix *Index) loadTable() error {
	changes, err := ix.changeTokens()
	if err != nil {
		return err
	}
	t, err := openTable(ix.opts.Dir, len(ix.shards), changes)
	if err != nil {
		return err
	}
	// Documents enter the corpus a few hundred at a time, in the file's order (which
	// is the ordinals'), so that what decoding leaves behind (signatures, references,
	// the records themselves) is garbage long before the last document is read.
	var preps []*prepared
	paras := 0
	flush := func() {
		ix.c.put(preps...)
		preps = preps[:0]
	}
	// The similar-clause index is the file's, in place; the paragraphs put below are
	// already in it, under the ordinals they get.
	sim, err := t.similar()
	if err != nil {
		return err
	}
	if sim.Len() != t.ft.Paragraphs {
		return fmt.Errorf("table similar-clause index holds %d paragraphs, the footer says %d", sim.Len(), t.ft.Paragraphs)
	}
	ix.c.sim = sim
	r := t.paraReader()
	err = t.docs(func(td *tableDoc) error {
		pr, err := t.restore(td, r)
		if err != nil {
			return err
		}
		paras += len(pr.paras)
		preps = append(preps, pr)
		if len(preps) == 256 {
			flush()
		}
		return nil
	})
	if err == nil && (paras != t.ft.Paragraphs || r.pos != r.end) {
		err = fmt.Errorf("table holds %d paragraphs, its footer says %d", paras, t.ft.Paragraphs)
	}
	if err != nil {
		// Paragraphs already put point into the mapping: it stays, and the caller
		// drops this corpus for one rebuilt from the stored sources.
		return err
	}
	flush()
	// The metadata and the records were read once, in order; what is read of them again
	// (a shown hit's rec, an id) comes back from the file, so they leave the resident set.
	t.dropPages(t.ft.Meta[0], t.ft.Paras[0]+t.ft.Paras[1])
	ix.table = t
	ix.c.grams.SetBase(t.grams())
	ix.c.charDF = t.ft.CharDF
	if ix.c.charDF == nil {
		ix.c.charDF = map[rune]int32{}
	}
	ix.c.sim.Compact()
	return nil
}

// restore is prepare for a document read back from the table file: its paragraphs'
// strings point into the mapping, and its bigrams, character counts, references and
// signatures are the stored ones rather than computed. r is at the document's first
// paragraph record.
func (t *table) restore(td *tableDoc, r *paraReader) (*prepared, error) {
	if td.Paras < 0 || td.Paras > t.ft.Paragraphs {
		return nil, fmt.Errorf("table document %s holds %d paragraphs", td.Doc.ID, td.Paras)
	}
	d := td.Doc
	e := newDocEntry(&d, td.Shard)
	pr := &prepared{entry: e, refs: td.Refs, spoken: &td.Spoken, grams: make([][]uint64, td.Paras)}
	// The document's paragraphs, decoded only to find its headings (contexts): their
	// section paths, garbage once the document is in.
	d.Paragraphs = make([]policysearch.Paragraph, td.Paras)
	e.tab = t
	for i := range td.Paras {
		pe, err := r.next(e)
		if err != nil {
			return nil, fmt.Errorf("table paragraph %d of %s: %w", i, td.Doc.ID, err)
		}
		pr.paras = append(pr.paras, pe)
		// contexts reads the section paths alone; the text stays in the file.
		d.Paragraphs[i].SectionPath = decodeRec(pe.rec).sectionPath
		if pe.kind == policysearch.KindMeasure || pe.kind == policysearch.KindArticle || pe.kind == policysearch.KindTableRow {
			e.measures++
		}
	}
	pr.ctx = contexts(&d)
	return pr, nil
}

// paraReader reads the paragraph records in order.
type paraReader struct {
	t        *table
	pos, end int64
}

func (t *table) paraReader() *paraReader {
	return &paraReader{t: t, pos: t.ft.Paras[0], end: t.ft.Paras[0] + t.ft.Paras[1]}
}

var errRecord = errors.New("paragraph record damaged")

// next is the entry of the next record, for document entry e.
func (r *paraReader) next(e *docEntry) (*paraEntry, error) {
	d := r.t.data
	bad := false
	num := func() int64 {
		if bad {
			return 0
		}
		v, n := binary.Uvarint(d[r.pos:r.end])
		if n <= 0 || v > uint64(r.end) {
			bad = true
			return 0
		}
		r.pos += int64(n)
		return int64(v)
	}
	span := func() (int64, int64) {
		n := num()
		if n > r.end-r.pos {
			bad = true
		}
		if bad {
			return 0, 0
		}
		off := r.pos
		r.pos += n
		return off, n
	}
	textEnd := r.t.ft.Texts[0] + r.t.ft.Texts[1]
	// span2 is a text's span in the texts section: its offset, then its length.
	span2 := func() (int64, int64) {
		off, n := num(), num()
		if bad || off < r.t.ft.Texts[0] || off+n > textEnd {
			bad = true
			return 0, 0
		}
		return off, n
	}
	str := func() string {
		off, n := span()
		return r.t.str(off, int32(n))
	}
	pe := &paraEntry{doc: e}
	pe.id = str()
	normOff, normLen := span2()
	pe.norm = r.t.str(normOff, int32(normLen))
	if off, n := span2(); off != normOff || n != normLen {
		// A text that differs from its normalised form is read only for display: it
		// stays in the file (see table.read).
		pe.textOff, pe.textLen = off, int32(n)
	} else {
		pe.text = pe.norm
	}
	pe.runes = int32(num())
	pe.seq = int32(num())
	flags := num()
	pe.continued, pe.units = flags&recContinued != 0, flags&recUnits != 0
	pe.kind = internKind(str())
	pe.rec = str()
	if bad {
		return nil, errRecord
	}
	return pe, nil
}

// checkpointMin is the fewest paragraphs added since the table file was last read that
// move their texts and postings off the heap in the middle of a run of changes (a bulk
// build), rather than at Close: about 10 MB of text. Above it, a checkpoint waits for
// 1/checkpointShare of the corpus to be new, so that rewriting the file costs a bounded
// multiple of the final file's size over a whole build (about checkpointShare+1 times),
// while the heap holds at most that share of the texts and postings, however large the
// corpus grows. A paragraph added costs about
// 1.6 KB of heap until its checkpoint (peerdriver -heap-at on lawrefbook: texts, bigram
// bitmaps, similar-clause postings, entries); lawrefbook's build peaked at 1.32 GB RSS
// with 1<<18 and at 1.09 GB with 1<<16, in 61 and 64 s (peerdriver build under
// /usr/bin/time -v, the two runs one after the other).
var checkpointMin = 1 << 16

// checkpointShare: a checkpoint once 1/checkpointShare of the corpus is new. With 4 the
// lawrefbook build peaked at 900-1,057 MB RSS (mean 970) in 41.8-53.6 s, with 8 at
// 843-881 MB (mean 862) in 44.4-51.7 s (peerdriver build under /usr/bin/time, four runs
// each, alternating): the build's peak is the additions held between checkpoints, and
// writing the file more often cost no time that the machine's noise showed.
const checkpointShare = 8

// checkpoint writes the table file and reads the corpus back from it, so that what
// was added since the last read leaves the heap. The caller holds both locks.
// Ordinals are renumbered, so the caches that hold them are dropped.
func (ix *Index) checkpoint() error {
	if err := ix.writeTable(); err != nil {
		return err
	}
	// The old table goes before the new one is read, so that the two are never in
	// memory together: that would make a checkpoint the build's peak. Should the file
	// just written not read back, the table is rebuilt from the stored sources.
	oldTable := ix.table
	ix.c, ix.table = nil, nil
	runtime.GC()
	ix.c = newCorpus()
	if err := ix.loadTable(); err != nil {
		ix.c = newCorpus()
		if lerr := ix.loadStored(); lerr != nil {
			ix.closed = true // no table to answer from: refuse rather than answer wrong
			return errors.Join(err, lerr)
		}
		return err
	}
	ix.tableStale, ix.sinceTable = false, 0
	ix.checkpoints++
	ix.cache.reset()
	ix.phrases.reset()
	if oldTable != nil {
		// Paragraphs handed out before may still point into the old mapping, so it
		// stays; its pages are dropped from the resident set and read from the file
		// (which the mapping keeps) should they be read again.
		syscall.Madvise(oldTable.data, syscall.MADV_DONTNEED)
		oldTable.close()
	}
	return nil
}
