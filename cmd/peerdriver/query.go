package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"policysearch"
	"policysearch/analyzers"
	"policysearch/index"
)

// The harness protocol (../shared/bench/peers/peerslib.py).
const (
	warmups = 3
	reps    = 20
)

// harnessQuery is one line of QUERIES.jsonl.
type harnessQuery struct {
	Q     string   `json:"q"`
	Kind  string   `json:"kind"`
	Text  string   `json:"text"`
	Words []string `json:"words"`
}

// outLine is one line of OUT.jsonl.
type outLine struct {
	Q            string  `json:"q"`
	Kind         string  `json:"kind"`
	Hits         int     `json:"hits"`
	LatUS        float64 `json:"lat_us"`
	LatMinUS     float64 `json:"lat_min_us"`
	LatMaxUS     float64 `json:"lat_max_us"`
	Reps         int     `json:"reps"`
	Warmups      int     `json:"warmups"`
	Top          []int64 `json:"top"`
	IDs          []int64 `json:"ids"`
	IDsTruncated bool    `json:"ids_truncated"`
	Note         string  `json:"note,omitempty"`
}

// searchText is what a user would type for the harness query: an exact phrase in
// double quotes, or the words with spaces between them (all required).
func searchText(q harnessQuery) string {
	if q.Kind == "phrase" {
		return `"` + q.Text + `"`
	}
	if len(q.Words) > 0 {
		return strings.Join(q.Words, " ")
	}
	return q.Text
}

func readQueries(file string) ([]harnessQuery, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var qs []harnessQuery
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q harnessQuery
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		qs = append(qs, q)
	}
	return qs, sc.Err()
}

func queryPhase(c *config, dir, queriesFile, outFile string) error {
	qs, err := readQueries(queriesFile)
	if err != nil {
		return err
	}
	t0 := time.Now()
	seg, err := analyzers.Open(analyzers.Options{})
	if err != nil {
		return err
	}
	defer seg.Close()
	tSeg := time.Since(t0)
	cache := 0
	if c.phraseCache == "off" {
		cache = -1
	}
	t1 := time.Now()
	ix, err := index.Open(index.Options{Dir: dir, Segmenter: seg, PhraseCache: cache})
	if err != nil {
		return err
	}
	defer ix.Close()
	tOpen := time.Since(t1)
	ctx := context.Background()
	st, _ := ix.Stats(ctx)
	logf("segmenter %.2f s, index open %.2f s (from the table file when it is current, else rebuilt from the shards): %d documents, %d paragraphs; phrase cache %s",
		tSeg.Seconds(), tOpen.Seconds(), st.Documents, st.Paragraphs, c.phraseCache)

	reqs := make([]policysearch.SearchRequest, len(qs))
	for i, q := range qs {
		reqs[i] = policysearch.SearchRequest{Query: searchText(q), Size: 10, NoFacets: true}
	}
	run := func(i int) (*policysearch.SearchResult, error) {
		r := reqs[i] // a copy: Search may not keep it, but the caller's stays pristine
		return ix.Search(ctx, &r)
	}

	stopProfile, err := startCPUProfile(c.cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	if c.memProfile != "" {
		if err := writeAllocs(c.memProfile + ".base"); err != nil {
			return err
		}
	}

	// Warm-up: cycle through every query for PEERS_WARM_S seconds (at least one pass).
	warmS := 2.0
	if v := os.Getenv("PEERS_WARM_S"); v != "" {
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			warmS = f
		}
	}
	passes := 0
	if warmS > 0 && len(qs) > 0 {
		end := time.Now().Add(time.Duration(warmS * float64(time.Second)))
		for {
			for i := range qs {
				if _, err := run(i); err != nil {
					return fmt.Errorf("%s: %w", qs[i].Q, err)
				}
			}
			passes++
			if !time.Now().Before(end) {
				break
			}
		}
	}

	type timed struct {
		med, lo, hi float64
		res         *policysearch.SearchResult
	}
	results := make([]timed, len(qs))
	for i := range qs {
		var res *policysearch.SearchResult
		for k := 0; k < warmups; k++ {
			if res, err = run(i); err != nil {
				return fmt.Errorf("%s: %w", qs[i].Q, err)
			}
		}
		samples := make([]float64, reps)
		for k := 0; k < reps; k++ {
			t := time.Now()
			res, err = run(i)
			samples[k] = float64(time.Since(t).Nanoseconds()) / 1000
			if err != nil {
				return fmt.Errorf("%s: %w", qs[i].Q, err)
			}
		}
		slices.Sort(samples)
		med := (samples[reps/2-1] + samples[reps/2]) / 2
		if reps%2 == 1 {
			med = samples[reps/2]
		}
		results[i] = timed{med, samples[0], samples[reps-1], res}
	}
	stopProfile() // the profile covers the timed protocol only
	if c.memProfile != "" {
		if err := writeAllocs(c.memProfile); err != nil {
			return err
		}
	}
	logf("warm-up %.1f s: %d passes over %d queries", warmS, passes, len(qs))

	// Every hit's id, untimed.
	out, err := os.Create(outFile)
	if err != nil {
		return err
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i, q := range qs {
		r := results[i]
		rec := outLine{Q: q.Q, Kind: q.Kind, Hits: r.res.Total, LatUS: round1(r.med), LatMinUS: round1(r.lo), LatMaxUS: round1(r.hi),
			Reps: reps, Warmups: warmups, Top: []int64{}, IDs: []int64{}}
		for _, h := range r.res.Hits {
			id, err := strconv.ParseInt(h.ID, 10, 64)
			if err != nil {
				return fmt.Errorf("hit id %q is not a harness id", h.ID)
			}
			rec.Top = append(rec.Top, id)
		}
		var notes []string
		if r.res.Relaxed {
			notes = append(notes, "relaxed: no paragraph had every word")
		}
		all := make([]int64, 0, r.res.Total)
		req := policysearch.SearchRequest{Query: reqs[i].Query}
		n, err := ix.Export(ctx, &req, 0, func(h policysearch.Hit) error {
			id, err := strconv.ParseInt(h.ID, 10, 64)
			if err != nil {
				return fmt.Errorf("hit id %q is not a harness id", h.ID)
			}
			all = append(all, id)
			return nil
		})
		if err != nil {
			return fmt.Errorf("export %s: %w", q.Q, err)
		}
		if n != r.res.Total {
			notes = append(notes, fmt.Sprintf("export listed %d hits, search counted %d", n, r.res.Total))
		}
		slices.Sort(all)
		if len(all) > c.idsCap {
			rec.IDs, rec.IDsTruncated = all[:c.idsCap], true
		} else {
			rec.IDs = all
		}
		rec.Note = strings.Join(notes, "; ")
		if err := enc.Encode(rec); err != nil {
			return err
		}
		logf("%-24s hits %7d  p50 %9.1f us  min %9.1f  max %9.1f", q.Q, rec.Hits, rec.LatUS, rec.LatMinUS, rec.LatMaxUS)
	}
	return w.Flush()
}

func round1(x float64) float64 {
	return float64(int64(x*10+0.5)) / 10
}
