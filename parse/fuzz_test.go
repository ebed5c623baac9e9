package parse_test

import (
	"archive/zip"
	"bytes"
	"html"
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
// docxSeed builds a small .docx for the fuzz corpus.
func docxSeed(f *testing.F, paras []string, rows [][]string) []byte {
	var body strings.Builder
	for _, p := range paras {
		body.WriteString(`<w:p><w:r><w:t>` + html.EscapeString(p) + `</w:t></w:r></w:p>`)
	}
	if rows != nil {
		body.WriteString("<w:tbl>")
		for _, r := range rows {
			body.WriteString("<w:tr>")
			for _, c := range r {
				body.WriteString(`<w:tc><w:p><w:r><w:t>` + c + `</w:t></w:r></w:p></w:tc>`)
			}
			body.WriteString("</w:tr>")
		}
		body.WriteString("</w:tbl>")
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		f.Fatal(err)
	}
	w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`))
	zw.Close()
	return buf.Bytes()
}

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
	f.Add(".docx", docxSeed(f, []string{"某县职业教育行动计划", "一、任务", "1.建设实训基地。内容。"}, [][]string{{"序号", "工作任务", "责任单位"}, {"1", "任务", "县教育局"}}))
	f.Add(".docx", docxSeed(f, []string{"<w:t>", "&amp;", strings.Repeat("职", 100)}, nil))
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
