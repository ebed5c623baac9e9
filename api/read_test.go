package api_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"policysearch"
	"policysearch/api"
)

func TestSearch(t *testing.T) {
	e := readEnv(t)
	res := e.search(t, "q="+url.QueryEscape("产教融合"))
	if res.Total == 0 || len(res.Hits) == 0 {
		t.Fatalf("产教融合: total %d, %d hits", res.Total, len(res.Hits))
	}
	if res.Page != 1 || res.Size != policysearch.DefaultPageSize || len(res.Hits) > res.Size {
		t.Errorf("page %d size %d with %d hits", res.Page, res.Size, len(res.Hits))
	}
	for _, name := range policysearch.FacetNames {
		if _, ok := res.Facets[name]; !ok {
			t.Errorf("facet %s is missing", name)
		}
	}
	for _, h := range res.Hits {
		if h.ID == "" || h.DocID == "" || h.DocTitle == "" || h.Text == "" {
			t.Errorf("hit lacks fields: %+v", h)
		}
		if !strings.Contains(h.Highlight, "<mark>") {
			t.Errorf("hit %s: no <mark> in %q", h.ID, h.Highlight)
		}
	}
}

// Filtering by a facet's value finds as many paragraphs as the facet counted.
func TestSearchFiltersMatchFacets(t *testing.T) {
	e := readEnv(t)
	q := "q=" + url.QueryEscape("职业教育")
	all := e.search(t, q)
	if all.Total < 20 {
		t.Fatalf("职业教育: only %d hits", all.Total)
	}
	for _, tc := range []struct {
		facet string
		param func(v string) string
		exact bool // the filter selects exactly the facet's value
	}{
		{"level", func(v string) string { return "level=" + url.QueryEscape(v) }, true},
		{"year", func(v string) string { return "year_from=" + v + "&year_to=" + v }, true},
		// region is hierarchical and issuer matches part of a name: they may
		// select more than the one value.
		{"region", func(v string) string { return "region=" + url.QueryEscape(v) }, false},
		{"issuer", func(v string) string { return "issuer=" + url.QueryEscape(v) }, false},
	} {
		values := all.Facets[tc.facet]
		if len(values) == 0 {
			t.Errorf("facet %s has no values", tc.facet)
			continue
		}
		sum := 0
		for _, fv := range values {
			sum += fv.Count
			got := e.search(t, q+"&"+tc.param(fv.Value))
			switch {
			case tc.exact && got.Total != fv.Count:
				t.Errorf("%s=%s: total %d, facet counted %d", tc.facet, fv.Value, got.Total, fv.Count)
			case !tc.exact && got.Total < fv.Count:
				t.Errorf("%s=%s: total %d, below the facet's %d", tc.facet, fv.Value, got.Total, fv.Count)
			case got.Total > all.Total:
				t.Errorf("%s=%s: total %d, more than unfiltered %d", tc.facet, fv.Value, got.Total, all.Total)
			}
			for _, h := range got.Hits {
				if tc.facet == "level" && h.Level != fv.Value {
					t.Errorf("level=%s returned a hit of level %s", fv.Value, h.Level)
				}
				if tc.facet == "year" && !strings.HasPrefix(h.Date, fv.Value) {
					t.Errorf("year %s returned a hit dated %s", fv.Value, h.Date)
				}
			}
		}
		if tc.facet != "issuer" && sum > all.Total {
			t.Errorf("facet %s counts %d paragraphs of %d", tc.facet, sum, all.Total)
		}
	}
}

func TestSearchPages(t *testing.T) {
	e := readEnv(t)
	q := "q=" + url.QueryEscape("职业教育") + "&size=7"
	first := e.search(t, q)
	seen := map[string]int{}
	strict := 0
	pages := (first.Total + 6) / 7
	for page := 1; page <= pages+1; page++ {
		res := e.search(t, q+"&page="+strconv.Itoa(page))
		if res.Total != first.Total || res.Related != first.Related {
			t.Fatalf("page %d: total %d related %d, page 1 said %d and %d", page, res.Total, res.Related, first.Total, first.Related)
		}
		if res.Page != page || res.Size != 7 {
			t.Errorf("page %d: answered page %d size %d", page, res.Page, res.Size)
		}
		// Strict matches fill the pages; related ones follow the last of them.
		want := min(7, max(0, first.Total-(page-1)*7))
		n := 0
		for i, h := range res.Hits {
			if h.Match == policysearch.MatchAll {
				if i != n {
					t.Errorf("page %d: a strict hit after a partial one", page)
				}
				n++
			} else if h.Match != policysearch.MatchPartial {
				t.Errorf("page %d: %s has match %q", page, h.ID, h.Match)
			}
			if p, ok := seen[h.ID]; ok {
				t.Errorf("%s is on page %d and page %d", h.ID, p, page)
			}
			seen[h.ID] = page
		}
		strict += n
		if n != want {
			t.Errorf("page %d: %d strict hits, want %d", page, n, want)
		}
		if first.Related > 0 && len(res.Hits) != min(7, first.Total+first.Related-(page-1)*7) {
			t.Errorf("page %d: %d hits, want a full page of strict then related ones", page, len(res.Hits))
		}
	}
	if strict != first.Total {
		t.Errorf("the pages hold %d strict paragraphs; total is %d", strict, first.Total)
	}
}

func TestSearchSortByDate(t *testing.T) {
	e := readEnv(t)
	res := e.search(t, "q="+url.QueryEscape("职业教育")+"&sort=date&size=100")
	for i := 1; i < len(res.Hits); i++ {
		a, b := res.Hits[i-1].Date, res.Hits[i].Date
		if b != "" && (a == "" || a < b) {
			t.Fatalf("hit %d dated %q comes before hit %d dated %q", i-1, a, i, b)
		}
	}
}

// A filter alone, with no query, lists a document's paragraphs.
func TestSearchFilterOnly(t *testing.T) {
	e := readEnv(t)
	var doc policysearch.DocumentView
	e.getJSON(t, "/api/v1/documents/nanchang-2021-ssfa", &doc)
	res := e.search(t, "doc=nanchang-2021-ssfa&size=100")
	if res.Total != doc.ParagraphCount {
		t.Errorf("doc filter: total %d, the document has %d paragraphs", res.Total, doc.ParagraphCount)
	}
}

func TestParagraph(t *testing.T) {
	e := readEnv(t)
	res := e.search(t, "q="+url.QueryEscape("产教融合"))
	hit := res.Hits[0]
	var v policysearch.ParagraphView
	e.getJSON(t, "/api/v1/paragraphs/"+hit.ID, &v)
	if v.Paragraph.ID != hit.ID || v.Paragraph.Text != hit.Text || v.Document.ID != hit.DocID {
		t.Errorf("paragraph %s: got %s of %s", hit.ID, v.Paragraph.ID, v.Document.ID)
	}
	if v.Prev != nil && v.Prev.Seq >= v.Paragraph.Seq || v.Next != nil && v.Next.Seq <= v.Paragraph.Seq {
		t.Errorf("neighbours out of order around %d", v.Paragraph.Seq)
	}
	if v.Document.ParagraphCount == 0 || v.Document.Paragraphs != nil {
		t.Errorf("document summary: %d paragraphs counted, %d included", v.Document.ParagraphCount, len(v.Document.Paragraphs))
	}
}

func TestDocuments(t *testing.T) {
	e := readEnv(t)
	var list api.DocumentList
	e.getJSON(t, "/api/v1/documents", &list)
	st := e.stats(t)
	if list.Total != st.Documents || len(list.Documents) != st.Documents {
		t.Fatalf("total %d, %d listed, the index has %d", list.Total, len(list.Documents), st.Documents)
	}
	paras := 0
	for _, d := range list.Documents {
		paras += d.ParagraphCount
		if d.Paragraphs != nil {
			t.Errorf("%s: the list includes paragraphs", d.ID)
		}
		var v policysearch.DocumentView
		e.getJSON(t, "/api/v1/documents/"+d.ID, &v)
		if v.ID != d.ID || v.Title != d.Title || v.Outline == nil {
			t.Fatalf("%s: got %s %q, outline %v", d.ID, v.ID, v.Title, v.Outline)
		}
		if n := countEntries(v.Outline); n != d.ParagraphCount {
			t.Errorf("%s: the outline has %d paragraphs, the summary %d", d.ID, n, d.ParagraphCount)
		}
	}
	if paras != st.Paragraphs {
		t.Errorf("the documents have %d paragraphs, the index %d", paras, st.Paragraphs)
	}
}

func countEntries(n *policysearch.OutlineNode) int {
	c := len(n.Paragraphs)
	for _, ch := range n.Children {
		c += countEntries(ch)
	}
	return c
}

func TestSuggest(t *testing.T) {
	e := readEnv(t)
	var res api.SuggestResult
	e.getJSON(t, "/api/v1/suggest?prefix="+url.QueryEscape("产教"), &res)
	if len(res.Suggestions) == 0 || len(res.Suggestions) > 10 {
		t.Fatalf("产教: %d suggestions", len(res.Suggestions))
	}
	for _, s := range res.Suggestions {
		if !strings.HasPrefix(s.Term, "产教") || s.Count <= 0 {
			t.Errorf("suggestion %+v", s)
		}
	}
	e.getJSON(t, "/api/v1/suggest?size=1&prefix="+url.QueryEscape("职业"), &res)
	if len(res.Suggestions) != 1 {
		t.Errorf("size=1: %d suggestions", len(res.Suggestions))
	}
	e.getJSON(t, "/api/v1/suggest?prefix="+url.QueryEscape("龘龘"), &res)
	if res.Suggestions == nil || len(res.Suggestions) != 0 {
		t.Errorf("no completions should be [] (not null): %v", res.Suggestions)
	}
}

func TestHealthz(t *testing.T) {
	e := readEnv(t)
	st := e.stats(t)
	for _, path := range []string{"/healthz", "/api/v1/healthz"} {
		var h api.Health
		e.getJSON(t, path, &h)
		want := api.Health{Status: "ok", Documents: st.Documents, Paragraphs: st.Paragraphs, Version: "test"}
		if h != want {
			t.Errorf("%s: %+v, want %+v", path, h, want)
		}
	}
}
