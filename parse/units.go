package parse

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

var (
	reUnitSplit = regexp.MustCompile(`[、，,；;/\s]+`)
	// Role notes after a unit: 市教育局（牵头）, 市财政局(配合).
	reUnitRole = regexp.MustCompile(`[（(](?:牵头|配合|负责|参与|按职责分工负责)[）)]$`)
)

// closers pairs each opening bracket of a clause with its closing bracket.
var closers = map[rune]rune{'［': '］', '[': ']', '【': '】', '（': '）', '(': ')'}

// unitsClauseText finds a responsibility clause that ends a paragraph and returns it
// without its brackets, or "". The clause starts at a key (责任单位：) that opens a
// bracket or a sentence and runs to the end of the text.
func unitsClauseText(text string) string {
	text = strings.TrimRightFunc(text, isSpaceLike)
	if !strings.Contains(text, "单位") && !strings.Contains(text, "部门") && !strings.Contains(text, "责任主体") {
		return ""
	}
	// The clause ends the text and is at most 400 runes long: search only the tail.
	if len(text) > 1300 {
		cut := len(text) - 1300
		for cut < len(text) && !utf8.RuneStart(text[cut]) {
			cut++
		}
		text = text[cut:]
	}
	for _, loc := range unitKeys(text) {
		before := strings.TrimRightFunc(text[:loc[0]], isSpaceLike)
		open, _ := utf8.DecodeLastRuneInString(before)
		clause := strings.TrimRight(text[loc[0]:], "。. ")
		if c, ok := closers[open]; ok {
			last, size := utf8.DecodeLastRuneInString(clause)
			if last != c {
				continue
			}
			clause = clause[:len(clause)-size]
		} else if before != "" && open != '。' && open != '；' {
			continue
		}
		if strings.Contains(clause, "。") || utf8.RuneCountInString(clause) > 400 {
			continue
		}
		return clause
	}
	return ""
}

// paragraphUnits reads the lead and cooperating units of a paragraph: its bracketed
// notes in every form (unitNotes), or else the unbracketed clause that ends it
// (责任单位：…。).
func paragraphUnits(text string, firstLeads bool) (lead, coop []string, setsFirstLeads bool) {
	lead, coop, setsFirstLeads = unitNotes(text, firstLeads)
	if len(lead)+len(coop) == 0 {
		if c := unitsClauseText(text); c != "" {
			lead, coop, _, _ = readNote(c)
		}
	}
	return lead, coop, setsFirstLeads
}

// unitKeyWords are the keys of unbracketed clauses (责任单位：…。), those of unitKeyRoles.
var unitKeyWords = func() []string {
	var ks []string
	for k := range unitKeyRoles {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}()

// unitKeys finds the clause keys in text, in order: plain substring search, which is
// many times cheaper than the alternation regexp on long paragraphs.
func unitKeys(text string) [][]int {
	var locs [][]int
	for _, k := range unitKeyWords {
		for from := 0; ; {
			i := strings.Index(text[from:], k)
			if i < 0 {
				break
			}
			start := from + i
			end := start + len(k)
			rest := strings.TrimLeft(text[end:], " ")
			if strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":") {
				locs = append(locs, []int{start, end})
			}
			from = end
		}
	}
	sort.Slice(locs, func(a, b int) bool { return locs[a][0] < locs[b][0] })
	return locs
}

// splitUnits splits a list of responsible units: 市教育局、市人社局，各县（区）人民政府.
// Parentheses inside a name (各县（市）政府) do not split it; both widths of parentheses are
// unified to full width so facet values agree across documents.
func splitUnits(s string) []string {
	s = strings.NewReplacer("(", "（", ")", "）").Replace(s)
	var out []string
	seen := map[string]bool{}
	parts := splitOutsideParens(s)
	// "各区、县级市人民政府" is one name shared by two kinds of division.
	for i := 0; i+1 < len(parts); i++ {
		if reBareDivision.MatchString(strings.TrimSpace(parts[i])) && !reBareDivision.MatchString(strings.TrimSpace(parts[i+1])) {
			parts[i+1] = strings.TrimSpace(parts[i]) + "、" + strings.TrimSpace(parts[i+1])
			parts[i] = ""
		}
	}
	for _, u := range parts {
		u = strings.TrimSpace(u)
		u = reUnitRole.ReplaceAllString(u, "")
		u = strings.TrimSuffix(u, "等")
		u = strings.Trim(u, "。.；;：: ")
		if u == "" || seen[u] || len([]rune(u)) > 40 {
			continue
		}
		seen[u] = true
		out = append(out, u)
	}
	return out
}

// splitOutsideParens splits on list separators that are not inside （…）.
func splitOutsideParens(s string) []string {
	var parts []string
	depth, start := 0, 0
	for i, r := range s {
		switch {
		case r == '（':
			depth++
		case r == '）':
			if depth > 0 {
				depth--
			}
		case depth == 0 && reUnitSplit.MatchString(string(r)):
			parts = append(parts, s[start:i])
			start = i + len(string(r))
		}
	}
	return append(parts, s[start:])
}
