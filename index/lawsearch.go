package index

import (
	"context"
	"sort"

	"policysearch"
)

// searchInOrder answers a query within one document with its hits in reading order
// (sort=document): a researcher reading what a law says on a topic reads its articles
// in order. Every hit of the document is found, then ordered and paged.
func (ix *Index) searchInOrder(ctx context.Context, p *plan, page, size int) (*policysearch.SearchResult, error) {
	if len(p.filters.docs) != 1 {
		return nil, policysearch.Errorf(policysearch.EINVALID, "sort=document orders the hits of one document: give its id as doc:ID or the doc parameter")
	}
	e := ix.c.docs[p.filters.docs[0]]
	if e == nil || p.filters.none {
		return &policysearch.SearchResult{}, nil
	}
	all := max(len(e.ords), 1)
	var res *policysearch.SearchResult
	var err error
	if p.inMemory() {
		res = ix.searchMemory(p, 1, all)
	} else if res, err = ix.searchBleve(ctx, p, 1, all); err != nil {
		return nil, err
	}
	// In reading order: by ordinal (every hit is a live paragraph of the document).
	at := make(map[string]uint32, len(res.Hits))
	for _, h := range res.Hits {
		at[h.ID], _ = ix.c.ordOf(h.ID)
	}
	sort.SliceStable(res.Hits, func(i, j int) bool { return at[res.Hits[i].ID] < at[res.Hits[j].ID] })
	from := min((page-1)*size, len(res.Hits))
	res.Hits = res.Hits[from:min(from+size, len(res.Hits))]
	return res, nil
}
