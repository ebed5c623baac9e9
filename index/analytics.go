package index

import (
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
				return nil, policysearch.WrapError(policysearch.EUNAVAILABLE, ctx.Err(), "the request was cancelled or timed out")
			}
			return nil, policysearch.WrapError(policysearch.EINTERNAL, err, "search failed")
		}
		for _, h := range res.Hits {
			if ord, ok := ix.c.byID[h.ID]; ok {
				out = append(out, scored{ord: ord, score: h.Score})
			}
		}
		if len(res.Hits) < page {
			return out, nil
		}
		after = []string{res.Hits[len(res.Hits)-1].ID}
	}
}

// prepare parses a request for the analytics calls, under the read lock.
func (ix *Index) prepareRequest(req *policysearch.SearchRequest) (*plan, error) {
	if err := req.Validate(); err != nil {
		return nil, err
	}
	if req.Sort == policysearch.SortMatches || req.Grouped() {
		return nil, policysearch.Errorf(policysearch.EINVALID, "counts, contexts and exports are per paragraph: leave out group and sort=matches").
			With("needs_paragraphs")
	}
	if ix.closed {
		return nil, policysearch.Errorf(policysearch.EUNAVAILABLE, "the index is closed")
	}
	return ix.plan(req)
}

// Trends counts a query's hits per value of a field: paragraphs, documents, and the
// occurrences of each quoted phrase.
func (ix *Index) Trends(ctx context.Context, req *policysearch.SearchRequest, by string) (*policysearch.Trends, error) {
	start := time.Now()
	valid := false
	for _, f := range policysearch.TrendFields {
		valid = valid || f == by
	}
	if !valid {
		return nil, policysearch.Errorf(policysearch.EINVALID, "by must be one of %s, not %q", strings.Join(policysearch.TrendFields, ", "), by)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p, err := ix.prepareRequest(req)
	if err != nil {
		return nil, err
	}
	hits, relaxed, err := ix.collect(ctx, p, true)
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
				m[h.ord] = int(h.count)
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
	for _, h := range hits {
		pe := ix.c.paras[h.ord]
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
// its words) with width characters of context on each side, taken from the original
// text. sortBy is "doc" (document order), "left" (by the context just before the
// match, read backwards, as concordancers sort) or "right".
func (ix *Index) KWIC(ctx context.Context, req *policysearch.SearchRequest, width int, sortBy string, offset, limit int) (*policysearch.KWICResult, error) {
	start := time.Now()
	if width <= 0 {
		width = 20
	}
	if width > policysearch.MaxKWICWidth {
		return nil, policysearch.Errorf(policysearch.EINVALID, "width must be at most %d characters", policysearch.MaxKWICWidth)
	}
	if limit <= 0 {
		limit = 500
	}
	if limit > policysearch.MaxKWICLines || offset < 0 {
		return nil, policysearch.Errorf(policysearch.EINVALID, "limit must be 1–%d and offset not negative", policysearch.MaxKWICLines)
	}
	switch sortBy {
	case "", "doc", "left", "right":
	default:
		return nil, policysearch.Errorf(policysearch.EINVALID, "sort must be doc, left or right, not %q", sortBy)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p, err := ix.prepareRequest(req)
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
	hits, _, err := ix.collect(ctx, p, true)
	if err != nil {
		return nil, err
	}
	ords := make([]uint32, len(hits))
	for i, h := range hits {
		ords[i] = h.ord
	}
	ix.readingOrder(ords)
	var lines []policysearch.KWICLine
	for _, ord := range ords {
		pe := ix.c.paras[ord]
		for _, span := range occurrences(pe.p.Text, needles, exact) {
			lines = append(lines, kwicLine(pe, span[0], span[1], width))
		}
	}
	switch sortBy {
	case "left":
		sort.SliceStable(lines, func(i, j int) bool { return reverse(lines[i].Left) < reverse(lines[j].Left) })
	case "right":
		sort.SliceStable(lines, func(i, j int) bool { return lines[i].Right < lines[j].Right })
	}
	res := &policysearch.KWICResult{Total: len(lines), Lines: []policysearch.KWICLine{}}
	if offset < len(lines) {
		res.Lines = lines[offset:min(offset+limit, len(lines))]
	}
	res.TookMS = policysearch.Millis(time.Since(start))
	return res, nil
}

// readingOrder sorts ordinals newest document first, then in reading order.
func (ix *Index) readingOrder(ords []uint32) {
	sort.Slice(ords, func(i, j int) bool {
		a, b := ix.c.paras[ords[i]], ix.c.paras[ords[j]]
		if a.doc != b.doc {
			if a.doc.doc.Date != b.doc.doc.Date {
				return a.doc.doc.Date > b.doc.doc.Date
			}
			return a.doc.doc.ID < b.doc.doc.ID
		}
		return ords[i] < ords[j]
	})
}

// occurrences finds the byte ranges in the original text where the needles occur,
// matched on the normalised text (exactly, or ignoring ASCII case for words).
func occurrences(text string, needles []string, exact bool) [][2]int {
	norm, offs := policysearch.NormalizeMap(text)
	hay := norm
	if !exact {
		hay = lowerASCII(norm)
	}
	var out [][2]int
	for _, n := range needles {
		n = policysearch.Normalize(n)
		if !exact {
			n = lowerASCII(n)
		}
		if n == "" {
			continue
		}
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
	text := pe.p.Text
	flat := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return policysearch.KWICLine{
		ParagraphID:  pe.p.ID,
		DocID:        pe.doc.doc.ID,
		DocTitle:     pe.doc.doc.Title,
		Date:         pe.doc.doc.Date,
		Region:       pe.doc.doc.Region,
		Kind:         pe.p.Kind,
		MeasureNo:    pe.p.MeasureNo,
		MeasureTitle: pe.p.MeasureTitle,
		Left:         flat(lastRunes(text[:a], width)),
		Match:        text[a:b],
		Right:        flat(firstRunes(text[b:], width)),
	}
}

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

func reverse(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

// Export calls fn for every hit in result order. The hits are collected as ordinals
// first and turned into records one at a time, so memory stays small however many
// rows are written. The read lock is held throughout: a change waits for the export.
func (ix *Index) Export(ctx context.Context, req *policysearch.SearchRequest, limit int, fn func(policysearch.Hit) error) (int, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	p, err := ix.prepareRequest(req)
	if err != nil {
		return 0, err
	}
	hits, _, err := ix.collect(ctx, p, true)
	if err != nil {
		return 0, err
	}
	if limit > 0 && len(hits) > limit {
		return len(hits), policysearch.Errorf(policysearch.ETOOLARGE,
			"the query matches %d paragraphs; an export holds at most %d. Narrow it with filters (region, year, type …) or a more specific query", len(hits), limit)
	}
	ordered := ix.top(hits, len(hits), req.Sort)
	for i, h := range ordered {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return i, err
			}
		}
		hit := ix.hit(ix.c.paras[h.ord], h.score, &marks{})
		hit.Highlight = ""
		if err := fn(hit); err != nil {
			return i, err
		}
	}
	return len(ordered), nil
}
