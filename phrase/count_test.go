package phrase

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// CountOccurrences must agree with strings.Count, which defines the semantics
// (non-overlapping, left to right), on texts built from a tiny alphabet so that
// near-misses, overlaps and boundary matches are common.
func TestCountOccurrencesMatchesStringsCount(t *testing.T) {
	cases := [][2]string{
		{"", ""}, {"abc", ""}, {"", "应当"}, {"应当", "应当"}, {"应当应当", "应当"},
		{"AAA", "AA"}, {"AAAA", "AA"}, {"当应当", "应当"}, {"应", "应当"}, {"x应当", "当"},
		{"职业教育职业教育", "教育职业"}, {"\xe5\xba\x94", "\xba\x94"},
	}
	alphabet := []string{"应", "当", "A", "a", "，", "\xe5", "\x94"}
	r := rand.New(rand.NewPCG(1, 2))
	word := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(alphabet[r.IntN(len(alphabet))])
		}
		return b.String()
	}
	for range 20000 {
		cases = append(cases, [2]string{word(r.IntN(12)), word(1 + r.IntN(3))})
	}
	for _, c := range cases {
		if got, want := CountOccurrences(c[0], c[1]), strings.Count(c[0], c[1]); c[1] != "" && got != want {
			t.Fatalf("CountOccurrences(%q, %q) = %d, strings.Count says %d", c[0], c[1], got, want)
		}
		if c[1] == "" && CountOccurrences(c[0], c[1]) != 0 {
			t.Fatalf("an empty phrase occurs nowhere, got %d in %q", CountOccurrences(c[0], c[1]), c[0])
		}
	}
}
