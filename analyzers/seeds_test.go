package analyzers

import (
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"
)

// TestOffsetsOnSeeds checks, for every token of every seed document in both modes, that
// input[Start:End] is the term (before lowercasing), that positions run 1, 2, 3 … and that
// no token is whitespace or punctuation only.
func TestOffsetsOnSeeds(t *testing.T) {
	for name, text := range seedFiles(t) {
		for _, mode := range []Mode{Search, Exact} {
			stream := testSeg.Tokenizer(mode).Tokenize([]byte(text))
			if len(stream) < 1000 {
				t.Errorf("%s %s: only %d tokens", name, mode, len(stream))
			}
			for i, tk := range stream {
				if tk.Start < 0 || tk.End > len(text) || tk.Start >= tk.End || text[tk.Start:tk.End] != string(tk.Term) {
					t.Fatalf("%s %s token %d: [%d:%d] %q does not match the input", name, mode, i, tk.Start, tk.End, tk.Term)
				}
				if tk.Position != i+1 {
					t.Fatalf("%s %s token %d: position %d", name, mode, i, tk.Position)
				}
				if !keepToken(string(tk.Term)) || !utf8.Valid(tk.Term) {
					t.Fatalf("%s %s token %d: %q should have been dropped", name, mode, i, tk.Term)
				}
			}
		}
	}
}

// TestPolicyWordsWholeInSeeds checks that every policy-dictionary word is cut whole wherever
// it occurs in the seed sentences: in Search mode a token has exactly the word's span, in
// Exact mode one token covers it. Lines are cut one at a time, as parse hands paragraphs
// to the index. The only exceptions are where the characters are not the word at all.
func TestPolicyWordsWholeInSeeds(t *testing.T) {
	entries, err := parseUserDict(policyDictName, policyDict)
	if err != nil {
		t.Fatal(err)
	}
	// Occurrences that read differently: 提高/职业, 中职/教育, 高职/教育, 入职/教师.
	notTheWord := map[string][]string{
		"高职": {"提高职"},
		"职教": {"中职教", "高职教", "入职教"},
	}
	seen := map[string]int{}
	total := 0
	for name, text := range seedFiles(t) {
		for lineNo, line := range strings.Split(text, "\n") {
			var search, exact []Token
			for _, e := range entries {
				w := e.word
			next:
				for off := 0; ; {
					i := strings.Index(line[off:], w)
					if i < 0 {
						break
					}
					start, end := off+i, off+i+len(w)
					off = end
					for _, ctx := range notTheWord[w] {
						if j := strings.Index(ctx, w); start >= j && strings.HasPrefix(line[start-j:], ctx) {
							continue next
						}
					}
					if search == nil {
						search, exact = testSeg.Cut(line), testSeg.CutExact(line)
					}
					seen[w]++
					total++
					if !hasSpan(search, start, end) {
						t.Errorf("%s:%d: search mode cuts %s apart: %s", name, lineNo+1, w, context(search, start, end))
					}
					if !coveredBy(exact, start, end) {
						t.Errorf("%s:%d: exact mode cuts %s apart: %s", name, lineNo+1, w, context(exact, start, end))
					}
				}
			}
		}
	}
	for _, w := range []string{"产教融合型企业", "双师型", "1+X", "实训基地"} {
		if seen[w] == 0 {
			t.Errorf("%s does not occur in the seeds; the test proves nothing for it", w)
		}
	}
	t.Logf("%d occurrences of %d policy words checked; 产教融合型企业 %d, 双师型 %d, 1+X %d, 实训基地 %d",
		total, len(seen), seen["产教融合型企业"], seen["双师型"], seen["1+X"], seen["实训基地"])
}

func hasSpan(toks []Token, start, end int) bool {
	for _, tk := range toks {
		if tk.Start == start && tk.End == end {
			return true
		}
	}
	return false
}

func coveredBy(toks []Token, start, end int) bool {
	for _, tk := range toks {
		if tk.Start <= start && end <= tk.End {
			return true
		}
	}
	return false
}

func context(toks []Token, start, end int) string {
	var parts []string
	for _, tk := range toks {
		if tk.End > start-12 && tk.Start < end+12 {
			parts = append(parts, tk.Term)
		}
	}
	return strings.Join(parts, "/")
}

// TestConcurrentCut segments the seeds from 8 goroutines on the one jieba instance and
// compares with serial output; run with -race. It backs the concurrency note on Segmenter.
func TestConcurrentCut(t *testing.T) {
	seeds := seedFiles(t)
	var lines []string
	names := make([]string, 0, len(seeds))
	for name := range seeds {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		lines = append(lines, strings.Split(seeds[name], "\n")...)
	}
	want := make([][]Token, len(lines))
	for i, l := range lines {
		want[i] = testSeg.Cut(l)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			tok := testSeg.Tokenizer(Search)
			for round := 0; round < 2; round++ {
				for k := range lines {
					i := (k + g*len(lines)/8) % len(lines) // each goroutine starts elsewhere
					got := testSeg.Cut(lines[i])
					if !reflect.DeepEqual(got, want[i]) && !(len(got) == 0 && len(want[i]) == 0) {
						errs <- lines[i]
						return
					}
					if stream := tok.Tokenize([]byte(lines[i])); len(stream) != len(want[i]) {
						errs <- lines[i]
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for l := range errs {
		t.Errorf("concurrent cut differs from serial on %q", l)
	}
}

// BenchmarkTokenize measures the bleve tokenizer (search mode) over the seed documents,
// one line (paragraph) per call, as the index sees them.
func BenchmarkTokenize(b *testing.B) {
	seeds := seedFiles(b)
	var paras [][]byte
	size := 0
	for _, text := range seeds {
		for _, l := range strings.Split(text, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				paras = append(paras, []byte(l))
				size += len(l)
			}
		}
	}
	for _, mode := range []Mode{Search, Exact} {
		b.Run(mode.String(), func(b *testing.B) {
			tok := testSeg.Tokenizer(mode)
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range paras {
					tok.Tokenize(p)
				}
			}
		})
	}
}
