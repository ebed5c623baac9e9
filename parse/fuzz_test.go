package parse_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"policysearch"
	"policysearch/parse"
)

// FuzzParse feeds arbitrary bytes to the parser under every format. It must never
// panic, must fail only with a coded error, and what it returns must be well formed.
// The seed corpus is the five seeds, the format samples and testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, dir := range []string{"../seeds", "testdata/formats"} {
		paths, _ := filepath.Glob(filepath.Join(dir, "*.*"))
		for _, p := range paths {
			if strings.HasSuffix(p, ".json") {
				continue
			}
			b, err := os.ReadFile(p)
			if err == nil {
				f.Add(filepath.Ext(p), b)
			}
		}
	}
	f.Add(".docx", []byte("PK\x03\x04"))
	// Word documents as zip archives, so the fuzzer mutates real archive structure.
	f.Add(".docx", docx(f, []string{"某县职业教育行动计划", "一、任务", "1.建设实训基地。内容。"}, [][]string{{"序号", "工作任务", "责任单位"}, {"1", "任务", "县教育局"}}))
	f.Add(".docx", docx(f, []string{"<w:t>", "&amp;", strings.Repeat("职", 100)}, nil))
	f.Fuzz(func(t *testing.T, ext string, data []byte) {
		if len(ext) > 8 {
			return
		}
		d, err := parse.Parse("fuzz"+ext, data, nil)
		if err != nil {
			if policysearch.ErrorCode(err) == policysearch.EINTERNAL {
				t.Fatalf("uncoded error: %v", err)
			}
			return
		}
		if len(d.Paragraphs) == 0 {
			t.Fatal("a document without paragraphs was returned")
		}
		ids := map[string]bool{}
		for _, p := range d.Paragraphs {
			if !utf8.ValidString(p.Text) || strings.TrimSpace(p.Text) == "" {
				t.Fatalf("bad paragraph text %q", p.Text)
			}
			if ids[p.ID] || !strings.HasPrefix(p.ID, d.ID+"-") {
				t.Fatalf("bad or duplicate id %q", p.ID)
			}
			ids[p.ID] = true
		}
	})
}
