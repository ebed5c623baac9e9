package policysearch

import (
	"strings"
	"unicode/utf8"
)

// TitleKey is how a cited title is compared with the titles of the corpus: width,
// blanks, quotes and the 《》〈〉 of nested titles folded away, without the
// 中华人民共和国 of national laws (citations write it or not), without a version
// note at the end (（2018年修正）, （2009年修订本）), and with one dash for every dash
// (2020—2023年, 2020-2023年). A period or 试行 in brackets is part of the title.
func TitleKey(title string) string {
	var b strings.Builder
	for _, r := range Normalize(title) {
		switch r {
		case ' ', '《', '》', '〈', '〉', '<', '>', '"', '“', '”', '\'', '‘', '’', '「', '」', '『', '』':
			continue
		case '—', '–', '―', '‐', '‑', '−', '～', '~':
			r = '-'
		case '〔', '[', '【':
			r = '('
		case '〕', ']', '】':
			r = ')'
		}
		b.WriteRune(r)
	}
	k := strings.TrimPrefix(b.String(), "中华人民共和国")
	if v, rest := TitleVersion(k); v != "" {
		k = rest
	}
	return k
}

// TitleVersion splits a version note off the end of a title: 《…法》（2018年修正） or
// …条例(2009年修订本) gives 2018 (or the day, when the note has one) and the title
// without it; "" and the title when there is none.
func TitleVersion(title string) (version, rest string) {
	t := strings.TrimRight(title, " ")
	if !strings.HasSuffix(t, ")") && !strings.HasSuffix(t, "）") {
		return "", title
	}
	open := strings.LastIndexAny(t, "(（")
	if open < 0 {
		return "", title
	}
	note := strings.TrimRight(t[open:], ")）")
	note = strings.TrimLeft(note, "(（")
	if !strings.ContainsAny(note, "修正订改版") || len(note) > 60 {
		return "", title
	}
	if v := VersionDate(note); v != "" {
		return v, strings.TrimRight(t[:open], " ")
	}
	return "", title
}

// VersionDate reads the date of a version note: 2018年修正 → 2018,
// 2018年10月26日修正 → 2018-10-26; "" when it names no year.
func VersionDate(note string) string {
	s := Normalize(note)
	i := strings.Index(s, "年")
	if i < 4 {
		return ""
	}
	y := s[i-4 : i]
	for _, c := range y {
		if c < '0' || c > '9' {
			return ""
		}
	}
	rest := s[i+len("年"):]
	m, d := leadingInt(rest, "月")
	if m < 1 || m > 12 {
		return y
	}
	rest = rest[strings.Index(rest, "月")+len("月"):]
	d, _ = leadingInt(rest, "日")
	if d < 1 || d > 31 {
		return y
	}
	return y + "-" + two(m) + "-" + two(d)
}

func leadingInt(s, unit string) (int, int) {
	n, i := 0, 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' && i < 2 {
		n = n*10 + int(s[i]-'0')
		i++
	}
	if i == 0 || !strings.HasPrefix(s[i:], unit) {
		return 0, 0
	}
	return n, i
}

func two(n int) string {
	return string([]byte{byte('0' + n/10), byte('0' + n%10)})
}

// DocNumberKey is a 文号 as compared across documents: width and blanks folded away
// and the brackets of its year, whichever were typed (〔〕 ﹝﹞ [] () 【】), written 〔〕.
func DocNumberKey(no string) string {
	s := Normalize(no)
	var b strings.Builder
	for i, r := range s {
		switch r {
		case ' ':
			continue
		case '(', '[', '【', '〖', '［':
			if yearFollows(s[i+utf8.RuneLen(r):]) {
				r = '〔'
			}
		case ')', ']', '】', '〗', '］':
			if yearBefore(s[:i]) {
				r = '〕'
			}
		}
		b.WriteRune(r)
	}
	return b.String()
}

func yearFollows(s string) bool {
	s = strings.TrimLeft(s, " ")
	if len(s) < 5 {
		return false
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func yearBefore(s string) bool {
	s = strings.TrimRight(s, " ")
	if len(s) < 4 {
		return false
	}
	for i := len(s) - 4; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
