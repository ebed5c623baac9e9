package parse_test

import (
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"policysearch/parse"
)

// runOn is a text of n lines none of which ends a sentence, as a page saved without
// punctuation or a badly flattened table gives.
func runOn(n int) []byte {
	var b strings.Builder
	b.WriteString("某市关于推进数据治理的实施方案\n")
	for i := 0; i < n; i++ {
		b.WriteString("第")
		b.WriteString(strconv.Itoa(1000000 + i))
		b.WriteString("行data row\n") // 17 runes: long enough to be continued
	}
	return []byte(b.String())
}

// TestRunOnBounded: a text without sentence ends is split into paragraphs of bounded
// length, each after the first marked Continued, and none of its text is lost.
func TestRunOnBounded(t *testing.T) {
	const lines = 3000
	d := mustParse(t, "runon.txt", runOn(lines))
	if len(d.Paragraphs) < 2 {
		t.Fatalf("%d paragraphs, want the run split into several", len(d.Paragraphs))
	}
	var all strings.Builder
	for i, p := range d.Paragraphs {
		if n := utf8.RuneCountInString(p.Text); n > parse.MaxParagraphRunes {
			t.Errorf("paragraph %d has %d runes, more than %d", i, n, parse.MaxParagraphRunes)
		}
		if i > 0 && !p.Continued {
			t.Errorf("paragraph %d continues the run but is not marked", i)
		}
		all.WriteString(p.Text)
	}
	for _, i := range []int{0, lines / 2, lines - 1} {
		if w := "第" + strconv.Itoa(1000000+i) + "行"; !strings.Contains(all.String(), w) {
			t.Errorf("line %q lost", w)
		}
	}
}

// BenchmarkParseRunOn parses a million lines without a sentence end (22 MB), which
// took quadratic time when joining broken lines rescanned the growing paragraph.
func BenchmarkParseRunOn(b *testing.B) {
	data := runOn(1_000_000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := parse.Parse("runon.txt", data, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseDocx300k parses a .docx of 300,000 paragraphs without sentence ends.
func BenchmarkParseDocx300k(b *testing.B) {
	paras := make([]string, 300_000)
	for i := range paras {
		paras[i] = "第" + strconv.Itoa(i*7919%1000003) + "项数据治理工作内容"
	}
	data := docx(b, paras, nil)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := parse.Parse("big.docx", data, nil); err != nil {
			b.Fatal(err)
		}
	}
}
