package policysearch

import (
	"strconv"
	"strings"
)

// CNNumeral is the value of a Chinese numeral up to 9999 (十二, 二十三, 一百零五,
// 一千零七十七) or of a run of Chinese digits read one by one (二〇二〇); -1 when s is
// neither.
func CNNumeral(s string) int {
	if s == "" {
		return -1
	}
	if !strings.ContainsAny(s, "十百千") {
		n := 0
		for _, r := range s {
			d := cnDigit(r)
			if d < 0 {
				return -1
			}
			n = n*10 + d
		}
		return n
	}
	total, cur := 0, 0
	for _, r := range s {
		unit := 0
		switch r {
		case '千':
			unit = 1000
		case '百':
			unit = 100
		case '十':
			unit = 10
		}
		if unit > 0 {
			if cur == 0 {
				cur = 1 // 十二 is 12
			}
			total += cur * unit
			cur = 0
			continue
		}
		d := cnDigit(r)
		if d < 0 {
			return -1
		}
		cur = d
	}
	return total + cur
}

func cnDigit(r rune) int {
	switch r {
	case '〇', '零', '○', 'Ｏ':
		return 0
	}
	if i := strings.IndexRune("一二三四五六七八九", r); i >= 0 {
		return i/3 + 1 // each of these runes is three bytes in UTF-8
	}
	return -1
}

// ArticleNumber reads an article number as users type it and laws write it: 1077,
// 第1077条, 第一千零七十七条, 291之二, 291-2, 第二百九十一条之二. sub is the 之N of an
// inserted article, 0 for none.
func ArticleNumber(s string) (n, sub int, ok bool) {
	s = strings.TrimSpace(Normalize(s))
	s = strings.TrimPrefix(s, "第")
	head, tail := s, ""
	for _, sep := range []string{"条之", "之", "-", "条"} {
		if h, t, found := strings.Cut(s, sep); found {
			head, tail = h, t
			break
		}
	}
	head = strings.TrimSuffix(strings.TrimSpace(head), "条")
	tail = strings.TrimSuffix(strings.TrimSpace(tail), "条")
	num := func(x string) int {
		if v, err := strconv.Atoi(x); err == nil && v > 0 {
			return v
		}
		return CNNumeral(x)
	}
	if n = num(head); n <= 0 {
		return 0, 0, false
	}
	if tail != "" {
		if sub = num(tail); sub <= 0 {
			return 0, 0, false
		}
	}
	return n, sub, true
}
