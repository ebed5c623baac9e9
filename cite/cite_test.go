package cite_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"policysearch"
	"policysearch/cite"
)

// TestExtract runs the cases of testdata: every reference of each document, with its
// paragraph, its exact offsets and its fields.
func TestExtract(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases: %v", err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			d, want := readCase(t, f)
			got := cite.Extract(d)
			texts := map[string]string{"": d.Title}
			for _, p := range d.Paragraphs {
				texts[p.ID] = p.Text
			}
			for i, r := range got {
				if s := texts[r.Paragraph]; r.Start < 0 || r.End > len(s) || s[r.Start:r.End] != r.Text {
					t.Errorf("reference %d: offsets %d..%d of %q do not cut out %q", i, r.Start, r.End, r.Paragraph, r.Text)
				}
				r.Start, r.End = 0, 0
				got[i] = r
			}
			if len(got) != len(want) {
				t.Errorf("%d references, want %d", len(got), len(want))
			}
			for i := 0; i < max(len(got), len(want)); i++ {
				var g, w policysearch.Reference
				if i < len(got) {
					g = got[i]
				}
				if i < len(want) {
					w = want[i]
				}
				if g != w {
					t.Errorf("reference %d:\n got %+v\nwant %+v", i, g, w)
				}
			}
		})
	}
}

func readCase(t *testing.T, path string) (*policysearch.Document, []policysearch.Reference) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d := &policysearch.Document{ID: "d"}
	var want []policysearch.Reference
	part := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "--" || line == "==":
			part++
			continue
		case part == 0:
			k, v, _ := strings.Cut(line, ": ")
			switch k {
			case "title":
				d.Title = v
			case "number":
				d.DocNumber = v
			}
		case part == 1:
			d.Paragraphs = append(d.Paragraphs, policysearch.Paragraph{ID: fmt.Sprintf("p%d", len(d.Paragraphs)+1), Text: line})
		default:
			cols := strings.Split(line, "\t")
			if len(cols) < 3 {
				t.Fatalf("%s: %q", path, line)
			}
			r := map[string]any{"kind": cols[1], "text": cols[2], "paragraph": ""}
			if cols[0] != "0" {
				r["paragraph"] = "p" + cols[0]
			}
			for _, kv := range cols[3:] {
				k, v, _ := strings.Cut(kv, "=")
				if n, err := strconv.Atoi(v); err == nil && strings.HasPrefix(k, "article_") {
					r[k] = n
				} else {
					r[k] = v
				}
			}
			b, _ := json.Marshal(r)
			var ref policysearch.Reference
			if err := json.Unmarshal(b, &ref); err != nil {
				t.Fatal(err)
			}
			want = append(want, ref)
		}
	}
	return d, want
}

// Extraction never panics and keeps offsets inside the text, whatever the input.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{"《", "》《》", "依照本法第十条", "国发〔2019〕", "〔2019〕4号", "前款第", "《中华人民共和国民法典》婚姻家庭编第",
		"令第号", "民法典第一千零四十二条、第", "\xff《\xfe》"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d := &policysearch.Document{ID: "d", Title: s, Paragraphs: []policysearch.Paragraph{{ID: "p", Text: s}}}
		for _, r := range cite.Extract(d) {
			if r.Start < 0 || r.End > len(s) || r.Start > r.End {
				t.Fatalf("offsets %d..%d in %d bytes", r.Start, r.End, len(s))
			}
		}
	})
}
