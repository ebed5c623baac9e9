package eval

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
	"unicode/utf8"
)

// Report is one corpus's evaluation: ours and the peers on the same judged set.
type Report struct {
	Corpus string
	// Judged is the SHA-256 of the judged file.
	Judged     string
	Documents  int
	Skipped    int
	IndexTook  time.Duration
	QueryTook  time.Duration
	Ours       *Run
	Peers      []*Run
	Problems   []Problem
	judgments  map[string][]Judgment
	peerLabels map[string]string
}

// NewReport gathers the runs of one corpus.
func NewReport(c Corpus, set *Set, ours *Ours, run *Run, peers []*Run) *Report {
	r := &Report{Corpus: c.Name, Judged: set.Hash, Documents: ours.Documents, Skipped: ours.Skipped,
		IndexTook: ours.Took, QueryTook: run.Took, Ours: run, Peers: peers, Problems: set.Check(c.Root),
		judgments: map[string][]Judgment{}, peerLabels: map[string]string{}}
	for _, q := range set.Queries {
		r.judgments[q.ID] = q.Judgments
	}
	for _, p := range Peers {
		r.peerLabels[p.Engine] = p.Label
	}
	return r
}

// Print writes the corpus's table: a row per query type and overall, nDCG@10 and
// recall@10 per engine; verbose adds every query of ours, and for a query below 0.5
// its top hits and the judged passages it missed.
func (r *Report) Print(w io.Writer, verbose bool) {
	runs := append([]*Run{r.Ours}, r.Peers...)
	means := make([]map[string]Mean, len(runs))
	for i, run := range runs {
		means[i] = run.Means()
	}
	judged := 0
	for _, js := range r.judgments {
		for _, j := range js {
			if j.Grade > 0 {
				judged++
			}
		}
	}
	fmt.Fprintf(w, "\n%s: %d queries, %d judged passages; %d documents indexed in %s (%d files skipped), queries run in %s\n",
		r.Corpus, len(r.Ours.Queries), judged, r.Documents, r.IndexTook.Round(time.Millisecond), r.Skipped, r.QueryTook.Round(time.Millisecond))
	fmt.Fprintf(w, "%-12s %4s", "", "")
	for _, run := range runs {
		fmt.Fprintf(w, " | %-17s", r.label(run.Engine))
	}
	fmt.Fprintf(w, "\n%-12s %4s", "type", "n")
	for range runs {
		fmt.Fprintf(w, " | %8s %8s", "nDCG@10", "R@10")
	}
	fmt.Fprintln(w)
	for _, t := range append(append([]string{}, Types...), Overall) {
		m := means[0][t]
		if m.N == 0 {
			continue
		}
		fmt.Fprintf(w, "%-12s %4d", t, m.N)
		for i := range runs {
			pm, ok := means[i][t]
			mark := " "
			if ok && pm.N < m.N {
				mark = "*"
			}
			if !ok {
				fmt.Fprintf(w, " | %8s %8s", "–", "–")
				continue
			}
			fmt.Fprintf(w, " | %7.3f%s %8.3f", pm.NDCG, mark, pm.Recall)
		}
		fmt.Fprintln(w)
	}
	if held, all := reachable(r.Ours, r.judgments); all > 0 && r.Ours.Queries[0].Reachable != nil {
		fmt.Fprintf(w, "policysearch's paragraphs hold %d of the %d judged passages; ranked perfectly they would give nDCG@10 %.3f (one gain per paragraph however many it holds)\n",
			held, all, means[0][Overall].Ceiling)
		if held < all {
			fmt.Fprintf(w, "  (the other %d are in files ingest refused or were cut apart by the parser; -v marks them)\n", all-held)
		}
	}
	for _, run := range r.Peers {
		if n := missing(run); n > 0 {
			fmt.Fprintf(w, "* %s: %d of %d queries have no stored result for their current text and judgments (means over the rest); refresh with -peers\n",
				r.label(run.Engine), n, len(run.Queries))
		}
	}
	if n := unjudged(r.Ours); n > 0 {
		fmt.Fprintf(w, "%d queries have no relevant judgment and are left out\n", n)
	}
	for _, q := range r.Ours.Queries {
		if q.Error != "" {
			fmt.Fprintf(w, "error: %s %q: %s\n", q.ID, q.Q, q.Error)
		}
	}
	if len(r.Problems) > 0 {
		fmt.Fprintf(w, "%d judgments cannot work as eval/README.md defines them:\n", len(r.Problems))
		for i, p := range r.Problems {
			if i == 10 && !verbose {
				fmt.Fprintf(w, "  … (-v lists all)\n")
				break
			}
			fmt.Fprintf(w, "  %s %s %q: %s\n", p.Query, p.Doc, p.Key, p.Reason)
		}
	}
	if verbose {
		r.printQueries(w)
	}
}

func (r *Report) printQueries(w io.Writer) {
	fmt.Fprintf(w, "per query (policysearch): id type nDCG@10 R@10 query\n")
	for _, q := range r.Ours.Queries {
		fmt.Fprintf(w, "  %-10s %-10s %5.3f %5.3f  %s\n", q.ID, q.Type, q.NDCG, q.Recall, q.Q)
		if q.Judged == 0 || q.NDCG >= 0.5 {
			continue
		}
		for i, h := range q.Hits {
			fmt.Fprintf(w, "      %2d [%d] %s  %s\n", i+1, q.Gains[i], h.Doc, clip(h.Text, 40))
		}
		for i, j := range r.judgments[q.ID] {
			if j.Grade > 0 && q.Found[i] == 0 {
				where := ""
				if q.Reachable != nil && !q.Reachable[i] {
					where = "  (in none of our paragraphs)"
				}
				fmt.Fprintf(w, "      missed [%d] %s  %s%s\n", j.Grade, j.Doc, j.Key, where)
			}
		}
	}
}

func (r *Report) label(engine string) string {
	if l := r.peerLabels[engine]; l != "" {
		return l
	}
	return engine
}

// reachable counts the relevant judgments some paragraph of the engine holds.
func reachable(run *Run, judgments map[string][]Judgment) (held, all int) {
	for _, q := range run.Queries {
		for i, j := range judgments[q.ID] {
			if j.Grade <= 0 {
				continue
			}
			all++
			if i < len(q.Reachable) && q.Reachable[i] {
				held++
			}
		}
	}
	return held, all
}

func missing(run *Run) int {
	n := 0
	for _, q := range run.Queries {
		if q.Missing {
			n++
		}
	}
	return n
}

func unjudged(run *Run) int {
	n := 0
	for _, q := range run.Queries {
		if q.Judged == 0 {
			n++
		}
	}
	return n
}

// clip returns the first n characters of s on one line.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// JSONEngine is one engine's figures in the -json file.
type JSONEngine struct {
	Types   map[string]Mean `json:"types"` // query types and "overall"
	Queries []QueryResult   `json:"queries"`
}

// JSONCorpus is one corpus in the -json file.
type JSONCorpus struct {
	Corpus    string                `json:"corpus"`
	Judged    string                `json:"judged_sha256"`
	Documents int                   `json:"documents"`
	Skipped   int                   `json:"skipped_files"`
	IndexS    float64               `json:"index_s"`
	QueryS    float64               `json:"query_s"`
	Engines   map[string]JSONEngine `json:"engines"`
	Problems  []Problem             `json:"problems,omitempty"`
}

// WriteJSON writes the figures of every corpus (per type and per query, for each
// engine) for CI and for diffs between runs.
func WriteJSON(path string, reports []*Report, took time.Duration) error {
	out := struct {
		Corpora []JSONCorpus `json:"corpora"`
		Note    string       `json:"peers_note"`
		TookS   float64      `json:"took_s"`
	}{Note: PeersNote, TookS: took.Seconds()}
	for _, r := range reports {
		jc := JSONCorpus{Corpus: r.Corpus, Judged: r.Judged, Documents: r.Documents, Skipped: r.Skipped,
			IndexS: r.IndexTook.Seconds(), QueryS: r.QueryTook.Seconds(), Engines: map[string]JSONEngine{}, Problems: r.Problems}
		for _, run := range append([]*Run{r.Ours}, r.Peers...) {
			jc.Engines[run.Engine] = JSONEngine{Types: run.Means(), Queries: run.Queries}
		}
		out.Corpora = append(out.Corpora, jc)
	}
	raw, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(raw, '\n'), 0o644)
}
