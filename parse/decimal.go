package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Emergency plans (预案) and technical documents number their sections decimally:
// "1　总则", "1.1　编制目的及依据", "3.2.1　报告程序". Each depth is a style of its own
// (styleDecimal+depth), so 1.1 nests under 1 and 1.1.1 under 1.1.
const styleDecimal = styleMD + 20

var reDecimalHead = regexp.MustCompile(`^(\d{1,2}(?:\.\d{1,2}){0,3})[ \x{3000}\t]+(\S.*)$`)

// decimalHeading recognises a decimal section heading: a number, a blank, and a short
// title that is not a sentence. A single number needs a title starting with a Chinese
// character that is not a unit ("3 个工作日内" is text, not a heading).
func decimalHeading(s, line string) (heading, bool) {
	m := reDecimalHead.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return heading{}, false
	}
	rest := strings.TrimSpace(m[2])
	first, _ := utf8.DecodeRuneInString(rest)
	if !unicode.Is(unicode.Han, first) || strings.ContainsRune("个年月日万亿元项名家所天倍台套次人户层米吨分秒", first) {
		return heading{}, false
	}
	depth := strings.Count(m[1], ".") + 1
	h := heading{style: styleDecimal + style(depth), label: m[1], no: m[1], line: line}
	h.num = numeral(strings.SplitN(m[1], ".", 2)[0])
	h.title, h.body = splitTitle(rest)
	if h.title == "" {
		// A decimal heading has a title; a number before prose is not one.
		return heading{}, false
	}
	if depth == 1 && h.body != "" {
		return heading{}, false
	}
	return h, true
}

var reYearAfter = regexp.MustCompile(`^(19|20)\d{2}\s*年|^[3-6]G`)

// labelBeforeNumber reports text after "11." that starts a new item rather than
// continuing a decimal: a year ("11.2025年底前完成") or a network generation ("12.5G基站").
func labelBeforeNumber(rest string) bool {
	return reYearAfter.MatchString(rest)
}

// dropTOC takes a table of contents ("目 录" followed by the headings, which the body
// then repeats) out of the lines, returning the remaining lines and the contents.
func dropTOC(lines []string) ([]string, string) {
	for i, l := range lines {
		if i > 80 {
			break
		}
		if compact(l) != "目录" || i+1 >= len(lines) {
			continue
		}
		first := compact(lines[i+1])
		for j := i + 2; j < len(lines) && j < i+300; j++ {
			c := compact(lines[j])
			if c == first {
				toc := lines[i+1 : j]
				out := append(append([]string(nil), lines[:i]...), lines[j:]...)
				return out, strings.Join(toc, "；")
			}
			if utf8.RuneCountInString(c) > 60 || strings.ContainsRune(c, '。') {
				break // prose: this was no table of contents
			}
		}
	}
	return lines, ""
}
