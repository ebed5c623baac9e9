package index_test

import (
	"context"
	"strings"
	"testing"

	"policysearch"
)

// The strict tier reads as one order across its pages, whichever way a page is found
// (ranked from the unscored set and the scoring query inside the rank window, bleve's
// order past it): no hit repeats, every strict match of a paged-through tier appears
// once, and strict hits come before related ones. Queries span the sizes that take
// different paths: a tier under the window, just over it, and thousands.
func TestStrictTierPages(t *testing.T) {
	root := lawrefbookRoot(t)
	ix, _ := lawrefbookIndex(t, root)
	ctx := context.Background()
	const maxPages = 10
	// 50 ends a page on the window's end; 30 and 7 give pages that straddle it.
	for _, tc := range []struct {
		q    string
		size int
	}{{"行政处罚 听证", 50}, {"消费者权益 保护", 50}, {"劳动合同 解除", 30}, {"人民政府 罚款", 50}, {"人民政府 罚款", 7}} {
		q, size := tc.q, tc.size
		pages := maxPages
		if size < 30 {
			pages = 40 // past the window's end
		}
		seen := map[string]int{}
		strict, total := 0, -1
		for page := 1; page <= pages; page++ {
			res, err := ix.Search(ctx, &policysearch.SearchRequest{Query: q, Page: page, Size: size})
			if err != nil {
				t.Fatalf("%s page %d: %v", q, page, err)
			}
			if total >= 0 && res.Total != total {
				t.Errorf("%s page %d: total %d, page 1 said %d", q, page, res.Total, total)
			}
			total = res.Total
			partial := false
			for _, h := range res.Hits {
				if prev, dup := seen[h.ID]; dup {
					t.Errorf("%s: %s on page %d and again on page %d", q, h.ID, prev, page)
				}
				seen[h.ID] = page
				if h.Match == policysearch.MatchPartial {
					partial = true
					continue
				}
				if partial {
					t.Errorf("%s page %d: a strict hit after a related one", q, page)
				}
				strict++
			}
			if page*size >= total {
				break
			}
		}
		if want := min(total, pages*size); strict != want {
			t.Errorf("%s: %d strict hits over the pages, want %d (total %d)", q, strict, want, total)
		}
		if total < 200 && q != "行政处罚 听证" {
			t.Errorf("%s: total %d; the test wants a tier past the rank window", q, total)
		}
	}
}

// The facets of a ranked search, counted from the corpus over the strict matches, are
// exact: paging through every hit and counting gives the same figures, for a tier under
// the rank window and for tiers of thousands. (bleve's own facets, which a date-sorted
// search still uses, are merged from each shard's top values and can undercount.)
func TestStrictTierFacets(t *testing.T) {
	root := lawrefbookRoot(t)
	ix, _ := lawrefbookIndex(t, root)
	ctx := context.Background()
	for _, q := range []string{"行政处罚 听证", "人民政府 罚款", "国务院 规定 level:省", "物业 region:杭州"} {
		ranked, err := ix.Search(ctx, &policysearch.SearchRequest{Query: q, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		counts := map[string]map[string]int{"issuer": {}, "region": {}, "level": {}, "type": {}}
		seen := 0
		for page := 1; seen < ranked.Total; page++ {
			res, err := ix.Search(ctx, &policysearch.SearchRequest{Query: q, Page: page, Size: 100, NoFacets: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Hits) == 0 {
				t.Fatalf("%s: page %d is empty after %d of %d hits", q, page, seen, ranked.Total)
			}
			for _, h := range res.Hits {
				if h.Match == policysearch.MatchPartial {
					continue
				}
				seen++
				for _, v := range h.Issuers {
					counts["issuer"][v]++
				}
				counts["region"][h.Region]++
				counts["level"][h.Level]++
				counts["type"][h.DocType]++
			}
		}
		for name, m := range counts {
			if strings.Contains(q, name+":") {
				continue // counted without its own filter (disjunctive facets)
			}
			vals := ranked.Facets[name]
			if len(vals) == 0 {
				t.Errorf("%s: no %s facet", q, name)
			}
			for _, v := range vals {
				if m[v.Value] != v.Count {
					t.Errorf("%s facet %s: %s counted %d, the hits hold %d", q, name, v.Value, v.Count, m[v.Value])
				}
			}
		}
	}
}
