package parse

import (
	"crypto/sha1"
	"encoding/hex"
	"path"
	"regexp"
	"strconv"
	"strings"

	"policysearch"
	"policysearch/divisions"
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
		if kv, ok := chrome(l); ok {
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
		// Web pages repeat the title (page title, then heading): keep one.
		if n := len(lines); n > 0 && compact(lines[n-1]) == compact(l) && !strings.Contains(l, "\t") {
			continue
		}
		lines = append(lines, l)
	}

	laws := countArticles(lines) >= 3
	var h header
	var info []string
	if laws && !(markdown && len(lines) > 0 && strings.HasPrefix(lines[0], "# ")) {
		lines, info = lawInfoLines(lines)
	}
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
		if len(info) > 0 {
			readInfo(&h, info)
		}
	}

	w := &walker{preamble: h.hasTitle, laws: laws, markdown: markdown}
	body := lines[h.start:h.end]
	if laws && markdown {
		w.mdRanks = markdownRanks(body)
	}
	if !markdown {
		body = joinBroken(body, laws)
	}
	w.walk(body)

	doc.Title = h.title
	doc.DocNumber = h.docNumber
	doc.Date = h.date
	doc.Issuers = h.issuers
	if doc.Date == "" {
		doc.Date = w.sigDate
	}
	if len(doc.Issuers) == 0 {
		doc.Issuers = w.sigOrgs
	}
	doc.Paragraphs = w.paras
	doc.Published, doc.Effective = infoDates(append(info, lines[:h.start]...))
	for _, f := range []string{"title", "doc_number", "date", "published", "effective"} {
		doc.Provenance[f] = "text"
	}
	if len(doc.Issuers) > 0 {
		doc.Provenance["issuers"] = "text"
	}
	return doc
}

// infoEnd ends the header of a lawrefbook Markdown file.
const infoEnd = "<!-- INFO END -->"

var (
	reInfoEnd     = regexp.MustCompile(`^<!--\s*INFO END\s*-->$`)
	reMeeting     = regexp.MustCompile(`\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*(\S+?)第\S{1,8}次(?:会议|全体会议)`)
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
		if d, _, ok := findDate(l); ok {
			h.date = d // the latest revision comes last
		}
		if m := reMeeting.FindStringSubmatch(l); m != nil && len(h.issuers) == 0 {
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

func fieldEmpty(d *policysearch.Document, field string) bool {
	switch field {
	case "title":
		return d.Title == ""
	case "doc_number":
		return d.DocNumber == ""
	case "date":
		return d.Date == ""
	case "issuers":
		return len(d.Issuers) == 0
	case "published":
		return d.Published == ""
	case "effective":
		return d.Effective == ""
	}
	return false
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

// centralPrefix and the 部 suffix mark bodies of the central government.
var reCentral = regexp.MustCompile(`^(国务院|中共中央|中央|全国|最高人民|国家|中华人民共和国|教育部|财政部|公安部|外交部|国防部|司法部|商务部|审计署|海关总署|中国人民银行)|^[^省市县区州盟旗]{1,12}部$`)

// resolveRegion fills region and level from the issuers (or the title) with the
// administrative-division table; documents of central bodies are national.
func resolveRegion(d *policysearch.Document) {
	if d.Region != "" {
		if r, ok := divisions.ByName(d.Region); ok {
			// An issuer naming a division inside the given region refines it (a
			// collection files 杭州's regulations under 浙江); one outside it does not
			// overrule it.
			if fine, ok := issuerRegion(d.Issuers, d.Title); ok && refines(fine, r) {
				if d.Level == "" || d.Level == r.Level {
					d.Level = fine.Level
					d.Provenance["level"] = "text"
				}
				r = fine
				d.Provenance["region"] = "text"
			}
			d.Region, d.RegionCode = r.Name, r.Code
			if d.Level == "" {
				d.Level = r.Level
				d.Provenance["level"] = d.Provenance["region"]
			}
		}
		return
	}
	if r, ok := issuerRegion(d.Issuers, d.Title); ok {
		setRegion(d, r)
		return
	}
	central := len(d.Issuers) > 0
	for _, is := range d.Issuers {
		central = central && reCentral.MatchString(is)
	}
	if central {
		d.Region, d.Level = policysearch.RegionNational, policysearch.LevelNational
		d.Provenance["region"], d.Provenance["level"] = "text", "text"
		return
	}
	if r, ok := divisions.Find(d.Title); ok {
		setRegion(d, r)
	}
}

func setRegion(d *policysearch.Document, r divisions.Region) {
	d.Region, d.RegionCode = r.Name, r.Code
	d.Provenance["region"] = "text"
	if d.Level == "" {
		d.Level = r.Level
		d.Provenance["level"] = "text"
	}
}

// docTypes are the kinds of documents, longest first so that 实施方案 wins over 方案.
var docTypes = []string{
	"实施方案", "工作方案", "行动方案", "行动计划", "工作计划", "实施计划", "发展规划", "专项规划", "规划纲要",
	"实施意见", "指导意见", "若干意见", "实施细则", "管理办法", "实施办法", "暂行办法", "若干规定", "暂行规定",
	"若干措施", "工作要点", "规划", "纲要", "意见", "通知", "通告", "公告", "决定", "条例", "办法", "规定", "细则",
	"措施", "要点", "方案", "计划", "标准", "指南", "规则", "批复", "解释", "法",
}

// canonicalType folds variants onto the names users filter by.
var canonicalType = map[string]string{
	"发展规划": "规划", "专项规划": "规划", "规划纲要": "规划", "工作方案": "方案", "行动方案": "方案",
	"工作计划": "计划", "实施计划": "计划", "管理办法": "办法", "实施办法": "办法", "暂行办法": "办法",
	"若干规定": "规定", "暂行规定": "规定", "若干措施": "措施", "工作要点": "要点", "若干意见": "意见",
	"实施细则": "细则", "法": "法律",
}

var rePeriodSuffix = regexp.MustCompile(`[（(][^（()）]*[）)]$`)

// DocType names a document's type from the end of its title: 实施方案, 行动计划, 规划 ….
func DocType(title string) string {
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
