package api_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"policysearch"
	"policysearch/api"
	"policysearch/parse"
)

func TestStatsMatchSearch(t *testing.T) {
	e := readEnv(t)
	for _, q := range []string{`"产教融合"`, "实训基地", `"职业教育" region:江西`} {
		var res policysearch.SearchResult
		e.getJSON(t, "/api/v1/search?q="+url.QueryEscape(q), &res)
		var tr policysearch.Trends
		e.getJSON(t, "/api/v1/stats?by=level&q="+url.QueryEscape(q), &tr)
		sum := 0
		for _, b := range tr.Buckets {
			sum += b.Paragraphs
			for _, fv := range res.Facets["level"] {
				if fv.Value == b.Value && fv.Count != b.Paragraphs {
					t.Errorf("%s level %s: stats %d, search facet %d", q, b.Value, b.Paragraphs, fv.Count)
				}
			}
		}
		if tr.Total != res.Total || sum+tr.NoValue != res.Total {
			t.Errorf("%s: stats total %d (buckets %d + %d), search total %d", q, tr.Total, sum, tr.NoValue, res.Total)
		}
	}
	if r := e.get(t, "/api/v1/stats?q=x&by=colour"); r.status != 400 {
		t.Errorf("by=colour: %d", r.status)
	}
}

func TestKWICRoute(t *testing.T) {
	e := readEnv(t)
	var res policysearch.KWICResult
	e.getJSON(t, "/api/v1/kwic?q="+url.QueryEscape(`"双师型"`)+"&width=5&sort=left&limit=3", &res)
	if res.Total < 10 || len(res.Lines) != 3 {
		t.Fatalf("total %d, %d lines", res.Total, len(res.Lines))
	}
	for _, l := range res.Lines {
		if l.Match != "双师型" || len([]rune(l.Left)) > 5 || len([]rune(l.Right)) > 5 {
			t.Errorf("line %+v", l)
		}
	}
	for _, bad := range []string{"width=0", "width=101", "limit=0", "sort=up", "offset=-1"} {
		if r := e.get(t, "/api/v1/kwic?q=%22%E5%8F%8C%E5%B8%88%E5%9E%8B%22&"+bad); r.status != 400 {
			t.Errorf("%s: status %d", bad, r.status)
		}
	}
}

// TestExportCSVRoundTrip exports as CSV and reads it back with encoding/csv: every
// field, including text with commas, quotes and newlines, comes back as it went in.
func TestExportCSVRoundTrip(t *testing.T) {
	e := newEnv(t, api.Config{})
	tricky := "测试导出文件\n一、任务\n1.逗号,引号\"双引号\"和“中文引号”。第二行内容，含逗号,以及换行前的文字。\n"
	d, err := parse.Parse("t.txt", []byte(tricky), &parse.Meta{ID: "export-test", Issuers: []string{"某局,某厅"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.ix.Index(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"*", `"职业教育"`, "逗号"} {
		r := e.get(t, "/api/v1/export?format=csv&q="+url.QueryEscape(q))
		if r.status != 200 || r.header.Get("Content-Type") != "text/csv; charset=utf-8" {
			t.Fatalf("%s: %d %s", q, r.status, r.header.Get("Content-Type"))
		}
		if !bytes.HasPrefix(r.body, []byte("\ufeff")) {
			t.Errorf("%s: no byte-order mark", q)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(r.body, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		var search policysearch.SearchResult
		e.getJSON(t, "/api/v1/search?size=1&q="+url.QueryEscape(q), &search)
		if len(rows)-1 != search.Total {
			t.Errorf("%s: %d rows, search total %d", q, len(rows)-1, search.Total)
		}
		col := map[string]int{}
		for i, name := range rows[0] {
			col[name] = i
		}
		for _, row := range rows[1:] {
			var pv policysearch.ParagraphView
			e.getJSON(t, "/api/v1/paragraphs/"+row[col["id"]], &pv)
			if row[col["text"]] != pv.Paragraph.Text || row[col["doc_title"]] != pv.Document.Title ||
				row[col["issuers"]] != strings.Join(pv.Document.Issuers, "；") {
				t.Errorf("%s: row %s differs from the paragraph", q, row[col["id"]])
			}
		}
	}
	// JSON Lines: one hit per line.
	r := e.get(t, "/api/v1/export?format=jsonl&q="+url.QueryEscape("逗号"))
	lines := strings.Split(strings.TrimSpace(string(r.body)), "\n")
	var h policysearch.Hit
	if len(lines) != 1 || json.Unmarshal([]byte(lines[0]), &h) != nil || !strings.Contains(h.Text, `"双引号"`) {
		t.Errorf("jsonl: %q", r.body)
	}
}

func TestExportLimit(t *testing.T) {
	e := newEnv(t, api.Config{MaxExport: 10})
	r := e.get(t, "/api/v1/export?q=*")
	if r.status != 413 || !strings.Contains(r.apiError(t).Message, "at most 10") {
		t.Errorf("over the limit: %d %s", r.status, r.body)
	}
	if r := e.get(t, "/api/v1/export?q=*&format=xlsx"); r.status != 400 {
		t.Errorf("format=xlsx: %d", r.status)
	}
}
