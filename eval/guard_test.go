package eval

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"policysearch/analyzers"
)

// TestRankingGuard is the regression guard of ranked search: it runs policysearch on
// every judged set (each corpus indexed once, as `policysearch index` would) and fails
// when a set's overall nDCG@10 falls more than Tolerance below eval/baseline.json, or
// when a judged file changed since the baseline was recorded (re-record with
// `go run ./cmd/evalrank -record`). Without ../shared it skips, except under CI=true.
func TestRankingGuard(t *testing.T) {
	ci := os.Getenv("CI") == "true"
	skip := func(format string, a ...any) {
		t.Helper()
		if ci {
			t.Fatalf(format+" (CI=true: the ranking guard may not skip)", a...)
		}
		t.Skipf(format, a...)
	}
	repo, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(SharedDir(repo)); err != nil {
		skip("the ranking guard needs the shared corpora in %s: %v", SharedDir(repo), err)
	}
	if testing.Short() && !ci {
		t.Skip("-short: the ranking guard indexes every judged corpus (about a minute)")
	}
	base, err := ReadBaseline(filepath.Join(repo, "eval", "baseline.json"))
	if err != nil {
		t.Fatal(err)
	}
	seg, err := analyzers.Open(analyzers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer seg.Close()
	for _, c := range Corpora(repo) {
		t.Run(c.Name, func(t *testing.T) {
			set, err := ReadSet(c.Judged)
			if errors.Is(err, fs.ErrNotExist) {
				skip("%s is missing: there is no judged set to guard", c.Judged)
			}
			if err != nil {
				t.Fatal(err)
			}
			// Checked before indexing: a changed set fails at once.
			if err := base.Current(c.Name, set.Hash); err != nil {
				t.Fatal(err)
			}
			r, err := EvaluateCorpus(context.Background(), seg, c, set, Options{Dir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			m := r.Ours.Means()[Overall]
			t.Logf("%d queries: nDCG@10 %.3f, recall@10 %.3f (baseline %.3f); indexed in %s, queried in %s",
				m.N, m.NDCG, m.Recall, base.Corpora[c.Name].NDCG, r.IndexTook, r.QueryTook)
			note, err := base.Check(r)
			if err != nil {
				t.Error(err)
			}
			if note != "" {
				t.Log(note)
			}
		})
	}
}
