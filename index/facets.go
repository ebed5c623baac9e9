package index

import (
	"context"

	"policysearch"
)

// disjunctiveFacets recounts each facet whose field is filtered without that filter,
// so that its values say what a click gives: choosing a second region adds its
// paragraphs (OR within a facet), while the other facets' filters still hold (AND
// across facets). A facet with no filter of its own keeps the counts of the result.
func (ix *Index) disjunctiveFacets(ctx context.Context, p *plan, res *policysearch.SearchResult) error {
	if res.Facets == nil {
		res.Facets = map[string][]policysearch.FacetValue{}
	}
	for _, name := range policysearch.FacetNames {
		if !p.filters.has(name) {
			continue
		}
		q := *p
		q.filters = p.filters.without(name)
		vals, err := ix.facetCounts(ctx, &q, name)
		if err != nil {
			return err
		}
		res.Facets[name] = vals
	}
	return nil
}

// facetCounts counts one facet's values over a plan's strict matches: in documents for
// a grouped request, in paragraphs otherwise. bleve counts paragraphs without fetching
// a hit; documents, and queries answered in memory, are counted over the hits.
func (ix *Index) facetCounts(ctx context.Context, p *plan, name string) ([]policysearch.FacetValue, error) {
	if p.filters.none {
		return []policysearch.FacetValue{}, nil
	}
	if p.inMemory() || p.req.Grouped() {
		hits, _, err := ix.collect(ctx, p, false)
		if err != nil {
			return nil, err
		}
		return ix.facetsMemory(hits, p.req.Grouped())[name], nil
	}
	q, ok := ix.strictQuery(p)
	if !ok {
		return []policysearch.FacetValue{}, nil
	}
	br, err := ix.runBleve(ctx, p, q, 0, 0, true)
	if err != nil {
		return nil, err
	}
	return facetsBleve(br.Facets)[name], nil
}
