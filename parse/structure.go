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
	// Headings that are only the name of a section of context or of goals.
	reGeneralName = regexp.MustCompile(`^(总体要求|总体思路|指导思想|基本原则|工作原则|发展环境|发展基础|现实基础|发展现状|面临形势|发展形势|重要意义|基本情况|背景|总体定位|适用范围)$`)
	reTargetName  = regexp.MustCompile(`^(主要目标|工作目标|发展目标|总体目标|目标任务|建设目标|预期目标|具体目标|主要指标|发展指标|目标要求)$`)
	// Sections of goals and indicators.
	reTarget = regexp.MustCompile(`目标|指标|预期成效`)
	// Sections of context that describe where things stand (a part of reGeneral): their
	// paragraphs are background, neither measures nor principles.
	reBackground = regexp.MustCompile(`发展环境|发展基础|现实基础|工作基础|发展现状|现状与问题|机遇与挑战|面临形势|形势与|发展形势|背景|基本情况`)
	// An attachment marker: "附件", "附件2", "附件：工作任务清单".
	reAttach = regexp.MustCompile(`^附\s*件\s*(\d{1,2}|[一二三四五六七八九十]{1,3})?\s*([:：]\s*(.*))?$`)
	// Table header cells.
	reNoHeader = regexp.MustCompile(`^(序号|编号|序)$`)
	reRowNo    = regexp.MustCompile(`^\d{1,4}$`)
)

// frame is one open heading in the section stack.
type frame struct {
	style   style
	rank    int // in laws, the heading's depth in 编 › 章 › 节 › 条 (see lawRank)
	text    string
	general bool
	// background: a section of context on where things stand (see reBackground).
	background bool
	target     bool
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
	sigLines  []string // signatures inside the body, kept as the field 落款
	headers   []string // the header rows of the tables, kept as the field 表头
	attached  []string // the list of attachments after the text (附件：1.… 2.…)
	inAttList bool
	// layoutRules are the rules for documents as governments lay them out: a closing
	// paragraph after the last heading stands apart from the measure above it, and a
	// numbered list of attachments is not text. Off for Markdown exports of law
	// databases, whose headings give the structure.
	layoutRules bool
	// firstLeads: a note said the first unit listed leads, for the notes after it too
	// (…排在第一位的部门为牵头部门，下同).
	firstLeads bool
	// docTitles are the further documents a cover notice encloses, by title; when the
	// body reaches one, a new document begins (moreTitles records it).
	docTitles  []string
	moreTitles []string
}

// walk builds the paragraphs of the body lines.
func (w *walker) walk(lines []string) {
	last := w.lastHeading(lines)
	// The notice's own text ends where its attachments begin; its contact lines come
	// after its last heading and before them.
	attach := len(lines)
	for i, l := range lines {
		if reAttach.MatchString(squeeze(l)) {
			attach = i
			break
		}
	}
	lastMain := w.lastHeading(lines[:attach])
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		next := ""
		if i+1 < len(lines) {
			next = lines[i+1]
		}
		if i > last && w.closing(line) {
			continue
		}
		if i > lastMain && i < attach && w.contact(line) {
			continue
		}
		if w.nextDocument(line) {
			continue
		}
		if w.attachmentList(line) {
			continue
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
		if w.signature(lines, &i) {
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
		w.text(strings.ReplaceAll(strings.ReplaceAll(line, emptyCell, ""), "\t", " "))
	}
	w.endTable()
	w.closePending(false)
}

// signature skips a signature inside the body (before attachments): issuer lines,
// one or several, followed by a date line, or a lone date line.
func (w *walker) signature(lines []string, i *int) bool {
	line := lines[*i]
	if d, ok := dateLine(line); ok {
		if w.sigDate == "" {
			w.sigDate = d
		}
		w.sigLines = append(w.sigLines, squeeze(line))
		return true
	}
	names, ok := orgLine(line)
	if !ok {
		return false
	}
	j := *i + 1
	for ; j < len(lines) && j < *i+12; j++ {
		more, ok := orgLine(lines[j])
		if !ok {
			break
		}
		names = append(names, more...)
	}
	if j >= len(lines) {
		return false
	}
	if _, isDate := dateLine(lines[j]); !isDate {
		return false
	}
	w.sigOrgs = append(w.sigOrgs, names...)
	for k := *i; k < j; k++ {
		w.sigLines = append(w.sigLines, squeeze(lines[k]))
	}
	*i = j - 1 // the date line is read next
	return true
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
	if reFirstLeads.MatchString(h.line) {
		w.firstLeads = true // "二、重点任务（列第一位者为牵头单位）" holds for the section
	}
	w.closePending(parent)
	w.stack = w.stack[:depth]
	general, background, target := w.context()
	w.seenHead = true
	p := &pending{h: h, path: w.pathTexts(), list: (general || target) && h.style != styleArticle}
	name, _ := sectionName(h)
	w.stack = append(w.stack, frame{
		style: h.style,
		rank:  rank,
		text:  name,
		// Laws have no context or target sections: every article is an article.
		general:    !w.laws && reGeneral.MatchString(h.title),
		background: !w.laws && reBackground.MatchString(h.title),
		target:     !w.laws && reTarget.MatchString(h.title),
	})
	if h.body != "" {
		p.hasBody = true
	}
	p.lines = []string{h.line}
	if p.list {
		// In context sections a numbered item's own text is a paragraph by itself,
		// and the lines under it are paragraphs of their own.
		p.kind = kindFor(general, background || reBackground.MatchString(h.title), target || reTarget.MatchString(h.title), policysearch.KindBody)
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
	general, background, target := w.context()
	kind := policysearch.KindBody
	if !w.seenHead && w.preamble {
		kind = policysearch.KindPreamble
	}
	w.emit(w.pathTexts(), kindFor(general, background, target, kind), heading{}, line)
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
			// the path does not hold (see sectionName).
			name, rest := sectionName(p.h)
			body := p.lines[1:]
			if rest != "" {
				body = append([]string{rest}, body...)
			}
			if len(body) > 0 {
				w.emit(append(p.path, name), policysearch.KindBody, heading{}, strings.Join(body, "\n"))
			}
		}
	case p.list:
		w.emit(p.path, p.kind, p.h, text)
	case p.h.style == styleArticle:
		w.emit(p.path, policysearch.KindArticle, p.h, text)
	default:
		// A heading that names a section of goals or of context (二、主要目标, 一、总体
		// 要求) with its text is that kind of paragraph, whatever its numbering.
		kind := policysearch.KindMeasure
		switch {
		case !p.hasBody:
		case reTargetName.MatchString(p.h.title):
			kind = policysearch.KindTarget
		case reGeneralName.MatchString(p.h.title) && reBackground.MatchString(p.h.title):
			kind = policysearch.KindBackground
		case reGeneralName.MatchString(p.h.title):
			kind = policysearch.KindBody
		}
		w.emit(p.path, kind, p.h, text)
	}
}

// context says whether the open sections are general (context, principles), of
// background (where things stand) or of targets.
func (w *walker) context() (general, background, target bool) {
	for _, f := range w.stack {
		general = general || f.general
		background = background || f.background
		target = target || f.target
	}
	return general, background, target
}

func kindFor(general, background, target bool, kind string) string {
	if target {
		return policysearch.KindTarget
	}
	if background && (kind == policysearch.KindBody || kind == policysearch.KindMeasure) {
		return policysearch.KindBackground
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

// emit appends one paragraph; a text longer than maxParagraphRunes (a run without
// breaks) becomes several, each after the first marked Continued.
func (w *walker) emit(path []string, kind string, h heading, text string) {
	parts := boundedParts(text)
	for i, part := range parts {
		w.emitOne(path, kind, h, part, i > 0)
	}
}

func (w *walker) emitOne(path []string, kind string, h heading, text string, continued bool) {
	p := policysearch.Paragraph{
		Continued:   continued,
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
		lead, coop, sets := paragraphUnits(text, w.firstLeads)
		w.firstLeads = w.firstLeads || sets
		p.ResponsibleUnits, p.CooperatingUnits = lead, coop
	}
	w.paras = append(w.paras, p)
}

func splitCells(line string) []string {
	cells := strings.Split(line, "\t")
	for i, c := range cells {
		cells[i] = squeeze(trimSpaceLike(strings.ReplaceAll(c, emptyCell, "")))
	}
	return cells
}

// emptyCell stands for an empty cell of a table row from HTML or .docx, so that
// trimming a line does not drop the empty cells at its ends and the row keeps its
// columns. splitCells reads it as "".
const emptyCell = "\uE000"

// joinCells writes a table row: cells joined by tabs, empty ones as emptyCell.
func joinCells(cells []string) string {
	out := make([]string, len(cells))
	for i, c := range cells {
		if strings.TrimFunc(c, isSpaceLike) == "" {
			c = emptyCell
		}
		out[i] = c
	}
	return strings.Join(out, "\t")
}

func isASCIIWord(r rune) bool {
	return r < utf8.RuneSelf && (r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
}
