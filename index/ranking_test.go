package index_test

import (
	"context"
	"encoding/json"
	"os"
	"testing"

	"policysearch"
	"policysearch/index"
)

type rankCase struct {
	Q     string   `json:"q"`
	Top   int      `json:"top"`
	AnyOf []string `json:"any_of"`
	Why   string   `json:"why"`
}

// TestRanking runs testdata/ranking.json: for each query, one of the paragraphs a
// reader would call the answer must be among the first Top hits.
func TestRanking(t *testing.T) {
	raw, err := os.ReadFile("testdata/ranking.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []rankCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	for _, scoring := range []string{"tfidf", "bm25"} {
		t.Run(scoring, func(t *testing.T) { rank(t, cases, seedIndex(t, index.Options{Scoring: scoring})) })
	}
}

func rank(t *testing.T, cases []rankCase, ix *index.Index) {
	for _, c := range cases {
		res, err := ix.Search(context.Background(), &policysearch.SearchRequest{Query: c.Q, Size: c.Top})
		if err != nil {
			t.Errorf("%s: %v", c.Q, err)
			continue
		}
		found := false
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
			for _, want := range c.AnyOf {
				if h.ID == want {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s (%s): top %d = %v, want one of %v", c.Q, c.Why, c.Top, got, c.AnyOf)
		}
	}
}
