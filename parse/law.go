package parse

import (
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

// splitEvents splits a history into its events, each starting with its date, or
// with the 根据 before it ("根据2015年4月24日…《关于修改…的决定》修正").
func splitEvents(s string) []string {
	_, spans := allDates(s)
	if len(spans) == 0 {
		return []string{s}
	}
	starts := make([]int, len(spans))
	for i, sp := range spans {
		starts[i] = sp[0]
		if before := strings.TrimRightFunc(s[:sp[0]], isSpaceLike); strings.HasSuffix(before, "根据") {
			starts[i] = len(before) - len("根据")
		}
	}
	var out []string
	for i, start := range starts {
		end := len(s)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		if e := strings.TrimSpace(s[start:end]); e != "" {
			out = append(out, e)
		}
	}
	return out
}
