package eval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// Tolerance is how far a corpus's overall nDCG@10 may fall below the baseline before
// the regression guard fails.
const Tolerance = 0.02

// Baseline is eval/baseline.json: the overall figures of policysearch per corpus, with
// the hash of the judged file they were measured on.
type Baseline struct {
	Note    string                    `json:"note"`
	Corpora map[string]BaselineCorpus `json:"corpora"`
}

// BaselineCorpus is one corpus's recorded figures.
type BaselineCorpus struct {
	Judged   string  `json:"judged_sha256"`
	Queries  int     `json:"queries"`
	NDCG     float64 `json:"ndcg"`
	Recall   float64 `json:"recall"`
	Recorded string  `json:"recorded"`
}

// ReadBaseline reads a baseline; a missing file is an empty one.
func ReadBaseline(path string) (*Baseline, error) {
	b := &Baseline{Corpora: map[string]BaselineCorpus{}}
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return b, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, b); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if b.Corpora == nil {
		b.Corpora = map[string]BaselineCorpus{}
	}
	return b, nil
}

// Record sets a corpus's figures from a report.
func (b *Baseline) Record(r *Report, now time.Time) {
	m := r.Ours.Means()[Overall]
	b.Corpora[r.Corpus] = BaselineCorpus{Judged: r.Judged, Queries: m.N, NDCG: round(m.NDCG), Recall: round(m.Recall),
		Recorded: now.UTC().Format("2006-01-02")}
}

// Write writes the baseline.
func (b *Baseline) Write(path string) error {
	b.Note = "policysearch's overall nDCG@10 and recall@10 per judged set; the regression guard (eval's TestRankingGuard) " +
		"fails when nDCG@10 falls more than 0.02 below, or when a judged file's hash differs. Re-record with: go run ./cmd/evalrank -record"
	raw, err := json.MarshalIndent(b, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(raw, '\n'), 0o644)
}

// Current reports whether the baseline holds a figure measured on this judged file:
// an error when the corpus has none or its judged file changed since.
func (b *Baseline) Current(corpus, judged string) error {
	base, ok := b.Corpora[corpus]
	switch {
	case !ok:
		return fmt.Errorf("%s: eval/baseline.json has no figure for this judged set; record one with: go run ./cmd/evalrank -record", corpus)
	case base.Judged != judged:
		return fmt.Errorf("%s: eval/judged/%s.jsonl changed since the baseline was recorded (%s); re-record with: go run ./cmd/evalrank -record", corpus, corpus, base.Recorded)
	}
	return nil
}

// Check compares a report with the baseline. It returns an error when the baseline
// is not Current, or when overall nDCG@10 fell more than Tolerance below it; note says
// when it rose by more, so that the gain is recorded.
func (b *Baseline) Check(r *Report) (note string, err error) {
	if err := b.Current(r.Corpus, r.Judged); err != nil {
		return "", err
	}
	base := b.Corpora[r.Corpus]
	m := r.Ours.Means()[Overall]
	if m.NDCG < base.NDCG-Tolerance {
		return "", fmt.Errorf("%s: overall nDCG@10 %.3f is %.3f below the baseline %.3f (recall@10 %.3f, baseline %.3f); run go run ./cmd/evalrank -v -corpus %s to see which queries lost",
			r.Corpus, m.NDCG, base.NDCG-m.NDCG, base.NDCG, m.Recall, base.Recall, r.Corpus)
	}
	if m.NDCG > base.NDCG+Tolerance {
		note = fmt.Sprintf("%s: overall nDCG@10 %.3f is above the baseline %.3f; record the gain with: go run ./cmd/evalrank -record", r.Corpus, m.NDCG, base.NDCG)
	}
	return note, nil
}

func round(x float64) float64 { return float64(int(x*10000+0.5)) / 10000 }
