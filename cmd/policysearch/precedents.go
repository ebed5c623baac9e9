package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"policysearch"
)

// SimilarCmd finds precedent clauses.
type SimilarCmd struct {
	JiebaFlags
	IndexFlags
	RemoteFlags
	Text string `help:"A clause to find precedents for."`
	ID   string `name:"id" help:"A paragraph id to find precedents for (from search output)."`
	Size int    `help:"How many." default:"10"`
	All  bool   `help:"Include the paragraph's own document."`
	JSON bool   `name:"json" help:"Print JSON."`
}

func (c *SimilarCmd) Run(ctx context.Context, e *env) error {
	if (c.Text == "") == (c.ID == "") {
		return errors.New("give either --text \"clause\" or --id PARAGRAPH")
	}
	ix, _, err := e.backend(ctx, c.JiebaFlags, c.IndexFlags, c.RemoteFlags, true)
	if err != nil {
		return err
	}
	var res *policysearch.SimilarResult
	if c.Text != "" {
		res, err = ix.SimilarText(ctx, c.Text, c.Size)
	} else {
		scope := policysearch.ScopeOtherDocs
		if c.All {
			scope = policysearch.ScopeAll
		}
		res, err = ix.Similar(ctx, c.ID, c.Size, scope)
	}
	if err != nil {
		return err
	}
	if c.JSON {
		return writeJSON(e, res)
	}
	if len(res.Hits) == 0 {
		fmt.Fprintln(e.stdout, "no paragraph shares a passage of 8 or more characters with it")
		return nil
	}
	color := isTerminal(e.stdout)
	for i, h := range res.Hits {
		fmt.Fprintf(e.stdout, "%d. similarity %.2f (%d shared characters)  %s  %s %s\n", i+1, h.Similarity, h.SharedChars, h.DocTitle, h.Level, h.Date)
		fmt.Fprintf(e.stdout, "   %s\n   id: %s\n\n", terminalMarks(h.Marked, color), h.ID)
	}
	return nil
}

// LineageCmd prints where a clause's wording came from.
type LineageCmd struct {
	JiebaFlags
	IndexFlags
	RemoteFlags
	ID   string `arg:"" help:"Paragraph id."`
	JSON bool   `name:"json" help:"Print JSON."`
}

func (c *LineageCmd) Run(ctx context.Context, e *env) error {
	ix, _, err := e.backend(ctx, c.JiebaFlags, c.IndexFlags, c.RemoteFlags, true)
	if err != nil {
		return err
	}
	l, err := ix.Lineage(ctx, c.ID)
	if err != nil {
		return err
	}
	if c.JSON {
		return writeJSON(e, l)
	}
	if len(l.Chain) == 0 {
		fmt.Fprintln(e.stdout, "no earlier paragraph in another document shares enough of its wording")
	}
	for _, s := range l.Chain {
		fmt.Fprintf(e.stdout, "%s %s %s [%s]\n   ↓ similarity %.2f\n", s.Date, s.Level, s.DocTitle, s.ID, s.Similarity)
	}
	fmt.Fprintf(e.stdout, "%s %s %s [%s]\n", l.Paragraph.Date, l.Paragraph.Level, l.Paragraph.DocTitle, l.Paragraph.ID)
	return nil
}

// CompareCmd prints what document B takes from document A.
type CompareCmd struct {
	JiebaFlags
	IndexFlags
	RemoteFlags
	A    string `arg:"" help:"The earlier document's id."`
	B    string `arg:"" help:"The document compared with it."`
	JSON bool   `name:"json" help:"Print JSON."`
}

func (c *CompareCmd) Run(ctx context.Context, e *env) error {
	ix, _, err := e.backend(ctx, c.JiebaFlags, c.IndexFlags, c.RemoteFlags, true)
	if err != nil {
		return err
	}
	cmp, err := ix.Compare(ctx, c.A, c.B)
	if err != nil {
		return err
	}
	if c.JSON {
		return writeJSON(e, cmp)
	}
	fmt.Fprintf(e.stdout, "%s\n  takes %.1f%% of its text (%d of %d characters) from\n%s\n\n", cmp.B.Title, 100*cmp.Coverage, cmp.CoveredChars, cmp.TotalChars, cmp.A.Title)
	color := isTerminal(e.stdout)
	for _, p := range cmp.Pairs {
		fmt.Fprintf(e.stdout, "%s ← %s  (similarity %.2f)\n  B: %s\n  A: %s\n\n", p.B.ID, p.A.ID, p.Similarity,
			terminalMarks(p.MarkedB, color), terminalMarks(p.MarkedA, color))
	}
	return nil
}

// terminalMarks turns marked HTML into terminal text.
func terminalMarks(s string, color bool) string {
	open, close := "【", "】"
	if color {
		open, close = "\x1b[1;33m", "\x1b[0m"
	}
	s = strings.NewReplacer("<mark>", open, "</mark>", close).Replace(s)
	return strings.ReplaceAll(unescape(s), "\n", "\n   ")
}
