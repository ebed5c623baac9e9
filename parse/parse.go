package parse

import (
	"crypto/sha1"
	"encoding/hex"
	"path"
	"regexp"
	"strconv"
	"strings"

	"policysearch"
)

// MaxFileSize is the largest source file Parse accepts.
const MaxFileSize = 32 << 20

// Format of a source file.
const (
	FormatText     = "text"
	FormatMarkdown = "markdown"
	FormatHTML     = "html"
	FormatDocx     = "docx"
)

// FormatOf names the format of a file from its name and, failing that, its content.
// It returns "" for formats Parse cannot read.
func FormatOf(name string, data []byte) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".txt", ".text":
		return FormatText
	case ".md", ".markdown":
		return FormatMarkdown
	case ".html", ".htm", ".xhtml", ".shtml":
		return FormatHTML
	case ".docx":
		return FormatDocx
	case ".doc", ".pdf", ".wps", ".xls", ".xlsx", ".ppt", ".pptx", ".odt", ".rtf":
		return ""
	}
	head := strings.ToLower(string(data[:min(len(data), 512)]))
	switch {
	case strings.HasPrefix(head, "pk\x03\x04"):
		return FormatDocx
	case strings.Contains(head, "<html") || strings.Contains(head, "<!doctype html") || strings.Contains(head, "<body"):
		return FormatHTML
	}
	return FormatText
}

// Parse reads one source file into a Document. name is the file's name (its extension
// picks the format; it also seeds the document id when meta gives none). meta may be nil.
func Parse(name string, data []byte, meta *Meta) (*policysearch.Document, error) {
	if len(data) > MaxFileSize {
		return nil, policysearch.Errorf(policysearch.ETOOLARGE, "%s is larger than %d MB", path.Base(name), MaxFileSize>>20)
	}
	if meta != nil {
		if err := meta.validate(); err != nil {
			return nil, err
		}
	}
	format := FormatOf(name, data)
	var (
		raw   []string
		hints = map[string]string{}
	)
	switch format {
	case "":
		return nil, policysearch.Errorf(policysearch.EUNSUPPORTED, "%s: only .txt, .md, .html and .docx files can be indexed", path.Base(name))
	case FormatDocx:
		lines, err := docxLines(data)
		if err != nil {
			return nil, err
		}
		raw = lines
	case FormatHTML:
		text, err := decodeText(data)
		if err != nil {
			return nil, err
		}
		lines, h, err := htmlLines([]byte(text))
		if err != nil {
			return nil, policysearch.WrapError(policysearch.EUNSUPPORTED, err, "the HTML cannot be read")
		}
		raw, hints = lines, h
	default:
		text, err := decodeText(data)
		if err != nil {
			return nil, err
		}
		raw = strings.Split(strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text), "\n")
		raw, hints = metaBlocks(raw)
		if format == FormatText && len(hints) > 0 && looksMarkdown(raw) {
			format = FormatMarkdown // a collector's Markdown saved as .txt
		}
		if len(hints) > 0 && format == FormatMarkdown {
			// A collector's Markdown: its "# " line is the page title it saw, a
			// metadata value like the others, not the start of a law's header.
			raw = pageTitleLine(raw, hints)
		}
	}
	doc := build(name, raw, hints, format == FormatMarkdown)
	if meta != nil {
		meta.merge(doc)
	}
	finish(doc, name)
	if len(doc.Paragraphs) == 0 {
		return nil, policysearch.Errorf(policysearch.EINVALID, "%s has no text to index", path.Base(name))
	}
	return doc, nil
}

// build runs the text pipeline on raw lines.
func build(name string, raw []string, hints map[string]string, markdown bool) *policysearch.Document {
	doc := &policysearch.Document{Source: path.Base(name), Provenance: map[string]string{}}
	var lines []string
	for _, l := range raw {
		if markdown && reInfoEnd.MatchString(strings.TrimSpace(l)) {
			lines = append(lines, infoEnd) // cleanLine would drop it as a comment
			continue
		}
		l = cleanLine(l)
		if markdown {
			l = reMDLink.ReplaceAllString(l, "$1")
			l = reMDEmphasis.ReplaceAllString(l, "$2")
		}
		if l == "" || markdown && strings.Trim(l, "# ") == "" {
			continue // an empty Markdown heading marks nothing
		}
		if reAttachFile.MatchString(l) {
			// An attached file's name ("2020年2月份.xlsx附件预览"): metadata, not text.
			hints["附件"] = joinField(hints["附件"], l)
			continue
		}
		kv, ok := chrome(l)
		if !ok && strings.Contains(l, "\t") {
			kv, ok = metaRow(l) // a 信息公开 table inside the content
		}
		if ok {
			for k, v := range kv {
				if hints[k] == "" {
					hints[k] = v
				}
			}
			continue
		}
		if reCopyTo.MatchString(l) || reIssuedLine.MatchString(squeeze(l)) {
			continue
		}
		// Web pages and exports repeat the title (page title, then heading; once with
		// half-width, once with full-width brackets): keep one.
		if n := len(lines); n > 0 && foldCompact(lines[n-1]) == foldCompact(l) && !strings.Contains(l, "\t") {
			if wideCount(l) > wideCount(lines[n-1]) {
				lines[n-1] = l // Chinese typesetting uses full-width brackets
			}
			continue
		}
		lines = append(lines, splitJoinedHeading(l)...)
	}

	lines, toc := dropTOC(lines)
	laws := countArticles(lines) >= 3
	var h header
	if markdown && len(lines) > 0 && strings.HasPrefix(lines[0], "# ") {
		h = markdownHeader(lines)
	} else {
		first := len(lines)
		for i, l := range lines {
			if _, ok := parseHeading(l, markdown, laws); ok {
				first = i
				break
			}
			if reAttach.MatchString(squeeze(l)) && i > 0 {
				first = i
				break
			}
		}
		h = readHeader(lines, first, hints)
	}

	w := &walker{preamble: h.hasTitle, laws: laws, markdown: markdown, layoutRules: !markdown || len(hints) > 0}
	if len(h.coverTitles) > 1 {
		w.docTitles = h.coverTitles[1:]
	}
	body := lines[h.start:h.end]
	if laws && markdown {
		w.mdRanks = markdownRanks(body)
	}
	if !markdown {
		body = joinBroken(body, laws)
	}
	w.walk(body)

	doc.Title = h.title
	if len(w.moreTitles) > 0 {
		// A notice enclosing several documents keeps all their titles.
		doc.Title = strings.Join(append([]string{h.title}, w.moreTitles...), "；")
	}
	doc.NoticeTitle = h.noticeTitle
	doc.Notice = strings.Join(h.notice, "\n")
	doc.DocNumber = h.docNumber
	doc.Date = h.date
	doc.Issuers = h.issuers
	c := canonicalHints(hints)
	doc.Published = c.published
	doc.Effective = c.effective
	// A law's header lines (2020年5月28日 第十三届全国人民代表大会第三次会议通过 | 2021年1月1日
	// 施行) give the dates a page's metadata block does not; failing both, the text's
	// 本法自…起施行 gives the effective date (lawText, once a sidecar has had its say).
	if p, e := infoDates(append(h.history, lines[:h.start]...)); p != "" || e != "" {
		if doc.Published == "" {
			doc.Published = p
		}
		if doc.Effective == "" {
			doc.Effective = e
		}
	}
	for k, v := range h.extra {
		c.fields[k] = v
	}
	if len(w.sigLines) > 0 {
		c.fields["落款"] = strings.Join(w.sigLines, " ")
	}
	if len(w.headers) > 0 {
		c.fields["表头"] = strings.Join(w.headers, "；")
	}
	if toc != "" {
		c.fields["目录"] = toc
	}
	if len(w.attached) > 0 {
		c.fields["附件"] = joinField(c.fields["附件"], strings.Join(w.attached, " "))
	}
	for k, v := range unusedHints(hints, doc) {
		c.fields[k] = v
	}
	if len(c.fields) > 0 {
		doc.Fields = c.fields
	}
	if doc.Date == "" {
		doc.Date = w.sigDate
	}
	if len(w.sigOrgs) > 0 && (len(doc.Issuers) == 0 || (!h.signed && w.layoutRules)) {
		// A signature before the attachments names the issuers in full, which the
		// title's "某省教育厅等四部门" or page metadata do not.
		doc.Issuers = w.sigOrgs
	}
	doc.Issuers = fullIssuers(doc.Issuers, doc.NoticeTitle, doc.Title)
	doc.Paragraphs = w.paras
	for _, f := range []string{"title", "notice_title", "doc_number", "date", "published", "effective"} {
		doc.Provenance[f] = "text"
	}
	if len(doc.Issuers) > 0 {
		doc.Provenance["issuers"] = "text"
	}
	return doc
}

// reAttachFile is a line that names an attached file, as pages and exports list them.
var reAttachFile = regexp.MustCompile(`(?i)^[^\t。；]{1,80}\.(pdf|docx?|xlsx?|wps|et|ofd|zip|rar|7z|jpe?g|png|tiff?)\s*(附件预览|预览|下载|附件下载|[（(][^）)]{1,12}[）)])?$`)

// infoEnd ends the header of a lawrefbook Markdown file.
const infoEnd = "<!-- INFO END -->"

var (
	reInfoEnd     = regexp.MustCompile(`^<!--\s*INFO END\s*-->$`)
	reMeeting     = regexp.MustCompile(`^\s*(\S+?)第\S{1,8}次(?:会议|全体会议)`) // after the event's date
	reOrderNo     = regexp.MustCompile(`(\S{2,20}令)\s*第\s*(\d+|` + cnNum + `)\s*号`)
	reTermOfOffic = regexp.MustCompile(`第?[一二三四五六七八九十]{1,4}届`)
)

// markdownHeader reads a Markdown law: "# title", then info lines ("<date> <event>")
// up to an optional "<!-- INFO END -->" marker.
func markdownHeader(lines []string) header {
	h := header{title: squeeze(strings.TrimPrefix(lines[0], "# ")), hasTitle: true, start: 1, end: len(lines)}
	end := -1
	for i := 1; i < len(lines) && i < 40; i++ {
		if lines[i] == infoEnd {
			end = i
			break
		}
	}
	info := []string{}
	if end > 0 {
		info = lines[1:end]
		h.start = end + 1
	}
	readInfo(&h, info)
	return h
}

// readInfo reads a law's info lines ("<date> <event>", the history of its adoption and
// revisions) into its header: the date of the latest event, the body that adopted it,
// the order that published it.
func readInfo(h *header, info []string) {
	for _, l := range info {
		if part, ok := strings.CutPrefix(l, "# "); ok {
			// A second title line names the part of a code in several files:
			// 中华人民共和国民法典 › 合同编.
			h.title = JoinPart(h.title, squeeze(part))
			continue
		}
		d, at, dated := findDate(l)
		if dated {
			h.date = d // the latest revision comes last
		}
		if m := reMeeting.FindStringSubmatch(l[at[1]:]); dated && m != nil && len(h.issuers) == 0 {
			h.issuers = []string{reTermOfOffic.ReplaceAllString(m[1], "")}
		}
		if m := reOrderNo.FindStringSubmatch(l); m != nil {
			h.docNumber = m[1] + "第" + m[2] + "号"
			if len(h.issuers) == 0 {
				org := strings.TrimPrefix(strings.TrimSuffix(m[1], "令"), "中华人民共和国")
				if org != "" {
					h.issuers = []string{org}
				}
			}
		}
	}
}

func countArticles(lines []string) int {
	n := 0
	for _, l := range lines {
		if reArticle.MatchString(strings.TrimLeft(l, "# ")) {
			n++
		}
	}
	return n
}

// finish derives what depends on the merged metadata: id, region and level, type,
// period, and the paragraph ids.
func finish(d *policysearch.Document, name string) {
	if d.ID == "" {
		d.ID = DocID(name)
		d.Provenance["id"] = "file name"
		if _, ok := fileSlug(name); !ok {
			// A file name with nothing readable in it: name the document by its
			// 文号 or its title and date.
			if id := readableID(d); id != "" {
				d.ID = id
				d.Provenance["id"] = "text"
			}
		}
	}
	d.Issuers = cleanIssuers(d.Issuers)
	resolveRegion(d)
	completeIssuers(d)
	if d.DocType == "" {
		d.DocType = DocType(d.Title)
		if d.DocType != "" {
			d.Provenance["doc_type"] = "text"
		}
	}
	lawText(d)
	if d.Period == "" {
		d.Period = Period(d.Title)
		if d.Period != "" {
			d.Provenance["period"] = "text"
		}
	}
	for k, v := range d.Provenance {
		if v == "text" && fieldEmpty(d, k) {
			delete(d.Provenance, k)
		}
	}
	assignIDs(d)
}

// textFields are the metadata fields the text can give, read for provenance.
var textFields = map[string]func(*policysearch.Document) string{
	"title":        func(d *policysearch.Document) string { return d.Title },
	"notice_title": func(d *policysearch.Document) string { return d.NoticeTitle },
	"doc_number":   func(d *policysearch.Document) string { return d.DocNumber },
	"date":         func(d *policysearch.Document) string { return d.Date },
	"published":    func(d *policysearch.Document) string { return d.Published },
	"effective":    func(d *policysearch.Document) string { return d.Effective },
	"issuers":      func(d *policysearch.Document) string { return strings.Join(d.Issuers, "、") },
}

func fieldEmpty(d *policysearch.Document, field string) bool {
	get, ok := textFields[field]
	return ok && get(d) == ""
}

func cleanIssuers(in []string) []string {
	var out []string
	for _, joint := range in {
		for _, s := range splitJoint(squeeze(strings.TrimSpace(joint))) {
			if s != "" && !contains(out, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// docTypes are the kinds of documents, longest first so that 实施方案 wins over 方案.
//
// A form keeps the word before its base (意见, 方案, 办法 …) when that word makes it a
// form of its own in government usage: 实施/指导/若干 意见, 实施/行动/建设 方案, 暂行/实施/
// 考评/考核 办法, 行动/实施 计划, 若干 措施/政策/规定. Words that only say what the document
// is about (工作方案, 管理办法, 发展规划, 试点方案) fold onto the base.
var docTypes = []string{
	"实施方案", "工作方案", "行动方案", "建设方案", "试点方案", "行动计划", "工作计划", "实施计划", "发展规划",
	"专项规划", "规划纲要", "实施意见", "指导意见", "若干意见", "实施细则", "管理办法", "实施办法", "暂行办法",
	"考评办法", "考核办法", "评价办法", "若干规定", "暂行规定", "若干措施", "若干政策", "工作要点", "规划",
	"纲要", "意见", "通知", "通告", "公告", "决定", "条例", "办法", "规定", "细则", "措施", "政策", "要点",
	"方案", "计划", "标准", "指南", "规则", "批复", "请示", "报告", "预案", "决议", "函", "解释", "法",
}

// canonicalType folds variants onto the names users filter by.
var canonicalType = map[string]string{
	"发展规划": "规划", "专项规划": "规划", "规划纲要": "规划", "工作方案": "方案", "试点方案": "方案",
	"工作计划": "计划", "管理办法": "办法", "工作要点": "要点", "法": "法律",
}

var rePeriodSuffix = regexp.MustCompile(`[（(][^（()）]*[）)]$`)

// DocType names a document's type from the end of its title: 实施方案, 行动计划, 规划 ….
// A title joining several documents (A；B) gives their distinct types joined by "/".
func DocType(title string) string {
	if strings.Contains(title, "；") {
		var types []string
		for _, t := range strings.Split(title, "；") {
			if dt := DocType(t); dt != "" && !contains(types, dt) {
				types = append(types, dt)
			}
		}
		return strings.Join(types, "/")
	}
	t := strings.TrimSpace(title)
	for i := 0; i < 2; i++ {
		t = strings.TrimSpace(rePeriodSuffix.ReplaceAllString(t, ""))
	}
	t = strings.TrimSuffix(t, "（试行）")
	t = strings.TrimSuffix(t, "(试行)")
	for _, dt := range docTypes {
		if strings.HasSuffix(t, dt) {
			if c, ok := canonicalType[dt]; ok {
				return c
			}
			return dt
		}
	}
	return ""
}

var (
	rePeriodYears = regexp.MustCompile(`(\d{4})\s*[—–\-－~～至到]+\s*(\d{4})\s*年?`)
	reFiveYear    = regexp.MustCompile(`“?(十[一二三四五六七八九]?五)”?`)
)

// Period is the planning period named in a title: (2022-2026年) → 2022-2026, 十四五 →
// 2021-2025.
func Period(title string) string {
	if m := rePeriodYears.FindStringSubmatch(title); m != nil {
		return m[1] + "-" + m[2]
	}
	if m := reFiveYear.FindStringSubmatch(title); m != nil {
		// The third five-year plan started in 1966 (after the 1963–65 adjustment), and
		// each plan since has run five years.
		n := cnNumber(strings.TrimSuffix(m[1], "五"))
		if n >= 3 {
			start := 1966 + 5*(n-3)
			return strconv.Itoa(start) + "-" + strconv.Itoa(start+4)
		}
	}
	return ""
}

var reIDUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// DocID derives a stable document id from a file name: its ASCII letters and digits
// when it has enough of them, else a hash of the name, so re-ingesting the same file
// replaces the same document.
func DocID(name string) string {
	if slug, ok := fileSlug(name); ok {
		return slug
	}
	// The base name, not the path: a file named on the command line and the same file
	// met in a folder get one id.
	sum := sha1.Sum([]byte(path.Base(name)))
	return "doc-" + hex.EncodeToString(sum[:])[:12]
}

// fileSlug is the id an ASCII file name gives, when it gives one.
func fileSlug(name string) (string, bool) {
	base := strings.TrimSuffix(path.Base(name), path.Ext(name))
	slug := strings.Trim(reIDUnsafe.ReplaceAllString(strings.ToLower(base), "-"), "-")
	for _, r := range base {
		if r >= 0x80 {
			return "", false
		}
	}
	return slug, len(slug) >= 3 && len(slug) <= 60
}

// assignIDs gives every paragraph an id that is stable when the same document is
// parsed again: m<n> for measures numbered in Arabic, a<n> for articles, t<n> for table
// rows, p<seq> otherwise and wherever those would repeat.
func assignIDs(d *policysearch.Document) {
	used := map[string]bool{}
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		p.DocID = d.ID
		p.Seq = i
		suffix := ""
		switch p.Kind {
		case policysearch.KindMeasure:
			if n, err := strconv.Atoi(p.MeasureNo); err == nil {
				suffix = "m" + strconv.Itoa(n)
			}
		case policysearch.KindArticle:
			if m := reArticle.FindStringSubmatch(p.MeasureNo); m != nil {
				suffix = "a" + strconv.Itoa(numeral(m[1]))
				if m[3] != "" {
					suffix += "-" + strconv.Itoa(numeral(m[3]))
				}
			}
		case policysearch.KindTableRow:
			if _, err := strconv.Atoi(p.MeasureNo); err == nil {
				suffix = "t" + p.MeasureNo
			}
		}
		if suffix == "" || used[suffix] {
			suffix = "p" + strconv.Itoa(i)
		}
		used[suffix] = true
		p.ID = d.ID + "-" + suffix
	}
}
