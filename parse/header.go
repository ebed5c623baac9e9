package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// 发文字号: 教职成〔2020〕7号, 国办发〔2021〕1号, 綦教〔2023〕17号, 赣府发﹝2020﹞16号.
	reDocNo     = regexp.MustCompile(`^\p{Han}{1,14}\s*[〔\[［(（﹝【]\s*\d{4}\s*[〕\]］)）﹞】]\s*\d{1,4}\s*号$`)
	reNoticeFwd = regexp.MustCompile(`^(.*?)关于(?:印发|转发|下发|颁布|发布)(.+?)的(?:通知|通告|公告|决定)$`)
	reGuillemet = regexp.MustCompile(`《([^《》]+)》`)
	rePeriod    = regexp.MustCompile(`^[（(]\s*\d{4}\s*[—–\-－~～至到]+\s*\d{4}\s*年?\s*[）)]$`)
	// Phrases only a cover notice uses.
	reNoticeBody = regexp.MustCompile(`印发给你们|现予印发|现印发|请认真贯彻|请遵照执行|请结合实际|请认真组织实施|请认真抓好落实|请抓好贯彻落实|请按照执行|现将.{0,60}(印发|转发)`)
	reCopyTo     = regexp.MustCompile(`^(抄送|抄报|主送)\s*[:：]`)
	reIssuedLine = regexp.MustCompile(`^\S{2,30}\s+\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$`)
)

// orgSuffixes end the names of issuing bodies.
var orgSuffixes = []string{
	"人民政府", "政府", "委员会", "常委会", "办公厅", "办公室", "管委会", "领导小组", "部", "局", "厅",
	"委", "办", "院", "署", "会", "中心", "总队", "党委", "党组", "团委", "工会", "联合会", "银行",
}

// isOrgName reports whether s reads as the name of an issuing body: Chinese characters
// only (with parentheses), a plausible length, ending in an organisational suffix.
func isOrgName(s string) bool {
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 40 || strings.Contains(s, "关于") {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && !strings.ContainsRune("（）()·", r) {
			return false
		}
	}
	for _, suf := range orgSuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// orgLine returns the issuers on a line made only of organisation names separated by
// blanks (the signature block of a joint document).
func orgLine(line string) ([]string, bool) {
	fields := strings.FieldsFunc(line, isSpaceLike)
	if len(fields) == 0 {
		return nil, false
	}
	for _, f := range fields {
		if !isOrgName(f) {
			return nil, false
		}
	}
	return fields, true
}

// isAddressee reports the line that lists a notice's recipients: "各县（区）人民政府，…：".
func isAddressee(line string) bool {
	s := strings.TrimRightFunc(line, isSpaceLike)
	if !strings.HasSuffix(s, "：") && !strings.HasSuffix(s, ":") {
		return false
	}
	n := utf8.RuneCountInString(s)
	return n < 300 && (strings.HasPrefix(s, "各") || strings.ContainsAny(s, "、，,"))
}

// titleish is a line that can be (part of) a title: short, not a sentence, not a list.
func titleish(line string) bool {
	n := utf8.RuneCountInString(line)
	if n < 2 || n > 80 || strings.Contains(line, "\t") {
		return false
	}
	if strings.ContainsAny(line, "。；;") || strings.HasPrefix(line, "——") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	if strings.ContainsRune("，,、：:", last) {
		return false
	}
	if _, ok := dateLine(line); ok {
		return false
	}
	return !reDocNo.MatchString(squeeze(line))
}

// header is what the lines before the body say about the document.
type header struct {
	title       string
	titleHint   string // a title named in 《》 by the cover notice or by page metadata
	noticeTitle string
	issuers     []string
	titleIssuer string // the issuer that prefixes the title: "南昌市人民政府关于…"
	docNumber   string
	date        string
	start       int // first line of the body (the preamble, or the first heading)
	end         int // one past the last line of the body (before a closing signature)
	hasTitle    bool
}

// readHeader reads the cover notice, 发文字号, issuers, date and title from the lines
// before the first heading, and the signature from the last lines. firstHeading is the
// index of the first heading line, or len(lines).
func readHeader(lines []string, firstHeading int, hints map[string]string) header {
	h := header{end: len(lines)}
	region := lines[:firstHeading]
	// With no headings, only the top of the document can be header.
	if firstHeading == len(lines) && len(region) > 30 {
		region = region[:30]
	}
	consumed := make([]bool, len(region))
	last := -1
	cover := false
	addIssuers := func(names ...string) {
		for _, n := range names {
			if !contains(h.issuers, n) {
				h.issuers = append(h.issuers, n)
			}
		}
	}
	stop := false
	for i, line := range region {
		if stop {
			break
		}
		s := squeeze(line)
		switch {
		case reDocNo.MatchString(s):
			if h.docNumber == "" {
				h.docNumber = strings.ReplaceAll(s, " ", "")
			}
		case reNoticeFwd.MatchString(compact(s)):
			m := reNoticeFwd.FindStringSubmatch(tidyTitle(s))
			h.noticeTitle = tidyTitle(s)
			cover = true
			if g := reGuillemet.FindStringSubmatch(m[2]); g != nil {
				h.titleHint = tidyTitle(g[1])
			} else {
				h.titleHint = tidyTitle(m[2])
			}
			if names, ok := orgLine(m[1]); ok {
				addIssuers(names...)
			}
		case isAddressee(s):
		case reNoticeBody.MatchString(s):
			cover = true
			if g := reGuillemet.FindStringSubmatch(s); g != nil && h.titleHint == "" {
				h.titleHint = tidyTitle(g[1])
			}
		default:
			if d, ok := dateLine(s); ok {
				if h.date == "" {
					h.date = d
				}
				break
			}
			if names, ok := orgLine(s); ok {
				addIssuers(names...)
				break
			}
			if !titleish(s) && !rePeriod.MatchString(s) {
				// Prose: the text has begun, and a date or issuer below it is a
				// signature, read from the end of the document.
				stop = true
			}
			continue
		}
		consumed[i] = true
		last = i
	}

	// The title is the run of title-like lines right after the cover notice and its
	// signature; failing that, the last such run before them (a page that prints its
	// title, then a date line, then the text).
	start := last + 1
	run := titleRun(region, start, consumed)
	if len(run) == 0 && last >= 0 {
		for i := last - 1; i >= 0; i-- {
			if consumed[i] || !titleish(region[i]) {
				continue
			}
			j := i
			for j > 0 && !consumed[j-1] && titleish(region[j-1]) {
				j--
			}
			run = region[j : i+1]
			break
		}
	} else {
		start += len(run)
	}
	if len(run) > 0 {
		h.title = tidyTitle(strings.Join(run, " "))
		h.hasTitle = true
	}
	if h.titleHint != "" && (h.title == "" || sameTitle(h.title, h.titleHint)) {
		// The notice types the title properly (full-width brackets, no stray breaks).
		h.title = h.titleHint
		h.hasTitle = true
	}
	if h.title == "" && hints["title"] != "" {
		h.title = tidyTitle(hints["title"])
	}
	if h.title == "" && h.noticeTitle != "" {
		h.title = h.noticeTitle
	}
	if i := strings.Index(h.title, "关于"); i > 0 {
		prefix := h.title[:i]
		if names, ok := orgLine(prefix); ok {
			h.titleIssuer = strings.Join(names, " ")
		}
	}
	// Without a cover notice, what precedes the title is not header but text only when
	// no title was found at all (a fragment).
	if !h.hasTitle && !cover && last < 0 {
		start = 0
	}
	h.start = start

	// A closing signature: issuer lines and a date at the end of the document.
	h.end = len(lines)
	for k := 0; k < 6 && h.end > h.start; k++ {
		s := squeeze(lines[h.end-1])
		if d, ok := dateLine(s); ok {
			if h.date == "" {
				h.date = d
			}
			h.end--
			continue
		}
		if names, ok := orgLine(s); ok && h.end < len(lines) {
			addIssuers(names...)
			h.end--
			continue
		}
		break
	}

	for _, key := range []string{"发文字号", "文号"} {
		if h.docNumber == "" && hints[key] != "" && reDocNo.MatchString(squeeze(hints[key])) {
			h.docNumber = compact(hints[key])
		}
	}
	for _, key := range []string{"成文日期", "发文日期", "发布日期", "生成日期", "发布时间"} {
		if h.date == "" {
			if d, _, ok := findDate(hints[key]); ok {
				h.date = d
			}
		}
	}
	if len(h.issuers) == 0 && h.titleIssuer != "" {
		addIssuers(strings.Fields(h.titleIssuer)...)
	}
	if len(h.issuers) == 0 {
		for _, key := range []string{"发文机关", "发文机构", "发布机构", "发文单位"} {
			addIssuers(splitIssuerHint(hints[key])...)
		}
	}
	return h
}

// titleRun is the run of title-like lines starting at i, with a period line such as
// "(2020—2023 年)" that follows it.
func titleRun(lines []string, i int, consumed []bool) []string {
	j := i
	for j < len(lines) && !consumed[j] && (titleish(lines[j]) || (j > i && rePeriod.MatchString(squeeze(lines[j])))) {
		j++
		if j-i >= 4 {
			break
		}
	}
	return lines[i:j]
}

// sameTitle compares titles ignoring blanks and character width.
func sameTitle(a, b string) bool {
	return foldCompact(a) == foldCompact(b)
}

func foldCompact(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpaceLike(r) {
			return -1
		}
		switch r {
		case '（':
			return '('
		case '）':
			return ')'
		case '－', '–', '~', '～':
			return '-'
		}
		return r
	}, s)
}

// splitIssuerHint splits a 发文机构 value: "教育部 国家发展改革委", "教育部、财政部", and drops
// the "等九部门" abbreviation, keeping the named body.
func splitIssuerHint(s string) []string {
	s = regexp.MustCompile(`等[一二三四五六七八九十\d]+(个)?(部门|单位)$`).ReplaceAllString(strings.TrimSpace(s), "")
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return isSpaceLike(r) || strings.ContainsRune("、，,；;", r) }) {
		if isOrgName(f) {
			out = append(out, f)
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}
