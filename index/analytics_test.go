package index_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"policysearch"
	"policysearch/index"
	"policysearch/seeds"
)

// TestTrendsAgainstLiteralCount checks the per-year counts of a phrase against an
// independent count over the parsed seeds.
func TestTrendsAgainstLiteralCount(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, phrase := range []string{"产教融合", "双师型", "1+X", "职业教育"} {
		type want struct{ paras, occ int }
		byYear := map[string]*want{}
		noYear := 0
		for _, d := range docs {
			y := ""
			if d.Year() > 0 {
				y = strconv.Itoa(d.Year())
			}
			for i, p := range d.Paragraphs {
				// Occurrences are the text's; a paragraph under a heading that holds the
				// phrase (or the first, when the title holds it) counts as a paragraph.
				n := strings.Count(policysearch.Normalize(p.Text), phrase)
				inContext := i == 0 && strings.Contains(policysearch.Normalize(d.Title), phrase)
				for _, h := range p.SectionPath {
					inContext = inContext || strings.Contains(policysearch.Normalize(h), phrase)
				}
				if n == 0 && !inContext {
					continue
				}
				if y == "" {
					noYear++
					continue
				}
				if byYear[y] == nil {
					byYear[y] = &want{}
				}
				byYear[y].paras++
				byYear[y].occ += n
			}
		}
		tr, err := ix.Trends(context.Background(), trendsReq(&policysearch.SearchRequest{Query: `"` + phrase + `"`}, "year"))
		if err != nil {
			t.Fatal(err)
		}
		if len(tr.Buckets) != len(byYear) {
			t.Errorf("%s: %d year buckets, want %d", phrase, len(tr.Buckets), len(byYear))
		}
		for _, b := range tr.Buckets {
			w := byYear[b.Value]
			if w == nil || b.Paragraphs != w.paras || b.Occurrences[phrase] != w.occ {
				t.Errorf("%s year %s: %d paragraphs, %d occurrences; literal count %+v", phrase, b.Value, b.Paragraphs, b.Occurrences[phrase], w)
			}
		}
		if tr.NoValue != noYear {
			t.Errorf("%s: %d hits without a year, literal count %d", phrase, tr.NoValue, noYear)
		}
	}
	if _, err := ix.Trends(context.Background(), trendsReq(&policysearch.SearchRequest{Query: "职业"}, "colour")); policysearch.ErrorCode(err) != policysearch.EINVALID {
		t.Errorf("unknown by: %v", err)
	}
}

func TestKWIC(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	ctx := context.Background()
	res, err := ix.KWIC(ctx, kwicReq(&policysearch.SearchRequest{Query: `"产教融合"`}, 10, "right", 0, 1000))
	if err != nil {
		t.Fatal(err)
	}
	tr, _ := ix.Trends(ctx, trendsReq(&policysearch.SearchRequest{Query: `"产教融合"`}, "type"))
	occ := 0
	for _, b := range tr.Buckets {
		occ += b.Occurrences["产教融合"]
	}
	if res.Total != occ || res.Total == 0 {
		t.Errorf("KWIC found %d occurrences, trends count %d", res.Total, occ)
	}
	for i, l := range res.Lines {
		if l.Match != "产教融合" {
			t.Errorf("line %d matches %q", i, l.Match)
		}
		if n := len([]rune(l.Left)); n > 10 {
			t.Errorf("line %d: left context of %d characters", i, n)
		}
		pv, err := ix.Paragraph(ctx, l.ParagraphID)
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(pv.Paragraph.Text), " ")
		if !strings.Contains(flat, l.Left+l.Match+l.Right) {
			t.Errorf("line %d: %q+%q+%q is not in paragraph %s", i, l.Left, l.Match, l.Right, l.ParagraphID)
		}
		if i > 0 && res.Lines[i-1].Right > l.Right {
			t.Errorf("lines not sorted by right context at %d", i)
		}
	}
	page, _ := ix.KWIC(ctx, kwicReq(&policysearch.SearchRequest{Query: `"产教融合"`}, 10, "right", 5, 3))
	if len(page.Lines) != 3 || page.Lines[0] != res.Lines[5] {
		t.Errorf("offset/limit page wrong: %+v", page.Lines)
	}
	for _, bad := range []struct{ width, off, lim int }{{500, 0, 10}, {10, -1, 10}, {10, 0, 100000}} {
		if _, err := ix.KWIC(ctx, kwicReq(&policysearch.SearchRequest{Query: `"产教融合"`}, bad.width, "", bad.off, bad.lim)); policysearch.ErrorCode(err) != policysearch.EINVALID {
			t.Errorf("%+v: %v", bad, err)
		}
	}
}

func TestExport(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	ctx := context.Background()
	for _, q := range []string{`"职业教育"`, "职业教育 实训", "*", "* region:江西"} {
		total := search(t, ix, policysearch.SearchRequest{Query: q}).Total
		seen := map[string]bool{}
		n, err := ix.Export(ctx, &policysearch.SearchRequest{Query: q}, 0, func(h policysearch.Hit) error {
			if seen[h.ID] {
				t.Errorf("%s: %s exported twice", q, h.ID)
			}
			seen[h.ID] = true
			return nil
		})
		if err != nil || n != total || len(seen) != total {
			t.Errorf("%s: exported %d (%d distinct), search total %d, err %v", q, n, len(seen), total, err)
		}
	}
	stats, _ := ix.Stats(ctx)
	if n, _ := ix.Export(ctx, &policysearch.SearchRequest{Query: "*"}, 0, func(policysearch.Hit) error { return nil }); n != stats.Paragraphs {
		t.Errorf("* exported %d of %d paragraphs", n, stats.Paragraphs)
	}
	called := false
	_, err := ix.Export(ctx, &policysearch.SearchRequest{Query: "*"}, 10, func(policysearch.Hit) error { called = true; return nil })
	if policysearch.ErrorCode(err) != policysearch.ETOOLARGE || called {
		t.Errorf("over the limit: err %v, rows written %v", err, called)
	}
}
