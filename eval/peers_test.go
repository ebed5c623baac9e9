package eval

import (
	"math"
	"testing"
)

func TestPeerWords(t *testing.T) {
	for q, want := range map[string]string{
		"实训基地 region:山东":                "实训基地",
		"校企合作  year:2020..2023 实训基地 建设": "校企合作 实训基地 建设",
		"双师型 -兼职 level:市":               "双师型",
		"专业教师每年到企业实践多长时间":               "专业教师每年到企业实践多长时间",
	} {
		if got := PeerWords(q); got != want {
			t.Errorf("PeerWords(%q) = %q, want %q", q, got, want)
		}
	}
}

// TestPeerRescore: stored peer results are scored with the current grades, and are
// missing (left out of the peer's means) once the query's text or judged keys change.
func TestPeerRescore(t *testing.T) {
	q := Query{ID: "q1", Type: "short", Q: "实训基地", Judgments: []Judgment{
		{Doc: "a.md", Key: "建设一批高水平实训基地", Grade: 1},
		{Doc: "a.md", Key: "推进校企共建共享实训", Grade: 2},
	}}
	pc := &PeerCorpus{Engines: map[string]map[string]*PeerQuery{"lucene-cjk": {
		"q1": {Q: "实训基地", Judged: JudgedHash(q), Hits: 3, Matches: []PeerMatch{{Rank: 2, Doc: "a.md", Keys: []string{"建设一批高水平实训基地"}}}},
	}}}
	set := &Set{Queries: []Query{q}}
	got := pc.Run("lucene-cjk", set).Queries[0]
	want := gain(1, 1) / (gain(2, 0) + gain(1, 1))
	if got.Missing || math.Abs(got.NDCG-want) > 1e-9 || got.Recall != 0.5 {
		t.Errorf("stored result: %+v, want nDCG %.4f recall 0.5", got, want)
	}
	q.Judgments[0].Grade = 2 // a grade change needs no rerun
	got = pc.Run("lucene-cjk", &Set{Queries: []Query{q}}).Queries[0]
	if want := gain(2, 1) / (gain(2, 0) + gain(2, 1)); got.Missing || math.Abs(got.NDCG-want) > 1e-9 {
		t.Errorf("regraded: nDCG %.4f, want %.4f", got.NDCG, want)
	}
	q.Judgments = append(q.Judgments, Judgment{Doc: "b.md", Key: "新增的一条判断在这里", Grade: 1})
	if got := pc.Run("lucene-cjk", &Set{Queries: []Query{q}}); !got.Queries[0].Missing || got.Means()[Overall].N != 0 {
		t.Errorf("a new judgment must make the stored result missing: %+v", got.Queries[0])
	}
}
