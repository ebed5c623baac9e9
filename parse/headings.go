package parse

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Numbering styles of headings, from the styles Chinese government documents use.
// Depth is not fixed by style: the first style met is the outermost, and a style met
// for the first time under another nests inside it (see sectionStack).
type style int

const (
	styleNone    style = iota
	stylePart          // 第一部分, 第一编
	styleSubPart       // 第一分编 (the Civil Code's books are divided into 分编)
	styleChapter       // 第一章
	styleSection       // 第一节
	styleCN            // 一、
	styleParenCN       // （一） (一)
	styleArabic        // 1. 1． 12、 26.
	styleArticle       // 第一条 (laws and regulations)
	styleMD            // a Markdown heading whose text has no numbering of its own
)

// cnNum is a Chinese numeral as laws number their articles, up to 第一千二百六十条 of the
// Civil Code and beyond.
const cnNum = `[一二三四五六七八九十百千零〇]{1,9}`

var (
	reCN       = regexp.MustCompile(`^(` + cnNum + `)\s*[、.．]\s*`)
	reParenCN  = regexp.MustCompile(`^[（(]\s*(` + cnNum + `)\s*[）)]\s*`)
	reArabic   = regexp.MustCompile(`^(\d{1,3})\s*[.．、]\s*`)
	reArticle  = regexp.MustCompile(`^第\s*(` + cnNum + `|\d{1,4})\s*条(之(` + cnNum + `))?[\s　]*`)
	reChapter  = regexp.MustCompile(`^第\s*(` + cnNum + `|\d{1,3})\s*(章|节|分编|编|部分)[\s　\x{2002}\x{2003}]*`)
	reMDPrefix = regexp.MustCompile(`^(#{1,6})\s+`)
)

// reCitation is what follows "第X条" when the line cites an article rather than
// starting one: a page-broken "第十条规定的…", "第十条第二款", "第十条至第十五条".
var reCitation = regexp.MustCompile(`^(的|规定|第|[、，,至到和或与及中所]|款|项)`)

// heading is a line that starts with a numbering label.
type heading struct {
	style style
	md    int    // the Markdown heading level (## → 2), 0 for none
	label string // the label as written: "一、", "（一）", "12.", "第三条"
	no    string // the measure number: "12", "（一）", "第三条"
	num   int    // the number's value, for ids; 0 when unknown
	title string // text after the label up to the end of its first sentence
	body  string // the rest of the line after the title
	line  string // the whole line as written, without Markdown heading marks
}

// titleMax is the longest first sentence still read as a heading's title; longer first
// sentences are body text of a measure that has no title.
const titleMax = 45

// parseHeading recognises a heading line. markdown enables "#" headings; laws turns
// the policy-document styles (一、 （一） 1.) into list items inside articles, which they
// are in laws and regulations.
func parseHeading(line string, markdown, laws bool) (heading, bool) {
	h := heading{line: line}
	s := line
	mdLevel := 0
	if markdown {
		if m := reMDPrefix.FindStringSubmatch(s); m != nil {
			mdLevel = len(m[1])
			s = s[len(m[0]):]
			h.line, h.md = s, mdLevel
		}
	}
	switch {
	case reArticle.MatchString(s) && !citesArticle(s):
		m := reArticle.FindStringSubmatch(s)
		h.style = styleArticle
		h.label = strings.TrimSpace(m[0])
		h.no = strings.ReplaceAll(h.label, " ", "")
		h.num = numeral(m[1])
		h.body = strings.TrimSpace(s[len(m[0]):])
		return h, true
	case reChapter.MatchString(s):
		m := reChapter.FindStringSubmatch(s)
		switch m[2] {
		case "章":
			h.style = styleChapter
		case "节":
			h.style = styleSection
		case "分编":
			h.style = styleSubPart
		default:
			h.style = stylePart
		}
		h.label = strings.TrimSpace(m[0])
		h.no = h.label
		h.num = numeral(m[1])
		h.title = tidyTitle(s[len(m[0]):]) // 第一章  总 则 → 总则
		return h, true
	}
	if !laws || mdLevel > 0 {
		var m []string
		switch {
		case reParenCN.MatchString(s):
			m = reParenCN.FindStringSubmatch(s)
			h.style = styleParenCN
			h.no = "（" + m[1] + "）"
			h.num = numeral(m[1])
		case reCN.MatchString(s):
			m = reCN.FindStringSubmatch(s)
			h.style = styleCN
			h.no = m[1] + "、"
			h.num = numeral(m[1])
		case reArabic.MatchString(s):
			m = reArabic.FindStringSubmatch(s)
			// "3.5万人" and "2.0版" are numbers, not labels.
			if r, _ := utf8.DecodeRuneInString(s[len(m[0]):]); r >= '0' && r <= '9' {
				return h, false
			}
			if len(s) == len(m[0]) {
				return h, false
			}
			h.style = styleArabic
			h.no = m[1]
			h.num, _ = strconv.Atoi(m[1])
		}
		if m != nil {
			h.label = strings.TrimSpace(m[0])
			h.title, h.body = splitTitle(strings.TrimSpace(s[len(m[0]):]))
			if h.title == "" && h.body == "" {
				return h, false // a bare label is not a heading
			}
			return h, true
		}
	}
	if mdLevel > 0 {
		h.style = styleMD + style(mdLevel)
		h.title = squeeze(strings.TrimSpace(s))
		return h, h.title != ""
	}
	return h, false
}

// citesArticle reports whether a line that starts with "第X条" goes on citing it
// ("第十条规定的情形…") instead of starting the article: with no space after the label.
func citesArticle(s string) bool {
	m := reArticle.FindStringSubmatch(s)
	if m == nil || strings.HasSuffix(m[0], " ") || strings.HasSuffix(m[0], "　") {
		return false
	}
	return reCitation.MatchString(s[len(m[0]):])
}

// reQuoted matches quoted names, whose commas ("四位一体,两轮驱动") do not end a title.
var reQuoted = regexp.MustCompile(`“[^”]*”|‘[^’]*’|《[^》]*》`)

// splitTitle splits the text after a label into the heading's title and the body that
// follows on the same line: "现实基础。我市高度重视…" → "现实基础", "我市高度重视…". A first
// sentence longer than titleMax is not a title; text without a full stop is a title when
// short and body otherwise.
func splitTitle(rest string) (title, body string) {
	if rest == "" {
		return "", ""
	}
	if i := strings.IndexAny(rest, "。"); i >= 0 {
		first := rest[:i]
		if utf8.RuneCountInString(first) <= titleMax && !strings.ContainsAny(reQuoted.ReplaceAllString(first, ""), "，,；;") {
			return strings.TrimSpace(first), strings.TrimSpace(rest[i+len("。"):])
		}
		return "", rest
	}
	if utf8.RuneCountInString(rest) <= titleMax && !endsSentence(rest) && !strings.ContainsAny(rest, "；;") {
		return rest, ""
	}
	return "", rest
}

// numeral is the value of an Arabic or Chinese numeral, 0 when it is neither.
func numeral(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	if n := cnNumber(s); n > 0 {
		return n
	}
	return 0
}

// endsSentence reports whether a line ends with punctuation that closes a sentence or
// a clause list, so the next line starts a new paragraph.
func endsSentence(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimRightFunc(s, isSpaceLike))
	switch r {
	case '。', '！', '？', '；', '：', '!', '?', ';', ':', '”', '’', '」', '』', '】', '］', ']', '）', ')', '…', '〕':
		return true
	}
	return false
}

// headingText is how a heading appears in a section path: label and title, without
// the body that shares its line.
func (h heading) headingText() string {
	if h.style >= styleMD && h.label == "" {
		return h.title
	}
	if h.title == "" {
		return h.label
	}
	if h.style == styleChapter || h.style == stylePart || h.style == styleSubPart || h.style == styleSection {
		return h.label + " " + h.title
	}
	return h.label + h.title
}
