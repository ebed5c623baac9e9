package index_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"policysearch"
	"policysearch/index"
	"policysearch/parse"
)

func search(t testing.TB, ix *index.Index, req policysearch.SearchRequest) *policysearch.SearchResult {
	t.Helper()
	res, err := ix.Search(context.Background(), &req)
	if err != nil {
		t.Fatalf("%+v: %v", req, err)
	}
	return res
}

// TestFacetsMatchFilters: filtering by a facet value gives exactly the count the facet
// showed, for phrase (in-memory) and word (bleve) queries alike.
func TestFacetsMatchFilters(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	for _, q := range []string{`"职业教育"`, "职业教育", "实训基地 OR 双师型"} {
		res := search(t, ix, policysearch.SearchRequest{Query: q})
		if res.Total == 0 {
			t.Fatalf("%s: no hits", q)
		}
		for _, name := range []string{"region", "level", "year", "type"} {
			sum := 0
			for _, fv := range res.Facets[name] {
				sum += fv.Count
				f := policysearch.Filters{}
				switch name {
				case "region":
					f.Region = []string{fv.Value}
				case "level":
					f.Level = []string{fv.Value}
				case "year":
					fmt.Sscan(fv.Value, &f.YearFrom)
					f.YearTo = f.YearFrom
				case "type":
					f.Type = []string{fv.Value}
				}
				got := search(t, ix, policysearch.SearchRequest{Query: q, Filters: f}).Total
				if got != fv.Count {
					t.Errorf("%s: facet %s=%s counts %d, filtering gives %d", q, name, fv.Value, fv.Count, got)
				}
			}
			if name == "level" && sum != res.Total {
				t.Errorf("%s: level facet counts sum to %d, total is %d", q, sum, res.Total)
			}
		}
	}
}

func TestHierarchicalRegion(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	for _, r := range []string{"江西", "江西省", "南昌", "江西省南昌市"} {
		res := search(t, ix, policysearch.SearchRequest{Query: "职业教育", Filters: policysearch.Filters{Region: []string{r}}})
		if res.Total == 0 {
			t.Errorf("region %s: no hits", r)
		}
		for _, h := range res.Hits {
			if h.Region != "江西省南昌市" {
				t.Errorf("region %s: hit from %s", r, h.Region)
			}
		}
	}
	if got := search(t, ix, policysearch.SearchRequest{Query: "职业教育 region:山东"}).Total; got != 0 {
		t.Errorf("region:山东 gave %d hits; no seed is from 山东", got)
	}
}

func TestPagingAndSort(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	for _, q := range []string{"职业教育", `"职业教育"`} {
		for _, sort := range []string{"", policysearch.SortDate} {
			seen := map[string]bool{}
			res1 := search(t, ix, policysearch.SearchRequest{Query: q, Sort: sort, Size: 20})
			res2 := search(t, ix, policysearch.SearchRequest{Query: q, Sort: sort, Size: 20, Page: 2})
			for _, h := range append(res1.Hits, res2.Hits...) {
				if seen[h.ID] {
					t.Errorf("%s sort=%s: %s on page 1 and 2", q, sort, h.ID)
				}
				seen[h.ID] = true
			}
			if sort == policysearch.SortDate {
				all := append(res1.Hits, res2.Hits...)
				for i := 1; i < len(all); i++ {
					if all[i].Date > all[i-1].Date {
						t.Errorf("%s: date order broken at %d: %s after %s", q, i, all[i].Date, all[i-1].Date)
					}
				}
			}
		}
	}
}

func TestBadRequests(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	for _, req := range []policysearch.SearchRequest{
		{Query: ""},
		{Query: "职业", Page: -1},
		{Query: "职业", Size: 101},
		{Query: "职业", Sort: "random"},
		{Query: "职业", Filters: policysearch.Filters{Level: []string{"村"}}},
		{Query: "职业", Filters: policysearch.Filters{Kind: []string{"poem"}}},
		{Query: "职业 region:江西", Filters: policysearch.Filters{Region: []string{"重庆"}}},
		{Query: strings.Repeat("教", 300)},
	} {
		_, err := ix.Search(context.Background(), &req)
		if policysearch.ErrorCode(err) != policysearch.EINVALID {
			t.Errorf("%+v: err = %v, want invalid", req, err)
		}
	}
}

func TestHighlight(t *testing.T) {
	cases := []struct {
		text, want string
		phrases    []string
		terms      []string
	}{
		{"<script>alert(1)</script>产教融合", "&lt;script&gt;alert(1)&lt;/script&gt;<mark>产教融合</mark>", []string{"产教融合"}, nil},
		{"推进“１＋Ｘ”证书", "推进“<mark>１＋Ｘ</mark>”证书", []string{"1+X"}, nil},
		{"职业  教育与职业教育", "<mark>职业  教育</mark>与<mark>职业教育</mark>", []string{"职业 教育", "职业教育"}, nil},
		{"a & b 校企合作", "a &amp; b <mark>校企合作</mark>", nil, []string{"校企合作", "校"}},
		{"5G基站 5g", "<mark>5G</mark>基站 <mark>5g</mark>", nil, []string{"5g"}},
		{"没有匹配", "没有匹配", []string{"产教"}, nil},
	}
	for _, c := range cases {
		if got := index.Highlight(c.text, c.phrases, c.terms); got != c.want {
			t.Errorf("Highlight(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("<b>产教融合</b>&amp;", "产教", "融合")
	f.Add("１＋Ｘ\u3000证书", "1+X 证书", "x")
	f.Fuzz(func(t *testing.T, text, phrase, term string) {
		out := index.Highlight(text, []string{phrase}, []string{term})
		// Outside the marks, no raw markup may survive.
		rest := strings.ReplaceAll(strings.ReplaceAll(out, "<mark>", ""), "</mark>", "")
		if strings.ContainsAny(rest, "<>\"") {
			t.Fatalf("unescaped markup in %q", out)
		}
		if strings.Count(out, "<mark>") != strings.Count(out, "</mark>") {
			t.Fatalf("unbalanced marks in %q", out)
		}
	})
}

func TestReplaceAndDelete(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	ctx := context.Background()
	before, _ := ix.Stats(ctx)
	v1, err := parse.Parse("t.txt", []byte("测试文件\n一、任务\n1.甲乙丙丁第一版措施。内容。\n2.第二条措施。内容。"), &parse.Meta{ID: "test-doc"})
	if err != nil {
		t.Fatal(err)
	}
	v2, err := parse.Parse("t.txt", []byte("测试文件\n一、任务\n1.戊己庚辛第二版措施。内容。"), &parse.Meta{ID: "test-doc"})
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Index(ctx, v1); err != nil {
		t.Fatal(err)
	}
	if got := search(t, ix, policysearch.SearchRequest{Query: `"第一版"`}).Total; got != 1 {
		t.Fatalf("v1 indexed: %d hits", got)
	}
	if err := ix.Index(ctx, v2); err != nil {
		t.Fatal(err)
	}
	if got := search(t, ix, policysearch.SearchRequest{Query: `"第一版"`}).Total; got != 0 {
		t.Errorf("after replacing, the old version still has %d hits", got)
	}
	if got := search(t, ix, policysearch.SearchRequest{Query: "第二版"}).Total; got != 1 {
		t.Errorf("after replacing, the new version has %d hits", got)
	}
	if got := search(t, ix, policysearch.SearchRequest{Query: "措施 doc:test-doc"}).Total; got != 1 {
		t.Errorf("doc:test-doc has %d paragraphs matching, want 1 (v2 has one measure)", got)
	}
	mid, _ := ix.Stats(ctx)
	if mid.Documents != before.Documents+1 || mid.Paragraphs != before.Paragraphs+1 {
		t.Errorf("stats after replace = %+v, before %+v", mid, before)
	}
	if err := ix.Delete(ctx, "test-doc"); err != nil {
		t.Fatal(err)
	}
	if got := search(t, ix, policysearch.SearchRequest{Query: "第二版"}).Total; got != 0 {
		t.Errorf("after delete: %d hits", got)
	}
	if _, err := ix.Paragraph(ctx, "test-doc-m1"); policysearch.ErrorCode(err) != policysearch.ENOTFOUND {
		t.Errorf("deleted paragraph: err = %v", err)
	}
	if err := ix.Delete(ctx, "test-doc"); policysearch.ErrorCode(err) != policysearch.ENOTFOUND {
		t.Errorf("second delete: err = %v, want not_found", err)
	}
	after, _ := ix.Stats(ctx)
	if after != before {
		t.Errorf("stats after delete = %+v, want %+v", after, before)
	}
}

// TestAtomicReplace searches while a document is replaced over and over: every search
// must see one version whole, never paragraphs of both or of neither.
func TestAtomicReplace(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	ctx := context.Background()
	mk := func(v, n int) *policysearch.Document {
		var b strings.Builder
		b.WriteString("原子测试文件\n一、任务\n")
		for i := 1; i <= n; i++ {
			fmt.Fprintf(&b, "%d.原子替换措施版本%d。内容%d。\n", i, v, i)
		}
		d, err := parse.Parse("a.txt", []byte(b.String()), &parse.Meta{ID: "atomic"})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if err := ix.Index(ctx, mk(0, 5)); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := ix.Search(ctx, &policysearch.SearchRequest{Query: `"原子替换措施"`, Size: 100, NoFacets: true})
				if err != nil {
					t.Error(err)
					return
				}
				versions := map[string]bool{}
				for _, h := range res.Hits {
					i := strings.Index(h.Text, "版本")
					versions[h.Text[i:i+len("版本")+1]] = true
				}
				if len(versions) != 1 || (res.Total != 5 && res.Total != 8) {
					t.Errorf("saw %d paragraphs of versions %v", res.Total, versions)
					return
				}
			}
		}()
	}
	for v := 1; v <= 20; v++ {
		n := 5
		if v%2 == 1 {
			n = 8
		}
		if err := ix.Index(ctx, mk(v%10, n)); err != nil {
			t.Fatal(err)
		}
	}
	close(stop)
	wg.Wait()
}

func TestPersistence(t *testing.T) {
	dir := t.TempDir()
	ix := seedIndex(t, index.Options{Dir: dir, Shards: 3})
	queries := []string{`"产教融合"`, "双师型教师", "实训基地 level:市", `"1+X" OR 课程思政`}
	want := map[string][]string{}
	for _, q := range queries {
		for _, h := range search(t, ix, policysearch.SearchRequest{Query: q}).Hits {
			want[q] = append(want[q], h.ID)
		}
	}
	stats, _ := ix.Stats(context.Background())
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// Reopen with a different shard count: the index keeps the one it was made with.
	re, err := index.Open(index.Options{Dir: dir, Segmenter: seg, Shards: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	got, _ := re.Stats(context.Background())
	if got != stats {
		t.Errorf("reopened stats %+v, want %+v", got, stats)
	}
	for _, q := range queries {
		var ids []string
		for _, h := range search(t, re, policysearch.SearchRequest{Query: q}).Hits {
			ids = append(ids, h.ID)
		}
		if strings.Join(ids, ",") != strings.Join(want[q], ",") {
			t.Errorf("%s after reopening: %v, want %v", q, ids, want[q])
		}
	}
}

func TestDocumentsAndOutline(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	ctx := context.Background()
	docs, err := ix.Documents(ctx)
	if err != nil || len(docs) != 5 {
		t.Fatalf("Documents: %d, %v", len(docs), err)
	}
	v, err := ix.Document(ctx, "nanchang-2021-ssfa")
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	for _, c := range v.Outline.Children {
		heads = append(heads, c.Heading)
	}
	if strings.Join(heads, "|") != "一、总体要求|二、主要措施|三、组织保障" {
		t.Errorf("top headings = %v", heads)
	}
	measures := 0
	var walk func(n *policysearch.OutlineNode)
	walk = func(n *policysearch.OutlineNode) {
		for _, p := range n.Paragraphs {
			if p.Kind == policysearch.KindMeasure {
				measures++
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(v.Outline)
	if measures != 26 || v.MeasureCount != 26 {
		t.Errorf("outline holds %d measures, summary says %d; want 26", measures, v.MeasureCount)
	}
	pv, err := ix.Paragraph(ctx, "nanchang-2021-ssfa-m12")
	if err != nil {
		t.Fatal(err)
	}
	if pv.Prev == nil || pv.Prev.ID != "nanchang-2021-ssfa-m11" || pv.Next == nil || pv.Next.ID != "nanchang-2021-ssfa-m13" {
		t.Errorf("neighbours of m12: %+v / %+v", pv.Prev, pv.Next)
	}
	if _, err := ix.Document(ctx, "../etc/passwd"); policysearch.ErrorCode(err) != policysearch.ENOTFOUND {
		t.Errorf("unknown document: %v", err)
	}
}

func TestSuggest(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	s, err := ix.Suggest(context.Background(), "产教", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(s) == 0 || s[0].Term != "产教融合" {
		t.Fatalf("suggestions for 产教 = %+v, want 产教融合 first", s)
	}
	for i := 1; i < len(s); i++ {
		if s[i].Count > s[i-1].Count || !strings.HasPrefix(s[i].Term, "产教") {
			t.Errorf("bad suggestion order or prefix: %+v", s)
		}
	}
	if _, err := ix.Suggest(context.Background(), " ", 10); policysearch.ErrorCode(err) != policysearch.EINVALID {
		t.Errorf("empty prefix: %v", err)
	}
}

func TestRelaxed(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	res := search(t, ix, policysearch.SearchRequest{Query: "鲁班工坊 东数西算"})
	if !res.Relaxed || res.Total != 0 || res.Related == 0 || len(res.Hits) == 0 {
		t.Fatalf("no paragraph has both words: want 0 strict and related partial matches, got relaxed=%v total=%d related=%d hits=%d",
			res.Relaxed, res.Total, res.Related, len(res.Hits))
	}
	for _, h := range res.Hits {
		if h.Match != policysearch.MatchPartial {
			t.Errorf("%s: a related hit must say match=partial, got %q", h.ID, h.Match)
		}
	}
	res = search(t, ix, policysearch.SearchRequest{Query: "鲁班工坊"})
	if res.Relaxed {
		t.Error("a query with matches must not be relaxed")
	}
	for _, h := range res.Hits {
		if h.Match != policysearch.MatchAll {
			t.Errorf("%s: a strict hit must say match=all, got %q", h.ID, h.Match)
		}
	}
}

// TestCachedPhraseSameResult: a phrase answered from the cache (and, from its second
// ranking on, from its cached order) gives exactly what a fresh search gives.
func TestCachedPhraseSameResult(t *testing.T) {
	cached := seedIndex(t, index.Options{})
	cold := seedIndex(t, index.Options{PhraseCache: -1})
	for _, req := range []policysearch.SearchRequest{
		{Query: `"职业教育"`, Size: 20},
		{Query: `"职业教育"`, Size: 20, Page: 3},
		{Query: `"职业教育"`, Filters: policysearch.Filters{Level: []string{"市"}}, Size: 7, Page: 2},
		{Query: `"职业教育" region:江西`},
		{Query: `"产教融合"`, Sort: policysearch.SortDate},
		{Query: `"产教融合" OR "校企合作"`, Size: 50},
		{Query: `"实训基地" -"乡村"`},
	} {
		want := search(t, cold, req)
		for run := 0; run < 3; run++ {
			got := search(t, cached, req)
			if got.Total != want.Total || len(got.Hits) != len(want.Hits) {
				t.Fatalf("%+v run %d: total %d/%d hits, fresh %d/%d", req, run, got.Total, len(got.Hits), want.Total, len(want.Hits))
			}
			for i := range got.Hits {
				if got.Hits[i].ID != want.Hits[i].ID || got.Hits[i].Score != want.Hits[i].Score {
					t.Errorf("%+v run %d hit %d: %s %.4f, fresh %s %.4f", req, run, i, got.Hits[i].ID, got.Hits[i].Score, want.Hits[i].ID, want.Hits[i].Score)
				}
			}
			for _, name := range policysearch.FacetNames {
				if fmt.Sprint(got.Facets[name]) != fmt.Sprint(want.Facets[name]) {
					t.Errorf("%+v run %d: facet %s differs", req, run, name)
				}
			}
		}
	}
}
