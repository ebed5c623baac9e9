package parse

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	// Word exports bookmarks as "[bookmark: _Toc123]"; several often precede a heading.
	reBookmark = regexp.MustCompile(`\[bookmark:[^\]]*\]`)
	// Pandoc keeps spans as "[text]{.underline}"; the text stays, the attributes go.
	rePandocSpan = regexp.MustCompile(`\[([^\]\[]*)\]\{[^}]*\}`)
	// Markdown emphasis and links, for .md sources.
	reMDLink      = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	reMDEmphasis  = regexp.MustCompile(`(\*\*|__)([^*_]+)(\*\*|__)`)
	reHTMLComment = regexp.MustCompile(`<!--.*?-->`)
)

// isSpaceLike is every rune that prints as blank: ASCII and Unicode spaces, NBSP,
// the ideographic space and the zero-width characters web pages are full of.
func isSpaceLike(r rune) bool {
	return unicode.IsSpace(r) || r == 0xA0 || r == 0x3000 || r == 0x200B || r == 0x200C ||
		r == 0x200D || r == 0xFEFF || r == 0x2060
}

// trimSpaceLike trims every kind of blank from both ends.
func trimSpaceLike(s string) string { return strings.TrimFunc(s, isSpaceLike) }

// cleanLine removes markup artefacts and surrounding blanks from one source line.
// Interior runs of blanks are kept: tabs separate table cells, and a space can matter
// (an issuer list "教育部 国家发展改革委 …").
func cleanLine(s string) string {
	if strings.IndexByte(s, '[') >= 0 {
		s = reBookmark.ReplaceAllString(s, "")
		s = rePandocSpan.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "<!--") {
		s = reHTMLComment.ReplaceAllString(s, "")
	}
	// Control characters other than tab never belong in a paragraph.
	s = strings.Map(func(r rune) rune {
		if r == '\t' {
			return r
		}
		if r == 0x200B || r == 0x200C || r == 0x200D || r == 0xFEFF || r == 0x2060 {
			return -1
		}
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return trimSpaceLike(s)
}

// squeeze collapses every run of blanks (except tabs) into one ASCII space.
func squeeze(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r != '\t' && isSpaceLike(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// compact removes every blank, for comparing lines that differ only in spacing
// (a title typed "职业教育提质培优 行动计划").
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if isSpaceLike(r) {
			return -1
		}
		return r
	}, s)
}

// tidyTitle removes blanks that sit next to a CJK character or full-width punctuation,
// which typesetting leaves in titles, and keeps those between Latin words.
func tidyTitle(s string) string {
	rs := []rune(squeeze(s))
	var b strings.Builder
	for i, r := range rs {
		if r == ' ' && i > 0 && i+1 < len(rs) && (isWide(rs[i-1]) || isWide(rs[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

// isWide is a CJK character or full-width punctuation.
func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF) ||
		r == '“' || r == '”' || r == '‘' || r == '’' || r == '—' || r == '…' || r == '·' ||
		r == '(' || r == ')'
}

// chromeKeys start the key: value lines of web-page furniture and of the gov.cn policy
// library's header table. The value is kept as a metadata hint; the line is dropped.
var chromeKeys = []string{
	"信息名称", "信息索引", "索引号", "生成日期", "成文日期", "发布日期", "发文日期", "发布时间",
	"发文机构", "发文机关", "发布机构", "发文单位", "发文字号", "文号", "信息类别", "主题分类",
	"主题词", "内容概述", "有效性", "公开方式", "公开范围", "信息来源", "来源", "发布者", "发布人",
	"作者", "编辑", "责任编辑", "浏览次数", "点击数", "阅读次数", "访问次数", "字号", "分享到",
	"当前位置", "所属机构", "体裁分类", "组配分类", "服务对象", "实施日期", "失效日期",
}

// chromeWords are bare words of page furniture: print and close links, font-size
// switches, navigation.
var chromeWords = []string{
	"打印本页", "关闭窗口", "打印", "关闭", "收藏", "分享", "扫一扫", "保存本页", "返回顶部",
	"【字体：大 中 小】", "字体：大 中 小", "大 中 小", "上一篇", "下一篇", "相关链接", "附件下载",
	"【打印】", "【关闭】", "[打印本页]", "[关闭窗口]", "[打印]", "[关闭]", "【打印本页】", "【关闭窗口】",
	"在手机上查看", "用手机扫描二维码", "纠错", "我要纠错",
}

var (
	reChromeKV    = regexp.MustCompile(`(` + strings.Join(chromeKeys, "|") + `)\s*[:：]\s*`)
	reChromeStart = regexp.MustCompile(`^(` + strings.Join(chromeKeys, "|") + `)\s*[:：]`)
	// Publicity notes printed under government documents.
	rePublicity = regexp.MustCompile(`^[（(]\s*此件[^）)]{0,12}[）)]$`)
)

// chrome reports whether a line is page furniture, and returns the key: value hints it
// carries (发文字号, 成文日期 …). A line qualifies when it consists only of known keys
// with short values and bare chrome words.
func chrome(line string) (map[string]string, bool) {
	// Furniture is short; a long line is chrome only as a row of key: value pairs.
	if len(line) > 600 || (len(line) > 150 && !reChromeStart.MatchString(line)) {
		return nil, false
	}
	s := squeeze(line)
	if rePublicity.MatchString(s) {
		return map[string]string{"附注": s}, true
	}
	rest := s
	for _, w := range chromeWords {
		if strings.Contains(rest, w) {
			rest = strings.ReplaceAll(rest, w, " ")
		}
	}
	if strings.TrimSpace(rest) == "" {
		return nil, true
	}
	// Only a line that starts with a key can be a key: value line; checking that first
	// keeps the scan off the long lines of body text.
	if !reChromeStart.MatchString(rest) {
		return nil, false
	}
	locs := reChromeKV.FindAllStringSubmatchIndex(rest, -1)
	if len(locs) == 0 || locs[0][0] != 0 {
		return nil, false
	}
	hints := map[string]string{}
	for i, loc := range locs {
		end := len(rest)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		key := rest[loc[2]:loc[3]]
		val := strings.TrimSpace(rest[loc[1]:end])
		// A long value is prose that happens to start like a key ("来源：…"), unless the
		// key is a summary field that is long by nature.
		if len([]rune(val)) > 80 && key != "内容概述" && key != "信息名称" && key != "主题词" {
			return nil, false
		}
		hints[key] = val
	}
	return hints, true
}
