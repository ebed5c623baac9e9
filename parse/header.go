package parse

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	// 发文字号: 教职成〔2020〕7号, 国办发〔2021〕1号, 綦教〔2023〕17号, 赣府发﹝2020﹞16号.
	reDocNo = regexp.MustCompile(`^\p{Han}{1,14}\s*[〔\[［(（﹝【]\s*\d{4}\s*[〕\]］)）﹞】]\s*\d{1,4}\s*号$`)
	// 批转 is a government forwarding, with its approval, what one of its departments wrote.
	reNoticeFwd = regexp.MustCompile(`^(.*?)(印发|转发|批转|下发|颁布|发布|公布)(.+?)的(?:通知|通告|公告|决定|函)$`)
	reGuillemet = regexp.MustCompile(`《([^《》]+)》`)
	rePeriod    = regexp.MustCompile(`^[（(]\s*\d{4}\s*[—–\-－~～至到]+\s*\d{4}\s*年?\s*[）)]$`)
	// Phrases only a cover notice uses.
	reNoticeBody = regexp.MustCompile(`印发给你们|印发你们|转发给你们|批转给你们|(?:现予以?|现|特|予以)(?:印发|转发|批转|公布|发布|下发)|特此通知|特此函告|请认真贯彻|请遵照执行|请认真执行|请认真按照执行|请结合实际|请认真组织实施|请认真抓好落实|请抓好贯彻落实|请按照执行|现将.{0,60}(印发|转发)`)
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
		if !unicode.Is(unicode.Han, r) && !strings.ContainsRune("（）()·“”", r) {
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

// isAddressee reports the line that lists a notice's recipients: "各县（区）人民政府，…：",
// "省有关单位：", "区政府各有关单位：".
func isAddressee(line string) bool {
	s := strings.TrimRightFunc(line, isSpaceLike)
	if !strings.HasSuffix(s, "：") && !strings.HasSuffix(s, ":") {
		return false
	}
	n := utf8.RuneCountInString(s)
	// An opening paragraph also ends with a colon ("…，现提出以下意见："): an addressee
	// is a list of short names, without sentences.
	if n >= 300 || strings.ContainsAny(s, "。；;！？") || reLeadIn.MatchString(s) {
		return false
	}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,", r) }) {
		if utf8.RuneCountInString(part) > 40 {
			return false
		}
	}
	if strings.HasPrefix(s, "各") || strings.ContainsAny(s, "、，,") {
		return true
	}
	return n <= 30 && !strings.ContainsAny(s, "。；") && reRecipient.MatchString(s)
}

// reLeadIn is the end of an opening sentence that announces the text.
var reLeadIn = regexp.MustCompile(`如下|以下|现就|现提出|特制定|为此|通知如下`)

// reRecipient names the kinds of bodies a notice is sent to.
var reRecipient = regexp.MustCompile(`(单位|部门|机构|政府|委员会|局|厅|委|办|院|公司|学校)[：:]$`)

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
	titleHint   string   // a title named in 《》 by the cover notice or by page metadata
	coverTitles []string // every title the cover notice names in 《》, in order
	noticeTitle string
	notice      []string // the cover notice's own text
	issuers     []string
	titleIssuer string // the issuer that prefixes the title: "南昌市人民政府关于…"
	docNumber   string
	date        string
	extra       map[string]string // header lines that are metadata of no field (（2020年）)
	history     []string          // the events of a note of adoption under the title, one each
	start       int               // first line of the body (the preamble, or the first heading)
	end         int               // one past the last line of the body (before a closing signature)
	hasTitle    bool
	signed      bool // the issuers come from a signature
}

var (
	// A masthead: "发展改革委办公厅 文件", "中共某某市委 某某市人民政府 文件".
	reMasthead = regexp.MustCompile(`^(.+?)\s*文\s*件$`)
	// A government order's masthead and number: "广东省人民政府令", "（第290号）".
	reOrderHead = regexp.MustCompile(`^(\p{Han}{2,30}?)令$`)
	reOrderNum  = regexp.MustCompile(`^[（(]?\s*第\s*(\d{1,4})\s*号\s*[）)]?$`)
	// The signer of an order: "省长　马兴瑞", "市长 危伟汉".
	reSigner = regexp.MustCompile(`^(省长|市长|县长|区长|州长|盟长|旗长|主席|主任|部长|局长|署长|总理|书记|院长)\s*\p{Han}{2,4}$`)
	// A table of contents starts: "目 录".
	reTOC = regexp.MustCompile(`^目录$`)
	// A note of adoption under a title, the text's history as law databases and
	// government sites print it: "（2004年6月16日国务院第54次常务会议修订通过）",
	// "（2021年9月29日…会议通过　根据2023年…《关于修改…的决定》修正）". adoptionRun also
	// wants a date in it.
	reAdoption = regexp.MustCompile(`^[（(][^。]*(通过|修订|修正|发布|公布|施行|批准)[^。]*[）)]$`)
	// A year in brackets under a title: "（2020年）".
	reYearLine = regexp.MustCompile(`^[（(]\s*\d{4}\s*年?\s*[）)]$`)
)

// docNumberOf reads a 发文字号 line, with or without brackets around it.
func docNumberOf(s string) (string, bool) {
	c := compact(s)
	for _, p := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if strings.HasPrefix(c, p[0]) && strings.HasSuffix(c, p[1]) {
			c = strings.TrimSuffix(strings.TrimPrefix(c, p[0]), p[1])
		}
	}
	if reDocNo.MatchString(c) {
		return c, true
	}
	return "", false
}

// noticeLine reports the title of a cover notice: "…关于印发《X》的通知", "…印发X的函",
// "…转发…请示的通知", "…批转区文化局《…》的通知"; it returns the issuers that prefix it and the enclosed title.
func noticeLine(s string) (prefix, enclosed string, ok bool) {
	m := reNoticeFwd.FindStringSubmatch(compact(s))
	if m == nil {
		return "", "", false
	}
	verb, obj := m[2], m[3]
	g := reGuillemet.FindStringSubmatch(obj)
	// 发布/公布/下发 wrap a document only when they name it in 《》: "关于公布…名单的通知"
	// is itself the document.
	if verb != "印发" && verb != "转发" && verb != "批转" && g == nil {
		return "", "", false
	}
	if g != nil {
		obj = g[1]
	}
	return strings.TrimSuffix(m[1], "关于"), obj, true
}

// readHeader reads the cover notice, 发文字号, issuers, date and title from the lines
// before the first heading, and the signature from the last lines. firstHeading is the
// index of the first heading line, or len(lines).
func readHeader(lines []string, firstHeading int, hints map[string]string) header {
	h := header{end: len(lines), extra: map[string]string{}}
	region := lines[:firstHeading]
	// With no headings, only the top of the document can be header.
	if firstHeading == len(lines) && len(region) > 30 {
		region = region[:30]
	}
	consumed := make([]bool, len(region))
	last := -1
	cover := false
	var masthead, signers []string
	addTo := func(list *[]string, names ...string) {
		for _, n := range names {
			if !contains(*list, n) {
				*list = append(*list, n)
			}
		}
	}
	stop := false
	for i := 0; i < len(region) && !stop; i++ {
		s := squeeze(region[i])
		// A notice title broken over several lines is read whole.
		if prefix, enclosed, n, ok := noticeRun(region, i, consumed); ok {
			h.noticeTitle = tidyTitle(strings.Join(region[i:i+n], ""))
			h.titleHint = tidyTitle(enclosed)
			cover = true
			if names, ok := orgLine(prefix); ok {
				addTo(&masthead, names...)
			}
			for k := i; k < i+n; k++ {
				consumed[k] = true
			}
			last = i + n - 1
			i += n - 1
			continue
		}
		// A note of adoption under the title, on one line or several.
		if n := adoptionRun(region, i); n > 0 {
			note := squeeze(strings.Join(region[i:i+n], ""))
			h.extra["题注"] = note
			h.history = splitEvents(strings.TrimRight(strings.TrimLeft(note, "（("), "）)"))
			for k := i; k < i+n; k++ {
				consumed[k] = true
			}
			last = i + n - 1
			i += n - 1
			continue
		}
		switch {
		case h.docNumber == "" && func() bool { _, ok := docNumberOf(s); return ok }():
			h.docNumber, _ = docNumberOf(s)
		case reOrderNum.MatchString(compact(s)) && i > 0 && reOrderHead.MatchString(compact(region[i-1])):
			m := reOrderNum.FindStringSubmatch(compact(s))
			h.docNumber = compact(region[i-1]) + "第" + m[1] + "号"
		case reOrderHead.MatchString(compact(s)) && isOrgName(reOrderHead.FindStringSubmatch(compact(s))[1]):
			addTo(&masthead, reOrderHead.FindStringSubmatch(compact(s))[1])
		case reMasthead.MatchString(s) && func() bool { _, ok := orgLine(reMasthead.FindStringSubmatch(s)[1]); return ok }():
			names, _ := orgLine(reMasthead.FindStringSubmatch(s)[1])
			addTo(&masthead, names...)
			h.extra["版头"] = s
		case isAddressee(s):
			h.extra["主送"] = joinField(h.extra["主送"], s)
		case reNoticeBody.MatchString(s):
			cover = true
			h.notice = append(h.notice, s)
			for _, g := range reGuillemet.FindAllStringSubmatch(s, -1) {
				if t := tidyTitle(g[1]); isDocTitle(t) {
					addTo(&h.coverTitles, t)
				}
			}
			if len(h.coverTitles) > 0 && h.titleHint == "" {
				h.titleHint = h.coverTitles[0]
			}
		case reSigner.MatchString(s):
			h.notice = append(h.notice, s)
		case reYearLine.MatchString(s):
			h.extra["年度"] = s
		default:
			if d, ok := dateLine(s); ok {
				if h.date == "" {
					h.date = d
				}
				break
			}
			if names, ok := orgLine(s); ok && !titleIssuerLine(region, i) {
				if cover || h.docNumber != "" {
					addTo(&signers, names...)
				} else {
					addTo(&masthead, names...)
				}
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
		// A request or report carries its addressee under its title ("国务院：").
		for start < len(lines) && start < firstHeading && isBareAddressee(squeeze(lines[start])) {
			h.extra["主送"] = joinField(h.extra["主送"], squeeze(lines[start]))
			start++
		}
	}
	if h.titleHint != "" && (h.title == "" || sameTitle(h.title, h.titleHint)) {
		// The notice types the title properly (full-width brackets, no stray breaks).
		h.title = h.titleHint
		h.hasTitle = true
	}
	c := canonicalHints(hints)
	if c.title == "" && h.title == "" {
		// Last resort: the page's <title>, without the site's name after it.
		c.title = pageTitle(hints["page_title"])
	}
	if c.title != "" {
		if _, enclosed, ok := noticeLine(c.title); ok {
			// The page's title field names the cover notice.
			if h.noticeTitle == "" {
				h.noticeTitle = c.title
			}
			if h.title == "" || sameTitle(h.title, c.title) {
				h.title = tidyTitle(enclosed)
			}
		} else if h.title == "" {
			h.title = c.title
		}
	}
	if h.title == "" && h.noticeTitle != "" {
		h.title = h.noticeTitle
	}
	// A 文号 glued to a title ("…的通知（国办发〔2019〕3号）", "…的通知国办发〔2019〕3号") is
	// the document number, not part of the title.
	for _, t := range []*string{&h.title, &h.noticeTitle} {
		if m := reTitleDocNo.FindStringSubmatchIndex(*t); m != nil && m[0] > 0 {
			if h.docNumber == "" {
				h.docNumber = compact((*t)[m[2]:m[3]])
			}
			*t = strings.TrimSpace((*t)[:m[0]])
		}
	}
	if sameTitle(h.title, h.noticeTitle) {
		h.noticeTitle = "" // a notice that is the document itself wraps nothing
	}
	for _, t := range []string{h.title, h.noticeTitle} {
		if i := strings.Index(t, "关于"); i > 0 && h.titleIssuer == "" {
			if names, ok := orgLine(t[:i]); ok {
				h.titleIssuer = strings.Join(names, " ")
			}
		}
		if h.titleIssuer == "" && h.noticeTitle != "" && t == h.noticeTitle {
			if prefix, _, ok := noticeLine(t); ok {
				if names, ok := orgLine(prefix); ok {
					h.titleIssuer = strings.Join(names, " ")
				}
			}
		}
	}
	// Without a cover notice, what precedes the title is not header but text only when
	// no title was found at all (a fragment).
	if !h.hasTitle && !cover && last < 0 {
		start = 0
	}
	h.start = start

	// A closing signature: issuer lines and a date at the end of the document, read
	// upwards and kept in reading order.
	h.end = len(lines)
	var closing []string
	for k := 0; k < 12 && h.end > h.start; k++ {
		s := squeeze(lines[h.end-1])
		if d, ok := dateLine(s); ok {
			if h.date == "" {
				h.date = d
			}
			h.end--
			continue
		}
		if names, ok := orgLine(s); ok && h.end < len(lines) {
			closing = append(append([]string(nil), names...), closing...)
			h.end--
			continue
		}
		break
	}
	addTo(&signers, closing...)

	if h.docNumber == "" && c.docNumber != "" {
		h.docNumber = c.docNumber
	}
	if c.date != "" {
		h.date = c.date // the page's 成文日期 is the signing date as recorded
	}
	h.signed = len(signers) > 0
	// The note of adoption is read as a law's info lines are (the adopting body, the
	// order that published it, the date of the latest event) for what the rest of
	// the header does not say. A metadata block that records when the text was
	// published or put in force, but no 成文日期, leaves the date open: a meeting's
	// date is not taken for a signing date.
	var hist header
	readInfo(&hist, h.history)
	if h.date == "" && c.published == "" && c.effective == "" {
		h.date = hist.date
	}
	if h.docNumber == "" {
		h.docNumber = hist.docNumber
	}
	switch {
	case len(signers) > 0:
		h.issuers = signers
	case len(masthead) > 0:
		h.issuers = masthead
	case h.titleIssuer != "":
		h.issuers = strings.Fields(h.titleIssuer)
	default:
		h.issuers = splitIssuerHint(c.issuer)
	}
	if len(h.issuers) == 0 {
		h.issuers = hist.issuers
	}
	return h
}

// fullIssuers gives the issuers' names as the titles spell them when the names read
// from a signature shorten them: a signature says "市交通委 市公安局" under the title
// "上海市交通委员会 上海市公安局关于印发…的通知", and only the full names say which place
// issued the document. Names the titles do not expand are kept as they are.
func fullIssuers(issuers []string, titles ...string) []string {
	for _, t := range titles {
		prefix := ""
		if p, _, ok := noticeLine(t); ok {
			prefix = p
		} else if i := strings.Index(t, "关于"); i > 0 {
			prefix = t[:i]
		}
		if names, ok := expandSigners(issuers, compact(prefix)); ok {
			return names
		}
	}
	return issuers
}

// expandSigners splits full, the issuers' names as a title prints them run together,
// into one name for each signer, each of which the signer abbreviates (see
// abbreviates); it fails unless every signer finds its name, in order. Each name is
// taken as long as the rest can still be split.
func expandSigners(signers []string, full string) ([]string, bool) {
	if full == "" || len(signers) > 4 {
		return nil, false
	}
	var split func(rest []rune, k int) []string
	split = func(rest []rune, k int) []string {
		if k == len(signers) {
			if len(rest) == 0 {
				return []string{}
			}
			return nil
		}
		// Longest first: "上海市交通委员会上海市公安局" is not split after "上海市交通委".
		for n := len(rest); n >= 2; n-- {
			name := string(rest[:n])
			if !isOrgName(name) || !abbreviates(signers[k], name) {
				continue
			}
			if tail := split(rest[n:], k+1); tail != nil {
				return append([]string{name}, tail...)
			}
		}
		return nil
	}
	names := split([]rune(full), 0)
	if names == nil {
		return nil, false
	}
	return names, true
}

// abbreviates reports whether short is full or a shortened form of it: its characters
// appear in full in order ("市交通委" in "上海市交通委员会", "柘林镇人民政府" in
// "上海市奉贤区柘林镇人民政府"), and it ends inside full's organisational suffix, so that
// a body is not taken for its own office ("国务院" does not shorten "国务院办公厅").
func abbreviates(short, full string) bool {
	if short == full {
		return true
	}
	s, f := []rune(short), []rune(full)
	if len(s) < 2 || len(s) >= len(f) {
		return false
	}
	j := 0
	for _, r := range f {
		if j < len(s) && r == s[j] {
			j++
		}
	}
	if j < len(s) {
		return false
	}
	suffix := ""
	for _, suf := range orgSuffixes {
		if strings.HasSuffix(full, suf) && len(suf) > len(suffix) {
			suffix = suf
		}
	}
	return suffix != "" && strings.ContainsRune(suffix, s[len(s)-1])
}

// reTitleDocNo is a 文号 at the end of a title, bracketed or not.
var reTitleDocNo = regexp.MustCompile(`[（(]?\s*(\p{Han}{1,14}\s*[〔\[［﹝【]\s*\d{4}\s*[〕\]］﹞】]\s*\d{1,4}\s*号)\s*[）)]?$`)

// noticeRun finds a cover notice's title starting at line i, on one line or broken
// over up to four; it returns the issuers before it, the enclosed title and the
// number of lines.
func noticeRun(lines []string, i int, consumed []bool) (prefix, enclosed string, n int, ok bool) {
	joined := ""
	for k := i; k < len(lines) && k < i+4 && !consumed[k]; k++ {
		l := squeeze(lines[k])
		if utf8.RuneCountInString(l) > 160 || strings.ContainsAny(l, "。；：:") {
			break
		}
		if _, isNo := docNumberOf(l); isNo {
			break
		}
		if _, isDate := dateLine(l); isDate {
			break
		}
		joined += compact(l)
		if p, e, ok := noticeLine(joined); ok {
			return p, e, k - i + 1, true
		}
	}
	return "", "", 0, false
}

// adoptionRun is the number of lines of a bracketed note of adoption starting at i
// ("（二○○四年六月十六日国务院" / "第54次常务会议修订通过）"), or 0.
func adoptionRun(lines []string, i int) int {
	if !strings.HasPrefix(compact(lines[i]), "（") && !strings.HasPrefix(compact(lines[i]), "(") {
		return 0
	}
	joined := ""
	for k := i; k < len(lines) && k < i+3; k++ {
		joined += compact(lines[k])
		if reAdoption.MatchString(joined) {
			if _, _, ok := findDate(joined); ok {
				return k - i + 1
			}
			return 0
		}
		if strings.ContainsAny(joined, "）)") {
			break
		}
	}
	return 0
}

// titleIssuerLine reports an issuer printed on the line above the rest of its
// document's title ("某市人民政府" / "关于加强耕地保护工作的意见"): it is the start of the
// title, not a masthead or a signature.
func titleIssuerLine(lines []string, i int) bool {
	if i+1 >= len(lines) {
		return false
	}
	next := squeeze(lines[i+1])
	return strings.HasPrefix(next, "关于") && titleish(next) && DocType(tidyTitle(next)) != ""
}

// isBareAddressee is the addressee of a request or report: "国务院：", "市政府：".
func isBareAddressee(s string) bool {
	s = strings.TrimRightFunc(s, isSpaceLike)
	if !strings.HasSuffix(s, "：") && !strings.HasSuffix(s, ":") {
		return false
	}
	return isAddressee(s) || isOrgName(strings.TrimRight(s, "：:"))
}

// isDocTitle reports a 《》 name that is a document of its own rather than a law it
// cites: its ending names a form of document.
func isDocTitle(t string) bool {
	return DocType(t) != "" && utf8.RuneCountInString(t) >= 4
}

// titleRun is the run of title-like lines starting at i, with a period line such as
// "(2020—2023 年)" that follows it.
func titleRun(lines []string, i int, consumed []bool) []string {
	j := i
	for j < len(lines) && !consumed[j] && !reTOC.MatchString(compact(lines[j])) && adoptionRun(lines, j) == 0 &&
		(titleish(lines[j]) || (j > i && rePeriod.MatchString(squeeze(lines[j])))) {
		j++
		if j-i >= 4 {
			break
		}
		// A title ends with the form of the document (…的意见, …实施方案), save for a
		// period line after it: the line after that is text, not more title.
		if DocType(tidyTitle(strings.Join(lines[i:j], ""))) != "" && (j >= len(lines) || !rePeriod.MatchString(squeeze(lines[j]))) {
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
		case '－', '–', '—', '~', '～':
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

var rePageTitleSep = regexp.MustCompile(`\s*(?:_|\||｜|\s-\s|\s—\s|——)\s*`)

// pageTitle is a page's <title> without the site and column names CMSs append to it
// ("X_政策文件_某市人民政府", "X - 某县人民政府门户网站").
func pageTitle(s string) string {
	for _, part := range rePageTitleSep.Split(strings.TrimSpace(s), -1) {
		if utf8.RuneCountInString(part) >= 6 {
			return tidyTitle(part)
		}
	}
	return ""
}
