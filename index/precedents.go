package index

import (
	"context"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"policysearch"
	"policysearch/similar"
)

// Limits of the precedent calls.
const (
	maxSimilar     = 50
	maxPastedRunes = 5000
	// lineageMin is the similarity an earlier paragraph needs to count as a source in a
	// lineage: well above the set-phrase noise of the similar package (median 0.047 on
	// the seeds) and below its weakest hand-checked copy (0.093), since a lineage step
	// claims descent and should not rest on two shared set phrases.
	lineageMin = 0.08
	// lineageDepth bounds the chain: national → provincial → city → county is four.
	lineageDepth = 5
	// setPhrase is the longest passage that two paragraphs on one topic share by
	// habit rather than by copying: on the seeds, pairs of paragraphs from different
	// documents whose shared passages are all shorter than 13 characters are set phrases
	// (现代职业教育体系, 产教融合实训基地 …). A comparison lists a pair when it shares a
	// longer passage, or enough wording overall to count as a lineage step.
	setPhrase = 12
)

// Similar lists paragraphs that share wording with paragraph id, best first. scope
// other_docs (the default) leaves out the paragraph's own document.
func (ix *Index) Similar(ctx context.Context, id string, size int, scope string) (*policysearch.SimilarResult, error) {
	start := time.Now()
	if size <= 0 {
		size = 10
	}
	if size > maxSimilar {
		return nil, policysearch.Errorf(policysearch.EINVALID, "size must be at most %d", maxSimilar)
	}
	switch scope {
	case "":
		scope = policysearch.ScopeOtherDocs
	case policysearch.ScopeOtherDocs, policysearch.ScopeAll:
	default:
		return nil, policysearch.Errorf(policysearch.EINVALID, "scope must be %s or %s, not %q", policysearch.ScopeOtherDocs, policysearch.ScopeAll, scope)
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	ord, ok := ix.c.ordOf(id)
	if !ok {
		return nil, policysearch.Errorf(policysearch.ENOTFOUND, "no paragraph %q", id).With("no_paragraph", "id", id)
	}
	src := ix.c.paras[ord]
	keep := func(o uint32) bool {
		pe := ix.c.paras[o]
		return pe != nil && o != ord && (scope == policysearch.ScopeAll || pe.doc != src.doc)
	}
	srcHit := ix.hit(src, 0, &marks{})
	res := &policysearch.SimilarResult{Source: &srcHit, Hits: ix.precedents(src.displayText(), size, keep)}
	res.TookMS = policysearch.Millis(time.Since(start))
	return res, nil
}

// SimilarText lists paragraphs that share wording with a pasted text.
func (ix *Index) SimilarText(ctx context.Context, text string, size int) (*policysearch.SimilarResult, error) {
	start := time.Now()
	if size <= 0 {
		size = 10
	}
	if size > maxSimilar {
		return nil, policysearch.Errorf(policysearch.EINVALID, "size must be at most %d", maxSimilar)
	}
	if !utf8.ValidString(text) {
		return nil, policysearch.Errorf(policysearch.EINVALID, "the text is not valid UTF-8")
	}
	n := utf8.RuneCountInString(text)
	if n > maxPastedRunes {
		return nil, policysearch.Errorf(policysearch.ETOOLARGE, "the text has %d characters; paste at most %d (one clause or measure)", n, maxPastedRunes).
			With("text_too_long", "max", strconv.Itoa(maxPastedRunes))
	}
	if letters(text) < similar.MinPassage {
		return nil, policysearch.Errorf(policysearch.EINVALID, "the text is too short: shared wording is counted in passages of at least %d characters", similar.MinPassage).
			With("text_too_short", "min", strconv.Itoa(similar.MinPassage))
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	res := &policysearch.SimilarResult{Hits: ix.precedents(text, size, func(o uint32) bool { return ix.c.paras[o] != nil })}
	res.TookMS = policysearch.Millis(time.Since(start))
	return res, nil
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// precedents runs the similar-clause search and dresses the results as hits. The
// caller holds ix.mu for reading.
func (ix *Index) precedents(text string, size int, keep func(uint32) bool) []policysearch.Precedent {
	results := ix.c.sim.Similar(text, size, keep, func(o uint32) string { return ix.c.paras[o].displayText() })
	out := make([]policysearch.Precedent, 0, len(results))
	for _, r := range results {
		out = append(out, ix.precedent(text, ix.c.paras[r.ID], r.Match))
	}
	return out
}

// precedent is one result: m compares the source (A) with pe (B).
func (ix *Index) precedent(source string, pe *paraEntry, m similar.Match) policysearch.Precedent {
	return policysearch.Precedent{
		Hit:          ix.hit(pe, m.Similarity, &marks{}),
		Similarity:   m.Similarity,
		Containment:  m.Containment,
		SharedChars:  m.SharedChars,
		Marked:       similar.Mark(pe.displayText(), m.SpansB()),
		SourceMarked: similar.Mark(source, m.SpansA()),
	}
}

// Lineage follows a paragraph's wording back in time: at each step, the paragraph of
// an earlier document (by date) in another document that shares the most wording with
// the current one, until none shares enough. The chain is returned oldest first.
func (ix *Index) Lineage(ctx context.Context, id string) (*policysearch.Lineage, error) {
	start := time.Now()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	ord, ok := ix.c.ordOf(id)
	if !ok {
		return nil, policysearch.Errorf(policysearch.ENOTFOUND, "no paragraph %q", id).With("no_paragraph", "id", id)
	}
	cur := ix.c.paras[ord]
	res := &policysearch.Lineage{Paragraph: ix.hit(cur, 0, &marks{}), Chain: []policysearch.Precedent{}}
	seen := map[*docEntry]bool{cur.doc: true}
	for step := 0; step < lineageDepth; step++ {
		date := cur.doc.doc.Date
		if date == "" {
			break // without a date, nothing is known to be earlier
		}
		keep := func(o uint32) bool {
			pe := ix.c.paras[o]
			return pe != nil && !seen[pe.doc] && pe.doc.doc.Date != "" && pe.doc.doc.Date < date
		}
		results := ix.c.sim.Similar(cur.displayText(), 1, keep, func(o uint32) string { return ix.c.paras[o].displayText() })
		if len(results) == 0 || results[0].Similarity < lineageMin {
			break
		}
		prev := ix.c.paras[results[0].ID]
		res.Chain = append(res.Chain, ix.precedent(cur.displayText(), prev, results[0].Match))
		seen[prev.doc] = true
		cur = prev
	}
	// Oldest first.
	for i, j := 0, len(res.Chain)-1; i < j; i, j = i+1, j-1 {
		res.Chain[i], res.Chain[j] = res.Chain[j], res.Chain[i]
	}
	res.TookMS = policysearch.Millis(time.Since(start))
	return res, nil
}

// Compare lists the paragraphs of document b that share wording with paragraphs of
// document a, each with its best match in a, and the share of b's text that comes from
// a: the characters of b inside passages shared with any paragraph of a.
func (ix *Index) Compare(ctx context.Context, a, b string) (*policysearch.Comparison, error) {
	start := time.Now()
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	da, db := ix.c.docs[a], ix.c.docs[b]
	switch {
	case da == nil:
		return nil, policysearch.Errorf(policysearch.ENOTFOUND, "no document %q", a).With("no_document", "id", a)
	case db == nil:
		return nil, policysearch.Errorf(policysearch.ENOTFOUND, "no document %q", b).With("no_document", "id", b)
	case da == db:
		return nil, policysearch.Errorf(policysearch.EINVALID, "compare two different documents")
	}
	res, err := ix.compare(ctx, da, db, true)
	if err != nil {
		return nil, err
	}
	res.TookMS = policysearch.Millis(time.Since(start))
	return res, nil
}

// compare works out what two documents share: the coverage of b by passages shared
// with a, and, withPairs, the documents and the best pair of each of b's paragraphs.
// The caller holds ix.mu for reading.
func (ix *Index) compare(ctx context.Context, da, db *docEntry, withPairs bool) (*policysearch.Comparison, error) {
	res := &policysearch.Comparison{Pairs: []policysearch.ComparePair{}}
	if withPairs {
		res.A, res.B = ix.c.summary(da), ix.c.summary(db)
	}
	inA := func(o uint32) bool { pe := ix.c.paras[o]; return pe != nil && pe.doc == da }
	for i, ord := range db.ords {
		// A document of thousands of paragraphs takes seconds; a client that left or a
		// request over its time stops it.
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, cancelled(err)
			}
		}
		pb := ix.c.paras[ord]
		total := letters(pb.displayText())
		res.TotalChars += total
		// Every paragraph of a that shares wording counts toward coverage; the best one
		// is listed as the pair.
		results := ix.c.sim.Similar(pb.displayText(), 10, inA, func(o uint32) string { return ix.c.paras[o].displayText() })
		var spans [][2]int
		var best *similar.Result
		for i := range results {
			r := &results[i]
			if r.Similarity < lineageMin && longest(r.Match) <= setPhrase {
				continue
			}
			spans = append(spans, r.SpansA()...) // A is pb, the query
			if best == nil {
				best = r
			}
		}
		res.CoveredChars += coveredLetters(pb.displayText(), spans)
		if best == nil || !withPairs {
			continue
		}
		pa := ix.c.paras[best.ID]
		res.Pairs = append(res.Pairs, policysearch.ComparePair{
			A: ix.hit(pa, best.Similarity, &marks{}), B: ix.hit(pb, best.Similarity, &marks{}),
			Similarity: best.Similarity, SharedChars: best.SharedChars,
			MarkedA: similar.Mark(pa.displayText(), best.SpansB()), MarkedB: similar.Mark(pb.displayText(), best.SpansA()),
		})
	}
	if res.TotalChars > 0 {
		res.Coverage = float64(res.CoveredChars) / float64(res.TotalChars)
	}
	return res, nil
}

// longest is the length of the longest passage of a match, in letters and digits.
func longest(m similar.Match) int {
	n := 0
	for _, s := range m.Shared {
		n = max(n, s.Chars)
	}
	return n
}

// coveredLetters counts the letters and digits of text inside the union of spans.
func coveredLetters(text string, spans [][2]int) int {
	if len(spans) == 0 {
		return 0
	}
	in := make([]bool, len(text)+1)
	for _, s := range spans {
		for i := max(s[0], 0); i < s[1] && i < len(text); i++ {
			in[i] = true
		}
	}
	n := 0
	for i, r := range text {
		if in[i] && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			n++
		}
	}
	return n
}
