package similar

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"policysearch"
	"policysearch/seeds"
)

// seedPara is one paragraph of the seeds with the document it belongs to.
type seedPara struct {
	policysearch.Paragraph
	Doc string
}

// seedPair is one hand-made pair of testdata/pairs.json, resolved to paragraphs.
type seedPair struct {
	local, national seedPara
	li, ni          uint32 // ordinals in seedData.paras
	shared          string
}

type seedData struct {
	paras []seedPara
	pairs []seedPair
}

var (
	seedOnce sync.Once
	seedVal  *seedData
	seedErr  error
)

// loadSeeds parses the embedded seeds (with the real parser) and resolves the pairs.
func loadSeeds(tb testing.TB) *seedData {
	tb.Helper()
	seedOnce.Do(func() { seedVal, seedErr = readSeeds() })
	if seedErr != nil {
		tb.Fatal(seedErr)
	}
	return seedVal
}

func readSeeds() (*seedData, error) {
	docs, err := seeds.Documents()
	if err != nil {
		return nil, err
	}
	d := &seedData{}
	for _, doc := range docs {
		for _, p := range doc.Paragraphs {
			d.paras = append(d.paras, seedPara{Paragraph: p, Doc: doc.ID})
		}
	}
	raw, err := os.ReadFile("testdata/pairs.json")
	if err != nil {
		return nil, err
	}
	var file struct {
		Pairs []struct {
			LocalDoc    string `json:"local_doc"`
			Local       string `json:"local"`
			NationalDoc string `json:"national_doc"`
			National    string `json:"national"`
			Shared      string `json:"shared"`
		} `json:"pairs"`
	}
	if err := json.Unmarshal(raw, &file); err != nil {
		return nil, err
	}
	find := func(doc, phrase string) (uint32, error) {
		found := -1
		for i, p := range d.paras {
			if p.Doc == doc && strings.Contains(Skeleton(p.Text), Skeleton(phrase)) {
				if found >= 0 {
					return 0, fmt.Errorf("pairs.json: %q is in two paragraphs of %s", phrase, doc)
				}
				found = i
			}
		}
		if found < 0 {
			return 0, fmt.Errorf("pairs.json: %q is in no paragraph of %s", phrase, doc)
		}
		return uint32(found), nil
	}
	for _, p := range file.Pairs {
		li, err := find(p.LocalDoc, p.Local)
		if err != nil {
			return nil, err
		}
		ni, err := find(p.NationalDoc, p.National)
		if err != nil {
			return nil, err
		}
		d.pairs = append(d.pairs, seedPair{local: d.paras[li], national: d.paras[ni], li: li, ni: ni, shared: p.Shared})
	}
	return d, nil
}

func seedIndex(tb testing.TB, opts Options) (*Index, *seedData) {
	s := loadSeeds(tb)
	x := New(opts)
	for i, p := range s.paras {
		x.Add(uint32(i), p.Text)
	}
	return x, s
}

// TestPairsRanking: for every local paragraph of pairs.json, the national paragraph it
// follows is the first precedent from another document, and a top candidate already.
func TestPairsRanking(t *testing.T) {
	x, s := seedIndex(t, Options{})
	if len(s.pairs) < 8 {
		t.Fatalf("pairs.json has %d pairs, want at least 8", len(s.pairs))
	}
	textOf := func(id uint32) string { return s.paras[id].Text }
	top1, candTop1, candTop5 := 0, 0, 0
	for _, p := range s.pairs {
		other := func(id uint32) bool { return s.paras[id].Doc != p.local.Doc }
		cands := x.Candidates(p.local.Text, 20, other)
		rank := slices.IndexFunc(cands, func(c Candidate) bool { return c.ID == p.ni })
		if rank == 0 {
			candTop1++
		}
		if rank >= 0 && rank < 5 {
			candTop5++
		}
		res := x.Similar(p.local.Text, 5, other, textOf)
		if len(res) == 0 || res[0].ID != p.ni {
			got := "nothing"
			if len(res) > 0 {
				got = fmt.Sprintf("%s (%.3f)", s.paras[res[0].ID].ID, res[0].Similarity)
			}
			t.Errorf("%s: first precedent is %s, want %s (candidate rank %d)", p.local.ID, got, p.national.ID, rank+1)
			continue
		}
		top1++
		r := res[0]
		t.Logf("%-24s -> %-20s similarity %.3f containment %.3f shared %d chars in %d passages; candidate rank %d",
			p.local.ID, p.national.ID, r.Similarity, r.Containment, r.SharedChars, len(r.Shared), rank+1)
		// The hand-picked passage is marked in both texts.
		want := Skeleton(p.shared)
		inA := slices.ContainsFunc(r.Shared, func(sp Span) bool { return strings.Contains(Skeleton(p.local.Text[sp.A[0]:sp.A[1]]), want) })
		inB := slices.ContainsFunc(r.Shared, func(sp Span) bool { return strings.Contains(Skeleton(p.national.Text[sp.B[0]:sp.B[1]]), want) })
		if !inA || !inB {
			t.Errorf("%s -> %s: %q not inside one shared span (in local %v, in national %v)", p.local.ID, p.national.ID, p.shared, inA, inB)
		}
	}
	t.Logf("recall@1 after re-ranking %d/%d; candidates alone: @1 %d/%d, @5 %d/%d",
		top1, len(s.pairs), candTop1, len(s.pairs), candTop5, len(s.pairs))
}

// TestSharedSpans checks Compare on every pair of seed paragraphs from different
// documents: each reported span is the same text in both paragraphs (same skeleton, the
// normalised text without punctuation and spaces), is at least MinPassage characters,
// starts and ends on a letter or digit, and no two spans overlap in either text.
func TestSharedSpans(t *testing.T) {
	s := loadSeeds(t)
	spans := 0
	for i, p := range s.paras {
		for _, q := range s.paras[i+1:] {
			if p.Doc == q.Doc {
				continue
			}
			m := Compare(p.Text, q.Text)
			checkMatch(t, p.Text, q.Text, m)
			spans += len(m.Shared)
		}
	}
	if spans == 0 {
		t.Fatal("no shared passages in the seeds")
	}
	t.Logf("%d spans checked", spans)
}

func checkMatch(t *testing.T, a, b string, m Match) {
	t.Helper()
	total := 0
	check := func(text string, r [2]int, prev *int) string {
		if r[0] < *prev || r[0] >= r[1] || r[1] > len(text) {
			t.Fatalf("bad or overlapping range %v (previous end %d) in %q", r, *prev, text)
		}
		*prev = r[1]
		sub := text[r[0]:r[1]]
		first, _ := utf8.DecodeRuneInString(sub)
		last, _ := utf8.DecodeLastRuneInString(sub)
		if _, ok := keepRune(first); !ok {
			t.Errorf("span %q starts with punctuation", sub)
		}
		if _, ok := keepRune(last); !ok {
			t.Errorf("span %q ends with punctuation", sub)
		}
		return Skeleton(sub)
	}
	prevA := 0
	var bs [][2]int
	for _, sp := range m.Shared {
		sa := check(a, sp.A, &prevA)
		sb := Skeleton(b[sp.B[0]:sp.B[1]])
		if sa != sb {
			t.Errorf("span texts differ: %q vs %q", a[sp.A[0]:sp.A[1]], b[sp.B[0]:sp.B[1]])
		}
		if n := utf8.RuneCountInString(sa); n != sp.Chars || n < MinPassage {
			t.Errorf("span %q: %d characters, Chars %d, minimum %d", sa, n, sp.Chars, MinPassage)
		}
		// The normalised texts are equal too, up to punctuation: Skeleton is
		// Normalize without punctuation, so check it on the normalised form as well.
		if Skeleton(policysearch.Normalize(a[sp.A[0]:sp.A[1]])) != sa {
			t.Errorf("skeleton of the normalised span differs for %q", sa)
		}
		total += sp.Chars
		bs = append(bs, sp.B)
	}
	slices.SortFunc(bs, func(x, y [2]int) int { return x[0] - y[0] })
	prevB := 0
	for _, r := range bs {
		check(b, r, &prevB)
	}
	if total != m.SharedChars {
		t.Errorf("SharedChars %d, spans add up to %d", m.SharedChars, total)
	}
	if m.Similarity < 0 || m.Similarity > 1 || (total == 0) != (m.Similarity == 0) {
		t.Errorf("similarity %v with %d shared characters", m.Similarity, total)
	}
}

// unrelatedEstimate bounds the candidate score (the anchor estimate) of paragraphs that
// share no passage of MinPassage characters: asserted for 99% of such pairs.
const unrelatedEstimate = 0.035

// TestThresholds measures, on all pairs of seed paragraphs from different documents, the
// score distributions that DefaultMinSimilarity and the Candidate.Score documentation
// rest on, and checks that they still hold:
//   - pairs that share no MinPassage-character passage have Similarity 0, 99% of them
//     share no anchor (are no candidates at all), and 99% have a candidate score below
//     unrelatedEstimate;
//   - every hand pair has a Similarity of at least DefaultMinSimilarity, and the median
//     pair that shares only set phrases (no passage of 13 characters) scores below it.
func TestThresholds(t *testing.T) {
	x, s := seedIndex(t, Options{})
	isPair := map[[2]uint32]bool{}
	for _, p := range s.pairs {
		isPair[[2]uint32{p.li, p.ni}] = true
		isPair[[2]uint32{p.ni, p.li}] = true
	}
	// Estimated scores of every candidate pair, from Candidates with no limit to speak of.
	est := map[[2]uint32]float64{}
	for i, p := range s.paras {
		for _, c := range x.Candidates(p.Text, len(s.paras), nil) {
			est[[2]uint32{uint32(i), c.ID}] = c.Score
		}
	}
	var noPassage, setPhrase, pairs []float64
	noAnchor, considered := 0, 0
	for i, p := range s.paras {
		for j := i + 1; j < len(s.paras); j++ {
			q := s.paras[j]
			if p.Doc == q.Doc {
				continue
			}
			considered++
			m := Compare(p.Text, q.Text)
			longest := 0
			for _, sp := range m.Shared {
				longest = max(longest, sp.Chars)
			}
			key := [2]uint32{uint32(i), uint32(j)}
			switch {
			case isPair[key]:
				pairs = append(pairs, m.Similarity)
			case m.SharedChars == 0:
				if m.Similarity != 0 {
					t.Errorf("%s / %s share nothing but score %.3f", p.ID, q.ID, m.Similarity)
				}
				e, ok := est[key]
				if !ok {
					noAnchor++
				}
				noPassage = append(noPassage, e) // 0 when not a candidate at all
			case longest < 13:
				setPhrase = append(setPhrase, m.Similarity)
			}
		}
	}
	q := func(v []float64, f float64) float64 {
		slices.Sort(v)
		return v[min(len(v)-1, max(0, int(math.Ceil(f*float64(len(v))))-1))]
	}
	t.Logf("%d cross-document pairs; %d share no %d-character passage: %d of them share no anchor; candidate score p99 %.3f, max %.3f",
		considered, len(noPassage), MinPassage, noAnchor, q(noPassage, 0.99), q(noPassage, 1))
	t.Logf("%d share set phrases only (longest passage < 13): similarity p50 %.3f p90 %.3f p99 %.3f max %.3f",
		len(setPhrase), q(setPhrase, 0.5), q(setPhrase, 0.9), q(setPhrase, 0.99), q(setPhrase, 1))
	t.Logf("%d hand pairs: similarity min %.3f p50 %.3f max %.3f", len(pairs), q(pairs, 0), q(pairs, 0.5), q(pairs, 1))
	if noAnchor*100 < len(noPassage)*99 {
		t.Errorf("only %d of %d unrelated pairs share no anchor, want 99%%", noAnchor, len(noPassage))
	}
	if v := q(noPassage, 0.99); v >= unrelatedEstimate {
		t.Errorf("p99 of the candidate score of unrelated pairs %.3f >= %.3f", v, unrelatedEstimate)
	}
	if v := q(setPhrase, 0.5); v >= DefaultMinSimilarity {
		t.Errorf("median similarity of set-phrase pairs %.3f >= DefaultMinSimilarity %.2f", v, DefaultMinSimilarity)
	}
	if len(pairs) != len(s.pairs) {
		t.Errorf("found %d hand pairs among cross-document pairs, want %d", len(pairs), len(s.pairs))
	}
	if v := q(pairs, 0); v < DefaultMinSimilarity {
		t.Errorf("a hand pair scores %.3f < DefaultMinSimilarity %.2f", v, DefaultMinSimilarity)
	}
}
