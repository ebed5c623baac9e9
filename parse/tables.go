package parse

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policysearch"
)

// Tables reach the walker as tab-separated lines, one per row (HTML and .docx tables;
// merged cells leave empty cells, so columns stay aligned). A table becomes one
// table_row paragraph per row:
//
//   - a header row (short labels, no sentences) names the columns: 序号 gives the row's
//     measure_no, unit columns (责任单位, 牵头单位, 配合单位, 指导部门 …) its lead and
//     cooperating units, and the other columns its text;
//   - a category row (one cell with text, "一、数字基础设施方面（共5项）") and leading
//     cells numbered like headings (一、医疗质量 in a merged first column) become the
//     section path of the rows below them;
//   - in a table with a 序号 column, a row without a number continues the row above
//     (a row broken over two pages);
//   - a header repeated on each page is skipped.

// table is an open table.
type table struct {
	md       bool     // a Markdown table: every row is a row, whatever its columns
	cols     []string // header names; nil when the table has no header row
	noCol    int
	leadCols []int
	coopCols []int
	row      []string // the row being read (tables with a 序号 column)
	cats     []frame  // category rows and cells above the current row, outermost first
}

// unitColumnRoles are header names of unit columns.
var unitColumnRoles = map[string]unitRole{
	"责任单位": roleLead, "牵头单位": roleLead, "责任部门": roleLead, "牵头部门": roleLead, "责任主体": roleLead,
	"牵头及责任单位": roleLead, "责任处室": roleLead, "负责单位": roleLead, "负责部门": roleLead, "指导部门": roleLead,
	"指导单位": roleLead, "主管部门": roleLead, "主责单位": roleLead, "牵头处室": roleLead, "责任领导": roleNone,
	"配合单位": roleCoop, "配合部门": roleCoop, "参与单位": roleCoop, "参与部门": roleCoop, "协办单位": roleCoop,
	"协同单位": roleCoop, "协助单位": roleCoop, "配合处室": roleCoop,
}

// reCategory is a category row's text: "一、基础设施", "（二）数据资源方面（共5项）".
var reCategory = regexp.MustCompile(`[（(]共\s*\d+\s*[项条个][）)]$|方面$|类$`)

// tableLine handles a tab-separated line.
func (w *walker) tableLine(line string) bool {
	if strings.HasPrefix(line, "#") {
		return false // a Markdown heading with a tab in it
	}
	cells := splitCells(line)
	if t := tableHeader(cells); t != nil {
		if w.tbl != nil && w.tbl.cols != nil && strings.Join(w.tbl.cols, "|") == strings.Join(t.cols, "|") {
			w.flushRow()
			return true // the header repeated on a new page
		}
		w.endTable()
		// A bare heading right above a table is the table's heading; an item with
		// text of its own stays a measure.
		w.closePending(w.cur != nil && !w.cur.hasBody)
		w.tbl = t
		w.headers = append(w.headers, strings.Join(nonEmpty(t.cols), " "))
		return true
	}
	t := w.tbl
	if t == nil {
		// Without a header, a table starts with a row of two cells or more that is
		// not a heading whose title a tab separates.
		if len(nonEmpty(cells)) < 2 {
			return false
		}
		if _, ok := parseHeading(strings.ReplaceAll(line, "\t", " "), w.markdown, w.laws); ok {
			return false
		}
		w.closePending(w.cur != nil && !w.cur.hasBody)
		t = &table{noCol: -1}
		w.tbl = t
	}
	if w.categoryRow(cells) {
		return true
	}
	if t.noCol < 0 {
		// Without a 序号 column every row stands alone.
		w.flushRow()
		t.row = cells
		w.flushRow()
		return true
	}
	if t.noCol < len(cells) && reRowNo.MatchString(cells[t.noCol]) {
		w.flushRow()
		t.row = cells
		return true
	}
	// A row continued on the next line (a page break inside a cell).
	if t.row == nil {
		t.row = cells
		return true
	}
	for i, c := range cells {
		if c == "" {
			continue
		}
		if i < len(t.row) && (t.cols == nil || len(cells) == len(t.cols)) {
			t.row[i] += c
		} else {
			t.row = append(t.row, c)
		}
	}
	return true
}

// tableHeader recognises a header row: at least two cells of short labels, with a
// 序号 column, a unit column, or three or more labels none of which is a sentence or
// a number.
func tableHeader(cells []string) *table {
	if len(cells) < 2 {
		return nil
	}
	t := &table{cols: cells, noCol: -1}
	labels, filled := 0, 0
	for i, c := range cells {
		c = compact(c)
		if c == "" {
			continue
		}
		filled++
		switch {
		case reNoHeader.MatchString(c) && t.noCol < 0:
			t.noCol = i
		case unitColumnRoles[c] == roleLead:
			t.leadCols = append(t.leadCols, i)
		case unitColumnRoles[c] == roleCoop:
			t.coopCols = append(t.coopCols, i)
		}
		if isHeaderLabel(c) {
			labels++
		}
	}
	switch {
	case t.noCol >= 0 && (len(t.leadCols)+len(t.coopCols) > 0 || len(cells) >= 3):
		return t
	case len(t.leadCols)+len(t.coopCols) > 0 && labels == filled:
		return t
	case filled >= 3 && labels == filled:
		return t
	}
	return nil
}

// isHeaderLabel is a column name: short, no sentence punctuation, no digits, no
// heading label.
func isHeaderLabel(c string) bool {
	n := utf8.RuneCountInString(c)
	if n < 1 || n > 12 || strings.ContainsAny(c, "。；;，,：:、") {
		return false
	}
	for _, r := range c {
		if r >= '0' && r <= '9' {
			return false
		}
	}
	_, isHeading := parseHeading(c, false, false)
	return !isHeading
}

// categoryRow handles a row that names a category rather than an item: a row with a
// single non-empty cell that reads as a heading or a category, which opens a section
// for the rows below.
func (w *walker) categoryRow(cells []string) bool {
	text := ""
	for _, c := range cells {
		if c == "" {
			continue
		}
		if text != "" && c != text {
			return false
		}
		text = c
	}
	if text == "" || utf8.RuneCountInString(text) > 60 || strings.HasSuffix(text, "。") {
		return false
	}
	h, isHeading := parseHeading(text, false, w.laws)
	if !isHeading && !reCategory.MatchString(text) {
		return false
	}
	w.flushRow()
	st := styleMD + 6
	if isHeading {
		st = h.style
	}
	w.tbl.pushCategory(frame{style: st, text: text})
	return true
}

// pushCategory opens a category, closing those of the same or a deeper level.
func (t *table) pushCategory(f frame) {
	for i, c := range t.cats {
		if c.style == f.style {
			t.cats = t.cats[:i]
			break
		}
	}
	t.cats = append(t.cats, f)
}

func (w *walker) flushRow() {
	t := w.tbl
	if t == nil || t.row == nil {
		return
	}
	row := t.row
	t.row = nil
	// Leading cells numbered like headings (一、医疗质量, （一）功能定位: cells merged
	// down a column) are categories of this row and the rows below.
	first := 0
	for first < len(row) && first != t.noCol {
		c := row[first]
		if c == "" {
			if first+1 < len(row) {
				first++
				continue
			}
			break
		}
		h, ok := parseHeading(c, false, w.laws)
		if !ok || (h.style != styleCN && h.style != styleParenCN && h.style != styleChapter && h.style != stylePart) ||
			utf8.RuneCountInString(c) > 40 || first+1 >= len(row) {
			break
		}
		t.pushCategory(frame{style: h.style, text: c})
		row[first] = ""
		first++
	}
	var text []string
	no := ""
	var lead, coop []string
	for i, c := range row {
		switch {
		case i == t.noCol:
			no = c
		case intIn(i, t.leadCols):
			lead = appendNew(lead, splitUnits(c)...)
		case intIn(i, t.coopCols):
			coop = appendNew(coop, splitUnits(c)...)
		case c != "":
			text = append(text, c)
		}
	}
	if len(text) == 0 {
		return
	}
	if no == "" && t.noCol < 0 {
		// A row whose text starts with its number ("1.门诊人次数…") is numbered so.
		if h, ok := parseHeading(text[0], false, w.laws); ok && h.style == styleArabic {
			no = h.no
		}
	}
	if len(lead)+len(coop) == 0 {
		// Units named in the row's text: "…（市教育局负责）".
		lead, coop, _ = unitNotes(strings.Join(text, "\t"), w.firstLeads)
	}
	general, background, target := w.context()
	path := w.pathTexts()
	for _, c := range t.cats {
		path = append(path, c.text)
	}
	p := policysearch.Paragraph{
		Seq:              len(w.paras),
		SectionPath:      path,
		Kind:             kindFor(general, background, target, policysearch.KindTableRow),
		MeasureNo:        no,
		ResponsibleUnits: lead,
		CooperatingUnits: coop,
		Text:             strings.Join(text, "\t"),
	}
	if p.Kind == policysearch.KindBody {
		p.Kind = policysearch.KindTableRow
	}
	w.paras = append(w.paras, p)
}

func intIn(i int, list []int) bool {
	for _, x := range list {
		if x == i {
			return true
		}
	}
	return false
}

func (w *walker) endTable() {
	w.flushRow()
	w.tbl = nil
}
