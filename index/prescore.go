package index

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/RoaringBitmap/roaring/v2"

	"policysearch"
	"policysearch/phrase"
)

// The strict tier's candidates from the table. When the tier is larger than the rank
// window, the ranker sees only rankWindow of its matches, and something cheaper than
// the ranker must choose them. bleve's BM25 over the text did, walking every match of
// the rarest clause term by term (4 of the 5.4 ms of 国务院 规定 on lawrefbook). The
// table holds what that choice needs: a word of Han characters matches the text where
// all its bigrams stand (the strict query's bigram cover, which its jieba term
// implies), and a bigram's postings and repeats say how often it occurs there. So the
// paragraphs whose texts or headings hold every clause are a bitmap intersection, and
// each is scored by BM25 over its words' counts (a word's count taken as that of its
// rarest bigram there, an upper bound) and their share of its headings, without
// reading a text or asking bleve.
//
// The choice is the table's only where it is exact about the strict tier: every word
// cut into terms that are all required, every form of every term two or more Han
// characters, no exclusion. Otherwise bleve's scoring query chooses. Strict matches
// that only a document's title holds (bleve's dtitle field) fill the window after these,
// as they filled it after the scoring query's.

// tableChooses turns the table's choice off, for tests that compare it with bleve's.
var tableChooses = true

// tableWindow returns up to n of the strict tier's matches whose texts or headings
// hold every clause, best first by the table's estimate, and whether the table could choose (see
// above). The caller holds ix.mu for reading.
func (ix *Index) tableWindow(p *plan, r *ranker, n int) ([]scored, bool) {
	if !tableChooses || r == nil || len(p.excluded) > 0 || len(p.slots) == 0 || len(r.slots) != len(p.slots) {
		return nil, false
	}
	for _, s := range p.slots {
		for _, a := range s.alts {
			if a.word != nil && !hanWord(a.word) {
				return nil, false
			}
		}
	}
	// The paragraphs whose texts or headings hold every clause.
	var clauses []*roaring.Bitmap
	for _, s := range p.slots {
		var alts []*roaring.Bitmap
		for _, a := range s.alts {
			alts = append(alts, ix.altBitmap(a))
		}
		clauses = append(clauses, roaring.FastOr(alts...))
	}
	cand := roaring.FastAnd(append(clauses, ix.c.live)...)
	ords := cand.ToArray()
	if !p.filters.empty() {
		ords = slices.DeleteFunc(ords, func(ord uint32) bool { return !p.filters.match(ix.c.paras[ord]) })
		cand = roaring.BitmapOf(ords...)
	}
	if len(ords) == 0 {
		return nil, true
	}
	total := make([]float64, len(ords))
	best := make([]float64, len(ords)) // of one slot's alternatives
	alt := make([]float64, len(ords))  // of one alternative
	for si, s := range p.slots {
		clear(best)
		for ai, a := range s.alts {
			ix.altEstimate(a, &r.slots[si].alts[ai], r, cand, ords, alt)
			for i, v := range alt {
				best[i] = max(best[i], v)
			}
		}
		for i, v := range best {
			total[i] += v
		}
	}
	out := make([]scored, len(ords))
	for i, ord := range ords {
		out[i] = scored{ord: ord, score: total[i]}
	}
	return ix.top(out, n, ""), true
}

// hanWord reports whether the table matches a word exactly as the strict query does:
// all its terms required, each form two or more Han characters (the bigram cover is
// then the strict query's own text clause).
func hanWord(w *word) bool {
	if len(w.terms) == 0 || w.min < len(w.terms) {
		return false
	}
	for _, t := range w.terms {
		if !hanForm(t.text) {
			return false
		}
		for _, s := range t.syns {
			if !hanForm(s) {
				return false
			}
		}
	}
	return true
}

func hanForm(s string) bool {
	if s != policysearch.Normalize(s) || utf8.RuneCountInString(s) < 2 {
		return false
	}
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) {
			return false
		}
	}
	return true
}

// altBitmap is where an alternative holds in the text: a phrase's hits, a word's
// every term in one of its forms.
func (ix *Index) altBitmap(a alternative) *roaring.Bitmap {
	if a.word == nil {
		bm := roaring.New()
		for _, h := range a.hits {
			bm.Add(h.Ord)
		}
		return bm
	}
	terms := make([]*roaring.Bitmap, 0, len(a.word.terms))
	for _, t := range a.word.terms {
		forms := []*roaring.Bitmap{ix.formBitmap(t.text)}
		for _, s := range t.syns {
			forms = append(forms, ix.formBitmap(s))
		}
		terms = append(terms, roaring.FastOr(forms...))
	}
	return roaring.FastAnd(terms...)
}

// formBitmap is the paragraphs holding every bigram of a form in their text, or the
// form in a heading above them (or, for a document's first paragraph, its title).
func (ix *Index) formBitmap(f string) *roaring.Bitmap {
	c, _ := ix.c.grams.Candidates(f)
	ix.c.ctx.paragraphs(f, func(ord uint32) { c.Add(ord) })
	return c
}

// headingShare is what a form in a context counts for, as the ranker counts a term in
// a heading: a base share of an occurrence, more as the form makes up more of the
// heading that holds it.
func headingShare(ctx, form string) float64 {
	best := 0.0
	n := float64(utf8.RuneCountInString(form))
	for _, h := range strings.Split(ctx, ctxSep) {
		if strings.Contains(h, form) {
			best = max(best, headingWeight+headingCoverWeight*min(1, n/float64(utf8.RuneCountInString(h))))
		}
	}
	return best
}

// altEstimate writes into out, for each of ords, the alternative's BM25 estimate: a
// phrase by its counted hits, a word by the sum over its terms of each term's best
// form, a form counted as its rarest bigram in that paragraph, plus its share in the
// best heading above the paragraph that holds it.
func (ix *Index) altEstimate(a alternative, ra *rankAlt, r *ranker, cand *roaring.Bitmap, ords []uint32, out []float64) {
	clear(out)
	runes := func(i int) float64 { return float64(ix.c.runes[ords[i]]) }
	if a.word == nil {
		j := 0
		for _, h := range a.hits { // both in ordinal order
			for j < len(ords) && ords[j] < h.Ord {
				j++
			}
			if j < len(ords) && ords[j] == h.Ord {
				out[j] = ra.phraseIDF * r.sat(tf(h), runes(j))
			}
		}
		return
	}
	tfs, ctx := make([]float64, len(ords)), make([]float64, len(ords))
	counts := make([]int32, len(ords))
	least := make([]int32, len(ords))
	for ti := range ra.terms {
		rt := &ra.terms[ti]
		clear(tfs)
		clear(ctx)
		for fi, f := range rt.forms.texts {
			w := rt.forms.weights[fi]
			ix.c.ctx.each(f, func(text string, under []uint32) {
				share := w * headingShare(text, f)
				for _, ord := range under {
					if i, ok := slices.BinarySearch(ords, ord); ok {
						ctx[i] = max(ctx[i], share)
					}
				}
			})
			rs := []rune(f)
			for i := range least {
				least[i] = -1
			}
			for k := 1; k < len(rs); k++ {
				clear(counts)
				key := phrase.Key(rs[k-1], rs[k])
				if post := ix.c.grams.Get(key); post != nil {
					for _, i := range phrase.Places(ords, roaring.And(post, cand)) {
						counts[i] = 1
					}
					ix.c.grams.Repeated(key, cand, ords, func(i int, n int32) { counts[i] += n })
				}
				for i, c := range counts {
					if least[i] < 0 || c < least[i] {
						least[i] = c
					}
				}
			}
			for i, c := range least {
				tfs[i] = max(tfs[i], w*float64(max(0, c)))
			}
		}
		for i, v := range tfs {
			out[i] += rt.idf * (r.sat(v, runes(i)) + ctx[i])
		}
	}
}
