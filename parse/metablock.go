package parse

import (
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"policysearch"
)

// Documents reach the parser wrapped in the metadata of whoever published or
// collected them: the gov.cn 信息公开 table, a 北大法宝 export's 【法宝引证码】 header, a
// crawler's Markdown header (**发布日期**: …, - **发布机构**：…), a YAML front matter,
// "来源：… 发布时间：…" lines on a page. metaBlocks takes those lines out of the text and
// returns the pairs they state by their own labels; canonicalHints maps the labels onto
// the fields of the data model. The pairs that name no field are kept as
// Document.Fields, so nothing the source states is lost.

// metaFieldOf maps the labels of metadata blocks to the fields they fill.
var metaFieldOf = map[string]string{
	"标题": "title", "信息名称": "title", "文件名称": "title", "名称": "title", "题名": "title", "文章标题": "title", "法规标题": "title",
	"发文机关": "issuer", "发文机构": "issuer", "发布机构": "issuer", "发文单位": "issuer", "发布单位": "issuer",
	"发布部门": "issuer", "制定机关": "issuer", "颁布机关": "issuer", "发布机关": "issuer", "制发机关": "issuer",
	"发文字号": "doc_number", "文号": "doc_number", "文件编号": "doc_number", "发文号": "doc_number", "文件字号": "doc_number",
	"成文日期": "date", "发文日期": "date", "签发日期": "date", "印发日期": "date", "签署日期": "date", "制发日期": "date",
	"发布日期": "published", "发布时间": "published", "公布日期": "published", "公开日期": "published",
	"颁布日期": "published", "生成日期": "published", "公开时间": "published",
	"实施日期": "effective", "施行日期": "effective", "生效日期": "effective",
}

// furnitureKeys are page furniture, not metadata of the document: they are dropped.
var furnitureKeys = map[string]bool{
	"浏览次数": true, "点击数": true, "阅读次数": true, "访问次数": true, "字号": true, "分享到": true,
	"当前位置": true, "编辑": true, "责任编辑": true, "作者": true, "发布者": true, "发布人": true,
	"检索时间": true, "检索关键词": true, "更新时间": true, "page_title": true, "title": true,
}

var (
	// 北大法宝 fields: 【法宝引证码】CLI.12.4638041, 【发布部门】…, 【时效性】现行有效.
	reBracketKV = regexp.MustCompile(`^【([\p{Han}]{2,8})】\s*(.*)$`)
	// Crawler Markdown: **发布日期**: 2025-07-28, - **发布机构**：工业和信息化部.
	reMDKV = regexp.MustCompile(`^(?:[-*+]\s+)?\*\*([^*]{1,12})\*\*\s*[:：]\s*(.*)$`)
	// YAML: 标题: …
	reYAMLKV = regexp.MustCompile(`^([^\s:：][^:：]{0,15})\s*[:：]\s*(.*)$`)
	// A link line of a list: - [name.pdf](url) (12 KB)
	reLinkItem = regexp.MustCompile(`^[-*+]\s*\[([^\]]*)\]\([^)]*\)\s*(?:[（(][^）)]*[）)])?$`)
	// A bare URL line and key：URL lines (原文链接：https://…).
	reURLLine = regexp.MustCompile(`^(?:([\p{Han}]{2,6})\s*[:：]\s*)?(?:https?://|www\.)\S+$`)
	reRule    = regexp.MustCompile(`^(-{2,}|\*{3,}|_{3,}|={3,})$`)
)

// crawlerKeys are labels only collectors and databases write; their presence marks a
// line as a metadata line even where it is not in metaFieldOf.
var crawlerKeys = map[string]bool{
	"原文链接": true, "官方链接": true, "来源": true, "信息来源": true, "分类": true, "文档类型": true,
	"检索时间": true, "检索关键词": true, "更新时间": true, "附件": true, "层级": true, "类型": true,
	"状态": true, "时效性": true, "效力级别": true, "法规类别": true, "法宝引证码": true, "索引号": true,
	"主题分类": true, "主题词": true, "关键词": true, "有效性": true, "失效日期": true,
}

// genericHeadings are Markdown headings collectors put around a document, which name
// no part of it: ### 基本信息, ## 政策全文.
var genericHeadings = map[string]bool{
	"基本信息": true, "政策全文": true, "正文": true, "全文": true, "文件信息": true, "政策原文": true,
	"原文": true, "元数据": true, "文件全文": true,
}

func isMetaKey(k string) bool {
	_, ok := metaFieldOf[k]
	return ok || crawlerKeys[k]
}

// metaBlocks removes the metadata blocks of a text or Markdown source and returns the
// remaining lines and the pairs the blocks state. Lines are raw (before cleanLine).
func metaBlocks(lines []string) ([]string, map[string]string) {
	hints := map[string]string{}
	set := func(k, v string) {
		k = compact(k)
		v = strings.TrimSpace(v)
		if v == "" || hints[k] != "" {
			return
		}
		hints[k] = v
	}
	start := 0
	for start < len(lines) && trimSpaceLike(lines[start]) == "" {
		start++
	}
	var out []string
	// A YAML front matter: --- key: value … ---
	if start < len(lines) && trimSpaceLike(lines[start]) == "---" {
		for j := start + 1; j < len(lines) && j < start+80; j++ {
			l := trimSpaceLike(lines[j])
			if l == "---" {
				for _, kv := range lines[start+1 : j] {
					if m := reYAMLKV.FindStringSubmatch(trimSpaceLike(kv)); m != nil {
						set(m[1], strings.Trim(m[2], `"'`))
					}
				}
				start = j + 1
				break
			}
			if l != "" && !reYAMLKV.MatchString(l) {
				break // not a front matter
			}
		}
	}
	found := len(hints) > 0
	inLinks := "" // the label of a list of links being read (附件, 原文下载)
	top := true   // before the document's first line of text
	for i := start; i < len(lines); i++ {
		raw := lines[i]
		l := trimSpaceLike(raw)
		if l == "" {
			out = append(out, raw)
			continue
		}
		if m := reBracketKV.FindStringSubmatch(l); m != nil && (isMetaKey(m[1]) || m[2] == "" && (found || top)) {
			found = true
			if m[2] == "" {
				inLinks = m[1] // 【原文下载】, 【相关附件】: a list of links follows
				hints[inLinks] = hints[inLinks]
			} else {
				set(m[1], m[2])
			}
			continue
		}
		if m := reMDKV.FindStringSubmatch(l); m != nil && isMetaKey(compact(m[1])) {
			found = true
			if m[2] == "" {
				inLinks = compact(m[1])
			} else {
				set(m[1], stripMDLink(m[2]))
			}
			continue
		}
		if m := reLinkItem.FindStringSubmatch(l); m != nil && inLinks != "" {
			hints[inLinks] = joinField(hints[inLinks], strings.TrimSpace(reMDLink.ReplaceAllString(strings.TrimLeft(l, "-*+ "), "$1")))
			continue
		}
		inLinks = ""
		if m := reURLLine.FindStringSubmatch(l); m != nil && (m[1] == "" || isMetaKey(m[1]) || strings.HasSuffix(m[1], "链接")) {
			key := m[1]
			if key == "" {
				key = "链接"
			}
			set(key, strings.TrimSpace(l[strings.Index(l, strings.TrimSpace(stripLabel(l))):]))
			found = true
			continue
		}
		if found && reRule.MatchString(l) {
			continue
		}
		if h := strings.TrimLeft(l, "#"); h != l && genericHeadings[strings.TrimSpace(h)] {
			continue
		}
		// A quoted note of the collector before the document ("> 本文正文由脚本…").
		if top && found && strings.HasPrefix(l, ">") {
			hints["说明"] = joinField(hints["说明"], reMDLink.ReplaceAllString(strings.TrimSpace(strings.TrimLeft(l, "> ")), "$1"))
			continue
		}
		top = false
		out = append(out, raw)
	}
	return out, hints
}

func stripLabel(l string) string {
	if i := strings.IndexAny(l, ":："); i >= 0 && !strings.HasPrefix(l, "http") && !strings.HasPrefix(l, "www") {
		return l[i+utf8.RuneLen([]rune(l[i:])[0]):]
	}
	return l
}

var reMDLinkText = regexp.MustCompile(`^\[([^\]]*)\]\(([^)]*)\)$`)

// stripMDLink reads "[text](url)" as its url when the text is the url, else its text.
func stripMDLink(v string) string {
	v = strings.TrimSpace(v)
	if m := reMDLinkText.FindStringSubmatch(v); m != nil {
		if strings.HasPrefix(m[1], "http") {
			return m[1]
		}
		return m[1]
	}
	return v
}

func joinField(a, b string) string {
	if a == "" {
		return b
	}
	return a + "；" + b
}

// canonical is what metadata blocks say about the fields of the data model.
type canonical struct {
	title, issuer, docNumber, date, published, effective string
	fields                                               map[string]string
}

// canonicalHints maps labelled pairs onto fields: the first label of each field
// that holds a usable value wins (a 发布日期 of "2024年1月" is not a date). Pairs that
// name no field and are not page furniture are kept by their labels.
func canonicalHints(h map[string]string) canonical {
	var c canonical
	c.fields = map[string]string{}
	// Labels in a stable order, so the same page always gives the same fields.
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := strings.TrimSpace(h[k])
		if v == "" {
			continue
		}
		switch metaFieldOf[k] {
		case "title":
			if c.title == "" {
				c.title = tidyTitle(v)
			}
		case "issuer":
			if c.issuer == "" {
				c.issuer = v
			}
		case "doc_number":
			if c.docNumber == "" && reDocNoInline.MatchString(compact(v)) {
				c.docNumber = compact(v)
			}
		case "date", "published", "effective":
			d, _, ok := findDate(v)
			if !ok {
				c.fields[k] = v // "2024年1月" is not a date, but it is what the page says
				continue
			}
			switch metaFieldOf[k] {
			case "date":
				if c.date == "" {
					c.date = d
				}
			case "published":
				if c.published == "" {
					c.published = d
				}
			default:
				if c.effective == "" {
					c.effective = d
				}
			}
		default:
			if !furnitureKeys[k] && isLabel(k) {
				c.fields[k] = v
			}
		}
	}
	if h["title"] != "" && c.title == "" {
		c.title = tidyTitle(h["title"]) // <meta name="ArticleTitle">
	}
	return c
}

// isLabel is a label of a few Chinese characters.
func isLabel(k string) bool {
	n := 0
	for _, r := range k {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 8
}

// reDocNoInline is a 发文字号 in any of its forms: 国发〔2019〕5号, 广东省人民政府令第290号.
var reDocNoInline = regexp.MustCompile(`^\p{Han}{1,20}[〔\[［(（﹝【]\d{4}[〕\]］)）﹞】]\d{1,4}号$|^\p{Han}{2,20}令第\d{1,4}号$`)

// pageTitleLine takes a collector's "# title" first line out of the text into the
// hints: it is the title of the page the collector saw (often the cover notice's).
func pageTitleLine(raw []string, hints map[string]string) []string {
	for i, l := range raw {
		l = trimSpaceLike(l)
		if l == "" {
			continue
		}
		if strings.HasPrefix(l, "# ") {
			if hints["标题"] == "" {
				hints["标题"] = strings.TrimSpace(strings.TrimPrefix(l, "# "))
			}
			return append(raw[:i:i], raw[i+1:]...)
		}
		break
	}
	return raw
}

// nextDocument starts the next document of a notice that encloses several, when the
// body reaches its title line: the sections of the one before are closed, and the
// new document's title heads the section path of its paragraphs.
func (w *walker) nextDocument(line string) bool {
	if len(w.docTitles) == 0 || !titleish(line) {
		return false
	}
	for i, t := range w.docTitles {
		if sameTitle(line, t) {
			w.endTable()
			w.closePending(false)
			w.stack = []frame{{style: styleMD + 9, text: t}}
			w.moreTitles = append(w.moreTitles, t)
			w.docTitles = w.docTitles[i+1:]
			w.seenHead = false
			return true
		}
	}
	return false
}

// reEffective is the clause that puts a text in force: 本法自2021年1月1日起施行,
// 本条例自公布之日起施行, 本办法（试行）自印发之日起实施. The text names itself (本法, 本办法 …),
// so 本市自…起实施 (a measure of the city) is not it.
var reEffective = regexp.MustCompile(`本(?:法|条例|规定|办法|解释|决定|细则|规则|准则|意见|通知|方案|预案|政策|措施|计划|规划|标准|制度|修正案|实施意见|指导意见|若干措施)(?:[^。；]{0,20}?)(?:自|从)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|印发之日|发布之日|公布之日|颁布之日)\s*起\s*(?:施行|实施|执行|生效)`)

// effectiveClause finds the clause that puts a document in force in its own words
// (cover notice and paragraphs): "本办法自2021年11月25日起施行", "本方案自印发之日起实施"
// (the signing date), "自发布之日起施行" (the publication date). The last clause wins,
// as the closing article states it: earlier ones are quoted. It returns the date, if
// the clause gives one, and the text that holds the clause (where repeals stand).
func effectiveClause(d *policysearch.Document) (date, holder string) {
	texts := []string{d.Notice}
	for _, p := range d.Paragraphs {
		texts = append(texts, p.Text)
	}
	for i := len(texts) - 1; i >= 0; i-- {
		t := texts[i]
		if !strings.Contains(t, "起") {
			continue
		}
		ms := reEffective.FindAllStringSubmatch(t, -1)
		if ms == nil {
			continue
		}
		switch on := ms[len(ms)-1][1]; {
		case strings.HasPrefix(on, "印发"):
			date = d.Date
		case strings.HasPrefix(on, "发布") || strings.HasPrefix(on, "公布") || strings.HasPrefix(on, "颁布"):
			date = d.Published
		default:
			date, _, _ = findDate(on)
		}
		return date, t
	}
	return "", ""
}

// looksMarkdown reports a text that is Markdown: a "# " heading or **bold** label.
func looksMarkdown(lines []string) bool {
	for _, l := range lines {
		l = trimSpaceLike(l)
		if strings.HasPrefix(l, "# ") || strings.HasPrefix(l, "## ") || strings.HasPrefix(l, "**") && strings.Count(l, "**") >= 2 {
			return true
		}
	}
	return false
}

// wideCount counts full-width punctuation and brackets.
func wideCount(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0xFF00 && r <= 0xFFEF || r >= 0x3000 && r <= 0x303F {
			n++
		}
	}
	return n
}

// unusedHints are the pairs of metadata blocks that name a field of the data model but
// whose value the document does not hold (a crawler's 发布机构 that is the website's
// owner, not the issuer): kept by their labels, so what the source says is not lost.
func unusedHints(hints map[string]string, d *policysearch.Document) map[string]string {
	out := map[string]string{}
	for k, v := range hints {
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		used := false
		switch metaFieldOf[k] {
		case "":
			continue
		case "title":
			cv := foldCompact(v)
			used = strings.Contains(foldCompact(d.Title+d.NoticeTitle), cv) || strings.Contains(cv, foldCompact(d.Title))
		case "issuer":
			used = true
			for _, is := range splitIssuerHint(v) {
				used = used && contains(d.Issuers, is)
			}
			used = used && len(splitIssuerHint(v)) > 0
		case "doc_number":
			used = compact(v) == d.DocNumber
		default:
			date, _, ok := findDate(v)
			used = !ok || date == d.Date || date == d.Published || date == d.Effective
		}
		if !used {
			out[k] = v
		}
	}
	return out
}

// metaRow reads a table row of metadata pairs ("索 引 号：\t000014349/2019-00007\t主题分类：
// \t…"): every label cell names a known metadata key, and each is followed by its value.
func metaRow(line string) (map[string]string, bool) {
	cells := splitCells(line)
	out := map[string]string{}
	for i := 0; i < len(cells); i++ {
		if cells[i] == "" {
			continue
		}
		label, ok := metaLabel(cells[i])
		if !ok || !(isMetaKey(label) || furnitureKeys[label] || isChromeKey(label)) {
			return nil, false
		}
		if i+1 < len(cells) {
			out[label] = cells[i+1]
			i++
		}
	}
	return out, len(out) > 0
}

func isChromeKey(k string) bool {
	for _, c := range chromeKeys {
		if c == k {
			return true
		}
	}
	return false
}
