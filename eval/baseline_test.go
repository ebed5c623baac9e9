package eval

import (
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBaselineCheck(t *testing.T) {
	report := func(corpus, judged string, ndcg ...float64) *Report {
		run := &Run{Engine: "policysearch"}
		for _, x := range ndcg {
			run.Queries = append(run.Queries, QueryResult{Type: "short", Score: Score{NDCG: x, Judged: 1}})
		}
		return &Report{Corpus: corpus, Judged: judged, Ours: run}
	}
	// recorded and read back, as -record and the guard do
	path := filepath.Join(t.TempDir(), "baseline.json")
	b, _ := ReadBaseline(path)
	b.Record(report("seeds", "h1", 0.6, 0.8), time.Now())
	if err := b.Write(path); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBaseline(path)
	if err != nil || b.Corpora["seeds"].NDCG != 0.7 {
		t.Fatalf("read back %+v, %v", b, err)
	}
	for _, c := range []struct {
		r        *Report
		err      string
		noteWant bool
	}{
		{r: report("seeds", "h1", 0.69)},
		{r: report("seeds", "h1", 0.6799, 0.6799), err: "below the baseline"},
		{r: report("seeds", "h1", 0.75), noteWant: true},
		{r: report("seeds", "h2", 0.9), err: "changed since the baseline"},
		{r: report("policies", "h1", 0.9), err: "no figure"},
	} {
		note, err := b.Check(c.r)
		switch {
		case c.err == "" && err != nil, c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s %s %.4f: error %v, want %q", c.r.Corpus, c.r.Judged, c.r.Ours.Means()[Overall].NDCG, err, c.err)
		case (note != "") != c.noteWant:
			t.Errorf("%s %.4f: note %q", c.r.Corpus, c.r.Ours.Means()[Overall].NDCG, note)
		}
	}
}
