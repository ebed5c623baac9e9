package index_test

import (
	"context"
	"reflect"
	"sort"
	"strings"
	"testing"

	"policysearch"
	"policysearch/index"
)

// everyHit pages through every paragraph hit of a request.
func everyHit(t *testing.T, ix *index.Index, req policysearch.SearchRequest) []policysearch.Hit {
	t.Helper()
	var out []policysearch.Hit
	req.Size = policysearch.MaxPageSize
	for req.Page = 1; ; req.Page++ {
		res := search(t, ix, req)
		out = append(out, res.Hits...)
		if len(res.Hits) < req.Size {
			return out
		}
	}
}

// TestGroupByDocument: a grouped result lists each document of the paragraph result
// once, with its number of matching paragraphs and the first of them, in each order.
func TestGroupByDocument(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	for _, q := range []string{`"实训基地"`, "实训基地", "双师型教师 培训", "产教融合 火箭"} {
		var hits []policysearch.Hit // the strict tier, or the related one when there is none
		all := everyHit(t, ix, policysearch.SearchRequest{Query: q})
		for _, h := range all {
			if h.Match == all[0].Match {
				hits = append(hits, h)
			}
		}
		perDoc := map[string]int{}
		for _, h := range hits {
			perDoc[h.DocID]++
		}
		for _, sortBy := range []string{"", policysearch.SortDate, policysearch.SortMatches} {
			res := search(t, ix, policysearch.SearchRequest{Query: q, Group: policysearch.GroupDocument, Sort: sortBy, Size: 100})
			if res.Documents != len(perDoc) || len(res.Groups) != len(perDoc) || len(res.Hits) != 0 {
				t.Fatalf("%s sort %q: %d documents, %d groups, %d hits; the paragraphs come from %d documents",
					q, sortBy, res.Documents, len(res.Groups), len(res.Hits), len(perDoc))
			}
			for i, g := range res.Groups {
				if g.Matches != perDoc[g.DocID] {
					t.Errorf("%s: %s counts %d matches, the paragraph result has %d", q, g.DocID, g.Matches, perDoc[g.DocID])
				}
				if len(g.Hits) == 0 || len(g.Hits) > policysearch.GroupHits || len(g.Hits) > g.Matches {
					t.Errorf("%s: %s lists %d paragraphs of %d", q, g.DocID, len(g.Hits), g.Matches)
				}
				for _, h := range g.Hits {
					if h.DocID != g.DocID || h.Match != g.Match {
						t.Errorf("%s: group %s holds %s (match %s, group %s)", q, g.DocID, h.ID, h.Match, g.Match)
					}
				}
				if want := map[bool]string{true: policysearch.MatchPartial, false: policysearch.MatchAll}[res.Relaxed]; g.Match != want {
					t.Errorf("%s: group match %q, relaxed %v", q, g.Match, res.Relaxed)
				}
				if i == 0 {
					continue
				}
				prev := res.Groups[i-1]
				switch sortBy {
				case policysearch.SortDate:
					if prev.Date < g.Date {
						t.Errorf("%s by date: %s (%s) before %s (%s)", q, prev.DocID, prev.Date, g.DocID, g.Date)
					}
				case policysearch.SortMatches:
					if prev.Matches < g.Matches {
						t.Errorf("%s by matches: %d before %d", q, prev.Matches, g.Matches)
					}
				}
			}
			if sortBy == "" && len(hits) > 0 && res.Groups[0].DocID != hits[0].DocID {
				t.Errorf("%s: the first document is %s, the best paragraph is in %s", q, res.Groups[0].DocID, hits[0].DocID)
			}
		}
	}
	// Pages count documents.
	p2 := search(t, ix, policysearch.SearchRequest{Query: "职业教育", Group: policysearch.GroupDocument, Size: 2, Page: 2})
	p1 := search(t, ix, policysearch.SearchRequest{Query: "职业教育", Group: policysearch.GroupDocument, Size: 2})
	if len(p1.Groups) != 2 || len(p2.Groups) == 0 || p1.Groups[0].DocID == p2.Groups[0].DocID || p1.Groups[1].DocID == p2.Groups[0].DocID {
		t.Errorf("document pages overlap or are short: %d then %d", len(p1.Groups), len(p2.Groups))
	}
	if _, err := ix.Search(context.Background(), &policysearch.SearchRequest{Query: "职业", Sort: policysearch.SortMatches}); policysearch.ErrorCode(err) != policysearch.EINVALID {
		t.Errorf("sort=matches without group: %v", err)
	}
}

func facetMap(vals []policysearch.FacetValue) map[string]int {
	m := map[string]int{}
	for _, v := range vals {
		m[v.Value] = v.Count
	}
	return m
}

// TestDisjunctiveFacets: a filtered facet keeps its other values with the counts a
// click on them gives; several values of a field are alternatives; other facets AND.
func TestDisjunctiveFacets(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	for _, q := range []string{`"实训基地"`, "实训基地", "职业教育 专业"} {
		for _, group := range []string{"", policysearch.GroupDocument} {
			count := func(r policysearch.SearchRequest) int {
				r.Group = group
				res := search(t, ix, r)
				if group != "" {
					return res.Documents
				}
				return res.Total
			}
			base := search(t, ix, policysearch.SearchRequest{Query: q, Group: group})
			regions := base.Facets["region"]
			if len(regions) < 3 {
				t.Fatalf("%s: %d regions", q, len(regions))
			}
			a, b := regions[0].Value, regions[1].Value
			one := search(t, ix, policysearch.SearchRequest{Query: q, Group: group, Filters: policysearch.Filters{Region: []string{a}}})
			if !reflect.DeepEqual(facetMap(one.Facets["region"]), facetMap(regions)) {
				t.Errorf("%s %s: with region %s the region facet is %v, without it %v", q, group, a, one.Facets["region"], regions)
			}
			both := policysearch.SearchRequest{Query: q, Filters: policysearch.Filters{Region: []string{a, b}}}
			if got, want := count(both), regions[0].Count+regions[1].Count; got != want {
				t.Errorf("%s %s: region %s or %s gives %d, the facet said %d", q, group, a, b, got, want)
			}
			// Across facets: the region facet under a level filter is the level's.
			lv := base.Facets["level"][0].Value
			withLevel := search(t, ix, policysearch.SearchRequest{Query: q, Group: group, Filters: policysearch.Filters{Level: []string{lv}, Region: []string{a}}})
			onlyLevel := search(t, ix, policysearch.SearchRequest{Query: q, Group: group, Filters: policysearch.Filters{Level: []string{lv}}})
			if !reflect.DeepEqual(facetMap(withLevel.Facets["region"]), facetMap(onlyLevel.Facets["region"])) {
				t.Errorf("%s %s level %s: region facet %v, want %v", q, group, lv, withLevel.Facets["region"], onlyLevel.Facets["region"])
			}
			for _, v := range withLevel.Facets["region"] {
				if got := count(policysearch.SearchRequest{Query: q, Filters: policysearch.Filters{Level: []string{lv}, Region: []string{v.Value}}}); got != v.Count {
					t.Errorf("%s %s: level %s region %s counts %d, gives %d", q, group, lv, v.Value, v.Count, got)
				}
			}
		}
	}
}

// TestFilterMiss: a filter value no document has is said back with known values; the
// field's other values still apply.
func TestFilterMiss(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	res := search(t, ix, policysearch.SearchRequest{Query: "实训基地 region:火星"})
	if res.Total != 0 || len(res.Unmatched) != 1 || res.Unmatched[0].Field != "region" || res.Unmatched[0].Value != "火星" || len(res.Unmatched[0].Known) == 0 {
		t.Fatalf("region 火星: total %d, unmatched %+v", res.Total, res.Unmatched)
	}
	jx := search(t, ix, policysearch.SearchRequest{Query: "实训基地", Filters: policysearch.Filters{Region: []string{"江西"}}})
	mixed := search(t, ix, policysearch.SearchRequest{Query: "实训基地", Filters: policysearch.Filters{Region: []string{"江西", "火星"}}})
	if mixed.Total != jx.Total || jx.Total == 0 || len(mixed.Unmatched) != 1 || len(jx.Unmatched) != 0 {
		t.Errorf("江西 or 火星: %d hits (江西 alone %d), unmatched %+v", mixed.Total, jx.Total, mixed.Unmatched)
	}
	// A real division with no document, an issuer and a year nobody has.
	for _, f := range []policysearch.Filters{{Region: []string{"西藏"}}, {Issuer: []string{"火星委员会"}}, {Year: []int{1999}}, {Doc: []string{"no-such-doc"}}, {Status: "已废止"}} {
		res := search(t, ix, policysearch.SearchRequest{Query: "职业教育", Filters: f})
		if res.Total != 0 || len(res.Unmatched) != 1 {
			t.Errorf("%+v: total %d, unmatched %+v", f, res.Total, res.Unmatched)
		}
	}
	// Known values closest to a near miss come first.
	res = search(t, ix, policysearch.SearchRequest{Query: "职业教育", Filters: policysearch.Filters{Type: []string{"实施办法"}}})
	if len(res.Unmatched) != 1 || len(res.Unmatched[0].Known) == 0 || res.Unmatched[0].Known[0] != "实施方案" {
		t.Errorf("type 实施办法: %+v", res.Unmatched)
	}
}

// TestWithinAndScope: a search within results is the two queries ANDed; a title
// search finds the documents whose title holds the words, every paragraph of them.
func TestWithinAndScope(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	within := search(t, ix, policysearch.SearchRequest{Query: "职业教育", Within: `"实训基地"`})
	and := search(t, ix, policysearch.SearchRequest{Query: `职业教育 "实训基地"`})
	if within.Total == 0 || within.Total != and.Total {
		t.Errorf("within: %d hits, the ANDed query %d", within.Total, and.Total)
	}
	wide := search(t, ix, policysearch.SearchRequest{Query: "职业教育"})
	if within.Total >= wide.Total {
		t.Errorf("within narrows nothing: %d of %d", within.Total, wide.Total)
	}
	docs, err := ix.Documents(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"行动计划", `"实施方案"`, "职业教育 -南昌"} {
		want := map[string]int{}
		for _, d := range docs {
			title := d.Title
			ok := true
			for _, w := range strings.Fields(q) {
				w = strings.Trim(w, `"`)
				if strings.HasPrefix(w, "-") {
					ok = ok && !strings.Contains(title, w[1:])
				} else {
					ok = ok && strings.Contains(title, w)
				}
			}
			if ok {
				want[d.ID] = d.ParagraphCount
			}
		}
		if len(want) == 0 {
			t.Fatalf("%s: no title holds it", q)
		}
		res := search(t, ix, policysearch.SearchRequest{Query: q, Scope: policysearch.ScopeTitle, Group: policysearch.GroupDocument, Size: 100})
		got := map[string]int{}
		for _, g := range res.Groups {
			got[g.DocID] = g.Matches
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s in titles: %v, want %v", q, got, want)
		}
		flat := search(t, ix, policysearch.SearchRequest{Query: q, Scope: policysearch.ScopeTitle, Sort: policysearch.SortDate})
		dates := []string{}
		for _, h := range flat.Hits {
			dates = append(dates, h.Date)
		}
		if !sort.IsSorted(sort.Reverse(sort.StringSlice(dates))) {
			t.Errorf("%s in titles by date: %v", q, dates)
		}
	}
}
