package parse_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
)

// docxParts builds a .docx from raw parts (name → XML), for documents the simple
// builder cannot express: numbering, styles, nested tables, headers and footnotes.
func docxParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`

func wDoc(body string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wNS + `><w:body>` + body + `</w:body></w:document>`
}

// wP is a paragraph; numID/ilvl give it Word list numbering, style a paragraph style.
func wP(text, numID, ilvl, style string) string {
	ppr := ""
	if style != "" {
		ppr += `<w:pStyle w:val="` + style + `"/>`
	}
	if numID != "" {
		ppr += `<w:numPr><w:ilvl w:val="` + ilvl + `"/><w:numId w:val="` + numID + `"/></w:numPr>`
	}
	if ppr != "" {
		ppr = `<w:pPr>` + ppr + `</w:pPr>`
	}
	return `<w:p>` + ppr + `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r></w:p>`
}

func wTable(rows ...string) string { return `<w:tbl>` + strings.Join(rows, "") + `</w:tbl>` }
func wRow(cells ...string) string  { return `<w:tr>` + strings.Join(cells, "") + `</w:tr>` }
func wCell(content string) string  { return `<w:tc>` + content + `</w:tc>` }
func wSpanCell(n, text string) string {
	return `<w:tc><w:tcPr><w:gridSpan w:val="` + n + `"/></w:tcPr>` + wP(text, "", "", "") + `</w:tc>`
}

// numberingXML defines one list (numId 1) numbered 一、 / （一） / 1. and a heading
// style list (numId 2) numbered 第一章.
const numberingXML = `<?xml version="1.0" encoding="UTF-8"?><w:numbering ` + wNS + `>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="第%1章 "/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`

const stylesXML = `<?xml version="1.0" encoding="UTF-8"?><w:styles ` + wNS + `>
<w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>`

// TestDocxWordNumbering: headings numbered by Word's list feature, directly or through
// their style, keep the labels a reader sees, and restart under a new parent.
func TestDocxWordNumbering(t *testing.T) {
	body := wP("某县数据治理实施方案", "", "", "") +
		wP("为推进数据治理，制定本方案。", "", "", "") +
		wP("重点工作", "", "", "Heading1") +
		wP("主要任务", "1", "0", "") +
		wP("建设平台", "1", "1", "") +
		wP("建设数据共享平台。统一汇聚全县政务数据。", "1", "2", "") +
		wP("开展数据治理。清理重复数据。", "1", "2", "") +
		wP("完善制度", "1", "1", "") +
		wP("制定数据管理办法。明确各部门职责。", "1", "2", "") +
		wP("保障措施", "1", "0", "")
	data := docxParts(t, map[string]string{
		"word/document.xml":  wDoc(body),
		"word/numbering.xml": numberingXML,
		"word/styles.xml":    stylesXML,
	})
	d := mustParse(t, "plan.docx", data)
	var got []string
	for _, p := range d.Paragraphs {
		if p.Kind == "measure" {
			got = append(got, strings.Join(p.SectionPath, ">")+"|"+p.MeasureNo+"|"+p.MeasureTitle)
		}
	}
	want := []string{
		"第一章 重点工作>一、主要任务>（一）建设平台|1|建设数据共享平台",
		"第一章 重点工作>一、主要任务>（一）建设平台|2|开展数据治理",
		"第一章 重点工作>一、主要任务>（二）完善制度|1|制定数据管理办法",
		"第一章 重点工作|二、|保障措施", // the 二 after the （二） restarts nothing above it
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("measures:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDocxTablesAndParts: a table nested in a cell keeps its cells' text in that cell,
// merged cells keep the columns, and headers, footers, footnotes and comments do not
// leak into the paragraphs.
func TestDocxTablesAndParts(t *testing.T) {
	nested := wTable(wRow(wCell(wP("子任务甲", "", "", "")), wCell(wP("子任务乙", "", "", ""))))
	body := wP("某县数据治理任务清单", "", "", "") +
		wP("为推进数据治理，制定本清单。", "", "", "") +
		wTable(
			wRow(wCell(wP("序号", "", "", "")), wCell(wP("工作任务", "", "", "")), wCell(wP("责任单位", "", "", ""))),
			wRow(wCell(wP("1", "", "", "")), wCell(wP("建设共享平台", "", "", "")+nested), wCell(wP("县数据局", "", "", ""))),
			wRow(wCell(wP("2", "", "", "")), wSpanCell("2", "由各乡镇自行组织实施")),
		) +
		`<w:p><w:r><w:t>正文结束。</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`
	data := docxParts(t, map[string]string{
		"word/document.xml":  wDoc(body),
		"word/header1.xml":   `<w:hdr ` + wNS + `>` + wP("页眉机密文字", "", "", "") + `</w:hdr>`,
		"word/footer1.xml":   `<w:ftr ` + wNS + `>` + wP("第1页共3页页脚", "", "", "") + `</w:ftr>`,
		"word/footnotes.xml": `<w:footnotes ` + wNS + `><w:footnote w:id="1">` + wP("脚注说明文字", "", "", "") + `</w:footnote></w:footnotes>`,
		"word/comments.xml":  `<w:comments ` + wNS + `><w:comment w:id="0">` + wP("批注意见文字", "", "", "") + `</w:comment></w:comments>`,
	})
	d := mustParse(t, "tasks.docx", data)
	all := ""
	for _, p := range d.Paragraphs {
		all += p.Text + "\n"
	}
	for _, w := range []string{"建设共享平台", "子任务甲", "子任务乙", "由各乡镇自行组织实施", "正文结束"} {
		if !strings.Contains(all, w) {
			t.Errorf("%q lost:\n%s", w, all)
		}
	}
	for _, bad := range []string{"页眉", "页脚", "脚注", "批注"} {
		if strings.Contains(all, bad) {
			t.Errorf("%q leaked into the paragraphs:\n%s", bad, all)
		}
	}
	rows := 0
	for _, p := range d.Paragraphs {
		if p.Kind == "table_row" {
			rows++
			if p.MeasureNo == "1" && strings.Join(p.ResponsibleUnits, ",") != "县数据局" {
				t.Errorf("row 1 units = %v (the nested table must not shift the columns)", p.ResponsibleUnits)
			}
		}
	}
	if rows != 2 {
		t.Errorf("%d table rows, want 2:\n%s", rows, kinds(d))
	}
}
