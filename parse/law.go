package parse

import (
	"regexp"
	"strings"
)

// Laws and regulations have a fixed hierarchy, 编 › 分编 › 章 › 节 › 条, whatever order
// the headings first appear in: a regulation whose first chapter heading comes after
// ten articles still has its 第四章 above 第四十一条, not under 第四十条. Policy
// documents, whose numbering styles nest in whatever order the drafter chose, are
// walked by first appearance instead (see walker.heading).
const (
	rankPart     = 1
	rankSubPart  = 2
	rankChapter  = 3
	rankSection  = 4
	rankOther    = 8 // the deepest a heading other than an article can sit
	rankArticle  = 9
	rankAttached = 0 // an attachment (附件) starts a new top-level part
)

// lawRank is a heading's depth in a law. Headings outside the 编/章/节 scheme (序言,
// 附则, 一、一般规定 in judicial interpretations, 附件一) take the rank of the law
// headings written at the same Markdown level in the same document, else one below
// 节 for each level, never as deep as an article.
func (w *walker) lawRank(h heading) int {
	switch h.style {
	case stylePart:
		return rankPart
	case styleSubPart:
		return rankSubPart
	case styleChapter:
		return rankChapter
	case styleSection:
		return rankSection
	case styleArticle:
		return rankArticle
	}
	if r, ok := w.mdRanks[h.md]; ok && h.md > 0 {
		return r
	}
	return min(max(rankSection+h.md-1, rankSection+1), rankOther)
}

// markdownRanks maps each Markdown heading level to the law rank of the numbered
// headings (第X编/章/节) written at that level, the first one seen deciding.
func markdownRanks(lines []string) map[int]int {
	ranks := map[int]int{}
	for _, l := range lines {
		if !strings.HasPrefix(l, "#") {
			continue
		}
		h, ok := parseHeading(l, true, true)
		if !ok || h.md == 0 {
			continue
		}
		switch h.style {
		case stylePart, styleSubPart, styleChapter, styleSection:
			if _, seen := ranks[h.md]; !seen {
				ranks[h.md] = (&walker{}).lawRank(h)
			}
		}
	}
	return ranks
}

// lawDepth is how much of the section stack stays open above a heading of a law: every
// open heading of the same or a deeper rank closes.
func (w *walker) lawDepth(rank int) int {
	for i, f := range w.stack {
		if f.rank >= rank {
			return i
		}
	}
	return len(w.stack)
}

// JoinPart titles one part of a code published in several parts (the books of the
// Civil Code): 中华人民共和国民法典·合同编. A part already in the title is not repeated.
func JoinPart(title, part string) string {
	part = strings.TrimSpace(part)
	if part == "" || strings.HasSuffix(title, part) {
		return title
	}
	if title == "" {
		return part
	}
	return title + "·" + part
}

// reInfoLine is a law's history written in brackets under its title, as the national
// law database and government sites print it: "（2021年9月29日某省第十三届人民代表大会常务
// 委员会第三十次会议通过　根据…修正）".
var reInfoLine = regexp.MustCompile(`^[（(].*\d{4}\s*年.*(通过|公布|发布|施行|修正|修订|批准).*[）)]$`)

// lawInfoLines takes out of a law's first lines its bracketed history and a table of
// contents heading (目录), which are neither title nor body; the history is returned
// as info lines, one event per line.
func lawInfoLines(lines []string) (rest, info []string) {
	for i, l := range lines {
		c := compact(l)
		switch {
		case i < 12 && reInfoLine.MatchString(c):
			inner := strings.TrimRight(strings.TrimLeft(trimSpaceLike(l), "（("), "）)")
			info = append(info, splitEvents(inner)...)
		case i < 12 && c == "目录":
		default:
			rest = append(rest, l)
		}
	}
	return rest, info
}

// reEventStart is where one event of a bracketed history starts: its date, possibly
// after 根据 ("根据2015年4月24日…《关于修改…的决定》修正").
var reEventStart = regexp.MustCompile(`(根据)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日`)

// splitEvents splits a history into its events, each starting with its date.
func splitEvents(s string) []string {
	locs := reEventStart.FindAllStringIndex(s, -1)
	if len(locs) == 0 {
		return []string{s}
	}
	var out []string
	for i, loc := range locs {
		end := len(s)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		if e := strings.TrimSpace(s[loc[0]:end]); e != "" {
			out = append(out, e)
		}
	}
	return out
}
