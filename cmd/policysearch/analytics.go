package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"policysearch"
)

// FilterFlags are the search within results, the scope and the filters every command
// that runs a query takes beside it. A filter repeated, or given as a list (--region
// 江西,重庆), accepts any of its values.
type FilterFlags struct {
	Within string   `help:"A second query ANDed with the first: search within its results (结果中检索)."`
	Scope  string   `help:"Where the words must stand: all (anywhere) or title (the document title)." default:"all" enum:"all,title"`
	Region []string `help:"Region filter (hierarchical); several values: any of them."`
	Level  []string `help:"Level filter: 国家, 省, 市, 区县."`
	Issuer []string `help:"Issuer filter."`
	Type   []string `help:"Document type filter."`
	Unit   []string `help:"Responsible unit filter."`
	Year   []int    `help:"Year of the document's date; several values: any of them."`
}

// request is the search request of a command's query words and filter flags.
func (f FilterFlags) request(query []string) *policysearch.SearchRequest {
	return &policysearch.SearchRequest{
		Query:  strings.Join(query, " "),
		Within: f.Within,
		Scope:  f.Scope,
		Filters: policysearch.Filters{Region: f.Region, Level: f.Level, Issuer: f.Issuer, Type: f.Type, Unit: f.Unit,
			Year: f.Year},
	}
}

// StatsCmd prints counts per bucket.
type StatsCmd struct {
	JiebaFlags
	IndexFlags
	RemoteFlags
	FilterFlags
	Query []string `arg:"" help:"The query, e.g. '\"产教融合\"'."`
	By    string   `help:"year, region, province, level, issuer or type." default:"year"`
	JSON  bool     `name:"json" help:"Print JSON."`
}

func (c *StatsCmd) Run(ctx context.Context, e *env) error {
	ix, _, err := e.backend(ctx, c.JiebaFlags, c.IndexFlags, c.RemoteFlags, true)
	if err != nil {
		return err
	}
	t, err := ix.Trends(ctx, &policysearch.TrendsRequest{SearchRequest: *c.request(c.Query), By: c.By})
	if err != nil {
		return err
	}
	if c.JSON {
		return writeJSON(e, t)
	}
	fmt.Fprintf(e.stdout, "%d paragraphs in %d documents\n", t.Total, t.Documents)
	w := csv.NewWriter(e.stdout)
	w.Comma = '\t'
	header := []string{c.By, "paragraphs", "documents"}
	for _, p := range t.Phrases {
		header = append(header, "“"+p+"”")
	}
	w.Write(header)
	for _, b := range t.Buckets {
		row := []string{b.Value, strconv.Itoa(b.Paragraphs), strconv.Itoa(b.Documents)}
		for _, p := range t.Phrases {
			row = append(row, strconv.Itoa(b.Occurrences[p]))
		}
		w.Write(row)
	}
	w.Flush()
	if t.NoValue > 0 {
		fmt.Fprintf(e.stdout, "(%d paragraphs have no %s)\n", t.NoValue, c.By)
	}
	return w.Error()
}

// KWICCmd prints every occurrence in context.
type KWICCmd struct {
	JiebaFlags
	IndexFlags
	RemoteFlags
	FilterFlags
	Query []string `arg:"" help:"The query; its quoted phrases are the keywords."`
	Width int      `help:"Characters of context on each side." default:"20"`
	Sort  string   `help:"doc, left or right." default:"doc" enum:"doc,left,right"`
	Limit int      `help:"Lines to print." default:"500"`
	JSON  bool     `name:"json" help:"Print JSON."`
}

func (c *KWICCmd) Run(ctx context.Context, e *env) error {
	ix, _, err := e.backend(ctx, c.JiebaFlags, c.IndexFlags, c.RemoteFlags, true)
	if err != nil {
		return err
	}
	res, err := ix.KWIC(ctx, &policysearch.KWICRequest{SearchRequest: *c.request(c.Query), Width: c.Width, Order: c.Sort, Limit: c.Limit})
	if err != nil {
		return err
	}
	if c.JSON {
		return writeJSON(e, res)
	}
	width := 0
	for _, l := range res.Lines {
		width = max(width, displayWidth(l.Left))
	}
	for _, l := range res.Lines {
		pad := strings.Repeat(" ", width-displayWidth(l.Left))
		fmt.Fprintf(e.stdout, "%s%s 【%s】 %s\t%s\n", pad, l.Left, l.Match, l.Right, kwicSource(l))
	}
	fmt.Fprintf(e.stdout, "%d occurrences", res.Total)
	if res.Total > len(res.Lines) {
		fmt.Fprintf(e.stdout, " (%d shown; --limit for more)", len(res.Lines))
	}
	fmt.Fprintln(e.stdout)
	return nil
}

// kwicSource names where a line stands: the full title, the article or measure, the
// date and the paragraph id to open it with.
func kwicSource(l policysearch.KWICLine) string {
	parts := []string{l.DocTitle}
	if m := measureLabel(l.Kind, l.MeasureNo, l.MeasureTitle); m != "" {
		parts = append(parts, m)
	}
	return strings.Join(append(parts, l.Date, l.ParagraphID), "  ")
}

// measureLabel is how a paragraph's number is said: 第12条 for an article, 措施 3 (and
// its title) for a measure.
func measureLabel(kind, no, title string) string {
	switch {
	case no == "":
		return ""
	case kind == policysearch.KindArticle:
		if strings.HasPrefix(no, "第") {
			return no
		}
		return "第" + no + "条"
	case title != "":
		return no + ". " + title
	}
	return no + "."
}

// displayWidth counts CJK characters as two columns, so contexts line up.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// ExportCmd writes every hit as CSV or JSON Lines.
type ExportCmd struct {
	JiebaFlags
	IndexFlags
	RemoteFlags
	FilterFlags
	Query  []string `arg:"" help:"The query; * for every paragraph."`
	Format string   `help:"csv or jsonl." default:"csv" enum:"csv,jsonl"`
	Sort   string   `help:"relevance or date." default:"relevance" enum:"relevance,date"`
	Limit  int      `help:"Refuse queries with more hits than this (0: no limit)." default:"0"`
}

func (c *ExportCmd) exportRequest() *policysearch.SearchRequest {
	r := c.request(c.Query)
	r.Sort = c.Sort
	return r
}

func (c *ExportCmd) Run(ctx context.Context, e *env) error {
	ix, _, err := e.backend(ctx, c.JiebaFlags, c.IndexFlags, c.RemoteFlags, true)
	if err != nil {
		return err
	}
	out := newRowWriter(e, c.Format, policysearch.ExportColumns)
	n, err := ix.Export(ctx, c.exportRequest(), c.Limit,
		func(h policysearch.Hit) error { return out.write(policysearch.ExportRow(h), h) })
	if err := out.flush(err); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "exported %d paragraphs\n", n)
	return nil
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
