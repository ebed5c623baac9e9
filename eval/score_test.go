package eval

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestScoreCases runs testdata/score/*.json: judgments, ranked hits, and the gains,
// ranks found, nDCG@10 and recall@10 they must give (worked out from README.md's
// rules, not from this code).
func TestScoreCases(t *testing.T) {
	files, err := filepath.Glob("testdata/score/*.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/score (%v)", err)
	}
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".json"), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var c struct {
				Note      string     `json:"note"`
				Judgments []Judgment `json:"judgments"`
				Hits      []Hit      `json:"hits"`
				Gains     []int      `json:"gains"`
				Found     []int      `json:"found"`
				NDCG      float64    `json:"ndcg"`
				Recall    float64    `json:"recall"`
				Judged    int        `json:"judged"`
				// optional: the engine's paragraphs that hold each judgment, and
				// the ceiling that gives
				Holders [][]int  `json:"holders"`
				Ceiling *float64 `json:"ceiling"`
			}
			if err := json.Unmarshal(raw, &c); err != nil {
				t.Fatal(err)
			}
			sc := NewScorer(c.Judgments)
			got := sc.Score(c.Hits)
			if c.Ceiling != nil {
				if x := sc.Ceiling(c.Holders); math.Abs(x-*c.Ceiling) > 1e-6 {
					t.Errorf("%s: ceiling %.6f, want %.6f", c.Note, x, *c.Ceiling)
				}
			}
			if !reflect.DeepEqual(got.Gains, c.Gains) || !reflect.DeepEqual(got.Found, c.Found) || got.Judged != c.Judged {
				t.Errorf("%s:\ngains %v found %v judged %d\nwant  %v found %v judged %d", c.Note, got.Gains, got.Found, got.Judged, c.Gains, c.Found, c.Judged)
			}
			if math.Abs(got.NDCG-c.NDCG) > 1e-6 || math.Abs(got.Recall-c.Recall) > 1e-6 {
				t.Errorf("%s: nDCG %.6f recall %.6f, want %.6f %.6f", c.Note, got.NDCG, got.Recall, c.NDCG, c.Recall)
			}
		})
	}
}
