package index

import (
	"context"
	"sort"

	"policysearch"
)

// docGroup is one document of a grouped result while it is being built.
type docGroup struct {
	d     *docEntry
	hits  []scored
	rank  int     // position of its best paragraph in the ranked window; -1 past it
	score float64 // its best paragraph's score
}

// searchGrouped answers a request for documents: every strict match is collected and
// grouped by document (when there is none, the related matches are, flagged partial).
// Documents rank by their best paragraph in the order the paragraph view shows (the
// ranker's window, then bleve's score), by date, or by how many paragraphs match; each
// lists its first few paragraphs in that order. The facets count documents.
func (ix *Index) searchGrouped(ctx context.Context, p *plan, page, size int) (*policysearch.SearchResult, error) {
	res := &policysearch.SearchResult{}
	all, relaxed, err := ix.collect(ctx, p, true)
	if err != nil {
		return nil, err
	}
	rank, err := ix.rankWindow(ctx, p, all, relaxed)
	if err != nil {
		return nil, err
	}
	byDoc := map[*docEntry]*docGroup{}
	var groups []*docGroup
	for _, s := range all {
		d := ix.c.paras[s.ord].doc
		g := byDoc[d]
		if g == nil {
			g = &docGroup{d: d, rank: -1, score: s.score}
			byDoc[d] = g
			groups = append(groups, g)
		}
		g.hits = append(g.hits, s)
		g.score = max(g.score, s.score)
		if r, ok := rank[s.ord]; ok && (g.rank < 0 || r < g.rank) {
			g.rank = r
		}
	}
	before := func(a, b *docGroup) bool { return groupRelevance(a, b) }
	switch p.req.Sort {
	case policysearch.SortDate:
		before = func(a, b *docGroup) bool {
			if a.d.doc.Date != b.d.doc.Date {
				return a.d.doc.Date > b.d.doc.Date
			}
			return groupRelevance(a, b)
		}
	case policysearch.SortMatches:
		before = func(a, b *docGroup) bool {
			if len(a.hits) != len(b.hits) {
				return len(a.hits) > len(b.hits)
			}
			return groupRelevance(a, b)
		}
	}
	sort.Slice(groups, func(i, j int) bool { return before(groups[i], groups[j]) })

	res.Documents = len(groups)
	if relaxed {
		res.Related, res.Relaxed = len(all), true
	} else {
		res.Total = len(all)
		if res.Related, err = ix.relatedCount(ctx, p, res.Total); err != nil {
			return nil, err
		}
	}
	match := policysearch.MatchAll
	if relaxed {
		match = policysearch.MatchPartial
	}
	from := (page - 1) * size
	for _, g := range groups[min(from, len(groups)):min(from+size, len(groups))] {
		res.Groups = append(res.Groups, ix.group(g, rank, match, &p.marks))
	}
	if !p.req.NoFacets && !relaxed {
		res.Facets = ix.facetsMemory(all, true)
	}
	return res, nil
}

// groupRelevance orders documents by their best paragraph: ranked ones by rank, then
// the others by score, then newest first.
func groupRelevance(a, b *docGroup) bool {
	switch {
	case a.rank >= 0 && b.rank >= 0:
		return a.rank < b.rank
	case a.rank >= 0 || b.rank >= 0:
		return a.rank >= 0
	case a.score != b.score:
		return a.score > b.score
	case a.d.doc.Date != b.d.doc.Date:
		return a.d.doc.Date > b.d.doc.Date
	}
	return a.d.doc.ID < b.d.doc.ID
}

// rankWindow is the position of each hit in the order the paragraph view shows the
// first rankWindow of them: the in-memory order for phrase queries, the ranker's
// otherwise.
func (ix *Index) rankWindow(ctx context.Context, p *plan, all []scored, relaxed bool) (map[uint32]int, error) {
	var ranked []scored
	if p.inMemory() {
		ranked = ix.top(append([]scored(nil), all...), min(len(all), rankWindow), policysearch.SortRelevance)
	} else if len(all) > 0 {
		q, ok := ix.strictQuery(p)
		if relaxed {
			q, ok = ix.relatedQuery(p)
		}
		if ok {
			var err error
			if ranked, _, err = ix.tier(ctx, p, q, ix.newRanker(p), 0, rankWindow, nil, false); err != nil {
				return nil, err
			}
		}
	}
	rank := make(map[uint32]int, len(ranked))
	for i, s := range ranked {
		rank[s.ord] = i
	}
	return rank, nil
}

// relatedCount is the number of related matches beside total strict ones.
func (ix *Index) relatedCount(ctx context.Context, p *plan, total int) (int, error) {
	if p.inMemory() || !p.relaxable() || p.filters.none {
		return 0, nil
	}
	rq, ok := ix.relatedQuery(p)
	if !ok {
		return 0, nil
	}
	br, err := ix.runBleve(ctx, p, rq, 0, 0, false)
	if err != nil {
		return 0, err
	}
	return max(0, int(br.Total)-total), nil
}

// group makes the result's entry for a document: its metadata, its match count and its
// first GroupHits paragraphs in rank order.
func (ix *Index) group(g *docGroup, rank map[uint32]int, match string, m *marks) policysearch.DocumentGroup {
	sort.Slice(g.hits, func(i, j int) bool {
		a, b := g.hits[i], g.hits[j]
		ra, oka := rank[a.ord]
		rb, okb := rank[b.ord]
		switch {
		case oka && okb:
			return ra < rb
		case oka || okb:
			return oka
		case a.score != b.score:
			return a.score > b.score
		}
		return a.ord < b.ord
	})
	d := g.d.doc
	out := policysearch.DocumentGroup{
		DocID: d.ID, DocTitle: d.Title, Issuers: nonNil(d.Issuers), Region: d.Region, Level: d.Level, Date: d.Date,
		DocNumber: d.DocNumber, DocType: d.DocType, Matches: len(g.hits), Match: match,
	}
	for _, s := range g.hits[:min(policysearch.GroupHits, len(g.hits))] {
		h := ix.hit(ix.c.paras[s.ord], s.score, m)
		h.Match = match
		out.Hits = append(out.Hits, h)
	}
	return out
}
