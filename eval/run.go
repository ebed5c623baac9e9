package eval

import (
	"context"
	"time"

	"policysearch/analyzers"
)

// Searcher is an engine under evaluation: the top hits for a query as typed.
type Searcher interface {
	Search(ctx context.Context, q string) ([]Hit, error)
}

// QueryResult is one query's outcome on one engine.
type QueryResult struct {
	ID   string `json:"id"`
	Type string `json:"type"`
	Q    string `json:"q"`
	Score
	// Error is why the engine gave no result (the query then scores 0).
	Error string `json:"error,omitempty"`
	// Missing marks a query the engine has no result for (a peer's stored results
	// predate it or its judgments); it is left out of the engine's means.
	Missing bool `json:"missing,omitempty"`
	// Ceiling is the nDCG@10 of a perfect ranking of the engine's own paragraphs, and
	// Reachable marks the judgments some paragraph holds (only for engines that
	// can tell: policysearch).
	Ceiling   float64 `json:"ceiling,omitempty"`
	Reachable []bool  `json:"reachable,omitempty"`
	// Hits are the ranked hits, for the verbose report.
	Hits []Hit `json:"-"`
}

// Reacher is a Searcher that can tell which of its paragraphs hold each judged
// passage.
type Reacher interface {
	Holders(js []Judgment) [][]int
}

// Mean is the mean of a group of queries.
type Mean struct {
	N       int     `json:"n"`
	NDCG    float64 `json:"ndcg"`
	Recall  float64 `json:"recall"`
	Ceiling float64 `json:"ceiling,omitempty"`
}

// Overall is the group of all queries in Means.
const Overall = "overall"

// Run is one engine's results on one judged set.
type Run struct {
	Engine  string        `json:"engine"`
	Queries []QueryResult `json:"queries"`
	Took    time.Duration `json:"took_ns"` // in the engine's searches
}

// Evaluate sends every query of the set to the engine and scores the hits.
func Evaluate(ctx context.Context, engine string, s Searcher, set *Set) (*Run, error) {
	r := &Run{Engine: engine}
	for _, q := range set.Queries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		qr := QueryResult{ID: q.ID, Type: q.Type, Q: q.Q}
		start := time.Now()
		hits, err := s.Search(ctx, q.Q)
		r.Took += time.Since(start)
		if err != nil {
			qr.Error = err.Error()
		}
		qr.Hits = hits
		sc := NewScorer(q.Judgments)
		qr.Score = sc.Score(hits)
		if re, ok := s.(Reacher); ok {
			holders := re.Holders(q.Judgments)
			qr.Ceiling = sc.Ceiling(holders)
			for _, h := range holders {
				qr.Reachable = append(qr.Reachable, len(h) > 0)
			}
		}
		r.Queries = append(r.Queries, qr)
	}
	return r, nil
}

// Means averages nDCG@10 and recall@10 per query type and over all queries (key
// Overall), leaving out queries without relevant judgments and missing ones.
func (r *Run) Means() map[string]Mean {
	sum := map[string]*Mean{}
	add := func(k string, q QueryResult) {
		m := sum[k]
		if m == nil {
			m = &Mean{}
			sum[k] = m
		}
		m.N++
		m.NDCG += q.NDCG
		m.Recall += q.Recall
		m.Ceiling += q.Ceiling
	}
	for _, q := range r.Queries {
		if q.Judged == 0 || q.Missing {
			continue
		}
		add(q.Type, q)
		add(Overall, q)
	}
	out := map[string]Mean{}
	for k, m := range sum {
		n := float64(m.N)
		out[k] = Mean{N: m.N, NDCG: m.NDCG / n, Recall: m.Recall / n, Ceiling: m.Ceiling / n}
	}
	return out
}

// Options tune EvaluateCorpus.
type Options struct {
	// Dir is the folder the index is built in; "" keeps it in memory.
	Dir string
	// Peers holds the peers' stored results; nil leaves them out.
	Peers *PeersFile
	// Progress, when set, is called while a folder is indexed, with the files done and
	// the files to do.
	Progress func(done, total int)
}

// EvaluateCorpus indexes a corpus, runs its judged set on policysearch and gathers
// the peers' stored results into a report.
func EvaluateCorpus(ctx context.Context, seg *analyzers.Segmenter, c Corpus, set *Set, o Options) (*Report, error) {
	ours, err := Build(ctx, seg, c, o.Dir, o.Progress)
	if err != nil {
		return nil, err
	}
	defer ours.Close()
	run, err := Evaluate(ctx, "policysearch", ours, set)
	if err != nil {
		return nil, err
	}
	var pr []*Run
	if pc := o.Peers.corpus(c.Name); pc != nil {
		for _, p := range Peers {
			pr = append(pr, pc.Run(p.Engine, set))
		}
	}
	return NewReport(c, set, ours, run, pr), nil
}
