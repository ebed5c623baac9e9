package similar

import "slices"

// Result is one precedent: an indexed paragraph and the passages it shares with the query
// (A is the query, B the paragraph).
type Result struct {
	ID uint32 `json:"id"`
	Match
}

// DefaultMinSimilarity is the Similarity below which Similar drops a paragraph unless
// Options say otherwise: what it shares with the query is then hardly more than the set
// phrases every paragraph on the same topic uses. Measured on the seeds (TestThresholds):
// pairs of paragraphs from different documents whose passages in common are all set
// phrases (under 13 characters: 现代职业教育体系, 职业教育高质量发展, 产教融合实训基地 …)
// have a median similarity of 0.047, so the threshold drops about half of that noise;
// the hand-checked local→national pairs of testdata/pairs.json score 0.093 to 0.54, so
// it keeps the weakest real precedent (a local measure that reuses three national
// clauses of 8–13 characters) with a margin. No threshold separates the two groups
// completely: a loose paraphrase that keeps three set clauses looks exactly like two
// paragraphs that use the same three set clauses; ranking, not the threshold, puts real
// precedents first. Being a ratio, it also drops short quotes between long texts: a
// 20-character clause shared by two 400-character measures scores exactly 0.05; callers
// that want those pass a negative Options.MinSimilarity and rank by SharedChars.
const DefaultMinSimilarity = 0.05

// Similar returns up to limit indexed paragraphs that share wording with text, ranked by
// Compare's Similarity (then shared characters, then id), each with its shared passages.
// It re-ranks the best Candidates exactly; keep filters ids as in Candidates, and textOf
// returns the text of an indexed paragraph (it is called from this goroutine only, for
// at most 4·limit candidates, minimum 40). The same locking contract as Candidates holds.
func (x *Index) Similar(text string, limit int, keep func(id uint32) bool, textOf func(id uint32) string) []Result {
	if limit <= 0 {
		return nil
	}
	// Re-rank more candidates than asked for: the anchor estimate orders candidates
	// well but not exactly (it counts anchors, not characters), and Compare of two
	// 300-character paragraphs costs about 20 µs.
	cands := x.Candidates(text, max(4*limit, 40), keep)
	if len(cands) == 0 {
		return nil
	}
	var q, c skeleton
	makeSkeleton(text, &q)
	out := make([]Result, 0, len(cands))
	for _, cd := range cands {
		m := compareSkeletons(&q, makeSkeleton(textOf(cd.ID), &c))
		if m.Similarity < x.opts.MinSimilarity || m.SharedChars == 0 {
			continue
		}
		out = append(out, Result{ID: cd.ID, Match: m})
	}
	slices.SortFunc(out, func(a, b Result) int {
		switch {
		case a.Similarity != b.Similarity:
			if a.Similarity > b.Similarity {
				return -1
			}
			return 1
		case a.SharedChars != b.SharedChars:
			return b.SharedChars - a.SharedChars
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	if len(out) > limit {
		out = out[:limit]
	}
	return out
}
