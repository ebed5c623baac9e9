package cite

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"policysearch"
)

// Extract finds the references of a document, in reading order: its title first
// (paragraph ""), then each paragraph.
func Extract(d *policysearch.Document) []policysearch.Reference {
	x := newExtractor(d)
	x.scan("", d.Title, true)
	for i := range d.Paragraphs {
		x.scan(d.Paragraphs[i].ID, d.Paragraphs[i].Text, false)
	}
	return x.out
}

// extractor carries what a document has said so far: the short names it gave the
// titles it cited, and the last title, which 该法 refers back to.
type extractor struct {
	self   map[string]bool   // title keys of the document itself and of what its notice encloses
	selfNo string            // its own 文号
	names  map[string]string // name (TitleKey) → the fullest title it stood for
	short  map[string]string // short names given (以下简称《方案》) → the title
	last   string            // the last title cited
	out    []policysearch.Reference
}

func newExtractor(d *policysearch.Document) *extractor {
	x := &extractor{self: map[string]bool{}, names: map[string]string{}, short: map[string]string{}}
	if d.DocNumber != "" {
		x.selfNo = policysearch.DocNumberKey(d.DocNumber)
	}
	x.addSelf(d.Title)
	// A document printed under a cover notice (关于印发《…》的通知) names itself in the
	// notice's title too; that is not a reference to another document.
	x.addSelf(d.NoticeTitle)
	return x
}

// addSelf files a title as the document's own, and, for a notice title (关于印发《…》的
// 通知), the documents it encloses.
func (x *extractor) addSelf(title string) {
	if k := policysearch.TitleKey(title); k != "" {
		x.self[k] = true
	}
	// A notice enclosing two documents has both titles, joined with ；.
	if parts := strings.FieldsFunc(title, func(r rune) bool { return r == '；' || r == ';' }); len(parts) > 1 {
		for _, p := range parts {
			x.self[policysearch.TitleKey(p)] = true
		}
	}
	for _, inner := range enclosedBy(title) {
		x.self[policysearch.TitleKey(inner)] = true
	}
}

// enclosedBy lists the titles a notice title encloses: 关于印发《A》《B》的通知,
// 转发…《A》的通知.
func enclosedBy(title string) []string {
	t := newText(title)
	var out []string
	for i := 0; i < len(t.f); i++ {
		if t.f[i] != '《' {
			continue
		}
		end, ok := t.closeTitle(i)
		if !ok {
			continue
		}
		if t.before(i, "印发", "转发", "颁发", "发布") && t.noticeAfter(end+1) {
			out = append(out, t.str(i+1, end))
		}
		i = end
	}
	return out
}

// noticeAfter reports whether what follows a title is the end of a notice title:
// 的通知, 等文件的通知, 》《… (another enclosed title).
func (t *text) noticeAfter(i int) bool {
	rest := string(t.f[min(i, len(t.f)):])
	rest = strings.TrimLeft(rest, " ")
	for _, s := range []string{"的通知", "的函", "的决定", "的公告", "的批复", "通知", "《", "和《", "、《", "及《", "等"} {
		if strings.HasPrefix(rest, s) {
			return true
		}
	}
	return rest == ""
}

func (x *extractor) emit(pid string, t *text, from, to int, r policysearch.Reference) {
	r.Paragraph = pid
	r.Start, r.End = t.off[from], t.off[to]
	r.Text = t.str(from, to)
	x.out = append(x.out, r)
}

// scan extracts the references of one text: the title (isTitle) or a paragraph.
func (x *extractor) scan(pid, s string, isTitle bool) {
	// Every reference holds one of these (a 文号 ends with 号); most paragraphs hold
	// none and cost one pass.
	if !strings.ContainsAny(afterHeading(s), "《第款号") {
		return
	}
	t := newText(s)
	for i := 0; i < len(t.f); {
		switch r := t.f[i]; {
		case r == '《':
			if j := x.title(pid, t, i, isTitle); j > i {
				i = j
				continue
			}
		case r == '第':
			if j := x.qualifiedArticle(pid, t, i); j > i {
				i = j
				continue
			}
		case r == '前' || r == '本':
			if j := x.clause(pid, t, i); j > i {
				i = j
				continue
			}
		case isOpenBracket(r) || r == '令':
			if j := x.number(pid, t, i); j > i {
				i = j
				continue
			}
		}
		i++
	}
}

// afterHeading is a text without the article number it starts with (第十条 …), which
// is its own heading, not a reference.
func afterHeading(s string) string {
	t := strings.TrimLeft(s, " \u3000")
	if !strings.HasPrefix(t, "第") {
		return s
	}
	if k := strings.Index(t, "条"); k > 0 && k <= 40 {
		return t[k:]
	}
	return s
}

// title reads a reference that starts with 《 at i and returns the index after it, or
// i when there is none.
func (x *extractor) title(pid string, t *text, i int, isTitle bool) int {
	end, ok := t.closeTitle(i)
	if !ok {
		return i
	}
	inner := t.str(i+1, end)
	key := policysearch.TitleKey(inner)
	j := end + 1
	if key == "" || !isDocument(key) {
		return j
	}
	if t.before(i, "本") && isSelfType(key) {
		// 本《办法》第二十条: the document itself, written with its type in 《》.
		if a, n, sub, ok := t.article(t.skipSpaces(j)); ok {
			ref := policysearch.Reference{Kind: policysearch.RefSelf, ArticleNo: n, ArticleSub: sub, Article: t.articleText(t.skipSpaces(j), a)}
			x.emit(pid, t, i-1, a, ref)
			return x.continuation(pid, t, a, ref)
		}
		return j
	}
	ref := policysearch.Reference{Kind: policysearch.RefTitle, Title: inner}
	if full, ok := x.short[key]; ok {
		ref.Title = full // 《方案》 after （以下简称《方案》）
	}
	if v, _ := policysearch.TitleVersion(policysearch.Normalize(inner)); v != "" {
		ref.Version = v
	}
	// What stands in brackets after the title: its 文号, a version note, a short name.
	k := t.skipSpaces(j)
	if k < len(t.f) && isOpenBracket(t.f[k]) {
		if close, ok := t.closeBracket(k, 80); ok {
			no, version, short, known := readNote(t.str(k+1, close))
			if known {
				if no != "" {
					ref.DocNumber = no
				}
				if version != "" {
					ref.Version = version
				}
				if short != "" {
					x.names[policysearch.TitleKey(short)] = ref.Title
					x.short[policysearch.TitleKey(short)] = ref.Title
				}
				j = close + 1
			}
		}
	}
	x.learn(ref.Title)
	// A part of a code named after it: 《民法典》婚姻家庭编.
	k = t.skipSpaces(j)
	if p := t.part(k); p > k {
		ref.Part = t.str(k, p)
		k = p
	}
	self := x.self[policysearch.TitleKey(ref.Title)] || x.self[key]
	if self && (ref.DocNumber != "" && policysearch.DocNumberKey(ref.DocNumber) != x.selfNo || t.repealedAfter(j)) {
		self = false // a namesake: the older text of the same title, repealed by this one
	}
	enclosed := self || t.enclosure(i, j) || isTitle && t.before(i, "印发", "转发", "颁发") && t.noticeAfter(end+1)
	if enclosed {
		return j
	}
	x.last = ref.Title
	if a, n, sub, ok := t.article(k); ok {
		ref.Kind = policysearch.RefArticle
		ref.Article, ref.ArticleNo, ref.ArticleSub = t.articleText(k, a), n, sub
		x.emit(pid, t, i, a, ref)
		return x.continuation(pid, t, a, ref)
	}
	x.emit(pid, t, i, j, ref)
	return x.implementing(pid, t, j, ref)
}

// implementing reads the implementing regulation a title brings along: 《…个人所得税法》
// 及其实施条例 names 个人所得税法实施条例 too.
func (x *extractor) implementing(pid string, t *text, j int, ref policysearch.Reference) int {
	after := string(t.f[j:min(len(t.f), j+8)])
	for _, w := range []string{"及其实施条例", "及其实施细则", "及其实施办法", "和实施条例", "及实施条例", "及实施细则"} {
		if strings.HasPrefix(after, w) {
			kind := strings.TrimPrefix(strings.TrimPrefix(strings.TrimPrefix(w, "及其"), "和"), "及")
			from := j + runeLen(w) - runeLen(kind)
			r := policysearch.Reference{Kind: policysearch.RefTitle, Title: ref.Title + kind}
			if !x.self[policysearch.TitleKey(r.Title)] {
				x.emit(pid, t, from, j+runeLen(w), r)
			}
			return j + runeLen(w)
		}
	}
	return j
}

// repealedAfter reports whether what follows a title says it is repealed or
// replaced (同时废止, 停止执行): it is then another text than the one at hand.
func (t *text) repealedAfter(j int) bool {
	after := string(t.f[j:min(len(t.f), j+12)])
	for _, w := range []string{"同时废止", "废止", "停止执行", "不再执行", "不再适用", "同时失效"} {
		if strings.Contains(after, w) {
			return true
		}
	}
	return false
}

// learn files the short names a title is known by: the title itself, and without
// 中华人民共和国 (民法典 for 《中华人民共和国民法典》).
func (x *extractor) learn(title string) {
	k := policysearch.TitleKey(title)
	if k == "" {
		return
	}
	if old, ok := x.names[k]; !ok || len(old) < len(title) {
		x.names[k] = title // 刑法 first, 《中华人民共和国刑法》 later: the fuller wins
	}
}

// continuation reads further articles of the same document after one: 第五百三十八条
// 或者第五百三十九条, 第十条、第十二条, 第三条第一款、第二款和第五条.
func (x *extractor) continuation(pid string, t *text, i int, ref policysearch.Reference) int {
	for {
		k := t.skipConnector(i)
		if k == i {
			return i
		}
		if a, n, sub, ok := t.article(k); ok {
			r := ref
			r.Article, r.ArticleNo, r.ArticleSub = t.articleText(k, a), n, sub
			x.emit(pid, t, k, a, r)
			i = a
			continue
		}
		if c := t.subdivision(k); c > k {
			i = c // 、第二款: a clause of the article before
			continue
		}
		return i
	}
}

// selfTypes are the words a document calls itself by before an article number: 本法,
// 本条例, 本解释 ….
var selfTypes = []string{"实施细则", "实施办法", "法典", "条例", "办法", "规定", "细则", "解释", "决定", "规则", "准则", "意见",
	"通知", "方案", "章程", "标准", "制度", "纲要", "规范", "规程", "安排", "批复", "法"}

func isSelfType(key string) bool {
	for _, w := range selfTypes {
		if key == w {
			return true
		}
	}
	return false
}

// anaphors refer back to the last title cited: 该法第三条.
var anaphors = []string{"该", "上述", "前述", "此"}

// selfWords (本法, 本条例 …) and anaphorWords (该法, 上述条例 …), spelled out once.
var selfWords, anaphorWords = func() (self, ana []string) {
	for _, w := range selfTypes {
		self = append(self, "本"+w)
	}
	for _, a := range anaphors {
		for _, w := range selfTypes {
			ana = append(ana, a+w)
		}
	}
	return self, ana
}()

// qualifiedArticle reads an article reference at 第 (i) that a word before qualifies:
// 本法第二十条, 该法第三条, 民法典第一千零五十一条, 刑法第二百六十三条. An article
// number alone is the document's own heading or a reference this does not follow.
func (x *extractor) qualifiedArticle(pid string, t *text, i int) int {
	a, n, sub, ok := t.article(i)
	if !ok {
		return i
	}
	run := t.hanBefore(i, 24)
	ref := policysearch.Reference{Kind: policysearch.RefArticle, ArticleNo: n, ArticleSub: sub}
	from := -1
	for _, w := range selfWords {
		if strings.HasSuffix(run, w) {
			from = i - runeLen(w)
			ref.Kind = policysearch.RefSelf
			break
		}
	}
	if from < 0 && x.last != "" {
		for _, w := range anaphorWords {
			if strings.HasSuffix(run, w) {
				from = i - runeLen(w)
				ref.Title = x.last
				break
			}
		}
	}
	if from < 0 {
		if name, full := x.knownName(run); name != "" {
			from = i - runeLen(name)
			ref.Title = full
		}
	}
	if from < 0 {
		name := lawName(run)
		if name == "" {
			return i
		}
		from = i - runeLen(name)
		ref.Title = x.fullName(name)
		x.learn(ref.Title)
	}
	ref.Article = t.articleText(i, a)
	x.emit(pid, t, from, a, ref)
	if ref.Kind == policysearch.RefArticle {
		x.last = ref.Title
	}
	return x.continuation(pid, t, a, ref)
}

// knownName is the longest end of run that is a short name the document has used.
func (x *extractor) knownName(run string) (name, full string) {
	rs := []rune(run)
	for k := 0; k < len(rs)-1; k++ {
		cand := string(rs[k:])
		if f, ok := x.names[cand]; ok {
			return cand, f
		}
	}
	return "", ""
}

// fullName is the title a law's short name stands for when the document cited one
// title ending with it (调解仲裁法 after 《中华人民共和国劳动争议调解仲裁法》), else the
// name itself.
func (x *extractor) fullName(name string) string {
	full := ""
	for k, title := range x.names {
		if strings.HasSuffix(k, name) && k != name {
			if full != "" && full != title {
				return name // two laws end so: leave it to the corpus
			}
			full = title
		}
	}
	if full == "" {
		return name
	}
	return full
}

// clause reads a reference to a clause of the article at hand: 前款, 前两款, 本条第一款.
func (x *extractor) clause(pid string, t *text, i int) int {
	s := string(t.f[i:min(len(t.f), i+8)])
	switch {
	case strings.HasPrefix(s, "前款"):
		end := t.subdivisions(i + 2)
		x.emit(pid, t, i, end, policysearch.Reference{Kind: policysearch.RefClause})
		return end
	case strings.HasPrefix(s, "前") && len([]rune(s)) >= 3 && strings.ContainsRune("两二三四五六", []rune(s)[1]) && []rune(s)[2] == '款':
		end := t.subdivisions(i + 3)
		x.emit(pid, t, i, end, policysearch.Reference{Kind: policysearch.RefClause})
		return end
	case strings.HasPrefix(s, "本条第"):
		if c := t.subdivisions(i + 2); c > i+2 {
			x.emit(pid, t, i, c, policysearch.Reference{Kind: policysearch.RefClause})
			return c
		}
	}
	return i
}

// number reads a 文号 whose year bracket opens at i (国发〔2019〕4号, 赣府发﹝2020﹞16号,
// 教职成[2019]13号, 国办发（2019）1号), or a decree number at 令 (国务院令第588号).
func (x *extractor) number(pid string, t *text, i int) int {
	read := t.numberAt
	if t.f[i] == '令' {
		read = t.decreeAt
	}
	end, ok := read(i)
	if !ok {
		return i
	}
	from := t.issuerBefore(i)
	if from == i {
		return i
	}
	no := policysearch.DocNumberKey(t.str(from, end))
	if no == x.selfNo || t.alone(from, end) {
		return end
	}
	x.emit(pid, t, from, end, policysearch.Reference{Kind: policysearch.RefNumber, DocNumber: no})
	return end
}

// alone reports whether [from, to) is all the text holds, brackets and blanks aside:
// a 文号 on a line of its own is the document's own, under its title.
func (t *text) alone(from, to int) bool {
	for k, r := range t.f {
		if (k < from || k >= to) && r != ' ' && !isOpenBracket(r) && !isCloseBracket(r) {
			return false
		}
	}
	return true
}

// readNote reads what stands in brackets after a title: its 文号 (国发〔2019〕4号,
// 国务院令第588号), a version note (2018年修正), a short name (以下简称《方案》). known
// is false when the brackets hold none of these (they are then not part of the
// reference).
func readNote(note string) (no, version, short string, known bool) {
	parts := strings.FieldsFunc(note, func(r rune) bool { return strings.ContainsRune("，,、；;", r) })
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if _, after, ok := strings.Cut(p, "简称"); ok {
			short = strings.Trim(strings.TrimPrefix(strings.TrimSpace(after), "为"), "“”\"'‘’《》「」 ")
			known = short != "" || known
			continue
		}
		if strings.HasPrefix(p, "以下称") {
			short = strings.Trim(strings.TrimPrefix(p, "以下称"), "“”\"'‘’《》「」 ")
			known = short != "" || known
			continue
		}
		if isDocNumber(p) {
			if no == "" {
				no = policysearch.DocNumberKey(p)
			}
			known = true
			continue
		}
		if strings.ContainsAny(p, "修正订改") {
			if v := policysearch.VersionDate(p); v != "" {
				version, known = v, true
			}
		}
	}
	return no, version, short, known
}

// isDocNumber reports whether s is a whole 文号 or decree number.
func isDocNumber(s string) bool {
	t := newText(s)
	for i, r := range t.f {
		if isOpenBracket(r) {
			if end, ok := t.numberAt(i); ok {
				return end == len(t.f) && t.issuerBefore(i) == 0
			}
			continue
		}
		if r == '令' {
			end, ok := t.decreeAt(i)
			return ok && end == len(t.f) && t.issuerBefore(i) == 0
		}
	}
	return false
}

// notDocuments are endings of 《》 titles that name a certificate, a form or a
// periodical, not a document that could be cited.
var notDocuments = []string{"证", "书", "执照", "证明", "卡", "表",
	"登记簿", "日报", "晚报", "杂志", "期刊", "报", "单", "牌", "照", "簿", "册", "本", "函件"}

// documentsAnyway are endings of titles that look like forms but are documents.
var documentsAnyway = []string{"清单", "名单", "目录", "白皮书", "蓝皮书", "公报", "通报", "报告", "手册", "计划书", "任务书", "规划", "全书"}

func isDocument(key string) bool {
	for _, s := range documentsAnyway {
		if strings.HasSuffix(key, s) {
			return true
		}
	}
	for _, s := range notDocuments {
		if strings.HasSuffix(key, s) {
			return false
		}
	}
	return true
}

// lawStop are words ending in 法 that name no law.
var lawStop = map[string]bool{"本法": true, "该法": true, "办法": true, "方法": true, "违法": true, "依法": true, "合法": true,
	"执法": true, "司法": true, "立法": true, "做法": true, "想法": true, "用法": true, "说法": true, "守法": true, "犯法": true,
	"护法": true, "语法": true, "算法": true, "手法": true, "书法": true, "疗法": true, "此法": true, "新法": true, "旧法": true, "原法": true}

// cutWords are the verbs and particles that stand before a law's short name in a
// sentence (依照刑法第…, 没有违反刑事诉讼法第…); a short name is what follows the last
// of them. None occurs inside a law's name.
var cutWords = []string{"依照", "依据", "根据", "按照", "违反", "适用", "参照", "对照", "执行", "符合", "没有", "违背", "援引", "引用",
	"对于", "关于", "修改", "属于", "构成", "触犯", "认定", "视为", "比照", "援用", "准用", "同时", "修正", "修订", "规定", "以及", "或者", "并且", "有关", "实施", "贯彻", "落实",
	"将", "把", "即", "的", "在", "及", "与", "和", "或", "依", "按", "前", "后", "是", "等", "由", "对", "中", "为", "从", "了", "并"}

// lawName is the short name of a law at the end of run (刑法, 刑事诉讼法), or "".
func lawName(run string) string {
	if k := strings.LastIndex(run, "中华人民共和国"); k >= 0 {
		run = run[k:]
	} else {
		run = cutAfter(run, cutWords)
	}
	name := strings.TrimPrefix(run, "中华人民共和国")
	if !strings.HasSuffix(name, "法") && !strings.HasSuffix(name, "法典") || runeLen(name) < 2 || lawStop[name] {
		return ""
	}
	return run
}

func runeLen(s string) int { return len([]rune(s)) }

// text is a string as runes, folded for matching (policysearch.FoldRune keeps one rune
// for one), with each rune's byte offset in the original.
type text struct {
	s   string
	f   []rune
	off []int // off[i] is rune i's byte offset; off[len] is the length
}

func newText(s string) *text {
	n := utf8.RuneCountInString(s)
	t := &text{s: s, f: make([]rune, 0, n), off: make([]int, 0, n+1)}
	for i, r := range s {
		t.f = append(t.f, policysearch.FoldRune(r))
		t.off = append(t.off, i)
	}
	t.off = append(t.off, len(s))
	return t
}

func (t *text) str(i, j int) string {
	return t.s[t.off[i]:t.off[j]]
}

// closeTitle finds the 》 that closes the 《 at i, nested titles counted.
func (t *text) closeTitle(i int) (int, bool) {
	depth := 0
	for k := i; k < len(t.f) && k-i <= 160; k++ {
		switch t.f[k] {
		case '《':
			depth++
		case '》':
			depth--
			if depth == 0 {
				return k, k > i+1
			}
		case '。', '；':
			return 0, false
		}
	}
	return 0, false
}

func isOpenBracket(r rune) bool {
	switch r {
	case '(', '〔', '[', '【', '〖':
		return true
	}
	return false
}

func isCloseBracket(r rune) bool {
	switch r {
	case ')', '〕', ']', '】', '〗':
		return true
	}
	return false
}

// closeBracket finds the bracket that closes the one at i, within limit runes.
func (t *text) closeBracket(i, limit int) (int, bool) {
	depth := 0
	for k := i; k < len(t.f) && k-i <= limit; k++ {
		switch {
		case isOpenBracket(t.f[k]):
			depth++
		case isCloseBracket(t.f[k]):
			depth--
			if depth == 0 {
				return k, true
			}
		case t.f[k] == '。':
			return 0, false
		}
	}
	return 0, false
}

func (t *text) skipSpaces(i int) int {
	for i < len(t.f) && t.f[i] == ' ' {
		i++
	}
	return i
}

// before reports whether one of words ends right before i.
func (t *text) before(i int, words ...string) bool {
	s := string(t.f[max(0, i-6):i])
	for _, w := range words {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// enclosure reports whether the title at [i, j) is the document a cover notice
// encloses: 现将《…》印发给你们, 《…》已经市政府同意，现印发给你们.
func (t *text) enclosure(i, j int) bool {
	// Several enclosed titles in a row: 《A》和《B》已经…同意，现印发给你们.
	for {
		k := t.skipSpaces(j)
		for _, c := range []rune{'和', '、', '及', '与'} {
			if k < len(t.f) && t.f[k] == c {
				k++
				break
			}
		}
		if k >= len(t.f) || t.f[k] != '《' {
			break
		}
		end, ok := t.closeTitle(k)
		if !ok {
			break
		}
		j = end + 1
	}
	after := string(t.f[j:min(len(t.f), j+60)])
	after = strings.TrimLeft(after, " ")
	for _, s := range []string{"印发给", "转发给", "印发你们", "颁发给", "发给你们", "印发各", "印发全", "予以印发", "印发,请", "印发，请",
		"(见附件", "(附件", "见附件"} {
		if strings.HasPrefix(after, s) {
			return true
		}
	}
	sentence := after
	if k := strings.IndexAny(sentence, "。;；"); k >= 0 {
		sentence = sentence[:k]
	}
	if strings.HasPrefix(after, "已经") || strings.HasPrefix(after, "已") || strings.HasPrefix(after, "经") {
		if strings.Contains(sentence, "印发") || strings.Contains(sentence, "转发") {
			for _, w := range []string{"同意", "通过", "批准", "审定", "审议"} {
				if strings.Contains(sentence, w) {
					return true
				}
			}
		}
	}
	return t.before(i, "现将", "将") && (strings.Contains(sentence, "印发") || strings.Contains(sentence, "转发"))
}

// part is the end of a code's part named at i (婚姻家庭编), or i.
func (t *text) part(i int) int {
	for k := i; k < len(t.f) && k-i <= 5; k++ {
		if t.f[k] == '编' {
			if k-i >= 2 {
				return k + 1
			}
			return i
		}
		if !unicode.Is(unicode.Han, t.f[k]) {
			return i
		}
	}
	return i
}

const numerals = "〇零一二三四五六七八九十百千两0123456789"

// article reads an article number at i (第十条, 第291条, 第二百九十一条之二, with the
// 第二款第三项 after it): the index after it, the number and the 之N.
func (t *text) article(i int) (end, n, sub int, ok bool) {
	if i >= len(t.f) || t.f[i] != '第' {
		return 0, 0, 0, false
	}
	k := i + 1
	for k < len(t.f) && strings.ContainsRune(numerals, t.f[k]) && k-i <= 10 {
		k++
	}
	if k == i+1 || k >= len(t.f) || t.f[k] != '条' {
		return 0, 0, 0, false
	}
	n, sub, ok = policysearch.ArticleNumber(string(t.f[i : k+1]))
	if !ok {
		return 0, 0, 0, false
	}
	k++
	if k < len(t.f) && t.f[k] == '之' {
		m := k + 1
		for m < len(t.f) && strings.ContainsRune(numerals, t.f[m]) && m-k <= 4 {
			m++
		}
		if m > k+1 {
			if v := policysearch.CNNumeral(string(t.f[k+1 : m])); v > 0 {
				sub, k = v, m
			}
		}
	}
	return t.subdivisions(k), n, sub, true
}

// subdivisions skips the clauses and items after an article: 第二款第三项.
func (t *text) subdivisions(k int) int {
	for {
		c := t.subdivision(k)
		if c == k {
			return k
		}
		k = c
	}
}

// articleText is the article as written from i, without its clause and item.
func (t *text) articleText(i, end int) string {
	s := t.str(i, end)
	if k := strings.Index(s, "条"); k >= 0 {
		rest := s[k+len("条"):]
		if strings.HasPrefix(rest, "之") {
			j := len("之")
			for _, r := range rest[j:] {
				if !strings.ContainsRune(numerals, r) {
					break
				}
				j += len(string(r))
			}
			return s[:k+len("条")] + rest[:j]
		}
		return s[:k+len("条")]
	}
	return s
}

// subdivision reads 第N款 or 第N项 at i: the index after it, or i.
func (t *text) subdivision(i int) int {
	if i >= len(t.f) || t.f[i] != '第' {
		return i
	}
	k := i + 1
	for k < len(t.f) && strings.ContainsRune(numerals, t.f[k]) && k-i <= 6 {
		k++
	}
	if k > i+1 && k < len(t.f) && (t.f[k] == '款' || t.f[k] == '项') {
		return k + 1
	}
	return i
}

// skipConnector skips the words that join a list of articles: 、 或者 和 以及 至.
func (t *text) skipConnector(i int) int {
	s := string(t.f[i:min(len(t.f), i+3)])
	for _, c := range []string{"或者", "以及", "、", "和", "及", "或", "至", "到", "与"} {
		if strings.HasPrefix(s, c) {
			return i + runeLen(c)
		}
	}
	return i
}

// hanBefore is the run of Han characters ending at i, at most limit of them.
func (t *text) hanBefore(i, limit int) string {
	k := i
	for k > 0 && i-k < limit && unicode.Is(unicode.Han, t.f[k-1]) {
		k--
	}
	return string(t.f[k:i])
}

// numberAt reads the year bracket of a 文号 at i and what follows: 〔2019〕4号. It
// returns the index after 号.
func (t *text) numberAt(i int) (int, bool) {
	k := i + 1
	for k < len(t.f) && k-i <= 4 && t.f[k] >= '0' && t.f[k] <= '9' {
		k++
	}
	if k-i != 5 || k >= len(t.f) || !isCloseBracket(t.f[k]) {
		return 0, false
	}
	k++
	if k < len(t.f) && t.f[k] == '第' {
		k++
	}
	m := k
	for m < len(t.f) && m-k < 6 && t.f[m] >= '0' && t.f[m] <= '9' {
		m++
	}
	if m == k || m >= len(t.f) || t.f[m] != '号' {
		return 0, false
	}
	return m + 1, true
}

// decreeAt reads 令第N号 at i (令): the index after 号.
func (t *text) decreeAt(i int) (int, bool) {
	k := i + 1
	if k >= len(t.f) || t.f[k] != '第' {
		return 0, false
	}
	m := k + 1
	for m < len(t.f) && m-k <= 6 && strings.ContainsRune(numerals, t.f[m]) {
		m++
	}
	if m == k+1 || m >= len(t.f) || t.f[m] != '号' {
		return 0, false
	}
	return m + 1, true
}

// issuerCuts end the words before a 文号's issuer code: 市人民政府京政发〔…〕 → 京政发,
// 根据国发〔…〕 → 国发.
var issuerCuts = []string{"人民政府", "政府", "办公厅", "办公室", "委员会", "印发", "转发", "根据", "按照", "依据", "依照", "贯彻",
	"落实", "参照", "对照", "执行", "文件", "精神", "通知", "意见", "以及", "或者", "和", "及", "与", "或", "日", "月", "年", "的",
	"见", "即", "是", "将", "按", "并", "等"}

// issuerBefore is where the issuer code of a 文号 whose bracket (or 令) stands at i
// begins; i when there is none.
func (t *text) issuerBefore(i int) int {
	run := t.hanBefore(i, 16)
	if run == "" {
		return i
	}
	if t.f[i] == '令' {
		// A decree names its issuer whole: 国务院令, 国家工商行政管理总局令.
		rs := []rune(run)
		cut := 0
		for _, w := range []string{"根据", "按照", "依据", "依照", "以及", "或者", "和", "及", "与", "的", "即", "见"} {
			if k := strings.LastIndex(run, w); k >= 0 {
				if c := runeLen(run[:k+len(w)]); c > cut {
					cut = c
				}
			}
		}
		if len(rs)-cut < 2 {
			return i
		}
		return i - (len(rs) - cut)
	}
	code := cutAfter(run, issuerCuts)
	if code == "" {
		return i
	}
	from := i - runeLen(code)
	// A code with a bracketed part: 法（研）发〔1987〕32号.
	if from == i-runeLen(run) && from >= 3 && t.f[from-1] == ')' {
		if open := from - 3; t.f[open] == '(' || from >= 4 && t.f[open-1] == '(' {
			if t.f[open] != '(' {
				open--
			}
			if head := cutAfter(t.hanBefore(open, 8), issuerCuts); head != "" {
				from = open - runeLen(head)
			}
		}
	}
	return from
}

// cutAfter is what follows the last of words in run (all of run when none occurs).
func cutAfter(run string, words []string) string {
	cut := 0
	for _, w := range words {
		if k := strings.LastIndex(run, w); k >= 0 && k+len(w) > cut {
			cut = k + len(w)
		}
	}
	return run[cut:]
}
