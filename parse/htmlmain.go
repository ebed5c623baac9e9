package parse

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// HTML pages as government sites publish them hold the document inside a CMS
// template: layout tables, navigation, a 信息公开 metadata table, share and print
// buttons, QR codes, footers. htmlLines finds the element that holds the document's
// prose on the DOM, by where the sentence punctuation is, not by one site's ids:
//
//  1. elements that never hold content (scripts, forms controls, hidden elements,
//     navigation) are skipped, and blocks whose class or id names page furniture
//     (share, print, footer, breadcrumb, QR code …) are skipped unless they hold much
//     of the page's prose;
//  2. starting at the root, the walk descends into the child holding at least
//     mainShare of the current element's sentence punctuation, and stops where the
//     prose divides among several children: that element is the main content;
//  3. the main content is flattened to lines: block elements end a line, data tables
//     become one tab-separated line per row (merged cells keep their columns), layout
//     tables (a cell holding a table, or one cell per row) are read as blocks;
//  4. the rest of the page gives metadata only: key：value pairs in table cells or
//     lines (发文机关, 成文日期, 发布时间, 来源 …), <meta> tags, the <title>, and the
//     page's heading right above the content when the content lacks it.
//
// Nothing of the markup survives, so hostile HTML cannot reach the index as markup.
func htmlLines(data []byte) ([]string, map[string]string, error) {
	root, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	e := &htmlExtract{stats: map[*html.Node]*nodeStats{}, hints: map[string]string{}}
	e.measure(root, false)
	main := e.mainContent(root)

	w := &htmlWalker{e: e, hints: e.hints}
	w.walk(main)
	w.flush()
	lines := w.lines

	// The rest of the page: metadata only.
	out := &htmlWalker{e: e, hints: e.hints, skip: main}
	out.walk(root)
	out.flush()
	for _, l := range out.lines {
		for k, v := range kvLine(l) {
			if e.hints[k] == "" {
				e.hints[k] = v
			}
		}
	}
	if h := e.headingBefore(root, main); h != "" && !containsCompact(lines, h, 6) {
		lines = append([]string{h}, lines...)
	}
	return lines, e.hints, nil
}

// mainShare is the share of an element's sentence punctuation a child must hold for
// the walk to descend into it.
const mainShare = 0.8

type nodeStats struct {
	punct int // sentence punctuation outside links
	text  int // non-blank runes
	link  int // non-blank runes inside links
	skip  bool
}

type htmlExtract struct {
	stats map[*html.Node]*nodeStats
	hints map[string]string
}

// htmlSkip are elements whose content is never document text.
var htmlSkip = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Button: true, atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Canvas: true,
	atom.Video: true, atom.Audio: true, atom.Map: true, atom.Label: true, atom.Option: true,
}

// htmlFurniture are semantic elements of page furniture; like blocks with furniture
// class names they are skipped unless they hold much of the page's prose.
var htmlFurniture = map[atom.Atom]bool{atom.Nav: true, atom.Footer: true, atom.Aside: true}

// Class and id names of page furniture in the CMS templates of Chinese government
// sites and of the web at large. Long words match inside a name ("bdsharebuttonbox",
// "BreadcrumbNav"); short ones only as a word of it ("nav", "ad-box", "foot_1").
var (
	reFurnitureLong  = regexp.MustCompile(`(?i)share|print|footer|breadcrumb|crumbs|qrcode|erweima|copyright|sidebar|related|relate|pagination|toolbar|comment|banner|advert|fontsize|xgwj|xglj|xgxx|bottom`)
	reFurnitureShort = regexp.MustCompile(`(?i)(^|[-_\s])(nav|navbar|menu|foot|qr|ewm|code|crumb|position|location|side|pager|page-?nav|ad|login|search|tools|font|hidden|hide|sns|top)([-_\s\d]|$)`)
)

var reStrayEntity = regexp.MustCompile(`&[a-zA-Z][a-zA-Z0-9]{1,7};`)

var reHidden = regexp.MustCompile(`(?i)display\s*:\s*none|visibility\s*:\s*hidden`)

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return true
		}
	}
	return false
}

// isSentencePunct is punctuation that prose has and furniture lacks.
func isSentencePunct(r rune) bool {
	switch r {
	case '，', '。', '；', '、', '！', '？':
		return true // not '：', which label cells of metadata tables are full of
	}
	return false
}

// measure computes the statistics of every node, bottom up.
func (e *htmlExtract) measure(n *html.Node, inLink bool) *nodeStats {
	s := &nodeStats{}
	e.stats[n] = s
	switch n.Type {
	case html.TextNode:
		for _, r := range n.Data {
			if isSpaceLike(r) {
				continue
			}
			s.text++
			if inLink {
				s.link++
			} else if isSentencePunct(r) {
				s.punct++
			}
		}
		return s
	case html.CommentNode, html.DoctypeNode:
		s.skip = true
		return s
	case html.ElementNode:
		if htmlSkip[n.DataAtom] || hasAttr(n, "hidden") || reHidden.MatchString(attr(n, "style")) {
			s.skip = true
			return s
		}
		if n.DataAtom == atom.A {
			inLink = true
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cs := e.measure(c, inLink)
		if cs.skip {
			continue
		}
		s.punct += cs.punct
		s.text += cs.text
		s.link += cs.link
	}
	return s
}

// furniture reports an element that is page furniture by its name or its class/id.
func furniture(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if htmlFurniture[n.DataAtom] {
		return true
	}
	for _, k := range []string{"class", "id"} {
		if v := attr(n, k); v != "" && (reFurnitureLong.MatchString(v) || reFurnitureShort.MatchString(v)) {
			return true
		}
	}
	return false
}

// mainContent descends from the root to the element that holds the document's prose.
func (e *htmlExtract) mainContent(root *html.Node) *html.Node {
	rootPunct := e.stats[root].punct
	// Furniture that holds little of the page's prose is skipped everywhere.
	var mark func(*html.Node)
	mark = func(n *html.Node) {
		s := e.stats[n]
		if s.skip {
			return
		}
		if furniture(n) && (s.punct*5 < rootPunct || s.punct < 20) && !isContentName(n) {
			s.skip = true
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			mark(c)
		}
	}
	mark(root)
	n := root
	for {
		total := 0
		var best *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			s := e.stats[c]
			if s.skip || c.Type != html.ElementNode {
				continue
			}
			total += s.punct
			if best == nil || s.punct > e.stats[best].punct {
				best = c
			}
		}
		if best == nil || total == 0 || float64(e.stats[best].punct) < mainShare*float64(e.stats[n].punct) {
			return n
		}
		n = best
	}
}

// reContentName matches class and id names of content containers (zoom, TRS_Editor,
// pages_content, article, UCAP-CONTENT …), which a furniture word inside them
// ("zoom") must not hide.
var reContentName = regexp.MustCompile(`(?i)content|article|zoom|editor|detail|main|text|body|zw|wenzhang`)

func isContentName(n *html.Node) bool {
	for _, k := range []string{"class", "id"} {
		if v := attr(n, k); v != "" && reContentName.MatchString(v) {
			return true
		}
	}
	return false
}

// headingBefore finds the page's heading for the content: the last h1–h3, or element
// whose class or id names a title, that precedes the main content in document order,
// outside it.
func (e *htmlExtract) headingBefore(root, main *html.Node) string {
	found := ""
	done := false
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if done {
			return
		}
		if n == main {
			done = true
			return
		}
		s := e.stats[n]
		if s == nil || s.skip {
			return
		}
		if n.Type == html.ElementNode && isTitleElement(n) && !containsNode(n, main) {
			t := squeeze(textOf(n))
			// A site's name in a logo heading ("某市人民政府", "某县人民政府门户网站") is
			// no document's title.
			if k := utf8.RuneCountInString(t); k >= 5 && k <= 120 && s.link*2 < s.text && !isOrgName(compact(t)) && !reSiteName.MatchString(t) {
				found = t
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(root)
	return found
}

var reSiteName = regexp.MustCompile(`门户网站|政府网$|网站$|欢迎访问`)

var reTitleName = regexp.MustCompile(`(?i)(^|[-_\s])(title|tit|bt|biaoti|headline|article-?title|detail-?title|news-?title)([-_\s\d]|$)`)

func isTitleElement(n *html.Node) bool {
	switch n.DataAtom {
	case atom.H1, atom.H2, atom.H3:
		return true
	}
	return reTitleName.MatchString(attr(n, "class")) || reTitleName.MatchString(attr(n, "id"))
}

func containsNode(a, b *html.Node) bool {
	for n := b; n != nil; n = n.Parent {
		if n == a {
			return true
		}
	}
	return false
}

// containsCompact reports whether one of the first n lines holds s, ignoring blanks.
func containsCompact(lines []string, s string, n int) bool {
	cs := compact(s)
	var acc strings.Builder
	for i, l := range lines {
		if i >= n {
			break
		}
		acc.WriteString(compact(l))
		if strings.Contains(acc.String(), cs) {
			return true
		}
	}
	return false
}

// htmlWalker flattens a subtree to lines.
type htmlWalker struct {
	e     *htmlExtract
	lines []string
	cur   strings.Builder
	hints map[string]string
	skip  *html.Node // a subtree not to flatten (the main content, when reading the rest)
}

func (w *htmlWalker) flush() {
	if s := strings.TrimSpace(w.cur.String()); s != "" {
		w.lines = append(w.lines, s)
	}
	w.cur.Reset()
}

var htmlBlock = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Main: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Center: true, atom.Hr: true, atom.Figure: true,
	atom.Figcaption: true, atom.Address: true, atom.Caption: true, atom.Tr: true, atom.Td: true,
	atom.Th: true, atom.Form: true, atom.Nav: true, atom.Footer: true, atom.Aside: true,
}

func (w *htmlWalker) walk(n *html.Node) {
	if n == w.skip && n != nil {
		w.flush()
		return
	}
	switch n.Type {
	case html.TextNode:
		t := strings.ReplaceAll(n.Data, "\n", " ")
		if strings.IndexByte(t, '&') >= 0 {
			// An entity the parser does not know ("&sp;", a CMS typo) is markup, not text.
			t = reStrayEntity.ReplaceAllString(t, " ")
		}
		w.cur.WriteString(t)
		return
	case html.CommentNode, html.DoctypeNode:
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Title:
			if t := strings.TrimSpace(textOf(n)); t != "" && w.hints["page_title"] == "" {
				w.hints["page_title"] = t
			}
			return
		case atom.Meta:
			w.meta(n)
			return
		}
		if s := w.e.stats[n]; s != nil && s.skip {
			return
		}
		switch n.DataAtom {
		case atom.Br:
			w.flush()
			return
		case atom.Table:
			if !w.e.layoutTable(n) {
				w.flush()
				w.table(n)
				return
			}
		}
	}
	block := n.Type == html.ElementNode && htmlBlock[n.DataAtom]
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.flush()
	}
}

// rows lists a table's own rows (not those of nested tables).
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				rec(c)
			}
		}
	}
	rec(t)
	return rows
}

func rowCells(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			cells = append(cells, c)
		}
	}
	return cells
}

// layoutTable reports a table used for page layout rather than data: one of its cells
// holds another table, or most rows have at most one cell with text.
func (e *htmlExtract) layoutTable(t *html.Node) bool {
	rows := tableRows(t)
	if len(rows) == 0 {
		return true
	}
	multi := 0
	for _, r := range rows {
		filled := 0
		for _, c := range rowCells(r) {
			if hasDescendant(c, atom.Table) {
				return true
			}
			if s := e.stats[c]; s != nil && !s.skip && s.text > 0 {
				filled++
			}
		}
		if filled >= 2 {
			multi++
		}
	}
	return multi*2 < len(rows) || multi == 0
}

func hasDescendant(n *html.Node, a atom.Atom) bool {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == a || hasDescendant(c, a)) {
			return true
		}
	}
	return false
}

// table writes a data table: one line per row, cells joined by tabs. A cell merged
// down over several rows (rowspan) leaves an empty cell in the rows below it, so
// every row keeps its columns.
func (w *htmlWalker) table(t *html.Node) {
	type span struct{ rows int }
	var pending []span // per column: rows still covered by a cell above
	for _, r := range tableRows(t) {
		var cells []string
		col := 0
		next := func() {
			for col < len(pending) && pending[col].rows > 0 {
				pending[col].rows--
				cells = append(cells, "")
				col++
			}
		}
		for _, c := range rowCells(r) {
			next()
			text := w.cellText(c)
			cs := max(1, atoiAttr(c, "colspan"))
			rs := max(1, atoiAttr(c, "rowspan"))
			for k := 0; k < cs; k++ {
				if k == 0 {
					cells = append(cells, text)
				} else {
					cells = append(cells, "")
				}
				for len(pending) <= col {
					pending = append(pending, span{})
				}
				pending[col].rows = rs - 1
				col++
			}
		}
		next()
		// Trailing merged columns count down too.
		for ; col < len(pending); col++ {
			if pending[col].rows > 0 {
				pending[col].rows--
				cells = append(cells, "")
			}
		}
		if len(cells) == 1 {
			cells = append(cells, "") // a one-cell row of a data table is still a table row
		}
		if strings.TrimSpace(strings.Join(cells, "")) != "" {
			w.lines = append(w.lines, joinCells(cells))
		}
	}
}

func atoiAttr(n *html.Node, key string) int {
	v, err := strconv.Atoi(strings.TrimSpace(attr(n, key)))
	if err != nil || v < 0 || v > 1000 {
		return 0
	}
	return v
}

// cellText is a table cell's text with its blocks separated by spaces.
func (w *htmlWalker) cellText(n *html.Node) string {
	cw := &htmlWalker{e: w.e, hints: w.hints}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		cw.walk(c)
	}
	cw.flush()
	var parts []string
	for _, l := range cw.lines {
		parts = append(parts, strings.Join(strings.FieldsFunc(l, isSpaceLike), " "))
	}
	return strings.Join(parts, " ")
}

// meta keeps the article metadata that Chinese government CMSs put in meta tags.
func (w *htmlWalker) meta(n *html.Node) {
	name := strings.ToLower(attr(n, "name"))
	content := strings.TrimSpace(attr(n, "content"))
	if content == "" {
		return
	}
	key := ""
	switch name {
	case "articletitle", "dc.title":
		key = "title"
	case "pubdate", "firstpublishedtime", "dc.date", "publishdate":
		key = "发布日期"
	case "contentsource", "dc.publisher":
		key = "来源"
	}
	if key != "" && w.hints[key] == "" {
		w.hints[key] = content
	}
}

// textOf is the text of a node's subtree, skipping what htmlSkip skips.
func textOf(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode && htmlSkip[n.DataAtom] {
			return
		}
		if n.Type == html.ElementNode && n.DataAtom == atom.Br {
			b.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// kvLine reads the metadata pairs of one line outside the content: a table row of
// label and value cells ("发文机关：\t国务院\t成文日期：\t2019年01月27日") or a line of
// key：value pairs ("发布时间：2023-05-08 来源：市教育局").
func kvLine(line string) map[string]string {
	out := map[string]string{}
	cells := splitCells(line)
	for i := 0; i < len(cells); i++ {
		c := strings.TrimSpace(cells[i])
		if c == "" {
			continue
		}
		if label, ok := metaLabel(c); ok && i+1 < len(cells) {
			if v := strings.TrimSpace(cells[i+1]); v != "" {
				out[label] = v
			}
			i++
			continue
		}
		if kv, ok := chrome(c); ok {
			for k, v := range kv {
				out[k] = v
			}
		}
	}
	return out
}

// metaLabel recognises a label cell: a known metadata key followed by a colon,
// written with any spacing ("标　　题：", "索 引 号：").
func metaLabel(cell string) (string, bool) {
	c := compact(cell)
	if !strings.HasSuffix(c, "：") && !strings.HasSuffix(c, ":") {
		return "", false
	}
	c = strings.TrimRight(c, "：:")
	if utf8.RuneCountInString(c) > 8 {
		return "", false
	}
	for _, r := range c {
		if !unicode.Is(unicode.Han, r) {
			return "", false
		}
	}
	return c, true
}
