package index

import (
	"testing"

	"policysearch/seeds"
)

// The per-character counts the ranker reads for a one-character term equal what the
// bigram postings say (the union of the bigrams a character starts, live paragraphs
// only), after documents are added, replaced and removed.
func TestCharDFMatchesPostings(t *testing.T) {
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	c := newCorpus()
	check := func(when string) {
		t.Helper()
		seen := map[rune]bool{}
		for _, pe := range c.paras {
			if pe == nil {
				continue
			}
			for _, r := range pe.norm {
				seen[r] = true
			}
		}
		checked := 0
		for r := range seen {
			cand, _ := c.grams.Candidates(string(r))
			cand.And(c.live)
			if got, want := int(c.charDF[r]), int(cand.GetCardinality()); got != want {
				t.Errorf("%s: %q counted in %d paragraphs, the postings say %d", when, r, got, want)
			}
			checked++
		}
		for r, n := range c.charDF {
			if n != 0 && !seen[r] {
				t.Errorf("%s: %q counted in %d paragraphs, none holds it", when, r, n)
			}
		}
		if checked < 500 {
			t.Fatalf("%s: only %d characters checked", when, checked)
		}
	}
	put := func(i int) {
		c.put(prepare(docs[i], 0, c.sim, nil))
	}
	for i := range docs {
		put(i)
	}
	check("after adding the seeds")
	put(1) // replaced by itself: old paragraphs retired, new ones counted
	check("after a replacement")
	c.remove(docs[0].ID)
	check("after a removal")
}
