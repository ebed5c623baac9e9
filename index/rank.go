package index

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"policysearch"
	"policysearch/analyzers"
	"policysearch/phrase"
)

// The ranker orders the candidates bleve selected. Its model is BM25 over the query's
// terms as substrings of the normalised text — what a reader sees, whatever jieba made
// of it — plus the paragraph's context (headings, measure title, document title), a
// segmentation-free fallback over the terms' bigrams, how closely a question's words
// stand together, and priors on the paragraph's form and its document's authority.
// Every weight below was measured on the judged sets in eval/ (go run ./cmd/evalrank).

const (
	// rankK1 is BM25's saturation of repeated occurrences. A paragraph is short; a term
	// said four times in it is not four times as much about the term.
	rankK1 = 0.6

	// A term under a heading or measure title that names it counts this share of an
	// occurrence in the text; in the document's title, titleWeight.
	headingWeight      = 0.3
	headingCoverWeight = 1.2
	titleWeight        = 0.2
	// A synonym's occurrence counts this share of the term's own; all of a long word's
	// parts without the word, partsWeight.
	synonymWeight = 0.85
	partsWeight   = 0.6
	// A term absent as a whole but with most of its bigrams present earns at most this
	// share (the related tier's recall model).
	fuzzyWeight = 0.3
	// A question's terms standing together raise the score by up to this share.
	adjacencyWeight = 0.35
	// Paragraphs shorter than shortRunes (a heading or title left on its own) are
	// scaled down towards shortFloor.
	shortRunes = 24
	shortFloor = 0.35
	// A paragraph that defines the term (X是指…, 本法所称X) is raised by this share.
	definitionWeight = 0.8
)

// rankWindow is how many of bleve's best candidates of each tier are ranked here (a
// variable only so that tests can make a small corpus's tiers exceed it).
var rankWindow = 200

// ranker scores paragraphs for one planned query. It is built under the read lock and
// used under it.
type ranker struct {
	slots []rankSlot
	avg   float64
	terms int // content terms in all word alternatives, for the definition prior
}

type rankSlot struct {
	alts []rankAlt
}

type rankAlt struct {
	phrase    string  // exact phrase (normalised), when not a word
	phraseIDF float64 // its idf
	word      *word
	terms     []rankTerm
	totalIDF  float64
}

type rankTerm struct {
	t     term
	idf   float64
	forms forms    // the term and its synonyms, as counted in a text
	grams []string // bigrams of the term, for the fuzzy fallback
}

// forms are the strings that count as one term, each with its weight.
type forms struct {
	texts   []string
	weights []float64
}

// longestIn is the length in runes of the longest form found in h, 0 when none is.
func (f forms) longestIn(h string) int {
	best := 0
	for _, s := range f.texts {
		if n := utf8.RuneCountInString(s); n > best && strings.Contains(h, s) {
			best = n
		}
	}
	return best
}

// headingCover is, for each of the paragraph's headings, the share of its characters
// that the alternative's terms found in it make up (each term counted once, by its
// longest form there).
func (a *rankAlt) headingCover(v *view) []float64 {
	if len(v.headings) == 0 {
		return nil
	}
	out := make([]float64, len(v.headings))
	for k, h := range v.headings {
		n := 0
		for i := range a.terms {
			n += a.terms[i].forms.longestIn(h)
		}
		if n > 0 {
			out[k] = min(1, float64(n)/float64(utf8.RuneCountInString(h)))
		}
	}
	return out
}

// count is the weighted number of places in text where one of the forms stands. Where
// forms overlap (法院 inside 人民法院, both in one group) the place counts once, for the
// longest form there.
func (f forms) count(text string) float64 {
	type occ struct {
		a, b int
		w    float64
	}
	var occs []occ
	for i, s := range f.texts {
		if s == "" {
			continue
		}
		for from := 0; from < len(text); {
			j := strings.Index(text[from:], s)
			if j < 0 {
				break
			}
			a := from + j
			occs = append(occs, occ{a, a + len(s), f.weights[i]})
			from = a + len(s)
		}
	}
	if len(f.texts) == 1 || len(occs) < 2 {
		n := 0.0
		for _, o := range occs {
			n += o.w
		}
		return n
	}
	// Longest first, then leftmost; keep those that overlap nothing kept.
	slices.SortFunc(occs, func(x, y occ) int {
		if c := cmp.Compare(y.b-y.a, x.b-x.a); c != 0 {
			return c
		}
		return cmp.Compare(x.a, y.a)
	})
	var kept []occ
	n := 0.0
	for _, o := range occs {
		free := true
		for _, k := range kept {
			if o.a < k.b && k.a < o.b {
				free = false
				break
			}
		}
		if free {
			kept = append(kept, o)
			n += o.w
		}
	}
	return n
}

// newRanker computes what scoring needs from the plan: each term's idf from the
// in-memory bigram index (substring document frequency, the same notion as the tf).
func (ix *Index) newRanker(p *plan) *ranker {
	r := &ranker{avg: ix.c.avgRunes()}
	n := float64(ix.c.liveCount)
	for _, s := range p.slots {
		var rs rankSlot
		for _, a := range s.alts {
			if a.word == nil {
				rs.alts = append(rs.alts, rankAlt{phrase: a.phrase, phraseIDF: bm25IDF(n, float64(max(1, len(a.hits))))})
				continue
			}
			ra := rankAlt{word: a.word}
			for _, t := range a.word.terms {
				df := ix.substringDF(t.text)
				for _, syn := range t.syns {
					df = max(df, ix.substringDF(syn))
				}
				rt := rankTerm{t: t, idf: bm25IDF(n, float64(max(1, df)))}
				rt.forms.texts = append([]string{t.text}, t.syns...)
				rt.forms.weights = []float64{1}
				for range t.syns {
					rt.forms.weights = append(rt.forms.weights, synonymWeight)
				}
				if utf8.RuneCountInString(t.text) > 2 {
					rt.grams = analyzers.Grams(t.text)
				}
				ra.terms = append(ra.terms, rt)
				ra.totalIDF += rt.idf
				r.terms++
			}
			rs.alts = append(rs.alts, ra)
		}
		r.slots = append(r.slots, rs)
	}
	return r
}

// substringDF is the number of live paragraphs whose bigrams cover s: an upper bound of
// those containing it (exact for two characters). ASCII is looked up as typed and in
// upper case, since the table keeps the text's case and query terms are lowercased.
func (ix *Index) substringDF(s string) int {
	df := 0
	for _, v := range []string{s, strings.ToUpper(s)} {
		n := policysearch.Normalize(v)
		if r, size := utf8.DecodeRuneInString(n); size > 0 && size == len(n) {
			df = max(df, int(ix.c.charDF[r]))
			if v == strings.ToUpper(v) {
				break
			}
			continue
		}
		cand, _ := ix.c.grams.Candidates(n)
		cand.And(ix.c.live)
		df = max(df, int(cand.GetCardinality()))
		if v == strings.ToUpper(v) {
			break
		}
	}
	return df
}

// view is what the ranker reads of a paragraph: its text and context, normalised and
// ASCII-lowercased like the terms.
type view struct {
	text, title string
	headings    []string // section headings and measure title, without their numbers
	runes       float64
}

func viewOf(pe *paraEntry) view {
	v := view{
		text:  lowerASCII(pe.norm),
		title: lowerASCII(policysearch.Normalize(pe.doc.doc.Title)),
		runes: float64(pe.runes),
	}
	f := decodeRec(pe.rec)
	for _, s := range append(f.sectionPath, f.measureTitle) {
		if h := headingCore(s); h != "" {
			v.headings = append(v.headings, h)
		}
	}
	return v
}

// reHeadingNumber is the numbering a heading starts with: 第三章, 第二节, 一、, （二）, 3.
var reHeadingNumber = regexp.MustCompile(`^(第[一二三四五六七八九十百千零〇两0-9]+[编章节部分]|[一二三四五六七八九十百]+[、.]|[(（][一二三四五六七八九十百0-9]+[)）]|[0-9]+[、.]?)\s*`)

// headingCore is a heading as matched: normalised, lowercased, without its number and
// end punctuation.
func headingCore(s string) string {
	s = policysearch.Normalize(s)
	s = reHeadingNumber.ReplaceAllString(s, "")
	s = strings.TrimRight(s, "。.;；:：,，")
	return lowerASCII(s)
}

// score is the paragraph's relevance to the query.
func (r *ranker) score(pe *paraEntry) float64 {
	v := viewOf(pe)
	total := 0.0
	defined := false
	for _, s := range r.slots {
		best := 0.0
		for _, a := range s.alts {
			sc, def := r.altScore(&a, &v)
			if sc > best {
				best = sc
			}
			defined = defined || def
		}
		total += best
	}
	return total * r.prior(pe, &v, defined)
}

// altScore scores one alternative of a clause, and says whether the paragraph defines
// one of its terms.
func (r *ranker) altScore(a *rankAlt, v *view) (float64, bool) {
	if a.word == nil {
		tf := float64(phrase.CountOccurrences(v.text, lowerASCII(a.phrase)))
		sc := a.phraseIDF * r.sat(tf, v.runes)
		for _, h := range v.headings {
			if strings.Contains(h, lowerASCII(a.phrase)) {
				sc += a.phraseIDF * headingWeight
				break
			}
		}
		return sc, false
	}
	sum, matched := 0.0, 0.0
	defined := false
	cover := a.headingCover(v)
	for i := range a.terms {
		rt := &a.terms[i]
		sc, ok, def := r.termScore(rt, v, cover)
		sum += sc
		if ok {
			matched += rt.idf
		}
		defined = defined || def
	}
	if a.totalIDF > 0 {
		// Covering more of the word's weight counts beyond the sum: a paragraph with
		// every term of a question above one that repeats a single term.
		sum *= 0.5 + 0.5*matched/a.totalIDF
	}
	if len(a.terms) >= 2 {
		sum *= 1 + adjacencyWeight*a.word.adjacency(v.text)
	}
	return sum, defined
}

// termScore is one term's contribution: BM25 over its occurrences (and its synonyms'),
// plus its presence in the context; failing both, a share for most of its bigrams.
func (r *ranker) termScore(rt *rankTerm, v *view, cover []float64) (score float64, matched, defined bool) {
	t := &rt.t
	tf := rt.forms.count(v.text)
	defined = tf > 0 && (defines(v.text, t.text) || anyDefines(v.text, t.syns))
	if tf == 0 && len(t.subs) > 0 {
		least := -1
		for _, s := range t.subs {
			n := phrase.CountOccurrences(v.text, s)
			if least < 0 || n < least {
				least = n
			}
		}
		tf = partsWeight * float64(max(0, least))
	}
	score = rt.idf * r.sat(tf, v.runes)
	ctx := 0.0
	for k, h := range v.headings {
		// A heading that the query's words make up (a chapter 无因管理 over articles that
		// say 管理人; （三）着力建设高水平师资队伍 typed as the query) says what the paragraph
		// is about; one that mentions a word among many others, less.
		if rt.forms.longestIn(h) > 0 {
			ctx = max(ctx, headingWeight+headingCoverWeight*cover[k])
		}
	}
	if inAny(v.title, t) {
		ctx += titleWeight
	}
	score += rt.idf * ctx
	matched = tf > 0 || ctx > 0
	if !matched && len(rt.grams) > 1 {
		have := 0
		for _, g := range rt.grams {
			if strings.Contains(v.text, g) {
				have++
			}
		}
		if frac := float64(have) / float64(len(rt.grams)); frac >= 0.5 {
			score = rt.idf * fuzzyWeight * frac * r.sat(1, v.runes)
		}
	}
	return score, matched, defined
}

// inAny reports whether s holds the term or one of its synonyms.
func inAny(s string, t *term) bool {
	if s == "" {
		return false
	}
	if strings.Contains(s, t.text) {
		return true
	}
	for _, syn := range t.syns {
		if strings.Contains(s, syn) {
			return true
		}
	}
	return false
}

func (r *ranker) sat(tf, runes float64) float64 {
	if tf <= 0 {
		return 0
	}
	return tf * (rankK1 + 1) / (tf + rankK1*(1-bm25B+bm25B*runes/r.avg))
}

// definitionMarks follow a term that a paragraph defines: 无因管理是指…, X，是指…,
// X（以下简称…）, or precede it: 本法所称X.
var definitionAfter = []string{"是指", ",是指", "，是指", "指的是", "，指", "包括"}

// sentenceStart reports whether a text ending in before leaves the next word at the
// start of a sentence: at the beginning, after 。；！？, or after an article's number.
func sentenceStart(before string) bool {
	b := strings.TrimRight(before, " ")
	if b == "" || strings.HasSuffix(b, "。") || strings.HasSuffix(b, "；") || strings.HasSuffix(b, ";") ||
		strings.HasSuffix(b, "！") || strings.HasSuffix(b, "？") {
		return true
	}
	return reArticleEnd.MatchString(b)
}

// reArticleEnd matches text ending in an article or item number: 第九条, 第一千条之一, （三）.
var reArticleEnd = regexp.MustCompile(`(^|[。；;\s])(第[一二三四五六七八九十百千零〇两0-9]+条(之[一二三四五六七八九十]+)?|[(（][一二三四五六七八九十0-9]+[)）]|[0-9]+[.、])$`)

func anyDefines(text string, ts []string) bool {
	for _, t := range ts {
		if defines(text, t) {
			return true
		}
	}
	return false
}

// defines reports whether text defines the term: the term followed by a defining
// verb, or preceded by 所称 (本法所称…, 本条例所称…).
func defines(text, t string) bool {
	for from := 0; from < len(text); {
		i := strings.Index(text[from:], t)
		if i < 0 {
			return false
		}
		at := from + i
		rest := text[at+len(t):]
		for _, m := range definitionAfter {
			if strings.HasPrefix(rest, m) {
				return true
			}
		}
		if strings.HasSuffix(text[:at], "所称") {
			return true
		}
		// A sentence that starts with the term and says what it is: 格式条款是当事人…
		if (strings.HasPrefix(rest, "是") || strings.HasPrefix(rest, ",是")) && sentenceStart(text[:at]) {
			return true
		}
		from = at + len(t)
	}
	return false
}

// prior scales a paragraph's score by its form and its document's standing: a heading
// or title left alone never outranks the text under it; an article that defines the term
// leads the ones that use it; binding law leads local rules that repeat it.
func (r *ranker) prior(pe *paraEntry, v *view, defined bool) float64 {
	p := 1.0
	if v.runes < shortRunes {
		p *= shortFloor + (1-shortFloor)*v.runes/shortRunes
	}
	if defined && r.terms <= 3 {
		p *= 1 + definitionWeight
	}
	// A short query (无因管理) asks what the law says, and binding law answers it; a long
	// clause asks who words it so, and a local rule is as much an answer.
	p *= math.Pow(authority(&pe.doc.doc), r.authorityExp())
	return p
}

// authorityExp is how strongly legal force weighs for this query: squared for one or
// two terms, plain for three or four, halved for a clause.
func (r *ranker) authorityExp() float64 {
	switch {
	case r.terms <= 2:
		return 2
	case r.terms <= 4:
		return 1
	}
	return 0.5
}

// legalForce orders the forms of law (中华人民共和国立法法): the constitution and laws
// bind everything below them; a local regulation binds its region only.
var legalForce = map[string]float64{
	"宪法":     1.3,
	"法律":     1.25,
	"行政法规":   1.15,
	"监察法规":   1.15,
	"司法解释":   1.1,
	"部门规章":   1.0,
	"地方性法规":  0.9,
	"自治条例":   0.9,
	"单行条例":   0.9,
	"地方政府规章": 0.88,
}

// authority is the document's standing as a prior: its legal force when it is a law or
// regulation, otherwise 1 (policy documents of every level are equally the point).
func authority(d *policysearch.Document) float64 {
	if f, ok := legalForce[d.DocType]; ok {
		return f
	}
	return 1
}

// Validity priors: the text in force leads; an older version or an amendment that
// repeats its words (将第X条修改为…) follows it; a repealed text comes last.
const (
	notYetWeight    = 0.9
	amendedWeight   = 0.55
	repealedWeight  = 0.45
	amendmentWeight = 0.6
)

// validity scales a paragraph's score by its document's status of the day and by
// whether the document is an amendment of another.
func validity(status string, d *policysearch.Document) float64 {
	v := 1.0
	switch status {
	case policysearch.StatusNotYet:
		v = notYetWeight
	case policysearch.StatusAmended:
		v = amendedWeight
	case policysearch.StatusRepealed:
		v = repealedWeight
	}
	if d.Amends != "" {
		v *= amendmentWeight
	}
	return v
}

// rerank scores candidates and sorts them, best first; ties keep bleve's order.
func (r *ranker) rerank(ix *Index, ords []uint32) []scored {
	out := make([]scored, len(ords))
	for i, ord := range ords {
		pe := ix.c.paras[ord]
		out[i] = scored{ord: ord, score: r.score(pe) * validity(ix.c.standing(pe.doc).status, &pe.doc.doc)}
	}
	sortScored(out)
	return out
}

// sortScored orders by score, best first; equal scores keep the order given.
func sortScored(s []scored) {
	slices.SortStableFunc(s, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
}
