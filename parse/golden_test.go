package parse_test

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysearch"
	"policysearch/seeds"
)

var update = flag.Bool("update", false, "rewrite the golden files from the parser's output")

// TestSeedsGolden parses each embedded seed and compares a readable rendering of the
// document (metadata, then one line per paragraph) with testdata/golden/<id>.golden.
// A reviewer reads the golden file to check the parse; -update rewrites it.
func TestSeedsGolden(t *testing.T) {
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 5 {
		t.Fatalf("want 5 seed documents, got %d", len(docs))
	}
	for _, d := range docs {
		t.Run(d.ID, func(t *testing.T) {
			checkGolden(t, filepath.Join("testdata", "golden", d.ID+".golden"), d.Source, render(d))
		})
	}
}

// checkGolden compares a rendering with its golden file, or rewrites the file under
// -update.
func checkGolden(t *testing.T, path, source, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./parse -run Golden -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("parse of %s differs from %s:\n%s", source, path, diff(string(want), got))
	}
}

func render(d *policysearch.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "id: %s\ntitle: %s\nissuers: %s\ndoc_number: %s\ndate: %s\nregion: %s (%s)\nlevel: %s\ndoc_type: %s\nperiod: %s\n",
		d.ID, d.Title, strings.Join(d.Issuers, "、"), d.DocNumber, d.Date, d.Region, d.RegionCode, d.Level, d.DocType, d.Period)
	kinds := map[string]int{}
	for _, p := range d.Paragraphs {
		kinds[p.Kind]++
	}
	fmt.Fprintf(&b, "paragraphs: %d", len(d.Paragraphs))
	for _, k := range []string{"preamble", "measure", "body", "target", "background", "table_row", "article"} {
		if kinds[k] > 0 {
			fmt.Fprintf(&b, " %s=%d", k, kinds[k])
		}
	}
	b.WriteString("\n---\n")
	for _, p := range d.Paragraphs {
		id := strings.TrimPrefix(p.ID, d.ID+"-")
		first := []rune(strings.ReplaceAll(p.Text, "\n", "⏎"))
		if len(first) > 24 {
			first = first[:24]
		}
		fmt.Fprintf(&b, "%s\t%s\tno=%s\ttitle=%s\tpath=%s\ttext=%s", id, p.Kind, p.MeasureNo, p.MeasureTitle,
			strings.Join(p.SectionPath, " > "), string(first))
		if len(p.ResponsibleUnits) > 0 {
			fmt.Fprintf(&b, "\tunits=%s", strings.Join(p.ResponsibleUnits, "、"))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// diff lists the lines that differ, enough to see what changed.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	n := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, c string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			c = g[i]
		}
		if a != c {
			fmt.Fprintf(&b, "line %d\n  want: %s\n  got:  %s\n", i+1, a, c)
			if n++; n >= 10 {
				b.WriteString("  …\n")
				break
			}
		}
	}
	return b.String()
}
