package index_test

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"testing"

	"policysearch"
	"policysearch/index"
)

// tierCase is one query of testdata/tiers/cases.json over the documents of docs.json.
type tierCase struct {
	Q          string      `json:"q"`
	Why        string      `json:"why"`
	Strict     []string    `json:"strict"`      // exactly the strict matches, when given
	FirstOf    []string    `json:"first_of"`    // the first hit is one of these
	Before     [][2]string `json:"before"`      // pairs: the first ranks above the second
	RelatedHas []string    `json:"related_has"` // among the related (partial) hits
}

// TestTiers checks what counts as a match and how the two tiers are ordered, on a small
// corpus written for it: headings and titles as a paragraph's words, synonyms that jieba
// cuts apart, definitions and legal force, headings left alone.
func TestTiers(t *testing.T) {
	var docs []*policysearch.Document
	readJSON(t, "testdata/tiers/docs.json", &docs)
	var cases []tierCase
	readJSON(t, "testdata/tiers/cases.json", &cases)
	for _, d := range docs {
		for i := range d.Paragraphs {
			d.Paragraphs[i].DocID = d.ID
			d.Paragraphs[i].Seq = i
		}
	}
	ix, err := index.Open(index.Options{Segmenter: seg})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if err := ix.Index(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		res := search(t, ix, policysearch.SearchRequest{Query: c.Q, Size: 20})
		var strict, related, order []string
		for _, h := range res.Hits {
			order = append(order, h.ID)
			if h.Match == policysearch.MatchPartial {
				related = append(related, h.ID)
			} else {
				strict = append(strict, h.ID)
			}
		}
		if res.Total != len(strict) {
			t.Errorf("%s: total %d, but %d strict hits", c.Q, res.Total, len(strict))
		}
		if c.Strict != nil {
			got := slices.Clone(strict)
			slices.Sort(got)
			want := slices.Clone(c.Strict)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s (%s): strict %v, want %v", c.Q, c.Why, strict, c.Strict)
			}
		}
		if len(c.FirstOf) > 0 && (len(order) == 0 || !slices.Contains(c.FirstOf, order[0])) {
			t.Errorf("%s (%s): first of %v, want one of %v", c.Q, c.Why, order, c.FirstOf)
		}
		for _, p := range c.Before {
			a, b := slices.Index(order, p[0]), slices.Index(order, p[1])
			if a < 0 || (b >= 0 && b < a) {
				t.Errorf("%s (%s): %s should rank above %s in %v", c.Q, c.Why, p[0], p[1], order)
			}
		}
		for _, id := range c.RelatedHas {
			if !slices.Contains(related, id) {
				t.Errorf("%s (%s): %s not among the related hits %v", c.Q, c.Why, id, related)
			}
		}
	}
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}
