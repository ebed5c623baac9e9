package index

import (
	"container/heap"
	"context"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"policysearch"
)

// collect finds every hit of a planned query with its score, in no particular order:
// the strict matches, or, when there are none and relax is set, the related ones (the
// bool says so). Hits are held as ordinals (8 bytes each), so even a query matching
// every paragraph of a large corpus costs a few megabytes.
func (ix *Index) collect(ctx context.Context, p *plan, relax bool) ([]scored, bool, error) {
	if p.inMemory() {
		if len(p.slots) == 0 {
			var out []scored
			it := ix.c.live.Iterator()
			for it.HasNext() {
				ord := it.Next()
				if p.filters.match(ix.c.paras[ord]) {
					out = append(out, scored{ord: ord, score: 1})
				}
			}
			return out, false, nil
		}
		return ix.phraseScores(p), false, nil
	}
	if p.filters.none {
		return nil, false, nil
	}
	q, ok := ix.strictQuery(p)
	if !ok {
		return nil, false, nil
	}
	out, err := ix.collectBleve(ctx, q)
	if err != nil || len(out) > 0 || !relax || !p.relaxable() {
		return out, false, err
	}
	if q, ok = ix.relatedQuery(p); !ok {
		return nil, false, nil
	}
	out, err = ix.collectBleve(ctx, q)
	return out, len(out) > 0, err
}

// collectBleve pages through every match of a bleve query in id order.
func (ix *Index) collectBleve(ctx context.Context, q query.Query) ([]scored, error) {
	const page = 2000
	var out []scored
	var after []string
	for {
		req := bleve.NewSearchRequestOptions(q, page, 0, false)
		req.SortBy([]string{"_id"})
		req.SearchAfter = after
		res, err := ix.alias.SearchInContext(ctx, req)
		if err != nil {
			if ctx.Err() != nil {
				return nil, cancelled(ctx.Err())
			}
			return nil, policysearch.WrapError(policysearch.EINTERNAL, err, "search failed")
		}
		for _, h := range res.Hits {
			if ord, ok := ix.c.ordOf(h.ID); ok {
				out = append(out, scored{ord: ord, score: h.Score})
			}
		}
		if len(res.Hits) < page {
			return out, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// cancelled is the error of work stopped by its context: the client went away or the
// request ran past its time.
func cancelled(err error) error {
	return policysearch.WrapError(policysearch.EUNAVAILABLE, err, "the request was cancelled or timed out")
}

// checkEvery is how many paragraphs the analytics loops handle between looks at their
// context: often enough to stop within milliseconds, rarely enough to cost nothing.
const checkEvery = 256

// entry is a hit taken out of the corpus with its paragraph. Paragraph entries are
// never changed once indexed (a change replaces them), so a slice of them is a
// snapshot that stays valid after the read lock is released: the analytics calls
// collect under the lock and do their long work, and wait on their clients, outside
// it, where no writer waits for them and so no reader queues behind a writer.
type entry struct {
	ord   uint32
	pe    *paraEntry
	score float64
	// statuses are the laws' standings as of the snapshot: an entry outlives the read
	// lock, and the corpus it came from may be replaced (a checkpoint) before it is
	// used, so nothing about it may be looked up in the current corpus afterwards.
	statuses *statusTable
}

// snapshot plans and collects a request's hits under the read lock. order, when set,
// arranges the hits (it runs under the lock, since ordering reads the corpus).
func (ix *Index) snapshot(ctx context.Context, req *policysearch.SearchRequest, order func([]scored) []scored) (*plan, []entry, bool, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p, err := ix.prepareRequest(req)
	if err != nil {
		return nil, nil, false, err
	}
	hits, relaxed, err := ix.collect(ctx, p, true)
	if err != nil {
		return nil, nil, false, err
	}
	if order != nil {
		hits = order(hits)
	}
	out := make([]entry, len(hits))
	st := ix.c.statuses()
	for i, h := range hits {
		out[i] = entry{ord: h.ord, pe: ix.c.paras[h.ord], score: h.score, statuses: st}
	}
	return p, out, relaxed, nil
}

// prepareRequest plans a request for the analytics calls, under the read lock. The
// request was validated by its caller (ValidatePerParagraph or the request's Validate).
func (ix *Index) prepareRequest(req *policysearch.SearchRequest) (*plan, error) {
	if ix.closed {
		return nil, policysearch.Errorf(policysearch.EUNAVAILABLE, "the index is closed")
	}
	return ix.plan(req)
}

// Trends counts a query's hits per value of a field: paragraphs, documents, and the
// occurrences of each quoted phrase.
func (ix *Index) Trends(ctx context.Context, treq *policysearch.TrendsRequest) (*policysearch.Trends, error) {
	start := time.Now()
	if err := treq.Validate(); err != nil {
		return nil, err
	}
	req, by := &treq.SearchRequest, treq.By
	p, hits, relaxed, err := ix.snapshot(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	// Occurrences of each quoted phrase in each hit paragraph, from the verified
	// phrase hits (which already counted them).
	occ := map[string]map[uint32]int{}
	for _, s := range p.slots {
		for _, a := range s.alts {
			if a.word != nil {
				continue
			}
			m := map[uint32]int{}
			for _, h := range a.hits {
				m[h.Ord] = int(h.Count)
			}
			occ[a.phrase] = m
		}
	}
	t := &policysearch.Trends{By: by, Total: len(hits), Relaxed: relaxed, Phrases: []string{}}
	for ph := range occ {
		t.Phrases = append(t.Phrases, ph)
	}
	sort.Strings(t.Phrases)
	buckets := map[string]*policysearch.TrendBucket{}
	docsSeen := map[string]map[*docEntry]bool{}
	allDocs := map[*docEntry]bool{}
	for i, h := range hits {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, cancelled(err)
			}
		}
		pe := h.pe
		allDocs[pe.doc] = true
		vals := bucketValues(pe.doc, by)
		if len(vals) == 0 {
			t.NoValue++
			continue
		}
		for _, v := range vals {
			b := buckets[v]
			if b == nil {
				b = &policysearch.TrendBucket{Value: v}
				if len(occ) > 0 {
					b.Occurrences = map[string]int{}
				}
				buckets[v] = b
				docsSeen[v] = map[*docEntry]bool{}
			}
			b.Paragraphs++
			if !docsSeen[v][pe.doc] {
				docsSeen[v][pe.doc] = true
				b.Documents++
			}
			for ph, m := range occ {
				b.Occurrences[ph] += m[h.ord]
			}
		}
	}
	t.Documents = len(allDocs)
	for _, b := range buckets {
		t.Buckets = append(t.Buckets, *b)
	}
	sort.Slice(t.Buckets, func(i, j int) bool {
		a, b := t.Buckets[i], t.Buckets[j]
		if by == "year" {
			return a.Value < b.Value // a time series reads oldest first
		}
		if a.Paragraphs != b.Paragraphs {
			return a.Paragraphs > b.Paragraphs
		}
		return a.Value < b.Value
	})
	if t.Buckets == nil {
		t.Buckets = []policysearch.TrendBucket{}
	}
	t.TookMS = policysearch.Millis(time.Since(start))
	return t, nil
}

// bucketValues are a document's values for a trend field.
func bucketValues(d *docEntry, by string) []string {
	one := func(v string) []string {
		if v == "" {
			return nil
		}
		return []string{v}
	}
	switch by {
	case "year":
		return one(d.year)
	case "region":
		return one(d.doc.Region)
	case "province":
		if len(d.regionPath) > 0 {
			return d.regionPath[:1]
		}
		return nil
	case "level":
		return one(d.doc.Level)
	case "issuer":
		return d.doc.Issuers
	case "type":
		return one(d.doc.DocType)
	}
	return nil
}

// KWIC lists every occurrence of the query's quoted phrases (or, without phrases, of
// its words) with context, as policysearch.KWICRequest describes.
func (ix *Index) KWIC(ctx context.Context, kreq *policysearch.KWICRequest) (*policysearch.KWICResult, error) {
	start := time.Now()
	if err := kreq.Validate(); err != nil {
		return nil, err
	}
	req, width, sortBy, offset, limit := &kreq.SearchRequest, kreq.Width, kreq.Order, kreq.Offset, kreq.Limit
	p, hits, _, err := ix.snapshot(ctx, req, func(h []scored) []scored { ix.readingOrder(h); return h })
	if err != nil {
		return nil, err
	}
	needles := p.marks.phrases
	exact := true
	if len(needles) == 0 {
		needles, exact = p.marks.terms, false
	}
	if len(needles) == 0 {
		return nil, policysearch.Errorf(policysearch.EINVALID, "keyword in context needs a phrase or a word to look for, e.g. \"产教融合\"")
	}
	needles = matchForms(needles, exact)
	// The work is bounded by the window asked for, not by the number of occurrences:
	// every occurrence is counted (cheaply, on the normalised text), but lines are built
	// only for the window in document order, or kept as the best offset+limit of a
	// sorted order.
	res := &policysearch.KWICResult{Lines: []policysearch.KWICLine{}}
	var best *kwicTop
	if sortBy == "left" || sortBy == "right" {
		best = newKWICTop(offset+limit, sortBy == "left", width)
	}
	seen := 0
	for i, h := range hits {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, cancelled(err)
			}
		}
		n := countForms(h.pe.norm, needles, exact)
		if n == 0 {
			continue
		}
		first := seen
		seen += n
		switch {
		case best != nil:
			for _, span := range occurrences(h.pe.sweptText(), needles, exact) {
				best.offer(h.pe, span, first)
				first++
			}
		case seen > offset && first < offset+limit:
			for k, span := range occurrences(h.pe.sweptText(), needles, exact) {
				if at := first + k; at >= offset && at < offset+limit {
					res.Lines = append(res.Lines, kwicLine(h.pe, span[0], span[1], width))
				}
			}
		}
	}
	res.Total = seen
	if best != nil {
		lines := best.sorted()
		if offset < len(lines) {
			res.Lines = lines[offset:]
		}
	}
	res.TookMS = policysearch.Millis(time.Since(start))
	return res, nil
}

// matchForms are the needles as they are looked for in normalised text: normalised, and
// for words ASCII lower-cased; empty ones dropped.
func matchForms(needles []string, exact bool) []string {
	var out []string
	for _, n := range needles {
		n = policysearch.Normalize(n)
		if !exact {
			n = lowerASCII(n)
		}
		if n != "" {
			out = append(out, n)
		}
	}
	return out
}

// countForms counts the occurrences that occurrences would find, without mapping them
// back to the original text.
func countForms(norm string, forms []string, exact bool) int {
	if !exact {
		norm = lowerASCII(norm)
	}
	n := 0
	for _, f := range forms {
		n += strings.Count(norm, f)
	}
	return n
}

// kwicTop keeps the first k lines of a concordance sorted by the context left of the
// match (read backwards) or right of it, ties in document order. A line is built only
// when its key beats the worst kept, so a query with millions of occurrences costs a
// key comparison per occurrence and k lines of memory.
type kwicTop struct {
	k     int
	left  bool
	width int
	h     kwicHeap
	key   []rune // scratch for the candidate's key
}

type kwicItem struct {
	key  string
	seq  int
	line policysearch.KWICLine
}

// kwicHeap is a max-heap: its root is the worst line kept.
type kwicHeap []kwicItem

func (h kwicHeap) Len() int { return len(h) }
func (h kwicHeap) Less(i, j int) bool {
	return kwicBefore(h[j].key, h[j].seq, h[i].key, h[i].seq)
}
func (h kwicHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *kwicHeap) Push(x any)   { *h = append(*h, x.(kwicItem)) }
func (h *kwicHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func kwicBefore(a string, sa int, b string, sb int) bool {
	if a != b {
		return a < b
	}
	return sa < sb
}

func newKWICTop(k int, left bool, width int) *kwicTop {
	return &kwicTop{k: k, left: left, width: width}
}

// offer considers the occurrence at span of a paragraph, seq-th in document order.
func (t *kwicTop) offer(pe *paraEntry, span [2]int, seq int) {
	text := pe.sweptText()
	var ctx string
	if t.left {
		ctx = flat(lastRunes(text[:span[0]], t.width))
		// Left contexts sort by the characters nearest the match: the key is the
		// context reversed.
		t.key = append(t.key[:0], []rune(ctx)...)
		for i, j := 0, len(t.key)-1; i < j; i, j = i+1, j-1 {
			t.key[i], t.key[j] = t.key[j], t.key[i]
		}
		ctx = string(t.key)
	} else {
		ctx = flat(firstRunes(text[span[1]:], t.width))
	}
	if len(t.h) == t.k && !kwicBefore(ctx, seq, t.h[0].key, t.h[0].seq) {
		return
	}
	it := kwicItem{key: ctx, seq: seq, line: kwicLine(pe, span[0], span[1], t.width)}
	if len(t.h) < t.k {
		heap.Push(&t.h, it)
		return
	}
	t.h[0] = it
	heap.Fix(&t.h, 0)
}

// sorted returns the kept lines, best first.
func (t *kwicTop) sorted() []policysearch.KWICLine {
	items := []kwicItem(t.h)
	sort.Slice(items, func(i, j int) bool { return kwicBefore(items[i].key, items[i].seq, items[j].key, items[j].seq) })
	out := make([]policysearch.KWICLine, len(items))
	for i, it := range items {
		out[i] = it.line
	}
	return out
}

// readingOrder sorts hits newest document first, then in reading order.
func (ix *Index) readingOrder(hits []scored) {
	sort.Slice(hits, func(i, j int) bool {
		a, b := ix.c.paras[hits[i].ord], ix.c.paras[hits[j].ord]
		if a.doc != b.doc {
			if a.doc.doc.Date != b.doc.doc.Date {
				return a.doc.doc.Date > b.doc.doc.Date
			}
			return a.doc.doc.ID < b.doc.doc.ID
		}
		return hits[i].ord < hits[j].ord
	})
}

// occurrences finds the byte ranges in the original text where the needles (in their
// matchForms) occur, matched on the normalised text (exactly, or ignoring ASCII case
// for words).
func occurrences(text string, needles []string, exact bool) [][2]int {
	norm, offs := policysearch.NormalizeMap(text)
	hay := norm
	if !exact {
		hay = lowerASCII(norm)
	}
	var out [][2]int
	for _, n := range needles {
		for from := 0; from < len(hay); {
			i := strings.Index(hay[from:], n)
			if i < 0 {
				break
			}
			a := from + i
			out = append(out, [2]int{offs[a], offs[a+len(n)]})
			from = a + len(n)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func kwicLine(pe *paraEntry, a, b, width int) policysearch.KWICLine {
	text := pe.sweptText()
	f := decodeRec(pe.rec)
	return policysearch.KWICLine{
		ParagraphID:  pe.id,
		DocID:        pe.doc.doc.ID,
		DocTitle:     pe.doc.doc.Title,
		Date:         pe.doc.doc.Date,
		Region:       pe.doc.doc.Region,
		Kind:         pe.kind,
		MeasureNo:    f.measureNo,
		MeasureTitle: f.measureTitle,
		Left:         flat(lastRunes(text[:a], width)),
		Match:        text[a:b],
		Right:        flat(firstRunes(text[b:], width)),
	}
}

// flat puts a context on one line: runs of whitespace become one space.
func flat(s string) string { return strings.Join(strings.Fields(s), " ") }

func lastRunes(s string, n int) string {
	i := len(s)
	for k := 0; k < n && i > 0; k++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func firstRunes(s string, n int) string {
	i := 0
	for k := 0; k < n && i < len(s); k++ {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

// Export calls fn for every hit in result order. The hits are collected under the read
// lock, as entries that stay valid after it, and the lock is released before the first
// row: a client that reads slowly, or not at all, holds up no writer and so no reader.
// Rows are made one at a time, so memory stays small however many are written.
func (ix *Index) Export(ctx context.Context, req *policysearch.SearchRequest, limit int, fn func(policysearch.Hit) error) (int, error) {
	if err := req.ValidatePerParagraph(); err != nil {
		return 0, err
	}
	var over int
	_, hits, _, err := ix.snapshot(ctx, req, func(h []scored) []scored {
		if limit > 0 && len(h) > limit {
			over = len(h)
			return nil
		}
		return ix.top(h, len(h), req.Sort)
	})
	if err != nil {
		return 0, err
	}
	if over > 0 {
		return over, policysearch.Errorf(policysearch.ETOOLARGE,
			"the query matches %d paragraphs; an export holds at most %d. Narrow it with filters (region, year, type …) or a more specific query", over, limit)
	}
	for i, h := range hits {
		if i%checkEvery == 0 {
			if err := ctx.Err(); err != nil {
				return i, cancelled(err)
			}
		}
		// A row's text is the mapping's: an export sweeps every hit, and a row whose
		// text is not written (an ids-only listing) leaves it untouched.
		if err := fn(recordOf(h.statuses, h.pe, h.pe.sweptText(), h.score)); err != nil {
			return i, err
		}
	}
	return len(hits), nil
}
