package index

import (
	"context"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"policysearch"
	pquery "policysearch/query"
)

// rescoreWindow is how many top hits of a ranked query are re-ranked by how closely
// they keep each question's words together.
const rescoreWindow = 50

// facetSize is how many values each facet lists.
const facetSize = 30

// plan is a parsed query made ready to run.
type plan struct {
	req      *policysearch.SearchRequest
	filters  *filterSet
	slots    []slot // clauses that must hold
	excluded []slot // clauses that must not
	marks    marks  // what the highlighter marks
}

// slot is one clause: any of its alternatives may match.
type slot struct {
	alts []alternative
}

// alternative is a word or an exact phrase.
type alternative struct {
	phrase string // normalised phrase, when exact
	hits   []phraseHit
	res    *phraseResult
	word   *word
}

func (s slot) phrasesOnly() bool {
	for _, a := range s.alts {
		if a.word != nil {
			return false
		}
	}
	return true
}

// Search runs a query.
func (ix *Index) Search(ctx context.Context, req *policysearch.SearchRequest) (*policysearch.SearchResult, error) {
	start := time.Now()
	page, size, err := pageOf(req)
	if err != nil {
		return nil, err
	}
	if req.Sort != "" && req.Sort != policysearch.SortRelevance && req.Sort != policysearch.SortDate && req.Sort != policysearch.SortDocument {
		return nil, policysearch.Errorf(policysearch.EINVALID, "sort must be relevance, date or document, not %q", req.Sort)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	if ix.closed {
		return nil, policysearch.Errorf(policysearch.EUNAVAILABLE, "the index is closed")
	}
	p, err := ix.plan(req)
	if err != nil {
		return nil, err
	}
	var res *policysearch.SearchResult
	if req.Sort == policysearch.SortDocument {
		if res, err = ix.searchInOrder(ctx, p, page, size); err != nil {
			return nil, err
		}
	} else if p.inMemory() {
		res = ix.searchMemory(p, page, size)
	} else {
		res, err = ix.searchBleve(ctx, p, page, size)
		if err != nil {
			return nil, err
		}
	}
	res.Page, res.Size = page, size
	res.Terms = p.marks.list()
	res.TookMS = policysearch.Millis(time.Since(start))
	if res.Facets == nil {
		res.Facets = map[string][]policysearch.FacetValue{}
	}
	if !req.NoFacets {
		for _, name := range policysearch.FacetNames {
			if res.Facets[name] == nil {
				res.Facets[name] = []policysearch.FacetValue{}
			}
		}
	}
	if res.Hits == nil {
		res.Hits = []policysearch.Hit{}
	}
	return res, nil
}

func pageOf(req *policysearch.SearchRequest) (page, size int, err error) {
	page, size = req.Page, req.Size
	if page == 0 {
		page = 1
	}
	if size == 0 {
		size = policysearch.DefaultPageSize
	}
	if page < 1 || page > policysearch.MaxPage {
		return 0, 0, policysearch.Errorf(policysearch.EINVALID, "page must be between 1 and %d", policysearch.MaxPage)
	}
	if size < 1 || size > policysearch.MaxPageSize {
		return 0, 0, policysearch.Errorf(policysearch.EINVALID, "size must be between 1 and %d", policysearch.MaxPageSize)
	}
	return page, size, nil
}

// plan parses and analyses the query. The caller holds ix.mu for reading.
func (ix *Index) plan(req *policysearch.SearchRequest) (*plan, error) {
	f := req.Filters
	p := &plan{req: req}
	if strings.TrimSpace(req.Query) != "" || f == (policysearch.Filters{}) {
		q, err := pquery.Parse(req.Query)
		if err != nil {
			return nil, err
		}
		if f, err = mergeFilters(f, q.Filters); err != nil {
			return nil, err
		}
		for _, c := range q.Clauses {
			s := slot{}
			for _, t := range c.Any {
				if t.Phrase {
					norm := policysearch.Normalize(t.Text)
					pr := ix.phraseHits(norm)
					s.alts = append(s.alts, alternative{phrase: norm, hits: pr.hits, res: pr})
					if !c.Negated {
						p.marks.phrases = append(p.marks.phrases, norm)
					}
					continue
				}
				w := analyzeWord(ix.seg, t.Text)
				if len(w.terms) == 0 {
					return nil, policysearch.Errorf(policysearch.EINVALID,
						"%q has no word to search for (punctuation is ignored); put it in quotes to find it literally", t.Text)
				}
				s.alts = append(s.alts, alternative{word: &w})
				if !c.Negated {
					p.marks.addWord(w)
				}
			}
			if c.Negated {
				p.excluded = append(p.excluded, s)
			} else {
				p.slots = append(p.slots, s)
			}
		}
	}
	fs, err := ix.resolveFilters(f)
	if err != nil {
		return nil, err
	}
	p.filters = fs
	return p, nil
}

// phraseHits finds a phrase's hits, from the cache when it was asked recently. The
// caller holds ix.mu for reading, so no change can slip between lookup and store.
func (ix *Index) phraseHits(norm string) *phraseResult {
	if pr, ok := ix.phrases.get(norm); ok {
		return pr
	}
	pr := &phraseResult{hits: ix.c.phrase(norm)}
	ix.phrases.put(norm, pr)
	return pr
}

// rankedHits is the phrase's hits in relevance order, built the second time the
// phrase is ranked (a first, one-off query does not pay for a full sort); nil before.
func (ix *Index) rankedHits(pr *phraseResult) []scored {
	if pr.uses.Add(1) < 2 {
		return nil
	}
	pr.once.Do(func() {
		n, avg := float64(ix.c.liveCount), ix.c.avgRunes()
		idf := bm25IDF(n, float64(len(pr.hits)))
		ranked := make([]scored, len(pr.hits))
		for i, h := range pr.hits {
			ranked[i] = scored{ord: h.ord, score: bm25(idf, float64(h.count), float64(h.runes), avg)}
		}
		pr.ranked = ix.top(ranked, len(ranked), policysearch.SortRelevance)
	})
	return pr.ranked
}

// mergeFilters combines request parameters with filters typed in the query; the same
// field given twice with different values is an error rather than a silent choice.
func mergeFilters(a, b policysearch.Filters) (policysearch.Filters, error) {
	pick := func(name string, x, y string) (string, error) {
		switch {
		case x == "":
			return y, nil
		case y == "" || x == y:
			return x, nil
		}
		return "", policysearch.Errorf(policysearch.EINVALID, "%s is given as %q and as %q; give it once", name, x, y)
	}
	var err error
	out := a
	for _, f := range []struct {
		name string
		dst  *string
		v    string
	}{{"region", &out.Region, b.Region}, {"level", &out.Level, b.Level}, {"issuer", &out.Issuer, b.Issuer},
		{"type", &out.Type, b.Type}, {"unit", &out.Unit, b.Unit}, {"kind", &out.Kind, b.Kind}, {"doc", &out.Doc, b.Doc},
		{"status", &out.Status, b.Status}, {"published_from", &out.PublishedFrom, b.PublishedFrom}, {"published_to", &out.PublishedTo, b.PublishedTo},
		{"effective_from", &out.EffectiveFrom, b.EffectiveFrom}, {"effective_to", &out.EffectiveTo, b.EffectiveTo}} {
		if *f.dst, err = pick(f.name, *f.dst, f.v); err != nil {
			return out, err
		}
	}
	if b.YearFrom != 0 {
		out.YearFrom = max(out.YearFrom, b.YearFrom)
	}
	if b.YearTo != 0 && (out.YearTo == 0 || b.YearTo < out.YearTo) {
		out.YearTo = b.YearTo
	}
	return out, nil
}

// inMemory reports whether the query can be answered from the in-memory table alone:
// only exact phrases and filters, no words to rank with jieba.
func (p *plan) inMemory() bool {
	for _, s := range p.slots {
		if !s.phrasesOnly() {
			return false
		}
	}
	for _, s := range p.excluded {
		if !s.phrasesOnly() {
			return false
		}
	}
	return true
}

// scored is a paragraph with its score.
type scored struct {
	ord   uint32
	score float64
}

// searchMemory answers phrase-and-filter queries from the in-memory table: the exact
// sets, intersected, minus exclusions, filtered, ranked by BM25 over phrase occurrences.
func (ix *Index) searchMemory(p *plan, page, size int) *policysearch.SearchResult {
	c := ix.c
	var cand []scored
	if len(p.slots) == 0 {
		// Filters alone: every live paragraph, in document order.
		it := c.live.Iterator()
		for it.HasNext() {
			ord := it.Next()
			if p.filters.match(c.paras[ord]) {
				cand = append(cand, scored{ord: ord, score: 1})
			}
		}
	} else if res := ix.searchRanked(p, page, size); res != nil {
		return res
	} else {
		cand = ix.phraseScores(p)
	}
	res := &policysearch.SearchResult{Total: len(cand)}
	if !p.req.NoFacets {
		res.Facets = ix.facetsMemory(cand)
	}
	from := (page - 1) * size
	top := ix.top(cand, from+size, p.req.Sort)
	for i := from; i < len(top); i++ {
		res.Hits = append(res.Hits, ix.hit(c.paras[top[i].ord], top[i].score, &p.marks))
	}
	return res
}

// searchRanked answers one phrase, ranked by relevance, from the phrase's cached
// ranking: the page is a slice of it, filters are checked in rank order. It returns
// nil when the query is not of that shape or the phrase has no ranking yet.
func (ix *Index) searchRanked(p *plan, page, size int) *policysearch.SearchResult {
	if len(p.slots) != 1 || len(p.slots[0].alts) != 1 || len(p.excluded) != 0 || p.req.Sort == policysearch.SortDate {
		return nil
	}
	a := p.slots[0].alts[0]
	if a.res == nil {
		return nil
	}
	ranked := ix.rankedHits(a.res)
	if ranked == nil {
		return nil
	}
	from := (page - 1) * size
	res := &policysearch.SearchResult{}
	var onPage []scored
	var matched []scored // for facets, when filtered
	if p.filters.empty() {
		res.Total = len(ranked)
		if from < len(ranked) {
			onPage = ranked[from:min(from+size, len(ranked))]
		}
		matched = ranked
	} else {
		for _, s := range ranked {
			if !p.filters.match(ix.c.paras[s.ord]) {
				continue
			}
			if res.Total >= from && res.Total < from+size {
				onPage = append(onPage, s)
			}
			res.Total++
			if !p.req.NoFacets {
				matched = append(matched, s)
			}
		}
	}
	if !p.req.NoFacets {
		res.Facets = ix.facetsMemory(matched)
	}
	for _, s := range onPage {
		res.Hits = append(res.Hits, ix.hit(ix.c.paras[s.ord], s.score, &p.marks))
	}
	return res
}

// phraseScores scores the paragraphs that satisfy every clause of a phrase query and
// no exclusion, and pass the filters.
func (ix *Index) phraseScores(p *plan) []scored {
	c := ix.c
	n := float64(c.liveCount)
	avg := c.avgRunes()
	excluded := map[uint32]bool{}
	for _, s := range p.excluded {
		for _, a := range s.alts {
			for _, h := range a.hits {
				excluded[h.ord] = true
			}
		}
	}
	keep := func(ord uint32) bool { return !excluded[ord] && p.filters.match(c.paras[ord]) }
	if len(excluded) == 0 && p.filters.empty() {
		// Nothing to drop: skip a lookup per hit, which for 应当 is 118k of them.
		keep = func(uint32) bool { return true }
	}
	slotScore := func(s slot, keep func(uint32) bool) map[uint32]float64 {
		m := map[uint32]float64{}
		for _, a := range s.alts {
			idf := bm25IDF(n, float64(len(a.hits)))
			for _, h := range a.hits {
				if keep(h.ord) {
					m[h.ord] += bm25(idf, float64(h.count), float64(h.runes), avg)
				}
			}
		}
		return m
	}

	// The common case, one phrase: no map, straight from the hit list.
	if len(p.slots) == 1 && len(p.slots[0].alts) == 1 {
		a := p.slots[0].alts[0]
		idf := bm25IDF(n, float64(len(a.hits)))
		out := make([]scored, 0, len(a.hits))
		for _, h := range a.hits {
			if keep(h.ord) {
				out = append(out, scored{ord: h.ord, score: bm25(idf, float64(h.count), float64(h.runes), avg)})
			}
		}
		return out
	}
	// Start from the smallest clause and intersect.
	slots := append([]slot(nil), p.slots...)
	sort.Slice(slots, func(i, j int) bool { return slots[i].size() < slots[j].size() })
	scores := slotScore(slots[0], keep)
	for _, s := range slots[1:] {
		next := slotScore(s, func(ord uint32) bool { _, ok := scores[ord]; return ok })
		for ord, sc := range scores {
			if add, ok := next[ord]; ok {
				scores[ord] = sc + add
			} else {
				delete(scores, ord)
			}
		}
	}
	out := make([]scored, 0, len(scores))
	for ord, sc := range scores {
		out = append(out, scored{ord: ord, score: sc})
	}
	return out
}

func (s slot) size() int {
	n := 0
	for _, a := range s.alts {
		n += len(a.hits)
	}
	return n
}

// top returns the first k of cand in result order, sorted: by score (then document
// date, newest first, then reading order), or by date (then score). It selects with a
// bounded heap, so a phrase with tens of thousands of hits is not sorted whole.
func (ix *Index) top(cand []scored, k int, by string) []scored {
	c := ix.c
	less := func(a, b scored) bool { // a comes before b
		if by != policysearch.SortDate && a.score != b.score {
			// Decided without the dates: no pointer chase per candidate.
			return a.score > b.score
		}
		da, db := c.paras[a.ord].doc.doc.Date, c.paras[b.ord].doc.doc.Date
		if by == policysearch.SortDate && da != db {
			return da > db
		}
		if a.score != b.score {
			return a.score > b.score
		}
		if da != db {
			return da > db
		}
		return a.ord < b.ord
	}
	if k*4 >= len(cand) {
		sort.Slice(cand, func(i, j int) bool { return less(cand[i], cand[j]) })
		return cand[:min(k, len(cand))]
	}
	// h is a heap whose root is the worst of the best k so far.
	h := make([]scored, 0, k)
	worse := func(i, j int) bool { return less(h[j], h[i]) }
	for _, s := range cand {
		if len(h) < k {
			h = append(h, s)
			for i := len(h) - 1; i > 0; {
				parent := (i - 1) / 2
				if !worse(i, parent) {
					break
				}
				h[i], h[parent] = h[parent], h[i]
				i = parent
			}
			continue
		}
		if !less(s, h[0]) {
			continue
		}
		h[0] = s
		for i := 0; ; {
			l := 2*i + 1
			if l >= len(h) {
				break
			}
			m := l
			if r := l + 1; r < len(h) && worse(r, l) {
				m = r
			}
			if !worse(m, i) {
				break
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	sort.Slice(h, func(i, j int) bool { return less(h[i], h[j]) })
	return h
}

const bm25K1, bm25B = 1.2, 0.75

func bm25IDF(n, df float64) float64 {
	if df == 0 {
		return 0
	}
	x := (n-df+0.5)/(df+0.5) + 1
	return math.Log(x)
}

func bm25(idf, tf, dl, avg float64) float64 {
	return idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*dl/avg))
}

// facetsMemory counts facet values over the hits. Document-level values are counted
// once per document with its number of hits, not once per paragraph.
func (ix *Index) facetsMemory(cand []scored) map[string][]policysearch.FacetValue {
	perDoc := map[*docEntry]int{}
	units := map[string]int{}
	for _, s := range cand {
		pe := ix.c.paras[s.ord]
		perDoc[pe.doc]++
		for _, u := range pe.p.ResponsibleUnits {
			units[u]++
		}
	}
	counts := map[string]map[string]int{"unit": units}
	for _, name := range []string{"issuer", "region", "level", "year", "type"} {
		counts[name] = map[string]int{}
	}
	for d, n := range perDoc {
		for _, v := range d.doc.Issuers {
			counts["issuer"][v] += n
		}
		for name, v := range map[string]string{"region": d.doc.Region, "level": d.doc.Level, "year": d.year, "type": d.doc.DocType} {
			if v != "" {
				counts[name][v] += n
			}
		}
	}
	out := map[string][]policysearch.FacetValue{}
	for name, m := range counts {
		out[name] = topValues(m, facetSize)
	}
	return out
}

func topValues(m map[string]int, n int) []policysearch.FacetValue {
	vals := make([]policysearch.FacetValue, 0, len(m))
	for v, c := range m {
		vals = append(vals, policysearch.FacetValue{Value: v, Count: c})
	}
	sort.Slice(vals, func(i, j int) bool {
		if vals[i].Count != vals[j].Count {
			return vals[i].Count > vals[j].Count
		}
		return vals[i].Value < vals[j].Value
	})
	if len(vals) > n {
		vals = vals[:n]
	}
	return vals
}

// searchBleve runs queries with words through bleve: words ranked with jieba terms,
// phrases as exact id sets, filters as keyword terms, facets counted by bleve.
func (ix *Index) searchBleve(ctx context.Context, p *plan, page, size int) (*policysearch.SearchResult, error) {
	res := &policysearch.SearchResult{}
	if p.filters.none {
		return res, nil
	}
	q, ok := ix.bleveQuery(p, false)
	if !ok {
		return res, nil
	}
	br, err := ix.runBleve(ctx, p, q, page, size)
	if err != nil {
		return nil, err
	}
	if br.Total == 0 && p.relaxable() {
		if q, ok = ix.bleveQuery(p, true); ok {
			if br, err = ix.runBleve(ctx, p, q, page, size); err != nil {
				return nil, err
			}
			res.Relaxed = br.Total > 0
		}
	}
	res.Total = int(br.Total)
	if !p.req.NoFacets {
		res.Facets = facetsBleve(br.Facets)
	}
	hits := br.Hits
	from := (page - 1) * size
	rescore := p.req.Sort != policysearch.SortDate && from+size <= rescoreWindow
	if rescore {
		hits = ix.rescore(p, hits)
		if from < len(hits) {
			hits = hits[from:]
		} else {
			hits = nil
		}
		if len(hits) > size {
			hits = hits[:size]
		}
	}
	for _, h := range hits {
		ord, ok := ix.c.byID[h.ID]
		if !ok {
			continue
		}
		res.Hits = append(res.Hits, ix.hit(ix.c.paras[ord], h.Score, &p.marks))
	}
	return res, nil
}

func (p *plan) relaxable() bool {
	if len(p.slots) >= 2 {
		return true
	}
	for _, s := range p.slots {
		for _, a := range s.alts {
			if a.word != nil && a.word.min > 1 {
				return true
			}
		}
	}
	return false
}

func (ix *Index) runBleve(ctx context.Context, p *plan, q query.Query, page, size int) (*bleve.SearchResult, error) {
	from := (page - 1) * size
	n, off := size, from
	if p.req.Sort != policysearch.SortDate && from+size <= rescoreWindow {
		n, off = rescoreWindow, 0
	}
	req := bleve.NewSearchRequestOptions(q, n, off, false)
	if p.req.Sort == policysearch.SortDate {
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fDate, Desc: true, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
		})
	}
	if !p.req.NoFacets {
		for _, name := range policysearch.FacetNames {
			req.AddFacet(name, bleve.NewFacetRequest(facetField(name), facetSize))
		}
	}
	res, err := ix.alias.SearchInContext(ctx, req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, policysearch.WrapError(policysearch.EUNAVAILABLE, ctx.Err(), "the search was cancelled or timed out")
		}
		return nil, policysearch.WrapError(policysearch.EINTERNAL, err, "search failed")
	}
	return res, nil
}

func facetField(name string) string {
	switch name {
	case "issuer":
		return fIssuer
	case "region":
		return fRegion
	case "level":
		return fLevel
	case "year":
		return fYear
	case "type":
		return fType
	}
	return fUnit
}

func facetsBleve(fr search.FacetResults) map[string][]policysearch.FacetValue {
	out := map[string][]policysearch.FacetValue{}
	for _, name := range policysearch.FacetNames {
		counts := map[string]int{}
		if f := fr[name]; f != nil && f.Terms != nil {
			for _, t := range f.Terms.Terms() {
				counts[t.Term] = t.Count
			}
		}
		out[name] = topValues(counts, facetSize)
	}
	return out
}

// bleveQuery translates the plan. relaxed turns the required clauses into optional
// ones, of which one must match. ok is false when the query cannot match anything.
func (ix *Index) bleveQuery(p *plan, relaxed bool) (query.Query, bool) {
	bq := bleve.NewBooleanQuery()
	var filters []query.Query
	var should []query.Query
	for _, s := range p.slots {
		q, ok := ix.slotQuery(s, relaxed)
		if !ok {
			if relaxed {
				continue
			}
			return nil, false
		}
		if relaxed {
			should = append(should, q)
		} else {
			bq.AddMust(q)
		}
		if hq := headingQuery(s); hq != nil {
			bq.AddShould(hq)
		}
	}
	if relaxed {
		if len(should) == 0 {
			return nil, false
		}
		// Of the clauses, at least one; heading boosts alone do not qualify.
		bq.AddMust(bleve.NewDisjunctionQuery(should...))
	}
	for _, s := range p.excluded {
		if q, ok := ix.slotQuery(s, false); ok {
			bq.AddMustNot(q)
		}
	}
	if fq := p.filters.bleveQuery(); fq != nil {
		filters = append(filters, fq)
	}
	// Only paragraph records: document records have no text, so they never match a
	// word; but a query without words (exclusions of "*") starts from everything.
	if len(p.slots) == 0 {
		rec := bleve.NewTermQuery("p")
		rec.SetField(fRec)
		filters = append(filters, rec)
	}
	switch len(filters) {
	case 0:
	case 1:
		bq.AddFilter(filters[0])
	default:
		bq.AddFilter(bleve.NewConjunctionQuery(filters...))
	}
	return bq, true
}

// slotQuery is one clause: a disjunction of its alternatives.
func (ix *Index) slotQuery(s slot, relaxed bool) (query.Query, bool) {
	var alts []query.Query
	for _, a := range s.alts {
		if a.word != nil {
			if q := wordQuery(a.word, relaxed); q != nil {
				alts = append(alts, q)
			}
			continue
		}
		if len(a.hits) == 0 {
			continue
		}
		ids := make([]string, len(a.hits))
		for i, h := range a.hits {
			ids[i] = ix.c.paras[h.ord].p.ID
		}
		// The exact set decides; the phrase's jieba terms rank within it.
		pq := bleve.NewBooleanQuery()
		pq.AddMust(bleve.NewDocIDQuery(ids))
		w := analyzeWord(ix.seg, a.phrase)
		if tq := wordQuery(&w, true); tq != nil {
			pq.AddShould(tq)
		}
		alts = append(alts, pq)
	}
	switch len(alts) {
	case 0:
		return nil, false
	case 1:
		return alts[0], true
	}
	return bleve.NewDisjunctionQuery(alts...), true
}

// wordQuery matches a word: its content terms, of which min must match (or one, when
// relaxed); each term matches as itself, as all of its parts, or as a synonym.
func wordQuery(w *word, relaxed bool) query.Query {
	if len(w.terms) == 0 {
		return nil
	}
	qs := make([]query.Query, 0, len(w.terms))
	for _, t := range w.terms {
		qs = append(qs, termQuery(t))
	}
	if len(qs) == 1 {
		return qs[0]
	}
	d := bleve.NewDisjunctionQuery(qs...)
	if relaxed {
		d.SetMin(1)
	} else {
		d.SetMin(float64(w.min))
	}
	return d
}

func termQuery(t term) query.Query {
	tq := textTerm(t.text)
	if len(t.subs) == 0 && len(t.syns) == 0 {
		return tq
	}
	alts := []query.Query{tq}
	if len(t.subs) > 0 {
		parts := make([]query.Query, len(t.subs))
		for i, s := range t.subs {
			parts[i] = textTerm(s)
		}
		c := bleve.NewConjunctionQuery(parts...)
		c.SetBoost(0.8)
		alts = append(alts, c)
	}
	for _, s := range t.syns {
		sq := textTerm(s)
		sq.SetBoost(0.7)
		alts = append(alts, sq)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// headingQuery boosts paragraphs whose measure title or enclosing headings hold the
// clause's words.
func headingQuery(s slot) query.Query {
	var qs []query.Query
	for _, a := range s.alts {
		if a.word == nil {
			continue
		}
		for _, t := range a.word.terms {
			tq := bleve.NewTermQuery(t.text)
			tq.SetField(fTitle)
			tq.SetBoost(2)
			hq := bleve.NewTermQuery(t.text)
			hq.SetField(fHeadings)
			hq.SetBoost(0.5)
			qs = append(qs, tq, hq)
		}
	}
	if len(qs) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(qs...)
}

func textTerm(s string) *query.TermQuery {
	q := bleve.NewTermQuery(s)
	q.SetField(fText)
	return q
}

// rescore re-ranks the top hits: a paragraph where a question's words stand together
// goes up.
func (ix *Index) rescore(p *plan, hits search.DocumentMatchCollection) search.DocumentMatchCollection {
	var words []*word
	for _, s := range p.slots {
		for _, a := range s.alts {
			if a.word != nil && len(a.word.terms) >= 2 {
				words = append(words, a.word)
			}
		}
	}
	if len(words) == 0 {
		return hits
	}
	for _, h := range hits {
		ord, ok := ix.c.byID[h.ID]
		if !ok {
			continue
		}
		text := lowerASCII(ix.c.paras[ord].norm)
		bonus := 0.0
		for _, w := range words {
			bonus += w.adjacency(text)
		}
		h.Score *= 1 + bonus/float64(len(words))
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].Score > hits[j].Score })
	return hits
}
