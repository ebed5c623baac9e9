package parse_test

import (
	"archive/zip"
	"bytes"
	"errors"
	"html"
	"os"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"policysearch"
	"policysearch/parse"
)

func mustParse(t *testing.T, name string, data []byte) *policysearch.Document {
	t.Helper()
	d, err := parse.Parse(name, data, nil)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return d
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func kinds(d *policysearch.Document) string {
	var ks []string
	for _, p := range d.Paragraphs {
		k := p.Kind
		if p.MeasureNo != "" {
			k += ":" + p.MeasureNo
		}
		ks = append(ks, k)
	}
	return strings.Join(ks, " ")
}

func TestMarkdownLaw(t *testing.T) {
	d := mustParse(t, "某某省职业教育条例(2022-07-29).md", readFile(t, "testdata/formats/law.md"))
	if d.Title != "某某省职业教育条例" || d.Date != "2022-07-29" || d.DocType != "条例" {
		t.Errorf("metadata: title=%q date=%q type=%q", d.Title, d.Date, d.DocType)
	}
	if len(d.Issuers) != 1 || d.Issuers[0] != "某某省人民代表大会常务委员会" {
		t.Errorf("issuers = %v", d.Issuers)
	}
	want := "article:第一条 article:第二条 article:第三条 article:第三条之一 article:第四条"
	if got := kinds(d); got != want {
		t.Errorf("paragraphs = %s, want %s", got, want)
	}
	art3 := d.Paragraphs[2]
	if !strings.Contains(art3.Text, "(三)有与所实施职业教育相适应的实训基地") {
		t.Errorf("the items of 第三条 must stay in the article: %q", art3.Text)
	}
	if got := strings.Join(art3.SectionPath, " > "); got != "第二章 职业学校 > 第一节 设立" {
		t.Errorf("第三条 section path = %q", got)
	}
	if strings.Contains(d.Paragraphs[3].Text, "**") {
		t.Errorf("markdown emphasis kept: %q", d.Paragraphs[3].Text)
	}
	if d.Paragraphs[3].ID == d.Paragraphs[2].ID {
		t.Error("第三条之一 must not share 第三条's id")
	}
}

func TestHostileHTML(t *testing.T) {
	d := mustParse(t, "page.html", readFile(t, "testdata/formats/page.html"))
	if d.Title != "某市职业院校实训基地建设实施方案" {
		t.Errorf("title = %q", d.Title)
	}
	if d.Date != "2023-05-08" || strings.Join(d.Issuers, ",") != "某市教育局" {
		t.Errorf("date = %q, issuers = %v (the signature, not the page's publication date)", d.Date, d.Issuers)
	}
	all := ""
	for _, p := range d.Paragraphs {
		all += p.Text + "\n"
	}
	for _, bad := range []string{"alert", "<", "color:red", "首页", "浏览次数", "打印本页", "版权所有", "注入"} {
		if strings.Contains(all, bad) {
			t.Errorf("%q leaked into the text:\n%s", bad, all)
		}
	}
	want := "preamble measure:1 measure:2 table_row:1 table_row:2"
	if got := kinds(d); got != want {
		t.Errorf("paragraphs = %s, want %s", got, want)
	}
	if u := d.Paragraphs[3].ResponsibleUnits; strings.Join(u, ",") != "市教育局,市人社局" {
		t.Errorf("row units = %v", u)
	}
}

func TestFlatNotice(t *testing.T) {
	d := mustParse(t, "flat.txt", readFile(t, "testdata/formats/flat.txt"))
	if d.Title != "关于做好2024年职业院校招生工作的通知" || d.DocType != "通知" || d.Date != "2024-03-01" {
		t.Errorf("title=%q type=%q date=%q", d.Title, d.DocType, d.Date)
	}
	if len(d.Paragraphs) != 2 {
		t.Fatalf("want the two body paragraphs, got %s", kinds(d))
	}
	for _, p := range d.Paragraphs {
		if strings.HasSuffix(p.Text, "：") || strings.Contains(p.Text, "2024年3月1日") {
			t.Errorf("addressee or signature kept as a paragraph: %q", p.Text)
		}
	}
}

// docx builds a minimal Word document with the given paragraphs and one table, for the
// format tests and the fuzz corpus; the text is XML-escaped, so markup-like strings arrive
// as text.
func docx(t testing.TB, paras []string, rows [][]string) []byte {
	t.Helper()
	var body strings.Builder
	for _, p := range paras {
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">` + html.EscapeString(p) + `</w:t></w:r></w:p>`)
	}
	if rows != nil {
		body.WriteString("<w:tbl>")
		for _, r := range rows {
			body.WriteString("<w:tr>")
			for _, c := range r {
				body.WriteString(`<w:tc><w:p><w:r><w:t>` + html.EscapeString(c) + `</w:t></w:r></w:p></w:tc>`)
			}
			body.WriteString("</w:tr>")
		}
		body.WriteString("</w:tbl>")
	}
	doc := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
		body.String() + `</w:body></w:document>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(doc))
	zw.Close()
	return buf.Bytes()
}

func TestDocx(t *testing.T) {
	data := docx(t, []string{
		"某县职业教育发展行动计划", "为推动职业教育发展，制定本计划。", "一、重点任务",
		"1.深化产教融合。支持企业参与办学。", "2.加强“双师型”教师队伍建设。落实教师企业实践制度。", "附件", "重点任务分工表",
	}, [][]string{{"序号", "工作任务", "牵头单位"}, {"1", "建设实训基地", "县教育局、县人社局"}})
	d := mustParse(t, "plan.docx", data)
	if d.Title != "某县职业教育发展行动计划" || d.DocType != "行动计划" {
		t.Errorf("title=%q type=%q", d.Title, d.DocType)
	}
	want := "preamble measure:1 measure:2 table_row:1"
	if got := kinds(d); got != want {
		t.Errorf("paragraphs = %s, want %s", got, want)
	}
	row := d.Paragraphs[3]
	if strings.Join(row.SectionPath, ">") != "附件>重点任务分工表" || strings.Join(row.ResponsibleUnits, ",") != "县教育局,县人社局" {
		t.Errorf("row: path=%v units=%v", row.SectionPath, row.ResponsibleUnits)
	}
}

func TestGBK(t *testing.T) {
	utf := readFile(t, "../seeds/000_1ceb5b5da97b742f.txt")
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes(bytes.ReplaceAll(utf, []byte("\u00a0"), []byte(" ")))
	if err != nil {
		t.Fatal(err)
	}
	a := mustParse(t, "a.txt", utf)
	b := mustParse(t, "a.txt", gbk)
	if a.Title != b.Title || len(a.Paragraphs) != len(b.Paragraphs) {
		t.Errorf("GBK parse differs: %q/%d vs %q/%d", b.Title, len(b.Paragraphs), a.Title, len(a.Paragraphs))
	}
}

func TestBadInput(t *testing.T) {
	bomb := docx(t, []string{strings.Repeat("职业教育", 10)}, nil)
	cases := []struct {
		name string
		data []byte
		code string
	}{
		{"empty.txt", nil, policysearch.EINVALID},
		{"blank.txt", []byte(" \n\u3000\n\t\n"), policysearch.EINVALID},
		{"image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), policysearch.EUNSUPPORTED},
		{"utf16.txt", []byte("\xff\xfe\x4c\x00"), policysearch.EUNSUPPORTED},
		{"scan.pdf", []byte("%PDF-1.7"), policysearch.EUNSUPPORTED},
		{"random.txt", []byte{0xff, 0xfe, 0xfd, 0x80, 0x81, 0x82, 0xc0, 0xc1, 0xff, 0xff, 0xfe, 0x90}, policysearch.EUNSUPPORTED},
		{"notzip.docx", []byte("PK\x03\x04 this is not a zip"), policysearch.EUNSUPPORTED},
		{"nodoc.docx", zipWith(t, "other.xml", "<x/>"), policysearch.EUNSUPPORTED},
		{"badxml.docx", zipWith(t, "word/document.xml", "<w:document><w:body><w:p>"), policysearch.EUNSUPPORTED},
		{"huge.txt", bytes.Repeat([]byte("职"), parse.MaxFileSize/3+1), policysearch.ETOOLARGE},
		{"only-chrome.html", []byte("<html><body><div>打印本页 关闭窗口</div></body></html>"), policysearch.EINVALID},
	}
	_ = bomb
	for _, c := range cases {
		_, err := parse.Parse(c.name, c.data, nil)
		var e *policysearch.Error
		if !errors.As(err, &e) || e.Code != c.code {
			t.Errorf("%s: err = %v, want code %s", c.name, err, c.code)
		}
	}
}

func TestZipBomb(t *testing.T) {
	// 100 MB of one repeated byte compresses to about 100 KB.
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, _ := zw.Create("word/document.xml")
	chunk := bytes.Repeat([]byte("a"), 1<<20)
	for i := 0; i < 100; i++ {
		f.Write(chunk)
	}
	zw.Close()
	_, err := parse.Parse("bomb.docx", buf.Bytes(), nil)
	if policysearch.ErrorCode(err) != policysearch.ETOOLARGE {
		t.Errorf("zip bomb: err = %v, want too_large", err)
	}
}

func zipWith(t *testing.T, name, content string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	f, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	f.Write([]byte(content))
	zw.Close()
	return buf.Bytes()
}

func TestMetaOverride(t *testing.T) {
	data := readFile(t, "testdata/formats/flat.txt")
	d, err := parse.Parse("flat.txt", data, &parse.Meta{ID: "notice-2024", Region: "山东", Issuers: []string{"山东省教育厅"}, Date: "2024年3月2日"})
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != "notice-2024" || d.Region != "山东省" || d.Level != "省" || d.Date != "2024-03-02" || d.Issuers[0] != "山东省教育厅" {
		t.Errorf("override: %+v", d)
	}
	if d.Provenance["region"] != "sidecar" || d.Provenance["title"] != "text" {
		t.Errorf("provenance = %v", d.Provenance)
	}
	for _, bad := range []*parse.Meta{{ID: "../etc"}, {Date: "soon"}, {Level: "村"}} {
		if _, err := parse.Parse("flat.txt", data, bad); policysearch.ErrorCode(err) != policysearch.EINVALID {
			t.Errorf("meta %+v: err = %v, want invalid", bad, err)
		}
	}
	if _, err := parse.DecodeMeta(strings.NewReader(`{"titel": "typo"}`)); policysearch.ErrorCode(err) != policysearch.EINVALID {
		t.Errorf("unknown sidecar field: err = %v", err)
	}
}

// TestNumberedItemsKept: a numbered item with no text of its own and nothing under it
// is content ("2. 按规定办理。"), not a heading, and must not be dropped.
func TestNumberedItemsKept(t *testing.T) {
	d := mustParse(t, "t.txt", []byte("关于测试的通知\n二、主要措施\n1. 推进测试。文本内容。\n2. 按规定办理。\n3. 第三项。内容\n一、总体要求\n1. 总体目标。\n2. 第二条措施内容。\n"))
	var all strings.Builder
	for _, p := range d.Paragraphs {
		all.WriteString(p.Text + "\n")
	}
	for _, want := range []string{"推进测试", "按规定办理", "第三项", "总体目标", "第二条措施内容"} {
		if !strings.Contains(all.String(), want) {
			t.Errorf("%q is in no paragraph: %s", want, kinds(d))
		}
	}
}
