package index

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/RoaringBitmap/roaring/v2"
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"

	"policysearch"
	pquery "policysearch/query"
)

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
	if err := req.Validate(); err != nil {
		return nil, err
	}
	page, size := req.Page, req.Size
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
	switch {
	case req.Sort == policysearch.SortDocument:
		res, err = ix.searchInOrder(ctx, p, page, size)
	case req.Sort == policysearch.SortCited:
		res, err = ix.searchCited(ctx, p, page, size)
	case req.Grouped():
		res, err = ix.searchGrouped(ctx, p, page, size)
	case p.inMemory():
		res = ix.searchMemory(p, page, size)
	default:
		res, err = ix.searchBleve(ctx, p, page, size)
	}
	if err != nil {
		return nil, err
	}
	if !req.NoFacets {
		if err := ix.disjunctiveFacets(ctx, p, res); err != nil {
			return nil, err
		}
	}
	res.Page, res.Size = page, size
	res.Terms = p.marks.list()
	res.Unmatched = p.filters.misses
	res.TookMS = policysearch.Millis(time.Since(start))
	if res.Facets == nil {
		res.Facets = map[string][]policysearch.FacetValue{}
	}
	ix.labelCites(res.Facets["cites"])
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

// plan parses and analyses the query and the query within its results, and resolves
// the filters. The caller holds ix.mu for reading.
func (ix *Index) plan(req *policysearch.SearchRequest) (*plan, error) {
	f := req.Filters
	p := &plan{req: req}
	var texts []string
	if strings.TrimSpace(req.Query) != "" || (f.Empty() && strings.TrimSpace(req.Within) == "") {
		texts = append(texts, req.Query)
	}
	if strings.TrimSpace(req.Within) != "" {
		texts = append(texts, req.Within)
	}
	for _, text := range texts {
		q, err := pquery.Parse(text)
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
						"%q has no word to search for (punctuation is ignored); put it in quotes to find it literally", t.Text).
						With("no_word", "value", t.Text)
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
	if err := f.Validate(); err != nil {
		return nil, err
	}
	fs, err := ix.resolveFilters(f)
	if err != nil {
		return nil, err
	}
	p.filters = fs
	if req.Scope == policysearch.ScopeTitle {
		ix.scopeToTitles(p)
	}
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
			ranked[i] = scored{ord: h.Ord, score: bm25(idf, tf(h), float64(h.Runes), avg)}
		}
		pr.ranked = ix.top(ranked, len(ranked), policysearch.SortRelevance)
	})
	return pr.ranked
}

// mergeFilters combines request parameters with filters typed in the query; the same
// field given both ways with different values is an error rather than a silent choice.
func mergeFilters(a, b policysearch.Filters) (policysearch.Filters, error) {
	out := a
	bf := b.Fields()
	for i, f := range out.Fields() {
		x, y := *f.Values, *bf[i].Values
		switch {
		case len(y) == 0 || slices.Equal(x, y):
		case len(x) == 0:
			*f.Values = y
		default:
			return out, policysearch.Errorf(policysearch.EINVALID, "%s is given as %q and as %q; give it once",
				f.Name, strings.Join(x, ","), strings.Join(y, ",")).With("filter_twice", "field", f.Name)
		}
	}
	for _, f := range []struct {
		name string
		dst  *string
		v    string
	}{{"status", &out.Status, b.Status}, {"published_from", &out.PublishedFrom, b.PublishedFrom}, {"published_to", &out.PublishedTo, b.PublishedTo},
		{"effective_from", &out.EffectiveFrom, b.EffectiveFrom}, {"effective_to", &out.EffectiveTo, b.EffectiveTo},
		{"cites", &out.Cites, b.Cites}} {
		switch {
		case f.v == "" || *f.dst == f.v:
		case *f.dst == "":
			*f.dst = f.v
		default:
			return out, policysearch.Errorf(policysearch.EINVALID, "%s is given as %q and as %q; give it once", f.name, *f.dst, f.v).
				With("filter_twice", "field", f.name)
		}
	}
	switch {
	case len(b.Year) == 0 || slices.Equal(a.Year, b.Year):
	case len(a.Year) == 0:
		out.Year = b.Year
	default:
		return out, policysearch.Errorf(policysearch.EINVALID, "year is given in the query and as a parameter; give it once").
			With("filter_twice", "field", "year")
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
		res.Facets = ix.facetsMemory(cand, false)
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
	if len(p.slots) != 1 || len(p.slots[0].alts) != 1 || len(p.excluded) != 0 || p.req.Sort == policysearch.SortDate || p.req.Sort == policysearch.SortCited {
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
		res.Facets = ix.facetsMemory(matched, false)
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
				excluded[h.Ord] = true
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
				if keep(h.Ord) {
					m[h.Ord] += bm25(idf, tf(h), float64(h.Runes), avg)
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
			if keep(h.Ord) {
				out = append(out, scored{ord: h.Ord, score: bm25(idf, tf(h), float64(h.Runes), avg)})
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
		if by == policysearch.SortCited {
			if x, y := ix.citedRank(a.ord), ix.citedRank(b.ord); x != y {
				return x > y
			}
		}
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
// once per document with its number of hits, not once per paragraph; with byDoc, each
// value counts the documents that have it (a unit, the documents with a hit naming it).
func (ix *Index) facetsMemory(cand []scored, byDoc bool) map[string][]policysearch.FacetValue {
	perDoc := map[*docEntry]int{}
	units := map[string]int{}
	var unitDocs map[string]*docEntry // the last document a unit was counted for
	if byDoc {
		unitDocs = map[string]*docEntry{}
	}
	for _, s := range cand {
		pe := ix.c.paras[s.ord]
		perDoc[pe.doc]++
		for _, u := range pe.responsibleUnits() {
			if byDoc {
				if unitDocs[u] == pe.doc {
					continue
				}
				unitDocs[u] = pe.doc
			}
			units[u]++
		}
	}
	counts := map[string]map[string]int{"unit": units}
	for _, name := range []string{"issuer", "region", "level", "year", "type"} {
		counts[name] = map[string]int{}
	}
	for d, n := range perDoc {
		if byDoc {
			n = 1
		}
		for _, v := range d.doc.Issuers {
			counts["issuer"][v] += n
		}
		for name, v := range map[string]string{"region": d.doc.Region, "level": d.doc.Level, "year": d.year, "type": d.doc.DocType} {
			if v != "" {
				counts[name][v] += n
			}
		}
	}
	counts["cites"] = ix.citeFacet(cand)
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

// searchBleve answers queries with words through bleve, in two tiers: the strict
// matches (every clause holds; they make the total and the facets), then, when they end
// before the page does, related matches flagged as partial (see match.go). Within each
// tier the ranker orders bleve's first rankWindow candidates; after them bleve's order
// stands, so every page of a tier is a slice of one order.
func (ix *Index) searchBleve(ctx context.Context, p *plan, page, size int) (*policysearch.SearchResult, error) {
	res := &policysearch.SearchResult{}
	if p.filters.none {
		return res, nil
	}
	from, to := (page-1)*size, page*size
	var r *ranker
	if p.req.Sort != policysearch.SortDate {
		r = ix.newRanker(p)
	}
	q, ok := ix.strictQuery(p)
	if !ok {
		return res, nil
	}
	var strict, known []scored
	var err error
	facets := !p.req.NoFacets
	switch {
	case r != nil:
		// The ranked window first, then, past it, the strict matches it did not hold
		// in bleve's order: every page, one that straddles the window's end included, is
		// a slice of one order, and none repeats a hit.
		var window []scored
		if window, res.Total, res.Facets, err = ix.strictWindow(ctx, p, q, r, facets); err != nil {
			return nil, err
		}
		known = window
		if from < len(window) {
			strict = window[from:min(to, len(window))]
		}
		if to > len(window) && res.Total > len(window) {
			skip := make(map[uint32]bool, len(window))
			for _, s := range window {
				skip[s.ord] = true
			}
			var rest []scored
			if rest, _, err = ix.tier(ctx, p, q, nil, max(from, len(window))-len(window), to-len(window), skip, false); err != nil {
				return nil, err
			}
			strict = append(append([]scored(nil), strict...), rest...)
			known = append(append([]scored(nil), window...), rest...)
		}
	default:
		var br *bleve.SearchResult
		if strict, br, err = ix.tier(ctx, p, q, r, from, to, nil, facets); err == nil {
			res.Total = int(br.Total)
			if facets {
				res.Facets = facetsBleve(br.Facets)
			}
		}
		known = strict
	}
	if err != nil {
		return nil, err
	}
	for _, s := range strict {
		res.Hits = append(res.Hits, ix.hit(ix.c.paras[s.ord], s.score, &p.marks))
	}
	if to <= res.Total {
		return res, nil
	}
	rq, ok := ix.relatedQuery(p)
	if !ok {
		return res, nil
	}
	// The strict tier ends on this page, so it is small: every strict match is known,
	// to be left out of the related ones. The first request usually holds them all
	// already (it asked for the rank window from the top); only a page past it asks again.
	all := known
	if len(all) < res.Total {
		if all, _, err = ix.tier(ctx, p, q, nil, 0, res.Total, nil, false); err != nil {
			return nil, err
		}
	}
	isStrict := make(map[uint32]bool, len(all))
	for _, s := range all {
		isStrict[s.ord] = true
	}
	rel, br, err := ix.tier(ctx, p, rq, r, max(0, from-res.Total), to-res.Total, isStrict, false)
	if err != nil {
		return nil, err
	}
	res.Related = max(0, int(br.Total)-res.Total)
	for _, s := range rel {
		h := ix.hit(ix.c.paras[s.ord], s.score, &p.marks)
		h.Match = policysearch.MatchPartial
		res.Hits = append(res.Hits, h)
	}
	res.Relaxed = res.Total == 0 && res.Related > 0
	return res, nil
}

// strictWindow is the strict tier's ranked window: its first rankWindow hits in
// result order (all of the tier when it is smaller), with the tier's total and facets.
// Unscored, bleve answers the strict query with bitmap intersections: a tier smaller
// than the window comes whole from one unscored request, and the ranker orders all of
// it. A larger one takes its exact total from an unscored count, and its candidates
// from scoringQuery, best first, followed, when those are fewer than the window, by
// strict matches that only a bigram cover finds. Facets are counted from the corpus
// over every strict match, which is several times cheaper than bleve's reading of
// each hit's field values.
//
// The order of the requests follows textBound. Every hit bleve returns costs a read of
// its stored id, scattered over the segment files, so when the tier is likely larger
// than the window its exact total comes first, from an unscored count that reads no
// hit, and the unscored window, which would be only the fill, is read only when the
// scoring query cannot fill the window. A tier likely smaller comes from one unscored
// request, as the count would cost as much again. The results are the same either way.
func (ix *Index) strictWindow(ctx context.Context, p *plan, q query.Query, r *ranker, facets bool) (hits []scored, total int, fv map[string][]policysearch.FacetValue, err error) {
	n := rankWindow
	var some []scored // the unscored window, when read
	read := false
	unscored := func() (int, error) {
		first, err := ix.searchBleveWith(ctx, p, q, n, 0, false, false)
		if err != nil {
			return 0, err
		}
		some, read = ix.scoredHits(first), true
		return int(first.Total), nil
	}
	// whole is the answer for a tier smaller than the window: all of it, reranked.
	whole := func() ([]scored, int, map[string][]policysearch.FacetValue, error) {
		if facets {
			fv = ix.facetsMemory(some, false)
		}
		copy(some, r.rerank(ix, ords(some)))
		return some, total, fv, nil
	}
	if ix.textBound(p) < n {
		if total, err = unscored(); err != nil {
			return nil, 0, nil, err
		}
		if total < n {
			return whole()
		}
	}
	// An unscored request for n hits may stop early at n: the exact total is counted.
	br, err := ix.searchBleveWith(ctx, p, q, 0, 0, false, false)
	if err != nil {
		return nil, 0, nil, err
	}
	if total = int(br.Total); total < n {
		// A tier smaller than textBound said: its window is all of it.
		if _, err := unscored(); err != nil {
			return nil, 0, nil, err
		}
		return whole()
	}
	if facets {
		all, err := ix.searchBleveWith(ctx, p, q, total, 0, false, false)
		if err != nil {
			return nil, 0, nil, err
		}
		fv = ix.facetsMemory(ix.scoredHits(all), false)
	}
	// The candidates, best first: from the table where it can choose them exactly,
	// else from bleve's scoring query.
	best, fromTable := ix.tableWindow(p, r, n)
	if sq, ok := ix.scoringQuery(p); ok && !fromTable {
		sr, err := ix.runBleve(ctx, p, sq, n, 0, false)
		if err != nil {
			return nil, 0, nil, err
		}
		best = ix.scoredHits(sr)
	}
	if len(best) < n && !read {
		if _, err := unscored(); err != nil {
			return nil, 0, nil, err
		}
	}
	hits = best
	have := make(map[uint32]bool, len(hits))
	for _, h := range hits {
		have[h.ord] = true
	}
	for _, h := range some {
		if len(hits) == n {
			break
		}
		if !have[h.ord] {
			have[h.ord] = true
			hits = append(hits, scored{ord: h.ord})
		}
	}
	copy(hits, r.rerank(ix, ords(hits)))
	return hits, total, fv, nil
}

// textBound estimates, from the bigram table alone, how many paragraphs' texts hold
// every clause: a clause's words by the bigrams of any of their forms, its phrases by
// their hits. It leaves out what the strict query also finds elsewhere (headings,
// titles, a long word's parts) and a clause it cannot bound cheaply (a form of one
// character: its candidates are a union over the whole alphabet), so it only steers
// the order of strictWindow's requests, never what they return.
func (ix *Index) textBound(p *plan) int {
	// or is the union of bms, nil (no bound) when one of them is nil.
	or := func(bms []*roaring.Bitmap) *roaring.Bitmap {
		if len(bms) == 0 || slices.Contains(bms, nil) {
			return nil
		}
		if len(bms) == 1 {
			return bms[0]
		}
		return roaring.FastOr(bms...)
	}
	form := func(f string) *roaring.Bitmap {
		if f = policysearch.Normalize(f); utf8.RuneCountInString(f) < 2 {
			return nil
		}
		c, _ := ix.c.grams.Candidates(f)
		return c
	}
	var clauses []*roaring.Bitmap
	for _, s := range p.slots {
		var alts []*roaring.Bitmap
		for _, a := range s.alts {
			if a.word == nil {
				bm := roaring.New()
				for _, h := range a.hits {
					bm.Add(h.Ord)
				}
				alts = append(alts, bm)
				continue
			}
			var terms []*roaring.Bitmap
			for _, t := range a.word.terms {
				forms := []*roaring.Bitmap{form(t.text)}
				for _, syn := range t.syns {
					forms = append(forms, form(syn))
				}
				terms = append(terms, or(forms))
			}
			if a.word.min < len(terms) {
				alts = append(alts, or(terms))
				continue
			}
			// Every term is needed: the bounded ones bound the word.
			terms = slices.DeleteFunc(terms, func(b *roaring.Bitmap) bool { return b == nil })
			switch len(terms) {
			case 0:
				alts = append(alts, nil)
			case 1:
				alts = append(alts, terms[0])
			default:
				alts = append(alts, roaring.FastAnd(terms...))
			}
		}
		if c := or(alts); c != nil {
			clauses = append(clauses, c)
		}
	}
	switch len(clauses) {
	case 0:
		return ix.c.liveCount
	case 1:
		return int(clauses[0].GetCardinality())
	case 2:
		return int(clauses[0].AndCardinality(clauses[1]))
	}
	return int(roaring.FastAnd(clauses...).GetCardinality())
}

// tier returns the hits [from, to) of one tier in result order, leaving out skip: with a
// ranker, bleve's first rankWindow candidates are reordered by it and the rest keep
// bleve's order; without one (sorted by date, or only the set wanted), bleve's order.
func (ix *Index) tier(ctx context.Context, p *plan, q query.Query, r *ranker, from, to int, skip map[uint32]bool, facets bool) ([]scored, *bleve.SearchResult, error) {
	n, off := to, 0
	if r == nil && len(skip) == 0 || r != nil && from >= rankWindow && len(skip) == 0 {
		// Past the window bleve's order is the result's order: ask for the page alone.
		n, off = to-from, from
	} else {
		n = max(n, rankWindow) + len(skip)
	}
	br, err := ix.runBleve(ctx, p, q, n, off, facets)
	if err != nil {
		return nil, nil, err
	}
	hits := ix.scoredHits(br)
	if off > 0 {
		return hits, br, nil
	}
	if len(skip) > 0 {
		kept := hits[:0]
		for _, s := range hits {
			if !skip[s.ord] {
				kept = append(kept, s)
			}
		}
		hits = kept
	}
	if r != nil {
		w := min(rankWindow, len(hits))
		copy(hits[:w], r.rerank(ix, ords(hits[:w])))
	}
	if from >= len(hits) {
		return nil, br, nil
	}
	return hits[from:min(to, len(hits))], br, nil
}

// scoredHits maps bleve's hits to paragraph ordinals, in bleve's order.
func (ix *Index) scoredHits(br *bleve.SearchResult) []scored {
	out := make([]scored, 0, len(br.Hits))
	for _, h := range br.Hits {
		if ord, ok := ix.c.ordOf(h.ID); ok {
			out = append(out, scored{ord: ord, score: h.Score})
		}
	}
	return out
}

func ords(s []scored) []uint32 {
	out := make([]uint32, len(s))
	for i, x := range s {
		out[i] = x.ord
	}
	return out
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

func (ix *Index) runBleve(ctx context.Context, p *plan, q query.Query, n, off int, facets bool) (*bleve.SearchResult, error) {
	return ix.searchBleveWith(ctx, p, q, n, off, facets, true)
}

// searchBleveWith runs q; unscored (score false) bleve skips scoring and intersects
// the postings of plain term clauses as bitmaps. Unscored, a request for n > 0 hits may
// stop early, so its Total is exact only for n == 0.
func (ix *Index) searchBleveWith(ctx context.Context, p *plan, q query.Query, n, off int, facets, score bool) (*bleve.SearchResult, error) {
	req := bleve.NewSearchRequestOptions(q, n, off, false)
	if !score {
		req.Score = "none"
	}
	if p.req.Sort == policysearch.SortDate {
		req.SortByCustom(search.SortOrder{
			&search.SortField{Field: fDate, Desc: true, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
		})
	}
	if facets {
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
	case "cites":
		return fCites
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
