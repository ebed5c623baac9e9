package index

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/RoaringBitmap/roaring/v2"

	"policysearch"
	"policysearch/cite"
	"policysearch/divisions"
	"policysearch/phrase"
	"policysearch/similar"
)

// docEntry is one indexed document: its metadata and its paragraphs in order.
type docEntry struct {
	doc        policysearch.Document // Paragraphs is nil; see ords
	ords       []uint32
	year       string
	regionPath []string
	measures   int
	shard      int
	ctxIDs     []uint32 // its contexts in the corpus's ctxIndex
	tab        *table   // the table file its paragraphs were read from; nil when built
}

// paraEntry is one indexed paragraph, kept small: a corpus holds millions. What every
// query reads (id, texts, kind, length) is a field; what only a shown hit, a ranked
// candidate or a unit facet reads (section path, measure number and title, units) stays
// encoded in rec (see encodeRec), a string that points into the table file's mapping
// for paragraphs read from it. A decoded policysearch.Paragraph is about 200 bytes on
// the heap with a dozen pointers; this entry is 88 with five, and the garbage collector
// scans it in proportion.
type paraEntry struct {
	doc *docEntry
	id  string
	// text is the original text, for display (read it with displayText): on the heap,
	// or the mapping's norm when normalising left it as it is. One read back from the
	// table file that differs from norm stays in the file, at textOff for textLen bytes.
	text string
	norm string // policysearch.Normalize(text)
	// rec holds the rest of the paragraph's fields, encoded.
	rec     string
	textOff int64
	seq     int32 // position in the document
	runes   int32 // length of norm, for ranking
	kind    string
	// continued and units are flags read in hot loops: a paragraph continuing the one
	// before, one with responsible or cooperating units in rec.
	continued, units bool
	textLen          int32
}

// displayText is the paragraph's original text, for what is shown or exported: read
// from the table file when it stays there (see table.read), a few hits at a time.
func (pe *paraEntry) displayText() string {
	if pe.textLen == 0 {
		return pe.text
	}
	return pe.doc.tab.read(pe.textOff, pe.textLen)
}

// sweptText is displayText for loops over many paragraphs in ordinal order (every hit
// of an analysis, the signatures of a corpus): they read the texts section from one
// end to the other, where the mapping costs less than a read per paragraph.
func (pe *paraEntry) sweptText() string {
	if pe.textLen == 0 {
		return pe.text
	}
	return pe.doc.tab.str(pe.textOff, pe.textLen)
}

// newParaEntry is the entry of paragraph p of document entry e.
func newParaEntry(p *policysearch.Paragraph, e *docEntry, norm string, runes int) *paraEntry {
	return &paraEntry{
		doc: e, id: p.ID, text: p.Text, norm: norm, rec: encodeRec(p),
		seq: int32(p.Seq), runes: int32(runes), kind: internKind(p.Kind),
		continued: p.Continued, units: len(p.ResponsibleUnits)+len(p.CooperatingUnits) > 0,
	}
}

// internKind returns the package's constant for a known kind, so that the entries of
// paragraphs decoded from a file share it rather than each holding a copy.
func internKind(k string) string {
	for _, known := range policysearch.Kinds {
		if k == known {
			return known
		}
	}
	return k
}

// encodeRec encodes the fields of p that paraEntry does not hold: the measure number
// and title, then the section path, responsible and cooperating units, each list as a
// count and its strings; every string and count is a uvarint length (or count) before
// its bytes. The same bytes stand in the table file, so decoding a paragraph read from
// it copies nothing: its strings are substrings of rec.
func encodeRec(p *policysearch.Paragraph) string {
	if p.MeasureNo == "" && p.MeasureTitle == "" && len(p.SectionPath) == 0 &&
		len(p.ResponsibleUnits) == 0 && len(p.CooperatingUnits) == 0 {
		return ""
	}
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	list := func(l []string) {
		b = binary.AppendUvarint(b, uint64(len(l)))
		for _, s := range l {
			str(s)
		}
	}
	str(p.MeasureNo)
	str(p.MeasureTitle)
	list(p.SectionPath)
	list(p.ResponsibleUnits)
	list(p.CooperatingUnits)
	return string(b)
}

// recFields is a paragraph's rec, decoded.
type recFields struct {
	measureNo, measureTitle               string
	sectionPath, responsible, cooperating []string
}

// decodeRec decodes a rec; a damaged one yields the fields read before the damage
// (the table file's checksum covers recs, so that happens only to a file check missed).
func decodeRec(rec string) (f recFields) {
	i := 0
	next := func() (uint64, bool) {
		v, n := uvarintString(rec[i:])
		if n <= 0 {
			return 0, false
		}
		i += n
		return v, true
	}
	str := func() (string, bool) {
		n, ok := next()
		if !ok || n > uint64(len(rec)-i) {
			return "", false
		}
		s := rec[i : i+int(n)]
		i += int(n)
		return s, true
	}
	list := func() ([]string, bool) {
		n, ok := next()
		if !ok || n == 0 || n > uint64(len(rec)-i) {
			return nil, ok && n == 0
		}
		l := make([]string, 0, n)
		for range n {
			s, ok := str()
			if !ok {
				return l, false
			}
			l = append(l, s)
		}
		return l, true
	}
	if rec == "" {
		return f
	}
	var ok bool
	if f.measureNo, ok = str(); !ok {
		return f
	}
	if f.measureTitle, ok = str(); !ok {
		return f
	}
	if f.sectionPath, ok = list(); !ok {
		return f
	}
	if f.responsible, ok = list(); !ok {
		return f
	}
	f.cooperating, _ = list()
	return f
}

// uvarintString is binary.Uvarint on a string, without converting it to bytes.
func uvarintString(s string) (uint64, int) {
	var x uint64
	var shift uint
	for i := 0; i < len(s) && i < binary.MaxVarintLen64; i++ {
		c := s[i]
		if c < 0x80 {
			return x | uint64(c)<<shift, i + 1
		}
		x |= uint64(c&0x7f) << shift
		shift += 7
	}
	return 0, 0
}

// para is the paragraph as policysearch.Paragraph, for what is shown or exported.
func (pe *paraEntry) para() policysearch.Paragraph {
	f := decodeRec(pe.rec)
	return policysearch.Paragraph{
		ID: pe.id, DocID: pe.doc.doc.ID, Seq: int(pe.seq), SectionPath: f.sectionPath,
		MeasureNo: f.measureNo, MeasureTitle: f.measureTitle, Kind: pe.kind,
		ResponsibleUnits: f.responsible, CooperatingUnits: f.cooperating,
		Continued: pe.continued, Text: pe.displayText(),
	}
}

// responsibleUnits is the paragraph's responsible units; nil for most paragraphs
// without decoding anything.
func (pe *paraEntry) responsibleUnits() []string {
	if !pe.units {
		return nil
	}
	return decodeRec(pe.rec).responsible
}

// corpus is the in-memory table of what the index holds. The Index guards it with its
// read/write lock; it is changed only together with the bleve shards.
type corpus struct {
	docs  map[string]*docEntry
	paras []*paraEntry // by ordinal; nil once deleted
	// norms and runes repeat each paragraph's normalised text and length by ordinal:
	// verifying a common phrase reads tens of thousands of them in ordinal order, and
	// a column (its strings laid out in ordinal order in the table file) costs one
	// sequential read each where the entries cost two scattered ones.
	norms      []string
	runes      []int32
	ords       ordIndex // ordinal by paragraph id
	live       *roaring.Bitmap
	grams      *phrase.Postings
	ctx        *ctxIndex      // headings and titles, for phrases that stand there
	sim        *similar.Index // shared wording across paragraphs, by ordinal
	totalRunes int64
	liveCount  int
	links      *lawLinks // versions, amendments and repeals between documents
	cites      *citeGraph
	// charDF is, for each character, the number of live paragraphs holding it: the
	// document frequency the ranker needs for a one-character term. Taken from the
	// bigram postings it is the union of every bigram the character starts, which for
	// a common character is thousands of bitmaps per query; kept as a count it is a
	// lookup, as a term's df is in any inverted index.
	charDF map[rune]int32
}

func newCorpus() *corpus {
	return &corpus{
		docs:   map[string]*docEntry{},
		ords:   newOrdIndex(),
		live:   roaring.New(),
		grams:  phrase.New(),
		ctx:    newCtxIndex(),
		sim:    similar.New(similar.Options{}),
		links:  newLawLinks(),
		cites:  newCiteGraph(),
		charDF: map[rune]int32{},
	}
}

// prepared is a document made ready to enter the corpus: normalised texts and bigram
// keys are computed before the index lock is taken.
type prepared struct {
	entry    *docEntry
	paras    []*paraEntry
	grams    [][]uint64
	repeated [][]uint64 // by paragraph, the bigram keys it holds more than once; nil: none
	ctx      []ctxGroup
	sigs     [][]byte // similar-clause signatures, one per paragraph; nil: already indexed
	refs     []policysearch.Reference
	chars    map[rune]int32 // paragraphs of the document holding each character
	// spoken is the day a document without dates is taken to speak from, when known
	// (read back from the table file); nil: found in its texts.
	spoken *string
}

// prepare computes what the corpus keeps of a document. sigs are signatures read back
// from the index by paragraph id; missing or unusable ones are computed (an index
// written by a version with other similarity settings).
func prepare(d *policysearch.Document, shard int, sim *similar.Index, sigs map[string][]byte) *prepared {
	e := newDocEntry(d, shard)
	pr := &prepared{entry: e, ctx: contexts(d), refs: cite.Extract(d), chars: map[rune]int32{}}
	var buf, rbuf []uint64
	for i := range d.Paragraphs {
		p := d.Paragraphs[i]
		norm := policysearch.Normalize(p.Text)
		pe := newParaEntry(&p, e, norm, utf8.RuneCountInString(norm))
		keys, rep := phrase.TextGramsRepeated(norm, buf, rbuf)
		pr.grams = append(pr.grams, append([]uint64(nil), keys...))
		if len(rep) > 0 {
			if pr.repeated == nil {
				pr.repeated = make([][]uint64, len(d.Paragraphs))
			}
			pr.repeated[i] = append([]uint64(nil), rep...)
		}
		rbuf = rep
		countChars(pr.chars, keys, 1)
		sig := sigs[p.ID]
		if sig == nil {
			sig = sim.Signature(p.Text)
		}
		pr.sigs = append(pr.sigs, sig)
		buf = keys
		pr.paras = append(pr.paras, pe)
	}
	return pr
}

// newDocEntry is a document's entry, its paragraphs not yet placed.
func newDocEntry(d *policysearch.Document, shard int) *docEntry {
	meta := *d
	meta.Paragraphs = nil
	e := &docEntry{doc: meta, shard: shard}
	if y := d.Year(); y > 0 {
		e.year = strconv.Itoa(y)
	}
	e.regionPath = regionPath(d.Region)
	for _, p := range d.Paragraphs {
		if p.Kind == policysearch.KindMeasure || p.Kind == policysearch.KindArticle || p.Kind == policysearch.KindTableRow {
			e.measures++
		}
	}
	return e
}

// regionPath is the region and every region above it, so that a filter on a province
// matches its cities and counties.
func regionPath(region string) []string {
	if region == "" {
		return nil
	}
	if r, ok := divisions.ByName(region); ok {
		return r.Ancestors()
	}
	return []string{region}
}

// put adds prepared documents, each replacing the document with the same id.
func (c *corpus) put(prs ...*prepared) {
	var ords []uint32
	var keys, reps [][]uint64
	for _, pr := range prs {
		id := pr.entry.doc.ID
		c.remove(id)
		c.docs[id] = pr.entry
		c.links.add(pr.entry)
		for i, pe := range pr.paras {
			ord := uint32(len(c.paras))
			c.paras = append(c.paras, pe)
			c.norms = append(c.norms, pe.norm)
			c.runes = append(c.runes, int32(pe.runes))
			c.setOrd(ord)
			c.live.Add(ord)
			c.totalRunes += int64(pe.runes)
			c.liveCount++
			pr.entry.ords = append(pr.entry.ords, ord)
			ords = append(ords, ord)
			keys = append(keys, pr.grams[i])
			if pr.repeated != nil {
				reps = append(reps, pr.repeated[i])
			} else {
				reps = append(reps, nil)
			}
			if pr.sigs == nil {
				continue // restored from the table file, whose similar-clause index holds it
			}
			if err := c.sim.AddSignature(ord, pr.sigs[i]); err != nil {
				c.sim.Add(ord, pe.sweptText()) // a signature of other settings: recompute
			}
		}
		pr.grams, pr.repeated = nil, nil
		for r, n := range pr.chars {
			c.charDF[r] += n
		}
		pr.chars = nil
		c.ctx.add(pr.entry, pr.ctx)
		pr.ctx = nil
		c.cites.add(pr.entry, pr.paras, pr.refs, pr.spoken)
	}
	c.grams.AddBatch(ords, keys, reps)
	c.cites.settle(c)
}

// remove drops a document. Its ordinals are retired, not reused: the bigram postings
// keep them, and the live set masks them out.
func (c *corpus) remove(id string) bool {
	e := c.docs[id]
	if e == nil {
		return false
	}
	var buf []uint64
	for _, ord := range e.ords {
		pe := c.paras[ord]
		buf = phrase.TextGrams(pe.norm, buf)
		countChars(c.charDF, buf, -1)
		c.dropOrd(pe.id)
		c.live.Remove(ord)
		c.sim.Remove(ord)
		c.totalRunes -= int64(pe.runes)
		c.liveCount--
		c.paras[ord] = nil
		c.norms[ord] = ""
	}
	c.ctx.remove(e)
	c.cites.remove(e)
	delete(c.docs, id)
	c.links.remove(e)
	return true
}

// countChars adds delta to the count of each character that starts one of a
// paragraph's bigram keys. The keys are sorted, so a character's keys stand together,
// and every character of a text starts one (the last with phrase.EndRune): each character of
// the paragraph is counted once.
func countChars(m map[rune]int32, keys []uint64, delta int32) {
	prev := rune(-1)
	for _, k := range keys {
		if r := rune(k >> 32); r != prev {
			m[r] += delta
			prev = r
		}
	}
}

func (c *corpus) avgRunes() float64 {
	if c.liveCount == 0 {
		return 1
	}
	return float64(c.totalRunes) / float64(c.liveCount)
}

// paragraphIDs lists a document's paragraph ids.
func (e *docEntry) paragraphIDs(c *corpus) []string {
	ids := make([]string, 0, len(e.ords))
	for _, ord := range e.ords {
		ids = append(ids, c.paras[ord].id)
	}
	return ids
}

// phraseHit is a paragraph holding a phrase, with its occurrences; count 0 marks one
// that holds it only in its context (a heading, the title).
type phraseHit = phrase.Hit

// tf is what a hit's occurrences count for in ranking: a paragraph that has the
// phrase only in its heading or title counts as half an occurrence, below any that says it.
func tf(h phraseHit) float64 {
	if h.Count == 0 {
		return 0.5
	}
	return float64(h.Count)
}

// phrase finds every live paragraph whose normalised text contains the normalised
// phrase (see phrase.Postings.Find), and those whose context holds it.
func (c *corpus) phrase(norm string) []phraseHit {
	return c.withContext(norm, c.grams.Find(norm, c.live, c.norms, c.runes))
}

// withContext adds to a phrase's text hits the live paragraphs whose context holds it
// (count 0: no occurrence in the text), keeping ordinal order.
func (c *corpus) withContext(norm string, hits []phraseHit) []phraseHit {
	var extra []phraseHit
	seen := map[uint32]bool{}
	c.ctx.paragraphs(norm, func(ord uint32) {
		if c.live.Contains(ord) && !seen[ord] && !containsOrd(hits, ord) {
			seen[ord] = true
			extra = append(extra, phraseHit{Ord: ord, Count: 0, Runes: c.paras[ord].runes})
		}
	})
	if len(extra) == 0 {
		return hits
	}
	out := append(hits, extra...)
	slices.SortFunc(out, func(a, b phraseHit) int { return cmp.Compare(a.Ord, b.Ord) })
	return out
}

// containsOrd reports whether hits (in ordinal order) hold ord.
func containsOrd(hits []phraseHit, ord uint32) bool {
	_, ok := slices.BinarySearchFunc(hits, ord, func(h phraseHit, o uint32) int { return cmp.Compare(h.Ord, o) })
	return ok
}

// valueCounts counts the documents that have each value of a document-level or
// paragraph-level field, for resolving filters and for suggestions.
func (c *corpus) valueCounts(field string) map[string]int {
	counts := map[string]int{}
	for _, e := range c.docs {
		seen := map[string]bool{}
		add := func(v string) {
			if v != "" && !seen[v] {
				seen[v] = true
				counts[v]++
			}
		}
		switch field {
		case "issuer":
			for _, v := range e.doc.Issuers {
				add(v)
			}
		case "type":
			add(e.doc.DocType)
		case "level":
			add(e.doc.Level)
		case "year":
			add(e.year)
		case "region":
			for _, v := range e.regionPath {
				add(v)
			}
		case "unit":
			for _, ord := range e.ords {
				for _, u := range c.paras[ord].responsibleUnits() {
					add(u)
				}
			}
		}
	}
	return counts
}

// containing returns the values a filter accepts: the value itself when it is stored
// (a facet was clicked), otherwise every value that contains it, compared without
// width or spacing differences (a typed unit:教育局 or type:方案).
func containing(values []string, s string) []string {
	want := policysearch.Normalize(s)
	for _, v := range values {
		if policysearch.Normalize(v) == want {
			return []string{v}
		}
	}
	var out []string
	for _, v := range values {
		if strings.Contains(policysearch.Normalize(v), want) {
			out = append(out, v)
		}
	}
	return out
}
