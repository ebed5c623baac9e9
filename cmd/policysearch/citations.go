package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"policysearch"
)

// CitationsCmd prints what a document cites and what cites it, or writes the citation
// edges for network tools.
type CitationsCmd struct {
	JiebaFlags
	IndexFlags
	RemoteFlags
	ID     string `arg:"" optional:"" help:"A document id (from search output). With --edges and no id: every edge of the corpus."`
	Edges  bool   `help:"Write the citation edges (citing, cited, paragraph, article, …) to stdout instead, for network tools."`
	Format string `help:"Format of --edges: csv (UTF-8 with BOM) or jsonl." default:"csv" enum:"csv,jsonl"`
	JSON   bool   `name:"json" help:"Print JSON."`
}

func (c *CitationsCmd) Run(ctx context.Context, e *env) error {
	if c.ID == "" && !c.Edges {
		return errors.New("give a document id, or --edges for every edge of the corpus")
	}
	// Beside a running server (or with --server) the citations come from it.
	ix, _, err := e.backend(ctx, c.JiebaFlags, c.IndexFlags, c.RemoteFlags, true)
	if err != nil {
		return err
	}
	if c.Edges {
		return c.writeEdges(ctx, e, ix)
	}
	res, err := ix.Citations(ctx, c.ID)
	if err != nil {
		return err
	}
	if c.JSON {
		return writeJSON(e, res)
	}
	printCitations(e, "本篇引用 cites", res.Cites)
	printCitations(e, "引用本篇 cited by", res.CitedBy)
	return nil
}

func printCitations(e *env, heading string, list []policysearch.Citation) {
	fmt.Fprintf(e.stdout, "%s: %d documents\n", heading, len(list))
	for i, x := range list {
		d := x.Document
		id := "not in the corpus"
		if d.ID != nil {
			id = *d.ID
		}
		title := d.Title
		if title == "" {
			title = d.DocNumber
		}
		fmt.Fprintf(e.stdout, "%3d. %s  [%s]", i+1, title, id)
		for _, s := range []string{d.DocNumber, d.Date, d.Level, d.Status} {
			if s != "" && s != title {
				fmt.Fprintf(e.stdout, "  %s", s)
			}
		}
		fmt.Fprintf(e.stdout, "  ×%d\n", x.Count)
		if len(x.Articles) > 0 {
			fmt.Fprintf(e.stdout, "     articles: %s\n", strings.Join(x.Articles, "、"))
		}
		paras := make([]string, len(x.Paragraphs))
		for k, p := range x.Paragraphs {
			if p == "" {
				p = "(title)"
			}
			paras[k] = p
		}
		fmt.Fprintf(e.stdout, "     paragraphs: %s\n", strings.Join(paras, " "))
	}
}

func (c *CitationsCmd) writeEdges(ctx context.Context, e *env, ix policysearch.Citer) error {
	out := newRowWriter(e, c.Format, policysearch.EdgeColumns)
	n := 0
	err := ix.Edges(ctx, c.ID, func(edge policysearch.Edge) error {
		n++
		return out.write(policysearch.EdgeRow(edge), edge)
	})
	if err := out.flush(err); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "wrote %d edges\n", n)
	return nil
}

// rowWriter writes rows to stdout as CSV (UTF-8 with a BOM, for Excel) or JSON lines;
// the export and the edge export share it, so their files read alike.
type rowWriter struct {
	out *bufio.Writer
	cw  *csv.Writer
	enc *json.Encoder
}

func newRowWriter(e *env, format string, header []string) *rowWriter {
	w := &rowWriter{out: bufio.NewWriterSize(e.stdout, 64<<10)}
	w.enc = json.NewEncoder(w.out)
	w.enc.SetEscapeHTML(false)
	if format == "csv" {
		w.out.WriteString("\ufeff")
		w.cw = csv.NewWriter(w.out)
		w.cw.Write(header)
	}
	return w
}

func (w *rowWriter) write(cells []string, v any) error {
	if w.cw != nil {
		return w.cw.Write(cells)
	}
	return w.enc.Encode(v)
}

// flush writes what is buffered and returns err, or the writing's own error.
func (w *rowWriter) flush(err error) error {
	if w.cw != nil {
		w.cw.Flush()
		if err == nil {
			err = w.cw.Error()
		}
	}
	if ferr := w.out.Flush(); err == nil {
		err = ferr
	}
	return err
}
