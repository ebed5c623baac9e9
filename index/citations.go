package index

import (
	"strings"

	"policysearch"
)

// Citations. Each document's references are extracted from its text when it is
// prepared (package cite, a pure function) and resolved here against the corpus: by
// 文号, else by title, choosing among a law's versions the one in force on the citing
// document's date; an article reference resolves to that article's paragraph. A
// reference waits under every key it looks up, so when a document with one of those
// keys arrives (or goes), exactly the references that could name it are resolved again:
// a plan indexed before the law it cites finds the law when the law comes.

// citeRef is one reference of the corpus with what it resolved to.
type citeRef struct {
	policysearch.Reference
	from  *docEntry
	ord   int32 // the citing paragraph's ordinal; -1 for the title
	key   string
	to    *docEntry // nil when the document is not in the corpus
	toOrd int32     // the cited article's paragraph, -1 for none
	pos   int       // index in citedBy[to], for removal in constant time
}

// internal reports whether the reference names a part of the citing document itself.
func (r *citeRef) internal() bool {
	return r.Kind == policysearch.RefSelf || r.Kind == policysearch.RefClause
}

// citeGraph is the corpus's citation network and the tables references are resolved
// with. The corpus guards it with the index lock.
type citeGraph struct {
	of       map[*docEntry][]*citeRef
	waiting  map[string][]*citeRef // lookup key → the references looking it up
	citedBy  map[*docEntry][]*citeRef
	counts   map[*docEntry]int // distinct documents citing each document
	byKey    map[string][]*citeRef
	byTitle  map[string][]*docEntry // "t:"+title key, "a:"+关于… alias, "w:"+code whole, "n:"+文号
	articles map[*docEntry]map[uint32]int32
	dirty    map[string]bool
	fresh    []*docEntry
	stale    map[*docEntry]bool // documents that lost a citation, to count again

	// For the cites facet and sort=cited: the keys each paragraph and each title
	// cites, and how many references of other documents each paragraph receives.
	titleKeys map[*docEntry][]string
	paraKeys  map[uint32][]string
	paraCount map[int32]int

	// spoken is, for a document without dates, the latest day its text names.
	spoken map[*docEntry]string
}

func newCiteGraph() *citeGraph {
	return &citeGraph{of: map[*docEntry][]*citeRef{}, waiting: map[string][]*citeRef{}, citedBy: map[*docEntry][]*citeRef{},
		counts: map[*docEntry]int{}, byKey: map[string][]*citeRef{}, byTitle: map[string][]*docEntry{},
		articles: map[*docEntry]map[uint32]int32{}, dirty: map[string]bool{}, stale: map[*docEntry]bool{},
		titleKeys: map[*docEntry][]string{}, paraKeys: map[uint32][]string{}, paraCount: map[int32]int{},
		spoken: map[*docEntry]string{}}
}

func articleKey(n, sub int) uint32 { return uint32(n)<<8 | uint32(sub&0xff) }

// docKeys are the lookup keys a document answers to: its title, its title from 关于
// on (citations within an issuer's own documents leave the issuer out), the whole of a
// code it is a part of (中华人民共和国民法典·婚姻家庭编 is part of 民法典), its 文号.
func docKeys(d *policysearch.Document) []string {
	var keys []string
	k := policysearch.TitleKey(d.Title)
	if whole, _, ok := strings.Cut(k, "·"); ok && whole != "" {
		keys = append(keys, "w:"+whole)
	}
	if k != "" {
		keys = append(keys, "t:"+k)
		if a := aliasOf(k); a != "" && a != k {
			keys = append(keys, "a:"+a)
		}
	}
	if d.DocNumber != "" {
		keys = append(keys, "n:"+policysearch.DocNumberKey(d.DocNumber))
	}
	return keys
}

// aliasOf is a title from its 关于 on: 国务院关于…的意见 → 关于…的意见.
func aliasOf(k string) string {
	if i := strings.Index(k, "关于"); i >= 0 {
		return k[i:]
	}
	return ""
}

// refKeys are the keys a reference looks up, in the order tried (see candidates).
func refKeys(r *policysearch.Reference) []string {
	var keys []string
	if r.DocNumber != "" {
		keys = append(keys, "n:"+policysearch.DocNumberKey(r.DocNumber))
	}
	if r.Title == "" {
		return keys
	}
	for _, k := range titleVariants(policysearch.TitleKey(r.Title)) {
		keys = append(keys, "t:"+k, "w:"+k)
	}
	if a := aliasOf(policysearch.TitleKey(r.Title)); a != "" {
		keys = append(keys, "a:"+a, "t:"+a)
	}
	return keys
}

// titleVariants are the titles a cited title may be filed under: itself, with or
// without (试行), and the document a notice title encloses (国务院关于印发〈X〉的通知 → X).
func titleVariants(k string) []string {
	out := []string{k}
	if s, ok := strings.CutSuffix(k, "(试行)"); ok {
		out = append(out, s)
	} else {
		out = append(out, k+"(试行)")
	}
	for _, verb := range []string{"印发", "转发", "颁发", "发布"} {
		if i := strings.Index(k, verb); i >= 0 {
			inner := k[i+len(verb):]
			for _, end := range []string{"的通知", "的函", "的决定", "的公告", "通知"} {
				if s, ok := strings.CutSuffix(inner, end); ok && s != "" {
					out = append(out, s)
					break
				}
			}
		}
	}
	return out
}

// add files a prepared document: its lookup keys, its article numbers and its
// references, which are resolved by the next settle.
// refsOf returns the references a document was added with (those whose paragraph it
// has), as cite.Extract gave them.
func (g *citeGraph) refsOf(e *docEntry) []policysearch.Reference {
	list := g.of[e]
	out := make([]policysearch.Reference, len(list))
	for i, r := range list {
		out[i] = r.Reference
	}
	return out
}

func (g *citeGraph) add(e *docEntry, paras []*paraEntry, refs []policysearch.Reference, spoken *string) {
	arts := map[uint32]int32{}
	for i, pe := range paras {
		if pe.kind != policysearch.KindArticle || pe.rec == "" {
			continue
		}
		if n, sub, ok := policysearch.ArticleNumber(decodeRec(pe.rec).measureNo); ok {
			if _, dup := arts[articleKey(n, sub)]; !dup {
				arts[articleKey(n, sub)] = int32(e.ords[i])
			}
		}
	}
	if len(arts) > 0 {
		g.articles[e] = arts
	}
	for _, k := range docKeys(&e.doc) {
		g.byTitle[k] = append(g.byTitle[k], e)
		g.dirty[k] = true
	}
	ordOf := make(map[string]int32, len(paras))
	for i, pe := range paras {
		ordOf[pe.id] = int32(e.ords[i])
	}
	list := make([]*citeRef, 0, len(refs))
	for _, ref := range refs {
		r := &citeRef{Reference: ref, from: e, ord: -1, toOrd: -1, key: ref.Key()}
		if ref.Paragraph != "" {
			o, ok := ordOf[ref.Paragraph]
			if !ok {
				continue
			}
			r.ord = o
		}
		list = append(list, r)
		if r.internal() {
			continue
		}
		for _, k := range refKeys(&r.Reference) {
			g.waiting[k] = append(g.waiting[k], r)
		}
		if r.key != "" {
			g.byKey[r.key] = append(g.byKey[r.key], r)
		}
	}
	g.of[e] = list
	g.fresh = append(g.fresh, e)
	if e.doc.Date == "" && e.doc.Published == "" && e.doc.Effective == "" && len(list) > 0 {
		day := ""
		if spoken != nil {
			day = *spoken
		} else {
			day = latestDay(paras, policysearch.Today())
		}
		if day != "" {
			g.spoken[e] = day
		}
	}
	title, byPara := citeKeys(refs)
	if len(title) > 0 {
		g.titleKeys[e] = title
	}
	for id, keys := range byPara {
		if o, ok := ordOf[id]; ok {
			g.paraKeys[uint32(o)] = keys
		}
	}
}

// remove drops a document: its references, its keys (the references that named it are
// resolved again by the next settle).
func (g *citeGraph) remove(e *docEntry) {
	for _, r := range g.of[e] {
		if r.to != nil && !r.internal() {
			g.stale[r.to] = true
		}
		g.detach(r)
		if r.internal() {
			continue
		}
		for _, k := range refKeys(&r.Reference) {
			g.waiting[k] = without(g.waiting[k], r)
			if len(g.waiting[k]) == 0 {
				delete(g.waiting, k)
			}
		}
		if r.key != "" {
			if g.byKey[r.key] = without(g.byKey[r.key], r); len(g.byKey[r.key]) == 0 {
				delete(g.byKey, r.key)
			}
		}
	}
	delete(g.of, e)
	delete(g.titleKeys, e)
	delete(g.spoken, e)
	for _, o := range e.ords {
		delete(g.paraKeys, o)
		delete(g.paraCount, int32(o))
	}
	delete(g.articles, e)
	delete(g.counts, e)
	for _, k := range docKeys(&e.doc) {
		list := g.byTitle[k]
		for i, x := range list {
			if x == e {
				list = append(list[:i:i], list[i+1:]...)
				break
			}
		}
		if len(list) == 0 {
			delete(g.byTitle, k)
		} else {
			g.byTitle[k] = list
		}
		g.dirty[k] = true
	}
	for i, x := range g.fresh {
		if x == e {
			g.fresh = append(g.fresh[:i:i], g.fresh[i+1:]...)
			break
		}
	}
}

func without(list []*citeRef, r *citeRef) []*citeRef {
	for i, x := range list {
		if x == r {
			return append(list[:i:i], list[i+1:]...)
		}
	}
	return list
}

// detach takes a reference out of its target's cited-by list.
func (g *citeGraph) detach(r *citeRef) {
	if r.to == nil {
		return
	}
	if r.toOrd >= 0 && !r.internal() {
		if g.paraCount[r.toOrd]--; g.paraCount[r.toOrd] <= 0 {
			delete(g.paraCount, r.toOrd)
		}
	}
	list := g.citedBy[r.to]
	last := len(list) - 1
	if r.pos <= last && list[r.pos] == r {
		list[r.pos] = list[last]
		list[r.pos].pos = r.pos
		list = list[:last]
	}
	if len(list) == 0 {
		delete(g.citedBy, r.to)
	} else {
		g.citedBy[r.to] = list
	}
	r.to, r.toOrd = nil, -1
}

// settle resolves the references of new documents and those looking up a key that
// changed. The caller holds the write lock.
func (g *citeGraph) settle(c *corpus) {
	if len(g.dirty) == 0 && len(g.fresh) == 0 && len(g.stale) == 0 {
		return
	}
	todo := map[*citeRef]bool{}
	for _, e := range g.fresh {
		for _, r := range g.of[e] {
			todo[r] = true
		}
	}
	for k := range g.dirty {
		for _, r := range g.waiting[k] {
			todo[r] = true
		}
	}
	touched := g.stale
	for r := range todo {
		old := r.to
		to, ord := g.resolve(c, r)
		if to == old && ord == r.toOrd {
			continue
		}
		g.detach(r)
		if old != nil {
			touched[old] = true
		}
		r.to, r.toOrd = to, ord
		if to != nil && !r.internal() {
			if ord >= 0 {
				g.paraCount[ord]++
			}
			r.pos = len(g.citedBy[to])
			g.citedBy[to] = append(g.citedBy[to], r)
			touched[to] = true
		}
	}
	for e := range touched {
		if _, live := c.docs[e.doc.ID]; !live || c.docs[e.doc.ID] != e {
			delete(g.counts, e)
			continue
		}
		seen := map[*docEntry]bool{}
		for _, r := range g.citedBy[e] {
			seen[r.from] = true
		}
		if len(seen) == 0 {
			delete(g.counts, e)
		} else {
			g.counts[e] = len(seen)
		}
	}
	g.dirty = map[string]bool{}
	g.stale = map[*docEntry]bool{}
	g.fresh = nil
}

// resolve finds what a reference names: the document and, for an article, its
// paragraph.
func (g *citeGraph) resolve(c *corpus, r *citeRef) (*docEntry, int32) {
	switch r.Kind {
	case policysearch.RefSelf:
		return r.from, g.article(r.from, r.ArticleNo, r.ArticleSub)
	case policysearch.RefClause:
		return r.from, r.ord
	}
	to := g.target(c, r)
	if to == nil {
		return nil, -1
	}
	if r.ArticleNo > 0 {
		return to, g.article(to, r.ArticleNo, r.ArticleSub)
	}
	return to, -1
}

func (g *citeGraph) article(e *docEntry, n, sub int) int32 {
	if n <= 0 {
		return -1
	}
	if o, ok := g.articles[e][articleKey(n, sub)]; ok {
		return o
	}
	return -1
}

// target is the document a reference names, or nil.
func (g *citeGraph) target(c *corpus, r *citeRef) *docEntry {
	if r.DocNumber != "" {
		if list := g.others(r, g.byTitle["n:"+policysearch.DocNumberKey(r.DocNumber)]); len(list) > 0 {
			return g.version(c, r, g.region(r, list))
		}
	}
	if r.Title == "" {
		return nil
	}
	k := policysearch.TitleKey(r.Title)
	for _, v := range titleVariants(k) {
		if list := g.others(r, g.byTitle["t:"+v]); len(list) > 0 {
			return g.version(c, r, g.region(r, list))
		}
		if parts := g.others(r, g.byTitle["w:"+v]); len(parts) > 0 {
			return g.part(c, r, parts)
		}
	}
	if a := aliasOf(k); a != "" {
		list := g.others(r, append(append([]*docEntry(nil), g.byTitle["t:"+a]...), g.byTitle["a:"+a]...))
		if list = g.sameIssuer(r, k, a, list); len(list) > 0 {
			return g.version(c, r, list)
		}
	}
	return nil
}

// others leaves the citing document out of candidates.
func (g *citeGraph) others(r *citeRef, list []*docEntry) []*docEntry {
	for i, e := range list {
		if e == r.from {
			out := append(append([]*docEntry(nil), list[:i]...), list[i+1:]...)
			return out
		}
	}
	return list
}

// region narrows candidates of one title to the citing document's own region, else to
// the regions above it, else to national documents; failing all, every candidate.
func (g *citeGraph) region(r *citeRef, list []*docEntry) []*docEntry {
	if len(list) < 2 {
		return list
	}
	pick := func(ok func(e *docEntry) bool) []*docEntry {
		var out []*docEntry
		for _, e := range list {
			if ok(e) {
				out = append(out, e)
			}
		}
		return out
	}
	from := r.from
	for _, ok := range []func(e *docEntry) bool{
		func(e *docEntry) bool { return e.doc.Region != "" && e.doc.Region == from.doc.Region },
		func(e *docEntry) bool { return e.doc.Region != "" && oneIn(e.doc.Region, from.regionPath) },
		func(e *docEntry) bool { return e.doc.Region == policysearch.RegionNational },
	} {
		if out := pick(ok); len(out) > 0 {
			return out
		}
	}
	return list
}

// sameIssuer keeps the candidates found by a title from 关于 on that the citation can
// mean: when it named an issuer, those whose title names it too; when it named none,
// the citing document's own issuers' documents, or the one document that has the title.
func (g *citeGraph) sameIssuer(r *citeRef, k, a string, list []*docEntry) []*docEntry {
	if len(list) == 0 {
		return nil
	}
	prefix := strings.TrimSuffix(k, a)
	var out []*docEntry
	for _, e := range list {
		ek := policysearch.TitleKey(e.doc.Title)
		ep := strings.TrimSuffix(ek, aliasOf(ek))
		switch {
		case prefix != "" && (strings.Contains(ep, prefix) || strings.Contains(prefix, ep) && ep != ""):
			out = append(out, e)
		case prefix == "" && anyIn(e.doc.Issuers, r.from.doc.Issuers):
			out = append(out, e)
		}
	}
	if len(out) > 0 {
		return out
	}
	if prefix == "" && oneChain(list) {
		return list
	}
	return nil
}

// oneChain reports whether every candidate is a version of one law.
func oneChain(list []*docEntry) bool {
	for _, e := range list[1:] {
		if chainKey(&e.doc) != chainKey(&list[0].doc) {
			return false
		}
	}
	return true
}

// part picks the part of a code a reference names: the part it names (《民法典》婚姻
// 家庭编), the part holding the article it cites, or the first part.
func (g *citeGraph) part(c *corpus, r *citeRef, parts []*docEntry) *docEntry {
	parts = g.region(r, parts)
	if r.Part != "" {
		want := strings.TrimSuffix(policysearch.TitleKey(r.Part), "编")
		var named []*docEntry
		for _, e := range parts {
			if _, p, ok := strings.Cut(policysearch.TitleKey(e.doc.Title), "·"); ok && strings.TrimSuffix(p, "编") == want {
				named = append(named, e)
			}
		}
		if len(named) > 0 {
			return g.version(c, r, named)
		}
	}
	if r.ArticleNo > 0 {
		var holding []*docEntry
		for _, e := range parts {
			if _, ok := g.articles[e][articleKey(r.ArticleNo, r.ArticleSub)]; ok {
				holding = append(holding, e)
			}
		}
		if len(holding) > 0 {
			return g.version(c, r, holding)
		}
	}
	first, low := parts[0], int(^uint(0)>>1)
	for _, e := range parts {
		for k := range g.articles[e] {
			if int(k>>8) < low {
				first, low = e, int(k>>8)
			}
		}
	}
	return first
}

// version picks among the candidates (versions of one law, as a rule) the one the
// reference means: the version it names (（2018年修正）), else the one in force on the
// citing document's date — the newest that took effect by then, or the oldest when it
// predates them all (the nearest the corpus has). A document without a date cites the version in force today.
func (g *citeGraph) version(c *corpus, r *citeRef, list []*docEntry) *docEntry {
	if len(list) == 1 {
		return list[0]
	}
	if !oneChain(list) {
		list = g.chainOf(r, list)
	}
	chain := versionOrder(list)
	if v := r.Version; v != "" {
		for _, e := range chain {
			for _, d := range []string{e.doc.Date, e.doc.Published, e.doc.Effective} {
				if d != "" && strings.HasPrefix(d, v) {
					return e
				}
			}
		}
	}
	day := citingDay(&r.from.doc)
	if s, ok := g.spoken[r.from]; ok {
		day = s
	}
	var best *docEntry
	for _, e := range chain {
		// A version starts when it takes effect, and never before its own date: a
		// law amended in 2023 may give the 1997 effect date of its first text.
		start := max(e.doc.Effective, e.doc.Date)
		if start == "" || start <= day {
			best = e
		}
	}
	if best == nil {
		best = chain[0]
	}
	return best
}

// chainOf picks, among candidates of several laws that share a title, the law whose
// issuer the citing document shares, else the one with the most versions, else the
// first by id.
func (g *citeGraph) chainOf(r *citeRef, list []*docEntry) []*docEntry {
	groups := map[string][]*docEntry{}
	var order []string
	for _, e := range list {
		k := chainKey(&e.doc)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], e)
	}
	best := ""
	score := func(k string) int {
		s := len(groups[k])
		for _, e := range groups[k] {
			if anyIn(e.doc.Issuers, r.from.doc.Issuers) {
				s += 1000
				break
			}
		}
		return s
	}
	for _, k := range order {
		if best == "" || score(k) > score(best) || score(k) == score(best) && k < best {
			best = k
		}
	}
	return groups[best]
}

// latestDay is the latest day up to today that paragraphs name (2004年6月16日): a
// document whose date is unknown speaks from no earlier than that, and a page that
// lost its date (a crawled notice) still names the day of its meeting or its period.
func latestDay(paras []*paraEntry, today string) string {
	best := ""
	for _, pe := range paras {
		s := pe.norm
		for i := strings.Index(s, "年"); i >= 0; {
			if d := dayAt(s, i); d != "" && d <= today && d > best {
				best = d
			}
			k := strings.Index(s[i+len("年"):], "年")
			if k < 0 {
				break
			}
			i += len("年") + k
		}
	}
	return best
}

// dayAt reads YYYY年M月D日 from the 年 at i, or "".
func dayAt(s string, i int) string {
	if i < 4 {
		return ""
	}
	if v := policysearch.VersionDate(s[i-4 : min(len(s), i+24)]); len(v) == len("2006-01-02") {
		return v
	}
	return ""
}

// citingDay is the day a document speaks from: its date, publication or effect,
// else today.
func citingDay(d *policysearch.Document) string {
	for _, s := range []string{d.Date, d.Published, d.Effective} {
		if s != "" {
			return s
		}
	}
	return policysearch.Today()
}
