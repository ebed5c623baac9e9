package similar

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"policysearch"
)

func TestCompare(t *testing.T) {
	for _, c := range []struct {
		name   string
		a, b   string
		shared []string // expected passages, as they appear in a
	}{
		{"identical", "加强党对职业教育工作的全面领导", "加强党对职业教育工作的全面领导", []string{"加强党对职业教育工作的全面领导"}},
		{"punctuation differs inside", "健全成本分担机制，落实举办者的投入责任。", "健全成本分担机制、落实举办者的投入责任；", []string{"健全成本分担机制，落实举办者的投入责任"}},
		{"width, spaces and case", "建设１０个左右国家职业教育改革市域试点，推进1+X证书", "建设 10 个左右国家职业教育改革市域试点。推进1+x证书", []string{"建设１０个左右国家职业教育改革市域试点，推进1+X证书"}},
		{"too short", "职业教育体系", "现代职业教育体系", nil},
		{"exactly MinPassage", "甲乙丙现代职业教育体系丁", "现代职业教育体系", []string{"现代职业教育体系"}},
		{"edit splits the passage", "鼓励职业学校建好用好新型宣传平台，讲好身边的职教故事", "鼓励职业院校建好用好新型宣传平台，讲好身边的职教故事", []string{"校建好用好新型宣传平台，讲好身边的职教故事"}},
		{"two passages in other order", "推动信息技术和智能技术深度融入学校管理全过程。落实职业院校数字校园规范", "落实职业院校数字校园规范，推动信息技术和智能技术深度融入学校管理全过程", []string{"推动信息技术和智能技术深度融入学校管理全过程", "落实职业院校数字校园规范"}},
		{"repeated in a, once in b", "办好职业教育活动周。办好职业教育活动周。", "办好职业教育活动周", []string{"办好职业教育活动周"}},
		{"empty", "", "办好职业教育活动周", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := Compare(c.a, c.b)
			checkMatch(t, c.a, c.b, m)
			var got []string
			for _, sp := range m.Shared {
				got = append(got, c.a[sp.A[0]:sp.A[1]])
			}
			if !slices.Equal(got, c.shared) {
				t.Errorf("shared %q, want %q", got, c.shared)
			}
			// Symmetry: the same passages, A and B swapped.
			r := Compare(c.b, c.a)
			if r.SharedChars != m.SharedChars || r.Similarity != m.Similarity {
				t.Errorf("not symmetric: %d/%v vs %d/%v", m.SharedChars, m.Similarity, r.SharedChars, r.Similarity)
			}
		})
	}
	if m := Compare("办好职业教育活动周", "办好职业教育活动周"); m.Similarity != 1 || m.Containment != 1 {
		t.Errorf("identical texts: similarity %v containment %v", m.Similarity, m.Containment)
	}
}

// TestSkeleton checks the claim the whole package rests on: the skeleton is Normalize
// without punctuation and spaces (ASCII lower-cased), so spans found on it are spans of
// the normalised text.
func TestSkeleton(t *testing.T) {
	texts := append(seedTexts(t), "ＡＢＣ　１２３，Ｘ证书 ﹝2020﹞ x\u00a0y", "\xff\xfe坏的UTF-8")
	for _, s := range texts {
		var want []rune
		for _, r := range policysearch.Normalize(s) {
			if unicode.IsLetter(r) || unicode.IsNumber(r) {
				if r < 0x80 {
					r = unicode.ToLower(r)
				}
				want = append(want, unicode.ToLower(r))
			}
		}
		if got := Skeleton(s); got != string(want) {
			t.Fatalf("Skeleton(%q) = %q, want %q", s, got, string(want))
		}
	}
}

func TestMark(t *testing.T) {
	s := `a<b>&"c"'d'甲乙丙`
	for _, c := range []struct {
		spans [][2]int
		want  string
	}{
		{nil, `a&lt;b&gt;&amp;&#34;c&#34;&#39;d&#39;甲乙丙`},
		{[][2]int{{1, 4}}, `a<mark>&lt;b&gt;</mark>&amp;&#34;c&#34;&#39;d&#39;甲乙丙`},
		{[][2]int{{17, 20}, {0, 1}}, `<mark>a</mark>&lt;b&gt;&amp;&#34;c&#34;&#39;d&#39;甲乙<mark>丙</mark>`},
		{[][2]int{{11, 17}, {14, 20}}, `a&lt;b&gt;&amp;&#34;c&#34;&#39;d&#39;<mark>甲乙丙</mark>`},              // overlapping
		{[][2]int{{11, 14}, {14, 17}}, `a&lt;b&gt;&amp;&#34;c&#34;&#39;d&#39;<mark>甲</mark><mark>乙</mark>丙`}, // touching: kept apart
		{[][2]int{{-5, 1}, {17, 99}, {5, 5}}, `<mark>a</mark>&lt;b&gt;&amp;&#34;c&#34;&#39;d&#39;甲乙<mark>丙</mark>`},
	} {
		if got := Mark(s, c.spans); got != c.want {
			t.Errorf("Mark(%v) = %s, want %s", c.spans, got, c.want)
		}
	}
	// On a real match: the marked text of both sides, tags removed, is the escaped text.
	a := "落实《职业院校数字校园规范》，推动信息技术和智能技术深度融入学校管理全过程"
	b := "推动信息技术和智能技术深度融入学校管理全过程<script>"
	m := Compare(a, b)
	mb := Mark(b, m.SpansB())
	if mb != "<mark>推动信息技术和智能技术深度融入学校管理全过程</mark>&lt;script&gt;" {
		t.Errorf("Mark(b) = %s", mb)
	}
	if strings.ReplaceAll(strings.ReplaceAll(Mark(a, m.SpansA()), "<mark>", ""), "</mark>", "") != a {
		t.Error("Mark changed the text")
	}
}

// model is a brute-force reference for the index: the anchors of every live text.
type model map[uint32][]uint32

func (m model) candidates(q []uint32) map[uint32]int {
	out := map[uint32]int{}
	for id, a := range m {
		n := 0
		for _, h := range q {
			if _, ok := slices.BinarySearch(a, h); ok {
				n++
			}
		}
		if n > 0 {
			out[id] = n
		}
	}
	return out
}

// TestIndexOperations runs random Add, Remove, re-Add and Compact against the brute-force
// model, checking after each step that Candidates finds exactly the paragraphs that share
// anchors with the query, with the right counts.
func TestIndexOperations(t *testing.T) {
	texts := seedTexts(t)
	rng := rand.New(rand.NewPCG(3, 4))
	x := New(Options{})
	ref := model{}
	var ab anchorBuf
	anchorsOf := func(s string) []uint32 {
		return slices.Clone(ab.compute(s, x.opts.K, x.opts.Window))
	}
	const ids = 150
	for step := 0; step < 3000; step++ {
		id := uint32(rng.IntN(ids))
		switch op := rng.IntN(10); {
		case op < 6:
			s := texts[rng.IntN(len(texts))]
			x.Add(id, s)
			ref[id] = anchorsOf(s)
		case op < 9:
			x.Remove(id)
			delete(ref, id)
		default:
			x.Compact()
		}
		if x.Len() != len(ref) {
			t.Fatalf("step %d: Len %d, want %d", step, x.Len(), len(ref))
		}
		if step%50 != 0 {
			continue
		}
		q := texts[rng.IntN(len(texts))]
		want := ref.candidates(anchorsOf(q))
		got := map[uint32]int{}
		for _, c := range x.Candidates(q, ids+1, nil) {
			got[c.ID] = c.Shared
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("step %d: candidates %v, want %v", step, got, want)
		}
	}
	// Remove everything: the index empties, its memory with it.
	for id := range uint32(ids) {
		x.Remove(id)
	}
	x.Compact()
	if x.Len() != 0 || len(x.base) != 0 || len(x.keys) != 0 || len(x.keyOf) != 0 || len(x.ext) != 0 {
		t.Errorf("after removing all: len %d, base %d, keys %d/%d, slots %d", x.Len(), len(x.base), len(x.keys), len(x.keyOf), len(x.ext))
	}
	if c := x.Candidates(texts[0], 10, nil); len(c) != 0 {
		t.Errorf("empty index returns %v", c)
	}
}

// TestBulkMerge adds enough postings to trigger merges from Add, and checks results
// against an index compacted at the end only.
func TestBulkMerge(t *testing.T) {
	texts := seedTexts(t)
	x := New(Options{})
	n := 0
	for i := 0; len(x.base) == 0 || n < 2*mergeMin; i++ {
		x.Add(uint32(i), texts[i%len(texts)])
		n += int(x.anchors[x.slotOf[uint32(i)]])
	}
	if len(x.base) == 0 {
		t.Fatal("no merge happened")
	}
	y := New(Options{})
	for i := range x.Len() {
		y.Add(uint32(i), texts[i%len(texts)])
	}
	for _, q := range texts[:20] {
		a := x.Candidates(q, 30, nil)
		b := y.Candidates(q, 30, nil)
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("merged %v\nunmerged %v", a, b)
		}
	}
}

func TestSignature(t *testing.T) {
	x, s := seedIndex(t, Options{})
	y := New(Options{})
	for i, p := range s.paras {
		if err := y.AddSignature(uint32(i), x.Signature(p.Text)); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range s.paras[:40] {
		if a, b := x.Candidates(p.Text, 10, nil), y.Candidates(p.Text, 10, nil); fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("from signatures %v, from texts %v", b, a)
		}
	}
	sig := x.Signature(s.paras[0].Text)
	other := New(Options{K: 6})
	bad := [][]byte{nil, {1, 2}, other.Signature(s.paras[0].Text), append(slices.Clone(sig), 1)}
	swapped := slices.Clone(sig)
	copy(swapped[4:8], sig[8:12])
	copy(swapped[8:12], sig[4:8])
	bad = append(bad, swapped)
	for i, b := range bad {
		if err := y.AddSignature(9999, b); !errors.Is(err, ErrSignature) {
			t.Errorf("bad signature %d: err %v", i, err)
		}
	}
	if y.Len() != len(s.paras) {
		t.Errorf("a failed AddSignature changed the index: %d paragraphs", y.Len())
	}
	if got := New(Options{}).Signature("短"); len(got) != 4 {
		t.Errorf("signature of a text without anchors: %v", got)
	}
}

func TestCandidatesFilterAndLimit(t *testing.T) {
	x, s := seedIndex(t, Options{})
	p := s.pairs[1]
	all := x.Candidates(p.local.Text, 1000, nil)
	if len(all) < 5 {
		t.Fatalf("only %d candidates", len(all))
	}
	if len(all) == 0 || all[0].ID != p.li || all[0].Score != 1 {
		t.Fatalf("a paragraph is its own best candidate: %v", all[:min(3, len(all))])
	}
	for i := 1; i < len(all); i++ {
		if compareCandidates(all[i-1], all[i]) >= 0 {
			t.Fatalf("not sorted at %d: %v, %v", i, all[i-1], all[i])
		}
	}
	for _, limit := range []int{1, 2, 5} {
		if got := x.Candidates(p.local.Text, limit, nil); fmt.Sprint(got) != fmt.Sprint(all[:limit]) {
			t.Errorf("limit %d: %v, want %v", limit, got, all[:limit])
		}
	}
	other := func(id uint32) bool { return s.paras[id].Doc != p.local.Doc }
	for _, c := range x.Candidates(p.local.Text, 1000, other) {
		if !other(c.ID) {
			t.Errorf("keep ignored: %d", c.ID)
		}
	}
	if got := x.Candidates(p.local.Text, 0, nil); got != nil {
		t.Errorf("limit 0: %v", got)
	}
	if got := x.Similar("", 5, nil, nil); got != nil {
		t.Errorf("empty query: %v", got)
	}
}

// TestConcurrentReaders runs Candidates and Similar from several goroutines (run with
// -race): readers share only the pooled scratch buffers.
func TestConcurrentReaders(t *testing.T) {
	x, s := seedIndex(t, Options{})
	want := make([]string, len(s.pairs))
	textOf := func(id uint32) string { return s.paras[id].Text }
	for i, p := range s.pairs {
		want[i] = fmt.Sprint(x.Similar(p.local.Text, 3, nil, textOf))
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for r := range 20 {
				i := (g + r) % len(s.pairs)
				if got := fmt.Sprint(x.Similar(s.pairs[i].local.Text, 3, nil, textOf)); got != want[i] {
					t.Errorf("concurrent result differs for pair %d", i)
				}
			}
		})
	}
	wg.Wait()
}

func FuzzCompare(f *testing.F) {
	f.Add("健全成本分担机制，落实举办者的投入责任。", "健全成本分担机制、落实举办者的投入责任；")
	f.Add("ＡＢＣＤＥＦＧＨ", "abcdefgh")
	f.Add("aaaaaaaaaaaaaaaaaaaa", "aaaaaaaaaa")
	f.Add("\xff甲乙丙丁戊己庚辛", "甲乙丙丁戊己庚辛\xff")
	f.Fuzz(func(t *testing.T, a, b string) {
		checkMatch(t, a, b, Compare(a, b))
	})
}
