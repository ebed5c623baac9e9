package parse

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"policysearch"
)

const cnDigits = "〇零○Ｏ一二三四五六七八九"

var (
	reDateArabic = regexp.MustCompile(`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`)
	reDateCN     = regexp.MustCompile(`([〇零○Ｏ一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,2})\s*月\s*([一二三四五六七八九十]{1,3})\s*日`)
	reDateISO    = regexp.MustCompile(`(\d{4})\s*[-./／]\s*(\d{1,2})\s*[-./／]\s*(\d{1,2})`)
)

// cnNumber parses a Chinese numeral up to 9999 (十二, 二十三, 一百零五, 一千零七十七) or a
// run of digits read digit by digit (二〇二〇). It returns -1 when s is not a numeral.
func cnNumber(s string) int { return policysearch.CNNumeral(s) }

// validDate formats y-m-d when it is a plausible date for a policy document.
func validDate(y, m, d int) (string, bool) {
	if y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return "", false
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), true
}

// findDate returns the first date in s, in any of the forms government documents use:
// 2021年2月7日, 2021 年 2 月 7 日, 二〇二〇年九月十六日, 2023-01-29, 2020.9.16. The second
// result is the byte range of the match.
func findDate(s string) (string, [2]int, bool) {
	type cand struct {
		date string
		at   [2]int
	}
	var best *cand
	try := func(date string, ok bool, loc []int) {
		if ok && (best == nil || loc[0] < best.at[0]) {
			best = &cand{date, [2]int{loc[0], loc[1]}}
		}
	}
	if m := reDateArabic.FindStringSubmatchIndex(s); m != nil {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		date, ok := validDate(y, mo, d)
		try(date, ok, m)
	}
	if m := reDateCN.FindStringSubmatchIndex(s); m != nil {
		date, ok := validDate(cnNumber(s[m[2]:m[3]]), cnNumber(s[m[4]:m[5]]), cnNumber(s[m[6]:m[7]]))
		try(date, ok, m)
	}
	if m := reDateISO.FindStringSubmatchIndex(s); m != nil {
		y, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		d, _ := strconv.Atoi(s[m[6]:m[7]])
		date, ok := validDate(y, mo, d)
		try(date, ok, m)
	}
	if best == nil {
		return "", [2]int{}, false
	}
	return best.date, best.at, true
}

// dateLine returns the date when the whole line is a date (a signature date line),
// allowing only blanks around it.
func dateLine(line string) (string, bool) {
	s := trimSpaceLike(line)
	if len(s) > 64 { // the longest written date, 二〇二〇年十二月三十一日, is 39 bytes
		return "", false
	}
	date, at, ok := findDate(s)
	if !ok || at[0] != 0 || strings.TrimFunc(s[at[1]:], isSpaceLike) != "" {
		return "", false
	}
	return date, true
}
