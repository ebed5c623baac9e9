package index

import (
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"policysearch/analyzers"
	"policysearch/phrase"
)

// How a plan becomes bleve queries. There are two, one per tier of a ranked result:
//
//   - strict: every clause holds. A word's term holds where the paragraph has it: in its
//     text (as jieba's term, or as all of the term's bigrams, so a different cut still
//     meets), under a heading or measure title that has it, or in its document's title;
//     as the term itself, a synonym, or all of its parts. The strict tier defines the
//     total, the facets and every count.
//   - related: at least one of the words' terms or their less common bigrams, anywhere
//     a strict match would look; quoted phrases and exclusions stay exact. It fills the
//     page after the strict matches, flagged as partial.
//
// bleve's scores only choose the candidates; the ranker (rank.go) orders them.

// Boosts of a term's forms in bleve's scoring, for choosing candidates.
const (
	boostText     = 1.0
	boostGrams    = 0.5
	boostMTitle   = 0.8
	boostHeadings = 0.5
	boostDocTitle = 0.3
	boostSynonym  = 0.7
	boostParts    = 0.8
)

// commonGramShare is the share of paragraphs above which a bigram is too common to
// select related matches on its own (是指, 应当, 人民 …): it would make the related tier
// a scan of the corpus and adds nothing to what the rarer bigrams select.
const commonGramShare = 0.05

// strictQuery translates the plan's required clauses, exclusions and filters. ok is
// false when the query cannot match anything.
func (ix *Index) strictQuery(p *plan) (query.Query, bool) {
	bq := bleve.NewBooleanQuery()
	for _, s := range p.slots {
		q, ok := ix.slotQuery(s, false)
		if !ok {
			return nil, false
		}
		bq.AddMust(q)
	}
	ix.restrict(p, bq)
	return bq, true
}

// scoringQuery chooses and orders the strict tier's best candidates cheaply: each word
// as jieba's term in the text or headings, without the bigram covers that find it where
// jieba cut across it, and without the document-title clause (保护 stands in the title of
// every paragraph of hundreds of laws; scoring it tripled 未成年人 保护's time, and no
// judged query lost by leaving it to the fill). Those covers are what make the strict query slow to
// score (a common word's bigrams are in tens of thousands of paragraphs; 人民政府 罚款
// spends 3.5 of its 5.2 ms there), while unscored they are a few bitmap intersections.
// Its matches are strict matches: a word's jieba term in the normalised text implies
// its bigrams there (both fields index the same normalised text), and the rest of each
// clause is the strict query's. The strict matches only a bigram cover finds are added
// unscored (see strictTier).
func (ix *Index) scoringQuery(p *plan) (query.Query, bool) {
	bq := bleve.NewBooleanQuery()
	for _, s := range p.slots {
		q, ok := ix.slotQueryWith(s, textWordQuery)
		if !ok {
			return nil, false
		}
		bq.AddMust(q)
	}
	ix.restrict(p, bq)
	return bq, true
}

// relatedQuery is the query of the related tier: the word clauses loosened into one
// disjunction, phrase clauses still required. ok is false when there is nothing to
// loosen (a query of phrases only) or nothing could match.
func (ix *Index) relatedQuery(p *plan) (query.Query, bool) {
	bq := bleve.NewBooleanQuery()
	var loose []query.Query
	for _, s := range p.slots {
		if s.phrasesOnly() {
			q, ok := ix.slotQuery(s, false)
			if !ok {
				return nil, false
			}
			bq.AddMust(q)
			continue
		}
		q, ok := ix.slotQuery(s, true)
		if ok {
			loose = append(loose, q)
		}
	}
	if len(loose) == 0 {
		return nil, false
	}
	bq.AddMust(bleve.NewDisjunctionQuery(loose...))
	ix.restrict(p, bq)
	return bq, true
}

// restrict adds the exclusions and filters, shared by both tiers.
func (ix *Index) restrict(p *plan, bq *query.BooleanQuery) {
	for _, s := range p.excluded {
		if q, ok := ix.slotQuery(s, false); ok {
			bq.AddMustNot(q)
		}
	}
	var filters []query.Query
	if fq := p.filters.bleveQuery(); fq != nil {
		filters = append(filters, fq)
	}
	// Only paragraph records: document records have no text, so they never match a
	// word; but a query without words (exclusions of "*") starts from everything.
	if len(p.slots) == 0 {
		rec := bleve.NewTermQuery("p")
		rec.SetField(fRec)
		filters = append(filters, rec)
	}
	switch len(filters) {
	case 0:
	case 1:
		bq.AddFilter(filters[0])
	default:
		bq.AddFilter(bleve.NewConjunctionQuery(filters...))
	}
}

// slotQuery is one clause: a disjunction of its alternatives, strict or loose.
func (ix *Index) slotQuery(s slot, loose bool) (query.Query, bool) {
	if loose {
		return ix.slotQueryWith(s, ix.looseWordQuery)
	}
	return ix.slotQueryWith(s, strictWordQuery)
}

// slotQueryWith is one clause, its words translated by wordQuery.
func (ix *Index) slotQueryWith(s slot, wordQuery func(*word) query.Query) (query.Query, bool) {
	var alts []query.Query
	for _, a := range s.alts {
		if a.word != nil {
			if q := wordQuery(a.word); q != nil {
				alts = append(alts, q)
			}
			continue
		}
		if len(a.hits) == 0 {
			continue
		}
		ids := make([]string, len(a.hits))
		for i, h := range a.hits {
			ids[i] = ix.c.paras[h.Ord].id
		}
		// The exact set decides; the phrase's jieba terms rank within it.
		pq := bleve.NewBooleanQuery()
		pq.AddMust(bleve.NewDocIDQuery(ids))
		w := analyzeWord(ix.seg, a.phrase)
		if tq := ix.looseWordQuery(&w); tq != nil {
			pq.AddShould(tq)
		}
		alts = append(alts, pq)
	}
	return disjunction(alts)
}

func disjunction(qs []query.Query) (query.Query, bool) {
	switch len(qs) {
	case 0:
		return nil, false
	case 1:
		return qs[0], true
	}
	return bleve.NewDisjunctionQuery(qs...), true
}

// strictWordQuery matches a word: w.min of its content terms, each in any of its forms.
func strictWordQuery(w *word) query.Query { return wordQueryOf(w, strictTermQuery) }

// textWordQuery is strictWordQuery without bigram covers, for scoringQuery.
func textWordQuery(w *word) query.Query { return wordQueryOf(w, textTermQuery) }

func wordQueryOf(w *word, termQuery func(term) query.Query) query.Query {
	if len(w.terms) == 0 {
		return nil
	}
	qs := make([]query.Query, 0, len(w.terms))
	for _, t := range w.terms {
		qs = append(qs, termQuery(t))
	}
	if len(qs) == 1 {
		return qs[0]
	}
	d := bleve.NewDisjunctionQuery(qs...)
	d.SetMin(float64(w.min))
	return d
}

// strictTermQuery is where a term holds: each of its forms (itself, its synonyms) in
// the text or in the paragraph's context, or all of its parts in the text.
func strictTermQuery(t term) query.Query { return termQueryOf(t, true) }

// textTermQuery is strictTermQuery with each form as jieba's term only, in the text
// and the headings.
func textTermQuery(t term) query.Query { return termQueryOf(t, false) }

func termQueryOf(t term, covers bool) query.Query {
	var alts []query.Query
	form := func(s string, boost float64) {
		// In the text: a two-character word is one bigram, which also finds it where
		// jieba cut across it; a longer one as jieba's term or as all its bigrams. The
		// measure title is part of the text and needs no clause of its own.
		var g query.Query
		if covers {
			g = gramsQuery(fGrams, s, boostGrams*boost)
		}
		if g == nil || !isBigram(s) {
			alts = append(alts, fieldTerm(fText, s, boostText*boost))
		}
		if g != nil {
			alts = append(alts, g)
		}
		alts = append(alts, fieldTerm(fHeadings, s, boostHeadings*boost))
		if covers {
			alts = append(alts, fieldTerm(fDocTitle, s, boostDocTitle*boost))
		}
	}
	form(t.text, 1)
	for _, s := range t.syns {
		form(s, boostSynonym)
	}
	if len(t.subs) > 0 {
		parts := make([]query.Query, len(t.subs))
		for i, s := range t.subs {
			parts[i] = fieldTerm(fText, s, 1)
		}
		c := bleve.NewConjunctionQuery(parts...)
		c.SetBoost(boostParts)
		alts = append(alts, c)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// looseWordQuery matches any of a word's terms in any form, or any of their bigrams
// that is not too common to select on.
func (ix *Index) looseWordQuery(w *word) query.Query {
	var alts []query.Query
	seen := map[string]bool{}
	form := func(s string, boost float64) {
		alts = append(alts,
			fieldTerm(fText, s, boostText*boost),
			fieldTerm(fTitle, s, boostMTitle*boost),
			fieldTerm(fHeadings, s, boostHeadings*boost),
			fieldTerm(fDocTitle, s, boostDocTitle*boost))
		for _, g := range analyzers.Grams(s) {
			if seen[g] || utf8.RuneCountInString(g) < 2 || ix.commonGram(g) {
				continue
			}
			seen[g] = true
			alts = append(alts, fieldTerm(fGrams, g, boostGrams*boost))
		}
	}
	for _, t := range w.terms {
		form(t.text, 1)
		for _, s := range t.syns {
			form(s, boostSynonym)
		}
	}
	if len(alts) == 0 {
		return nil
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// commonGram reports whether a bigram is in more than commonGramShare of the live
// paragraphs. The caller holds ix.mu for reading.
func (ix *Index) commonGram(g string) bool {
	rs := []rune(g)
	if len(rs) != 2 || ix.c.liveCount == 0 {
		return false
	}
	bm := ix.c.grams.Get(phrase.Key(rs[0], rs[1]))
	if bm == nil {
		return false
	}
	// Counted among live paragraphs: the postings keep deleted ones, so that an index
	// after deletions would otherwise call a bigram common that a rebuilt one does not.
	return float64(bm.AndCardinality(ix.c.live)) > commonGramShare*float64(ix.c.liveCount)
}

// isBigram reports whether s is exactly one bigram: two Han characters.
func isBigram(s string) bool {
	gs := analyzers.Grams(s)
	return len(gs) == 1 && utf8.RuneCountInString(gs[0]) == 2 && utf8.RuneCountInString(s) == 2
}

// gramsQuery requires every bigram of s in a bigram field. Single Han characters are
// indexed only inside bigrams, so a one-character term has no bigram form (nil).
func gramsQuery(field, s string, boost float64) query.Query {
	gs := analyzers.Grams(s)
	if len(gs) == 0 || (len(gs) == 1 && utf8.RuneCountInString(s) == 1) {
		return nil
	}
	if len(gs) == 1 {
		return fieldTerm(field, gs[0], boost)
	}
	qs := make([]query.Query, len(gs))
	for i, g := range gs {
		qs[i] = fieldTerm(field, g, 1)
	}
	c := bleve.NewConjunctionQuery(qs...)
	c.SetBoost(boost)
	return c
}

func fieldTerm(field, s string, boost float64) *query.TermQuery {
	q := bleve.NewTermQuery(s)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}
