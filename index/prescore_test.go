package index_test

import (
	"context"
	"slices"
	"testing"

	"policysearch"
	"policysearch/index"
)

// TestTableWindow: when a strict tier is larger than the rank window, the table's
// choice of its candidates (exact about the tier for words of Han characters) changes
// which of them the ranker orders, never the tier: the same total, every match once
// over all pages, the same matches as bleve's choice gives, with and without filters;
// and the table's first page stays close to bleve's.
func TestTableWindow(t *testing.T) {
	defer index.SetRankWindow(index.SetRankWindow(6))
	ix := seedIndex(t, index.Options{Shards: 2})
	queries := []string{
		"职业教育 校企合作", "产教融合", "实训基地 level:市", "学校 企业", "人才培养 \"产教融合\"",
		"双师型 教师", "职业 学校 region:江西", "技能 人才 -乡村", "专业 建设",
	}
	all := func(q string) (ids []string, total int) {
		const size = 4
		for page := 1; ; page++ {
			res := search(t, ix, policysearch.SearchRequest{Query: q, Page: page, Size: size, NoFacets: true})
			total = res.Total
			for _, h := range res.Hits {
				if h.Match == policysearch.MatchPartial {
					return ids, total
				}
				ids = append(ids, h.ID)
			}
			if len(res.Hits) < size || page*size >= total {
				return ids, total
			}
		}
	}
	large := 0
	check := func(q string) {
		index.SetTableChooses(false)
		bleveIDs, bleveTotal := all(q)
		bleveFirst := search(t, ix, policysearch.SearchRequest{Query: q, Size: 10, NoFacets: true})
		index.SetTableChooses(true)
		ids, total := all(q)
		first := search(t, ix, policysearch.SearchRequest{Query: q, Size: 10, NoFacets: true})
		if total != bleveTotal {
			t.Errorf("%s: total %d with the table's choice, %d with bleve's", q, total, bleveTotal)
		}
		if len(ids) != total {
			t.Errorf("%s: the pages hold %d strict matches, the total says %d", q, len(ids), total)
		}
		seen := map[string]bool{}
		for _, id := range ids {
			if seen[id] {
				t.Errorf("%s: %s is on two pages", q, id)
			}
			seen[id] = true
		}
		a, b := slices.Clone(ids), slices.Clone(bleveIDs)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("%s: the table's choice gives other matches than bleve's (%d and %d)", q, len(a), len(b))
		}
		if total > 6 {
			large++
			shared := 0
			for _, h := range first.Hits {
				for _, g := range bleveFirst.Hits {
					if h.ID == g.ID {
						shared++
					}
				}
			}
			if len(first.Hits) > 0 && shared*2 < len(first.Hits) {
				t.Errorf("%s: the first page shares %d of %d hits with bleve's choice", q, shared, len(first.Hits))
			}
		}
	}
	for _, q := range queries {
		check(q)
	}
	// After a deletion the table's postings still hold the document's paragraphs; the
	// live set must keep them out.
	docs, err := ix.Documents(context.Background())
	if err != nil || len(docs) < 2 {
		t.Fatalf("documents: %v (%d)", err, len(docs))
	}
	if err := ix.Delete(context.Background(), docs[0].ID); err != nil {
		t.Fatal(err)
	}
	for _, q := range queries {
		check(q)
	}
	if large < 5 {
		t.Errorf("only %d queries have a tier larger than the window: the test does not reach the table's choice", large)
	}
}
