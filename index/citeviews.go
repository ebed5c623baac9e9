package index

import (
	"context"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"policysearch"
)

// What the citation network answers: a document's citations both ways, the edges for
// network tools, the cites: filter, the cites facet, sort=cited and the diffusion view.

// Citations lists what a document cites and what cites it, each grouped by the other
// document, with every mention.
func (ix *Index) Citations(ctx context.Context, id string) (*policysearch.Citations, error) {
	start := time.Now()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	e, err := ix.entry(id)
	if err != nil {
		return nil, err
	}
	g := ix.c.cites
	out := &policysearch.Citations{ID: id, Cites: []policysearch.Citation{}, CitedBy: []policysearch.Citation{}, Internal: []policysearch.Mention{}}
	var cites citationGroups
	for _, r := range g.of[e] {
		if r.internal() {
			out.Internal = append(out.Internal, ix.mention(r))
			continue
		}
		gk := "k:" + r.key
		if r.to != nil {
			gk = "d:" + r.to.doc.ID
		}
		cites.add(gk, func() policysearch.CitedDocument { return ix.citedDocument(r.to, r) }, ix.mention(r), r.Article)
	}
	out.Cites = cites.list
	var by citationGroups
	refs := append([]*citeRef(nil), g.citedBy[e]...)
	sort.Slice(refs, func(i, j int) bool {
		a, b := refs[i], refs[j]
		if a.from != b.from {
			if a.from.doc.Date != b.from.doc.Date {
				return a.from.doc.Date > b.from.doc.Date
			}
			return a.from.doc.ID < b.from.doc.ID
		}
		return a.ord < b.ord || a.ord == b.ord && a.Start < b.Start
	})
	for _, r := range refs {
		from := r.from
		by.add("d:"+from.doc.ID, func() policysearch.CitedDocument { return ix.citedDocument(from, nil) }, ix.mention(r), r.Article)
	}
	out.CitedBy = by.list
	out.CitesCount, out.CitedByCount = len(out.Cites), len(out.CitedBy)
	out.TookMS = policysearch.Millis(time.Since(start))
	return out, nil
}

// entry is a document of the index, or a not_found error. The caller holds ix.mu.
func (ix *Index) entry(id string) (*docEntry, error) {
	if e := ix.c.docs[id]; e != nil {
		return e, nil
	}
	return nil, policysearch.Errorf(policysearch.ENOTFOUND, "no document %q", id)
}

// citationGroups gathers mentions by the other document, in order of first mention.
type citationGroups struct {
	at   map[string]int
	list []policysearch.Citation
}

func (cg *citationGroups) add(key string, doc func() policysearch.CitedDocument, m policysearch.Mention, article string) {
	if cg.at == nil {
		cg.at = map[string]int{}
	}
	i, ok := cg.at[key]
	if !ok {
		i = len(cg.list)
		cg.at[key] = i
		cg.list = append(cg.list, policysearch.Citation{Document: doc(), Paragraphs: []string{}, Articles: []string{}})
	}
	c := &cg.list[i]
	c.Mentions = append(c.Mentions, m)
	c.Count++
	if n := len(c.Paragraphs); n == 0 || c.Paragraphs[n-1] != m.Paragraph {
		if !contains(c.Paragraphs, m.Paragraph) {
			c.Paragraphs = append(c.Paragraphs, m.Paragraph)
		}
	}
	if article != "" && !contains(c.Articles, article) {
		c.Articles = append(c.Articles, article)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// mention is a reference as the API lists it. The caller holds ix.mu.
func (ix *Index) mention(r *citeRef) policysearch.Mention {
	m := policysearch.Mention{Reference: r.Reference}
	if r.to != nil {
		m.CitedDoc = r.to.doc.ID
	}
	if r.toOrd >= 0 {
		if pe := ix.c.paras[r.toOrd]; pe != nil {
			m.CitedParagraph = pe.id
		}
	}
	if m.Article == "" && r.ArticleNo > 0 {
		m.Article = policysearch.ArticleLabel(r.ArticleNo, r.ArticleSub)
	}
	return m
}

// citedDocument describes a document of the corpus, or, for nil, what the reference
// says of one outside it.
func (ix *Index) citedDocument(e *docEntry, r *citeRef) policysearch.CitedDocument {
	if e == nil {
		return policysearch.CitedDocument{Title: r.Title, DocNumber: r.DocNumber}
	}
	id := e.doc.ID
	return policysearch.CitedDocument{ID: &id, Title: e.doc.Title, DocNumber: e.doc.DocNumber, Date: e.doc.Date,
		Issuers: e.doc.Issuers, Level: e.doc.Level, Region: e.doc.Region, DocType: e.doc.DocType, Status: ix.c.standing(e).status}
}

// Edges calls fn for every citation edge of one document (what it cites, then what
// cites it) or, for "", of the corpus, citing documents in id order. The edges are
// collected under the read lock and written after it, so a slow reader of a large
// export holds no writer back.
func (ix *Index) Edges(ctx context.Context, docID string, fn func(policysearch.Edge) error) error {
	ix.mu.RLock()
	g := ix.c.cites
	var edges []policysearch.Edge
	add := func(r *citeRef) {
		e := policysearch.Edge{Citing: r.from.doc.ID, Paragraph: r.Paragraph, Article: r.Article, CitedTitle: r.Title,
			CitedDocNumber: r.DocNumber, ReferenceText: r.Text, ReferenceKind: r.Kind}
		if r.to != nil {
			e.Cited, e.CitedTitle = r.to.doc.ID, r.to.doc.Title
		}
		if r.toOrd >= 0 {
			if pe := ix.c.paras[r.toOrd]; pe != nil {
				e.CitedParagraph = pe.id
			}
		}
		edges = append(edges, e)
	}
	if docID != "" {
		d, err := ix.entry(docID)
		if err != nil {
			ix.mu.RUnlock()
			return err
		}
		for _, r := range g.of[d] {
			if !r.internal() {
				add(r)
			}
		}
		by := append([]*citeRef(nil), g.citedBy[d]...)
		sort.Slice(by, func(i, j int) bool {
			return by[i].from.doc.ID < by[j].from.doc.ID || by[i].from == by[j].from && by[i].ord < by[j].ord
		})
		for _, r := range by {
			add(r)
		}
	} else {
		ids := make([]string, 0, len(ix.c.docs))
		for id := range ix.c.docs {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			for _, r := range g.of[ix.c.docs[id]] {
				if !r.internal() {
					add(r)
				}
			}
		}
	}
	ix.mu.RUnlock()
	for _, e := range edges {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return nil
}

// citeFilter is a cites: filter resolved: the paragraphs citing the document, and the
// documents citing it in their title (all of whose paragraphs pass).
type citeFilter struct {
	paras map[string]bool
	docs  map[string]bool
}

// resolveCites resolves cites:V. V is a document id (the references resolved to that
// document), or a title or 文号 (the references naming it, whichever version they
// resolved to, and those to no document of the corpus). The caller holds ix.mu.
func (ix *Index) resolveCites(v string, fs *filterSet) {
	g := ix.c.cites
	cf := &citeFilter{paras: map[string]bool{}, docs: map[string]bool{}}
	fs.cites = cf
	var refs []*citeRef
	if e := ix.c.docs[v]; e != nil {
		refs = g.citedBy[e]
	} else {
		seen := map[*citeRef]bool{}
		addAll := func(list []*citeRef) {
			for _, r := range list {
				if !seen[r] {
					seen[r] = true
					refs = append(refs, r)
				}
			}
		}
		k, no := policysearch.TitleKey(v), policysearch.DocNumberKey(v)
		addAll(g.byKey[k])
		addAll(g.byKey[no])
		for _, key := range []string{"t:" + k, "w:" + k, "n:" + no} {
			for _, e := range g.byTitle[key] {
				addAll(g.citedBy[e])
			}
		}
	}
	for _, r := range refs {
		if r.ord < 0 {
			cf.docs[r.from.doc.ID] = true
		} else if pe := ix.c.paras[r.ord]; pe != nil {
			cf.paras[pe.id] = true
		}
	}
	if len(cf.paras) == 0 && len(cf.docs) == 0 {
		fs.none = true
	}
}

func (cf *citeFilter) match(pe *paraEntry) bool {
	return cf.paras[pe.id] || cf.docs[pe.doc.doc.ID]
}

// query is the filter for bleve: the citing paragraphs by id, or any paragraph of a
// document citing in its title.
func (cf *citeFilter) query() query.Query {
	var parts []query.Query
	if len(cf.paras) > 0 {
		ids := make([]string, 0, len(cf.paras))
		for id := range cf.paras {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		parts = append(parts, bleve.NewDocIDQuery(ids))
	}
	if len(cf.docs) > 0 {
		docs := make([]string, 0, len(cf.docs))
		for id := range cf.docs {
			docs = append(docs, id)
		}
		sort.Strings(docs)
		parts = append(parts, termsQuery(fDoc, docs))
	}
	if len(parts) == 1 {
		return parts[0]
	}
	return bleve.NewDisjunctionQuery(parts...)
}

// citeKeys lists, for the cites field and facet, the keys a paragraph cites: those of
// its own references and those of its document's title. Keys repeat nowhere.
func citeKeys(refs []policysearch.Reference) (title []string, byPara map[string][]string) {
	byPara = map[string][]string{}
	for i := range refs {
		k := refs[i].Key()
		if k == "" {
			continue
		}
		if refs[i].Paragraph == "" {
			if !contains(title, k) {
				title = append(title, k)
			}
			continue
		}
		if l := byPara[refs[i].Paragraph]; !contains(l, k) {
			byPara[refs[i].Paragraph] = append(l, k)
		}
	}
	return title, byPara
}

// paragraphCiteKeys are the keys a paragraph of a document cites, its title's included.
func paragraphCiteKeys(title []string, own []string) []string {
	if len(title) == 0 {
		return own
	}
	out := append([]string(nil), own...)
	for _, k := range title {
		if !contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// citeFacet counts, over hits, the paragraphs citing each key. The caller holds ix.mu.
func (ix *Index) citeFacet(cand []scored) map[string]int {
	g := ix.c.cites
	counts := map[string]int{}
	for _, s := range cand {
		pe := ix.c.paras[s.ord]
		for _, k := range paragraphCiteKeys(g.titleKeys[pe.doc], g.paraKeys[s.ord]) {
			counts[k]++
		}
	}
	return counts
}

// labelCites names the values of a cites facet: the title of the document a key
// resolves to in the corpus, else the title as the references write it. The caller
// holds ix.mu.
func (ix *Index) labelCites(vals []policysearch.FacetValue) {
	g := ix.c.cites
	for i := range vals {
		k := vals[i].Value
		label := ""
		for _, key := range []string{"t:" + k, "n:" + k, "w:" + k} {
			if list := g.byTitle[key]; len(list) > 0 {
				label = list[0].doc.Title
				if key == "w:"+k {
					label, _, _ = strings.Cut(label, "·")
				}
				break
			}
		}
		if label == "" {
			for _, r := range g.byKey[k] {
				if label = r.Title; label == "" {
					label = r.DocNumber
				}
				if label != "" {
					break
				}
			}
		}
		vals[i].Label = label
	}
}

// citedRank orders hits for sort=cited: by the number of documents citing the hit's
// document, then by the citations of the paragraph itself (an article cited often).
func (ix *Index) citedRank(ord uint32) int64 {
	g := ix.c.cites
	return int64(g.counts[ix.c.paras[ord].doc])<<32 | int64(g.paraCount[int32(ord)])
}

// citedWindow is how many matches of a worded query sort=cited orders: the first
// citedWindow by relevance, which at the corpus sizes served is every match of
// all but the broadest queries.
const citedWindow = 5000

// searchCited answers sort=cited: the hits ordered by how often their document is
// cited, then by relevance.
func (ix *Index) searchCited(ctx context.Context, p *plan, page, size int) (*policysearch.SearchResult, error) {
	if p.inMemory() {
		return ix.searchMemory(p, page, size), nil
	}
	res := &policysearch.SearchResult{}
	if p.filters.none {
		return res, nil
	}
	q, ok := ix.strictQuery(p)
	if !ok {
		return res, nil
	}
	br, err := ix.runBleve(ctx, p, q, citedWindow, 0, !p.req.NoFacets)
	if err != nil {
		return nil, err
	}
	res.Total = int(br.Total)
	if !p.req.NoFacets {
		res.Facets = facetsBleve(br.Facets)
	}
	from := (page - 1) * size
	top := ix.top(ix.scoredHits(br), from+size, policysearch.SortCited)
	for i := from; i < len(top); i++ {
		res.Hits = append(res.Hits, ix.hit(ix.c.paras[top[i].ord], top[i].score, &p.marks))
	}
	return res, nil
}

// Diffusion lists the documents of other regions citing a document (any version of
// it), by region and year, each with the share of its wording it shares with the
// version it cites (the compare figure).
func (ix *Index) Diffusion(ctx context.Context, id string) (*policysearch.Diffusion, error) {
	start := time.Now()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	e, err := ix.entry(id)
	if err != nil {
		return nil, err
	}
	versions := ix.c.links.chain(e)
	if versions == nil {
		versions = []*docEntry{e}
	}
	type citer struct {
		from  *docEntry
		cited *docEntry
		paras []string
	}
	byDoc := map[*docEntry]*citer{}
	var list []*citer
	for _, v := range versions {
		for _, r := range ix.c.cites.citedBy[v] {
			if r.from.doc.Region == e.doc.Region && e.doc.Region != "" {
				continue // the same region: not diffusion
			}
			c := byDoc[r.from]
			if c == nil {
				c = &citer{from: r.from, cited: v}
				byDoc[r.from] = c
				list = append(list, c)
			}
			pid := ""
			if r.ord >= 0 {
				pid = ix.c.paras[r.ord].id
			}
			if !contains(c.paras, pid) {
				c.paras = append(c.paras, pid)
			}
		}
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i].from.doc, list[j].from.doc
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.ID < b.ID
	})
	out := &policysearch.Diffusion{Document: ix.c.summary(e), Total: len(list), Regions: []string{}, Years: []string{},
		Cells: []policysearch.DiffusionCell{}, Citers: make([]policysearch.DiffusionCiter, len(list))}
	// The compare figure of each citer, on every core: each is independent, and the
	// read lock held here keeps the corpus still.
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				c := list[i]
				cmp, err := ix.compare(ctx, c.cited, c.from, false)
				if err != nil {
					// Cancelled: ctx.Err below reports it once for every worker.
					continue
				}
				out.Citers[i] = policysearch.DiffusionCiter{DocumentSummary: ix.c.summary(c.from), Province: province(c.from),
					Paragraphs: c.paras, Coverage: cmp.Coverage, SharedChars: cmp.CoveredChars}
			}
		}()
	}
	for i := range list {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, policysearch.WrapError(policysearch.EUNAVAILABLE, err, "the diffusion view was cancelled or timed out")
	}
	cells := map[[2]string]*policysearch.DiffusionCell{}
	regions, years := map[string]bool{}, map[string]bool{}
	for i := range out.Citers {
		c := &out.Citers[i]
		y := list[i].from.year
		k := [2]string{c.Province, y}
		cell := cells[k]
		if cell == nil {
			cell = &policysearch.DiffusionCell{Region: c.Province, Year: y}
			cells[k] = cell
		}
		cell.Count++
		cell.Coverage += c.Coverage
		regions[c.Province], years[y] = true, true
	}
	for _, cell := range cells {
		cell.Coverage /= float64(cell.Count)
		out.Cells = append(out.Cells, *cell)
	}
	sort.Slice(out.Cells, func(i, j int) bool {
		a, b := out.Cells[i], out.Cells[j]
		return a.Region < b.Region || a.Region == b.Region && a.Year < b.Year
	})
	for r := range regions {
		out.Regions = append(out.Regions, r)
	}
	for y := range years {
		out.Years = append(out.Years, y)
	}
	sort.Strings(out.Regions)
	sort.Strings(out.Years)
	out.TookMS = policysearch.Millis(time.Since(start))
	return out, nil
}

// province is the province a document's region lies in, 全国 for national ones.
func province(e *docEntry) string {
	if e.doc.Region == policysearch.RegionNational || e.doc.Level == policysearch.LevelNational {
		return policysearch.RegionNational
	}
	if len(e.regionPath) > 0 {
		return e.regionPath[0]
	}
	return e.doc.Region
}
