package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"policysearch"
	"policysearch/index"
	"policysearch/ingest"
	"policysearch/parse"
)

// CLI is the command line.
type CLI struct {
	Serve     ServeCmd     `cmd:"" default:"withargs" help:"Serve the search API and web page (default command)."`
	Index     IndexCmd     `cmd:"" help:"Add files and folders (.txt .md .html .docx) to an index."`
	Search    SearchCmd    `cmd:"" help:"Search and print ranked hits with highlights and facet counts."`
	Stats     StatsCmd     `cmd:"" help:"Count a query's paragraphs, documents and phrase occurrences per year, region, level, issuer or type."`
	KWIC      KWICCmd      `cmd:"" name:"kwic" help:"Every occurrence of a phrase with its context (keyword in context)."`
	Export    ExportCmd    `cmd:"" help:"Write every hit of a query as CSV (UTF-8 with BOM) or JSON Lines to stdout."`
	Similar   SimilarCmd   `cmd:"" help:"Precedent clauses: paragraphs of other documents that share a clause's wording."`
	Lineage   LineageCmd   `cmd:"" help:"Where a paragraph's wording came from: earlier documents, oldest first."`
	Compare   CompareCmd   `cmd:"" help:"What document B takes from document A: shared paragraphs and coverage."`
	Citations CitationsCmd `cmd:"" help:"What a document cites and what cites it; --edges writes the citation network as CSV."`
	Check     CheckCmd     `cmd:"" help:"Verify an index folder: its shards, every segment's checksum and the record counts."`
	Inspect   InspectCmd   `cmd:"" help:"Show how files and folders will be parsed: metadata, outline with counts, warnings (--json: every paragraph)."`
	Version   VersionCmd   `cmd:"" help:"Print the version."`
}

// VersionCmd prints the version.
type VersionCmd struct{}

func (c *VersionCmd) Run(e *env) error {
	fmt.Fprintln(e.stdout, "policysearch", version)
	return nil
}

// IndexCmd adds files to an index.
type IndexCmd struct {
	JiebaFlags
	IndexFlags
	RemoteFlags
	Paths    []string `arg:"" help:"Files and folders; folders are read recursively, with their metadata.jsonl and NAME.meta.json sidecars." type:"existingpath"`
	Batch    int      `help:"Documents per batch." default:"64"`
	JSON     bool     `name:"json" help:"Print the summary as JSON."`
	Progress string   `help:"auto (a bar on a terminal), bar, lines (one line per 10 files, for logs) or none." default:"auto" enum:"auto,bar,lines,none"`
}

func (c *IndexCmd) Run(ctx context.Context, e *env) error {
	defer index.ForBulkBuild()()
	if c.Data == "" {
		fmt.Fprintln(e.stderr, "note: no --data folder given; the files are parsed and indexed in memory as a check, and nothing is kept")
	}
	ix, remote, err := e.backend(ctx, c.JiebaFlags, c.IndexFlags, c.RemoteFlags, false)
	if err != nil {
		return err
	}
	var sink policysearch.Indexer
	opts := ingest.Options{Batch: c.Batch}
	if remote != nil {
		// The server parses and indexes each file, as an upload.
		opts.Upload = func(ctx context.Context, name string, data []byte, meta *parse.Meta) (int, error) {
			u, err := remote.Upload(ctx, name, data, meta)
			if err != nil {
				return 0, err
			}
			return u.Paragraphs, nil
		}
	} else {
		sink = ix.(*index.Index)
	}
	mode := c.Progress
	if mode == "auto" {
		mode = "none"
		if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
			mode = "bar"
		}
	}
	var bar *progressbar.ProgressBar
	switch mode {
	case "bar":
		opts.Progress = func(done, total int, bytes int64) {
			if bar == nil {
				bar = progressbar.NewOptions(total, progressbar.OptionSetWriter(e.stderr), progressbar.OptionSetDescription("indexing"),
					progressbar.OptionShowCount(), progressbar.OptionSetPredictTime(true), progressbar.OptionClearOnFinish())
			}
			bar.Set(done)
		}
	case "lines":
		opts.Progress = func(done, total int, bytes int64) {
			if done%10 == 0 || done == total {
				fmt.Fprintf(e.stderr, "read %d/%d files (%.1f MB)\n", done, total, float64(bytes)/(1<<20))
			}
		}
	}
	sum, err := ingest.Run(ctx, sink, c.Paths, opts)
	if bar != nil {
		bar.Finish()
	}
	if sum != nil {
		c.report(e, sum)
	}
	return err
}

func (c *IndexCmd) report(e *env, s *ingest.Summary) {
	if c.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(s)
		return
	}
	for _, w := range s.Written {
		fmt.Fprintf(e.stdout, "wrote %s  (%s)\n", w.ID, w.Path)
	}
	mb := float64(s.Bytes) / (1 << 20)
	fmt.Fprintf(e.stdout, "indexed %d documents, %d paragraphs from %d files (%.1f MB) in %s (%.1f MB/s)\n",
		s.Documents, s.Paragraphs, s.Files, mb, s.Duration.Round(time.Millisecond), mb/max(s.Duration.Seconds(), 1e-9))
	if len(s.Skipped) > 0 {
		fmt.Fprintf(e.stdout, "skipped %d files:\n", len(s.Skipped))
		for _, k := range s.Skipped {
			fmt.Fprintf(e.stdout, "  %s: %s (%s)\n", k.Path, k.Reason, k.Code)
		}
	}
}

// SearchCmd queries an index.
type SearchCmd struct {
	JiebaFlags
	IndexFlags
	RemoteFlags
	FilterFlags
	Query []string `arg:"" help:"The query: words, \"exact phrases\", -exclusions, OR, and filters such as region:山东,江西 year:2020..2023."`
	ByDoc bool     `name:"by-doc" help:"One entry per document with its matching paragraphs counted and the first of them (group=document)."`
	Sort  string   `help:"relevance, date, or with --by-doc matches (most matching paragraphs first)." default:"relevance" enum:"relevance,date,matches"`
	Page  int      `help:"Page number." default:"1"`
	Size  int      `help:"Hits (with --by-doc: documents) per page." default:"10"`
	JSON  bool     `name:"json" help:"Print the full result as JSON."`
}

func (c *SearchCmd) Run(ctx context.Context, e *env) error {
	ix, _, err := e.backend(ctx, c.JiebaFlags, c.IndexFlags, c.RemoteFlags, true)
	if err != nil {
		return err
	}
	req := c.request(c.Query)
	req.Sort, req.Page, req.Size = c.Sort, c.Page, c.Size
	if c.ByDoc {
		req.Group = policysearch.GroupDocument
	}
	res, err := ix.Search(ctx, req)
	if err != nil {
		return err
	}
	if c.JSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(res)
	}
	printResult(e, res, isTerminal(e.stdout))
	return nil
}

func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// printResult prints hits for a terminal: highlights in bold yellow when the output is
// a terminal, in 【】 otherwise.
func printResult(e *env, res *policysearch.SearchResult, color bool) {
	for _, m := range res.Unmatched {
		fmt.Fprintf(e.stdout, "no document has %s %q", m.Field, m.Value)
		if len(m.Known) > 0 {
			fmt.Fprintf(e.stdout, "; known values closest to it: %s", strings.Join(m.Known, ", "))
		}
		fmt.Fprintln(e.stdout)
	}
	note := ""
	switch {
	case res.Relaxed:
		note = fmt.Sprintf(" (no paragraph has every word; showing %d partial matches)", res.Related)
	case res.Related > 0:
		note = fmt.Sprintf(", and %d partial matches", res.Related)
	}
	if len(res.Groups) > 0 || res.Documents > 0 {
		fmt.Fprintf(e.stdout, "%d documents with %d hits in %.1f ms%s\n\n", res.Documents, res.Total, res.TookMS, note)
		for i, g := range res.Groups {
			n := (res.Page-1)*res.Size + i + 1
			flag := ""
			if g.Match == policysearch.MatchPartial {
				flag = " (partial)"
			}
			fmt.Fprintf(e.stdout, "%d. %s  %s %s %s%s\n", n, g.DocTitle, strings.Join(g.Issuers, "、"), g.Date, g.DocNumber, flag)
			fmt.Fprintf(e.stdout, "   %d matching paragraphs; id: %s\n", g.Matches, g.DocID)
			for _, h := range g.Hits {
				where := measureLabel(h.Kind, h.MeasureNo, h.MeasureTitle)
				if where == "" {
					where = strings.Join(h.SectionPath, " > ")
				}
				if where != "" {
					where = "[" + where + "] "
				}
				fmt.Fprintf(e.stdout, "   - %s%s\n     id: %s\n", where, terminalMarks(h.Highlight, color), h.ID)
			}
			fmt.Fprintln(e.stdout)
		}
	} else {
		fmt.Fprintf(e.stdout, "%d hits in %.1f ms%s\n\n", res.Total, res.TookMS, note)
	}
	divided := res.Relaxed
	for i, h := range res.Hits {
		if h.Match == policysearch.MatchPartial && !divided {
			divided = true
			fmt.Fprintf(e.stdout, "--- partial matches (以下为部分匹配的结果) ---\n\n")
		}
		n := (res.Page-1)*res.Size + i + 1
		fmt.Fprintf(e.stdout, "%d. %s  %s %s %s\n", n, h.DocTitle, strings.Join(h.Issuers, "、"), h.Date, h.DocNumber)
		if h.Status != "" && h.Status != policysearch.StatusInForce {
			// An old version, a repealed text or one not yet in force says so.
			status := "   【" + h.Status + "】"
			if h.CurrentID != "" {
				status += " 现行版本: " + h.CurrentID
			}
			fmt.Fprintln(e.stdout, status)
		}
		where := strings.Join(h.SectionPath, " > ")
		if h.MeasureNo != "" {
			where += "  [" + h.MeasureNo + "] " + h.MeasureTitle
		}
		if where != "" {
			fmt.Fprintf(e.stdout, "   %s\n", where)
		}
		fmt.Fprintf(e.stdout, "   %s\n", terminalMarks(h.Highlight, color))
		if len(h.ResponsibleUnits) > 0 {
			fmt.Fprintf(e.stdout, "   责任单位: %s\n", strings.Join(h.ResponsibleUnits, "、"))
		}
		fmt.Fprintf(e.stdout, "   id: %s\n\n", h.ID)
	}
	for _, name := range policysearch.FacetNames {
		vals := res.Facets[name]
		if len(vals) == 0 {
			continue
		}
		var parts []string
		for i, v := range vals {
			if i == 8 {
				parts = append(parts, "…")
				break
			}
			parts = append(parts, fmt.Sprintf("%s %d", v.Value, v.Count))
		}
		fmt.Fprintf(e.stdout, "%-7s %s\n", name+":", strings.Join(parts, " · "))
	}
}

// unescape reverses the HTML escaping of a highlight for terminal output.
func unescape(s string) string {
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&#34;", "\"", "&#39;", "'", "&quot;", "\"", "&amp;", "&").Replace(s)
}

// CheckCmd verifies an index folder without serving it.
type CheckCmd struct {
	JiebaFlags
	Data string `name:"data" help:"Index folder to check." type:"path" required:""`
}

func (c *CheckCmd) Run(e *env) error {
	if _, err := e.segmenter(c.JiebaFlags); err != nil {
		return err
	}
	faults, err := index.Check(c.Data)
	if err != nil {
		return err
	}
	if len(faults) == 0 {
		fmt.Fprintf(e.stdout, "the index in %s is sound: every shard is there, every segment matches its checksum, every record count agrees\n", c.Data)
		return nil
	}
	for _, f := range faults {
		fmt.Fprintln(e.stdout, "damaged:", f)
	}
	// Check reports the table file only when the shards are sound, and the table is a
	// cache of them: its own repair is far cheaper than a rebuild.
	if len(faults) == 1 && strings.HasPrefix(faults[0], "table ") {
		return policysearch.Errorf(policysearch.ECORRUPT,
			"the table file of the index in %s is damaged and its shards are sound: delete %s, and the next open rebuilds it from them", c.Data, filepath.Join(c.Data, "table"))
	}
	return policysearch.Errorf(policysearch.ECORRUPT,
		"the index in %s is damaged (faults: %d); rebuild it from the source files into a new folder (policysearch index --data NEW FILES…)", c.Data, len(faults))
}
