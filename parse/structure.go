package parse

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policysearch"
)

var (
	// Sections that state context rather than measures: their numbered items are read as
	// plain paragraphs, not as measures.
	reGeneral = regexp.MustCompile(`总体要求|总体思路|指导思想|基本原则|工作原则|发展环境|发展基础|现实基础|发展现状|机遇与挑战|面临形势|形势与|背景|重要意义|基本情况`)
	// Sections of goals and indicators.
	reTarget = regexp.MustCompile(`目标|指标|预期成效`)
	// An attachment marker: "附件", "附件2", "附件：工作任务清单".
	reAttach = regexp.MustCompile(`^附\s*件\s*(\d{1,2}|[一二三四五六七八九十]{1,3})?\s*([:：]\s*(.*))?$`)
	// Table header cells.
	reNoHeader   = regexp.MustCompile(`^(序号|编号|序)$`)
	reUnitHeader = regexp.MustCompile(`^(责任单位|牵头单位|责任部门|牵头部门|责任主体|牵头及责任单位|责任处室)$`)
	reRowNo      = regexp.MustCompile(`^\d{1,4}$`)
)

// frame is one open heading in the section stack.
type frame struct {
	style   style
	rank    int // in laws, the heading's depth in 编 › 章 › 节 › 条 (see lawRank)
	text    string
	general bool
	target  bool
}

// pending is the numbered item being read: its heading and the text that follows it.
type pending struct {
	h       heading
	path    []string // headings above it
	lines   []string
	hasBody bool
	list    bool   // in a general or target section: items are plain paragraphs
	kind    string // the kind a list item takes
}

// table is an open task-list table.
type table struct {
	md      bool // a Markdown table: every row is a row, whatever its columns
	cols    []string
	noCol   int
	unitCol int
	row     []string // the row being read
}

type walker struct {
	paras     []policysearch.Paragraph
	stack     []frame
	cur       *pending
	tbl       *table
	preamble  bool // text before the first heading is a preamble (the document has a title)
	seenHead  bool
	laws      bool
	markdown  bool
	mdRanks   map[int]int // in Markdown laws, the law rank of each heading level
	wantTitle bool        // the line after an attachment marker names the attachment
	sigDate   string
	sigOrgs   []string
}

// walk builds the paragraphs of the body lines.
func (w *walker) walk(lines []string) {
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1]
		}
		if w.attachment(line, next) {
			continue
		}
		if w.markdown && w.markdownTable(line, next) {
			continue
		}
		if strings.Contains(line, "\t") && w.tableLine(line) {
			continue
		}
		w.endTable()
		if w.signature(line, next, &i) {
			continue
		}
		if h, ok := parseHeading(line, w.markdown, w.laws); ok {
			w.heading(h)
			continue
		}
		if w.wantTitle && titleish(line) {
			w.wantTitle = false
			w.closePending(false)
			w.stack = append(w.stack, frame{style: styleMD + 7, text: squeeze(line)})
			continue
		}
		w.wantTitle = false
		w.text(strings.ReplaceAll(line, "\t", " "))
	}
	w.endTable()
	w.closePending(false)
}

// signature skips a signature inside the body (before attachments): issuer lines
// followed by a date line, or a lone date line.
func (w *walker) signature(line, next string, i *int) bool {
	if d, ok := dateLine(line); ok {
		if w.sigDate == "" {
			w.sigDate = d
		}
		return true
	}
	if names, ok := orgLine(line); ok {
		if _, isDate := dateLine(next); isDate {
			w.sigOrgs = append(w.sigOrgs, names...)
			return true
		}
	}
	return false
}

// attachment handles "附件" markers: a bare marker opens an attachment whose title is
// the next line; "附件：X" right before the attachment itself only lists it.
func (w *walker) attachment(line, next string) bool {
	m := reAttach.FindStringSubmatch(squeeze(line))
	if m == nil {
		return false
	}
	if m[3] != "" {
		if nm := reAttach.FindStringSubmatch(squeeze(next)); nm != nil && nm[3] == "" {
			return true // the list of attachments; the attachment follows
		}
	}
	w.endTable()
	w.closePending(false)
	label := "附件" + m[1]
	w.stack = []frame{{style: styleMD + 8, text: label}}
	w.wantTitle = m[3] == ""
	if m[3] != "" {
		w.stack = append(w.stack, frame{style: styleMD + 7, text: strings.TrimSpace(m[3])})
	}
	w.seenHead = true
	return true
}

// heading opens a numbered heading, closing the item before it.
func (w *walker) heading(h heading) {
	w.endTable()
	// Pop to the level of this style, or nest it under the current heading; in laws,
	// pop to the heading's fixed rank.
	depth := len(w.stack)
	rank := 0
	if w.laws {
		rank = w.lawRank(h)
		depth = w.lawDepth(rank)
	} else {
		for i, f := range w.stack {
			if f.style == h.style {
				depth = i
				break
			}
		}
	}
	parent := depth == len(w.stack) // the current heading, if any, encloses this one
	w.closePending(parent)
	w.stack = w.stack[:depth]
	general, target := w.context()
	w.seenHead = true
	p := &pending{h: h, path: w.pathTexts(), list: (general || target) && h.style != styleArticle}
	w.stack = append(w.stack, frame{
		style: h.style,
		rank:  rank,
		text:  h.headingText(),
		// Laws have no context or target sections: every article is an article.
		general: !w.laws && reGeneral.MatchString(h.title),
		target:  !w.laws && reTarget.MatchString(h.title),
	})
	if h.body != "" {
		p.hasBody = true
	}
	p.lines = []string{h.line}
	if p.list {
		// In context sections a numbered item's own text is a paragraph by itself,
		// and the lines under it are paragraphs of their own.
		p.kind = kindFor(general, target || reTarget.MatchString(h.title), policysearch.KindBody)
		if h.body != "" {
			w.emit(p.path, p.kind, h, h.line)
			w.cur = nil
			return
		}
	}
	w.cur = p
}

// text handles an unnumbered line.
func (w *walker) text(line string) {
	if w.laws && w.cur != nil && w.cur.h.style != styleArticle {
		// In a law only articles hold text: the lines under a chapter heading or a
		// 序言 are paragraphs of their own, under that heading.
		w.closePending(true)
	}
	if w.cur != nil && !w.cur.list {
		w.cur.lines = append(w.cur.lines, line)
		w.cur.hasBody = true
		return
	}
	// A numbered item in a context section followed by text is that text's heading.
	w.cur = nil
	general, target := w.context()
	kind := policysearch.KindBody
	if !w.seenHead && w.preamble {
		kind = policysearch.KindPreamble
	}
	w.emit(w.pathTexts(), kindFor(general, target, kind), heading{}, line)
}

// closePending ends the item being read. asParent says a deeper heading (or a table)
// follows, so the item is a section: its own text, if any, is a plain paragraph rather
// than a measure. An item with neither text nor anything under it is a paragraph of its
// own: "2. 按规定办理。" is content, not a heading.
func (w *walker) closePending(asParent bool) {
	p := w.cur
	w.cur = nil
	if p == nil {
		return
	}
	text := strings.Join(p.lines, "\n")
	if w.laws && p.h.style != styleArticle {
		asParent = true // a law's headings are headings, never paragraphs
	}
	switch {
	case asParent && p.h.style != styleArticle:
		if p.hasBody && !p.list {
			// The heading is in the section path; its line is text only for what
			// follows the heading's title on it.
			body := p.lines[1:]
			if p.h.body != "" {
				body = append([]string{p.h.body}, body...)
			}
			if len(body) > 0 {
				w.emit(append(p.path, p.h.headingText()), policysearch.KindBody, heading{}, strings.Join(body, "\n"))
			}
		}
	case p.list:
		w.emit(p.path, p.kind, p.h, text)
	case p.h.style == styleArticle:
		w.emit(p.path, policysearch.KindArticle, p.h, text)
	default:
		w.emit(p.path, policysearch.KindMeasure, p.h, text)
	}
}

// context says whether the open sections are general (context, principles) or targets.
func (w *walker) context() (general, target bool) {
	for _, f := range w.stack {
		general = general || f.general
		target = target || f.target
	}
	return general, target
}

func kindFor(general, target bool, kind string) string {
	if target {
		return policysearch.KindTarget
	}
	if general && kind == policysearch.KindMeasure {
		return policysearch.KindBody
	}
	return kind
}

func (w *walker) pathTexts() []string {
	out := make([]string, len(w.stack))
	for i, f := range w.stack {
		out[i] = f.text
	}
	return out
}

// emit appends one paragraph.
func (w *walker) emit(path []string, kind string, h heading, text string) {
	p := policysearch.Paragraph{
		Seq:         len(w.paras),
		SectionPath: append([]string(nil), path...),
		Kind:        kind,
		Text:        text,
	}
	if h.style != styleNone {
		p.MeasureNo = h.no
		p.MeasureTitle = h.title
	}
	if kind == policysearch.KindMeasure || kind == policysearch.KindArticle || kind == policysearch.KindBody {
		p.ResponsibleUnits = unitsClause(text)
	}
	w.paras = append(w.paras, p)
}

// tableLine handles a tab-separated line: a table header opens a table, rows become
// paragraphs, a repeated header (tables that run over several pages) is skipped.
func (w *walker) tableLine(line string) bool {
	cells := splitCells(line)
	if t := tableHeader(cells); t != nil {
		if w.tbl != nil && strings.Join(w.tbl.cols, "|") == strings.Join(t.cols, "|") {
			w.flushRow()
			return true
		}
		w.endTable()
		// A bare heading right above a table is the table's heading; an item with
		// text of its own stays a measure.
		w.closePending(w.cur != nil && !w.cur.hasBody)
		w.tbl = t
		return true
	}
	t := w.tbl
	if t == nil {
		return false
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
		if i < len(t.row) && len(cells) == len(t.cols) {
			t.row[i] += c
		} else {
			t.row = append(t.row, c)
		}
	}
	return true
}

// tableHeader recognises a header row: one with a 序号 column or a 责任单位 column and
// at least three cells.
func tableHeader(cells []string) *table {
	if len(cells) < 2 {
		return nil
	}
	t := &table{cols: cells, noCol: -1, unitCol: -1}
	for i, c := range cells {
		c = compact(c)
		switch {
		case reNoHeader.MatchString(c) && t.noCol < 0:
			t.noCol = i
		case reUnitHeader.MatchString(c) && t.unitCol < 0:
			t.unitCol = i
		}
	}
	if t.noCol < 0 || (t.unitCol < 0 && len(cells) < 3) {
		return nil
	}
	return t
}

func (w *walker) flushRow() {
	t := w.tbl
	if t == nil || t.row == nil {
		return
	}
	row := t.row
	t.row = nil
	var text []string
	no, units := "", []string(nil)
	for i, c := range row {
		switch {
		case i == t.noCol:
			no = c
		case i == t.unitCol:
			units = splitUnits(c)
		case c != "":
			text = append(text, c)
		}
	}
	if len(text) == 0 {
		return
	}
	general, target := w.context()
	p := policysearch.Paragraph{
		Seq:              len(w.paras),
		SectionPath:      w.pathTexts(),
		Kind:             kindFor(general, target, policysearch.KindTableRow),
		MeasureNo:        no,
		ResponsibleUnits: units,
		Text:             strings.Join(text, "\t"),
	}
	if p.Kind == policysearch.KindBody {
		p.Kind = policysearch.KindTableRow
	}
	w.paras = append(w.paras, p)
}

func (w *walker) endTable() {
	w.flushRow()
	w.tbl = nil
}

func splitCells(line string) []string {
	cells := strings.Split(line, "\t")
	for i, c := range cells {
		cells[i] = squeeze(trimSpaceLike(c))
	}
	return cells
}

// joinBroken joins lines that a page break split: a line that does not end a sentence,
// followed by one that starts no heading, list item, table row or attachment.
func joinBroken(lines []string, laws bool) []string {
	var out []string
	for _, l := range lines {
		if n := len(out); n > 0 && continues(out[n-1], l, laws) {
			prev := out[n-1]
			sep := ""
			if a, _ := utf8.DecodeLastRuneInString(prev); isASCIIWord(a) {
				if b, _ := utf8.DecodeRuneInString(l); isASCIIWord(b) {
					sep = " "
				}
			}
			out[n-1] = prev + sep + l
			continue
		}
		out = append(out, l)
	}
	return out
}

func continues(prev, cur string, laws bool) bool {
	if strings.Contains(prev, "\t") || strings.Contains(cur, "\t") {
		return false
	}
	if endsSentence(prev) || utf8.RuneCountInString(prev) < 15 {
		return false
	}
	if strings.HasPrefix(cur, "—") || strings.HasPrefix(cur, "#") || reAttach.MatchString(squeeze(cur)) {
		return false
	}
	if _, ok := dateLine(cur); ok {
		return false
	}
	if _, ok := parseHeading(cur, false, laws); ok {
		return false
	}
	// A heading alone on its line is followed by its body, not continued by it.
	if h, ok := parseHeading(prev, false, laws); ok && h.body == "" && h.style != styleArticle {
		return false
	}
	return true
}

func isASCIIWord(r rune) bool {
	return r < utf8.RuneSelf && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}
