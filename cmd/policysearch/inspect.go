package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"policysearch"
	"policysearch/ingest"
	"policysearch/parse"
)

// InspectCmd shows how files will be parsed.
type InspectCmd struct {
	Paths []string `arg:"" help:"Files and folders (read recursively, with their metadata.jsonl and NAME.meta.json sidecars, as index reads them)." type:"existingpath"`
	Meta  string   `help:"A sidecar JSON file applied to every file (instead of the metadata.jsonl or sidecars index would apply)." type:"existingfile"`
	JSON  bool     `name:"json" help:"Print every document in full (metadata and every paragraph) as JSON, one object per file."`
}

// longParagraph is the length past which a paragraph is likely several measures the
// parser did not split (a numbering style it does not know, or lost line breaks).
const longParagraph = 1500

func (c *InspectCmd) Run(ctx context.Context, e *env) error {
	var meta *parse.Meta
	if c.Meta != "" {
		f, err := os.Open(c.Meta)
		if err != nil {
			return err
		}
		meta, err = parse.DecodeMeta(f)
		f.Close()
		if err != nil {
			return err
		}
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	var files, docs, warned, skipped int
	var failed []string // files that are documents but did not parse
	err := ingest.Each(ctx, c.Paths, meta, func(path string, d *policysearch.Document, skip *ingest.Skip) error {
		files++
		if skip != nil {
			skipped++
			if skip.Failed {
				failed = append(failed, path)
			}
			if c.JSON {
				return enc.Encode(map[string]any{"path": path, "skipped": skip})
			}
			fmt.Fprintf(e.stdout, "== %s\nskipped: %s (%s)\n\n", path, skip.Reason, skip.Code)
			return nil
		}
		docs++
		if c.JSON {
			return enc.Encode(d)
		}
		if printSummary(e.stdout, path, d) > 0 {
			warned++
		}
		return nil
	})
	if err != nil {
		return err
	}
	if !c.JSON && files > 1 {
		fmt.Fprintf(e.stdout, "%d files: %d documents (%d with warnings), %d skipped\n", files, docs, warned, skipped)
	}
	if len(failed) > 0 {
		return policysearch.Errorf(policysearch.EUNSUPPORTED, "%d of %d files could not be parsed: %s", len(failed), files, strings.Join(failed, ", "))
	}
	return nil
}

// printSummary prints what a person checks before indexing a document: its metadata,
// its paragraphs by kind, its outline with the paragraphs under each heading, and what
// looks wrong. It returns the number of warnings.
func printSummary(w io.Writer, path string, d *policysearch.Document) int {
	fmt.Fprintf(w, "== %s\n", path)
	field := func(label, v, key string) {
		if v == "" {
			v = "—"
		} else if d.Provenance[key] != "" {
			v += "  (" + d.Provenance[key] + ")"
		}
		fmt.Fprintf(w, "%-12s%s\n", label, v)
	}
	field("title", d.Title, "title")
	field("id", d.ID, "id")
	field("issuers", strings.Join(d.Issuers, "、"), "issuers")
	field("doc_number", d.DocNumber, "doc_number")
	field("date", d.Date, "date")
	region := d.Region
	if d.RegionCode != "" {
		region += " " + d.RegionCode
	}
	field("region", region, "region")
	field("level", d.Level, "level")
	field("doc_type", d.DocType, "doc_type")
	if d.Period != "" {
		field("period", d.Period, "period")
	}

	kinds := map[string]int{}
	long := 0
	for _, p := range d.Paragraphs {
		kinds[p.Kind]++
		if utf8.RuneCountInString(p.Text) > longParagraph {
			long++
		}
	}
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		names = append(names, k)
	}
	sort.Slice(names, func(i, j int) bool {
		return kinds[names[i]] > kinds[names[j]] || kinds[names[i]] == kinds[names[j]] && names[i] < names[j]
	})
	var parts []string
	for _, k := range names {
		parts = append(parts, fmt.Sprintf("%s %d", k, kinds[k]))
	}
	fmt.Fprintf(w, "%-12s%d (%s)\n", "paragraphs", len(d.Paragraphs), strings.Join(parts, ", "))

	root := policysearch.NewOutline(d.Title, d.Paragraphs)
	fmt.Fprintln(w, "outline")
	if n := len(root.Paragraphs); n > 0 {
		fmt.Fprintf(w, "  (before the first heading) %d\n", n)
	}
	var walk func(n *policysearch.OutlineNode, depth int)
	walk = func(n *policysearch.OutlineNode, depth int) {
		for _, ch := range n.Children {
			fmt.Fprintf(w, "%s%s  %d\n", strings.Repeat("  ", depth), ch.Heading, ch.Count())
			walk(ch, depth+1)
		}
	}
	walk(root, 1)

	var warnings []string
	warn := func(cond bool, msg string) {
		if cond {
			warnings = append(warnings, msg)
		}
	}
	warn(d.Date == "", "no date: filters by year and the newest-first order will miss it; give \"date\" in a NAME.meta.json sidecar")
	warn(len(d.Issuers) == 0, "no issuer found; give \"issuers\" in a sidecar")
	warn(d.Region == "", "no region: region filters will not find it; give \"region\" (e.g. 山东省济南市, or 全国)")
	warn(d.Level == "", "no level (国家, 省, 市 or 区县)")
	warn(d.DocType == "", "no document type (实施方案, 通知, 条例 …)")
	warn(len(d.Paragraphs) == 0, "no paragraphs: nothing to index")
	warn(len(d.Paragraphs) > 3 && kinds[policysearch.KindMeasure]+kinds[policysearch.KindArticle]+kinds[policysearch.KindTableRow] == 0,
		"no numbered measure or article found: every paragraph is body text")
	warn(long > 0, fmt.Sprintf("%d paragraphs longer than %d characters: a numbering style may not have been recognised", long, longParagraph))
	if len(warnings) > 0 {
		fmt.Fprintln(w, "warnings")
		for _, m := range warnings {
			fmt.Fprintf(w, "  - %s\n", m)
		}
	}
	fmt.Fprintln(w)
	return len(warnings)
}
