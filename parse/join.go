package parse

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policysearch"
)

// joinBroken joins lines that a page break split: a line that does not end a sentence,
// followed by one that starts no heading, list item, table row or attachment.
//
// It runs in time linear in the text: what the test of the next line needs from the
// paragraph being joined (its last rune, its length, whether it holds a tab, whether it
// is a heading alone on its line) is kept as it grows, never recomputed from the
// joined text. The walker splits what grows too long (boundedParts).
func joinBroken(lines []string, laws bool) []string {
	var (
		out []string
		cur strings.Builder
		g   joinGroup
	)
	flush := func() {
		if g.open {
			out = append(out, cur.String())
			cur.Reset()
			g = joinGroup{}
		}
	}
	for _, l := range lines {
		if g.open && g.continuedBy(l, laws) {
			if isASCIIWord(g.last) {
				if b, _ := utf8.DecodeRuneInString(l); isASCIIWord(b) {
					cur.WriteByte(' ')
				}
			}
			cur.WriteString(l)
			g.add(l)
			continue
		}
		flush()
		cur.WriteString(l)
		g = joinGroup{open: true}
		g.add(l)
		// A heading alone on its line is followed by its body, not continued by it,
		// and a line of issuers (a signature) by more issuers or the date.
		if h, ok := parseHeading(l, false, laws); ok && h.body == "" && h.style != styleArticle {
			g.headingAlone = true
		}
		if _, ok := orgLine(l); ok {
			g.headingAlone = true
		}
	}
	flush()
	return out
}

// joinGroup is what joinBroken knows of the paragraph it is joining.
type joinGroup struct {
	open         bool
	runes        int
	tab          bool
	last         rune
	headingAlone bool
}

func (g *joinGroup) add(l string) {
	g.runes += utf8.RuneCountInString(l)
	g.tab = g.tab || strings.Contains(l, "\t")
	if r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(l, isSpaceLike)); r != utf8.RuneError {
		g.last = r
	}
}

// continuedBy reports whether line cur continues the paragraph.
func (g *joinGroup) continuedBy(cur string, laws bool) bool {
	if g.tab || g.headingAlone || strings.Contains(cur, "\t") {
		return false
	}
	if endsSentenceRune(g.last) || g.runes < 15 {
		return false
	}
	if strings.HasPrefix(cur, "—") || strings.HasPrefix(cur, "#") || reAttach.MatchString(squeeze(cur)) || reContact.MatchString(squeeze(cur)) {
		return false
	}
	if _, ok := dateLine(cur); ok {
		return false
	}
	if _, ok := orgLine(cur); ok {
		return false
	}
	if _, ok := parseHeading(cur, false, laws); ok {
		return false
	}
	return true
}

// maxParagraphRunes bounds the length of one paragraph. A run of text without breaks
// (a page saved without line ends, a table flattened badly) is split into parts of at
// most this length, at a sentence end where there is one near the bound.
const maxParagraphRunes = 6000

// boundedParts splits a text longer than maxParagraphRunes into parts: at the last line
// break or sentence end before the bound when one lies in its last third, else at the
// bound itself. Shorter texts are returned as they are. One pass over the text.
func boundedParts(text string) []string {
	if len(text) <= maxParagraphRunes || utf8.RuneCountInString(text) <= maxParagraphRunes {
		return []string{text}
	}
	var parts []string
	start, n, lastBreak := 0, 0, -1 // part start (bytes), runes in part, end of last break
	for i, r := range text {
		if n == maxParagraphRunes {
			cut := i
			if lastBreak > start {
				cut = lastBreak
			}
			parts = append(parts, strings.TrimRight(text[start:cut], "\n"))
			start, lastBreak = cut, -1
			n = utf8.RuneCountInString(text[cut:i]) // at most a third of the bound
		}
		n++
		if n >= maxParagraphRunes*2/3 && strings.ContainsRune("\n。！？；", r) {
			lastBreak = i + utf8.RuneLen(r)
		}
	}
	if rest := strings.TrimLeft(text[start:], "\n"); rest != "" {
		parts = append(parts, rest)
	}
	for i := range parts {
		parts[i] = strings.TrimLeft(parts[i], "\n")
	}
	return parts
}

// endsSentenceRune is endsSentence for the last rune of a line.
func endsSentenceRune(r rune) bool {
	switch r {
	case '。', '！', '？', '；', '：', '!', '?', ';', ':', '”', '’', '」', '』', '】', '］', ']', '）', ')', '…', '〕':
		return true
	}
	return false
}

// MaxParagraphRunes is the longest paragraph Parse emits, exported for tests and
// callers that size buffers.
const MaxParagraphRunes = maxParagraphRunes

// reChapterArticle is a chapter heading and the first article of the chapter printed
// on one line: "第一章　总则　　第一条　为规范政务数据资源管理，…".
var reChapterArticle = regexp.MustCompile(`^(第\s*[一二三四五六七八九十百零〇\d]{1,5}\s*[章节][\s\p{Z}]+\S{1,20}?)[\s\p{Z}]+(第\s*[一二三四五六七八九十百零〇\d]{1,5}\s*条[\s\p{Z}].*)$`)

// splitJoinedHeading splits a line that joins a chapter heading and an article.
func splitJoinedHeading(l string) []string {
	if !strings.HasPrefix(l, "第") || !strings.Contains(l, "条") {
		return []string{l}
	}
	if m := reChapterArticle.FindStringSubmatch(l); m != nil {
		return []string{strings.TrimSpace(m[1]), strings.TrimSpace(m[2])}
	}
	return []string{l}
}

// reClosing starts a closing paragraph: one about the document as a whole, which the
// numbered measure above it does not absorb ("本方案各项任务纳入…", "各区、各部门要…").
var reClosing = regexp.MustCompile(`^(本(方案|意见|实施意见|指导意见|办法|通知|计划|行动计划|规划|规定|细则|措施|政策|预案|要点|清单)[^所]|以上|上述(各项)?(任务|措施|政策))`)

// reContact starts a line of contact details, which closes a notice: "联系人：邹思媛",
// "业务咨询联系人：黄可，电话：020-83163662", "联系电话（传真）：…", "地址：广州市…".
var reContact = regexp.MustCompile(`^(?:业务咨询|咨询|工作)?(?:联系人|联系电话|联系方式|咨询电话|电话|传真|地址|通讯地址|邮编|邮政编码|电子邮箱|邮箱|E-?mail)(?:[（(][^）)]{1,6}[）)])?\s*[:：]`)

// contact handles a line of contact details after the last heading when the section
// being read already has its text: it is about the whole notice, not a last part of
// the measure above it. A heading whose text it is ("（四）联系方式") keeps it.
func (w *walker) contact(line string) bool {
	if !w.layoutRules || w.laws || w.cur == nil || !w.cur.hasBody || w.cur.list ||
		w.cur.h.style == styleArticle || !reContact.MatchString(squeeze(line)) {
		return false
	}
	w.closePending(false)
	w.stack = nil
	w.emit(nil, policysearch.KindBody, heading{}, line)
	return true
}

// lastHeading is the index of the last heading line of the body, or -1.
func (w *walker) lastHeading(lines []string) int {
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], "\t") {
			continue
		}
		if _, ok := parseHeading(lines[i], w.markdown, w.laws); ok {
			return i
		}
	}
	return -1
}

// closing handles a closing paragraph after the last heading: the measure being read
// ends, and the paragraph stands for the whole document (no section path). Articles
// of laws keep their text: their closing provisions are articles of their own; a
// top-level heading whose only text is the closing line keeps it ("四、其他规定").
func (w *walker) closing(line string) bool {
	if !w.layoutRules || w.laws || w.cur == nil || (!w.cur.hasBody && len(w.cur.path) == 0) || w.cur.list ||
		w.cur.h.style == styleArticle || !reClosing.MatchString(line) {
		return false
	}
	w.closePending(false)
	w.stack = nil
	w.emit(nil, policysearch.KindBody, heading{}, line)
	return true
}

var (
	// The first item of a numbered list of attachments: "附件：1.重点任务分工表".
	reAttachListStart = regexp.MustCompile(`^附\s*件\s*[:：]\s*[1１一]\s*[.．、]\s*(\S.*)$`)
	// A further item: "2.专项工作组名单".
	reAttachListItem = regexp.MustCompile(`^\d{1,2}\s*[.．、]\s*(\S.{1,60})$`)
)

// attachmentList reads the numbered list of attachments that follows a text
// ("附件：1.重点任务分工表" / "2.专项工作组名单"): its items name attachments and are not
// measures; they are kept as the field 附件.
func (w *walker) attachmentList(line string) bool {
	if !w.layoutRules {
		return false
	}
	s := squeeze(line)
	if m := reAttachListStart.FindStringSubmatch(s); m != nil {
		w.closePending(false)
		w.inAttList = true
		w.attached = append(w.attached, s)
		return true
	}
	if w.inAttList {
		if reAttachListItem.MatchString(s) && !strings.ContainsAny(s, "。；") {
			w.attached = append(w.attached, s)
			return true
		}
		w.inAttList = false
	}
	return false
}

// sectionName is how a heading names its section in the paths of the paragraphs
// under it: its label and title, or, for a heading whose first sentence is too much
// of a clause to be a title ("（一）统筹两个市场，打造加工制造中心。"), that sentence when it
// is short, so the section keeps its name. rest is what of the heading's line the
// name does not hold, the text of the section's own paragraph: what follows the
// title; nothing when the sentence is the whole line; the whole line when the
// sentence is followed by more (it is the start of that prose) or when the name is
// only the label ("三十六、国务院全体会议由…组成，由总理召集和主持。…"), since a label in
// the path does not number the text.
func sectionName(h heading) (name, rest string) {
	if h.title != "" || h.body == "" || h.style == styleArticle {
		return h.headingText(), h.body
	}
	first, after := h.body, ""
	if i := strings.Index(first, "。"); i >= 0 {
		first, after = first[:i], strings.TrimSpace(first[i+len("。"):])
	}
	if utf8.RuneCountInString(first) > 40 || strings.ContainsAny(first, "；;：:") {
		return h.headingText(), h.line
	}
	if after != "" {
		return h.label + first, h.line
	}
	return h.label + first, ""
}
