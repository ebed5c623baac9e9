package analyzers

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"

	"policysearch"
)

// GramName is the bleve tokenizer and analyzer that cut text into overlapping character
// bigrams of Chinese and whole words of letters and digits. It is the representation that
// does not depend on segmentation: jieba cuts 实训基地 one way in a query and another inside
// 建设实训基地群, but both hold the bigrams 实训, 训基, 基地. Lucene's CJKAnalyzer gets its
// recall the same way.
const GramName = "policy_grams"

func init() {
	if err := registry.RegisterTokenizer(GramName, func(map[string]interface{}, *registry.Cache) (analysis.Tokenizer, error) {
		return gramTokenizer{}, nil
	}); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(GramName, func(map[string]interface{}, *registry.Cache) (analysis.Analyzer, error) {
		return &analysis.DefaultAnalyzer{Tokenizer: gramTokenizer{}}, nil
	}); err != nil {
		panic(err)
	}
}

// EachGram calls emit for every gram of text, in order, with byte offsets into text:
// each pair of adjacent Han characters (a Han character standing alone is emitted by
// itself), and each maximal run of other letters and digits, ASCII-lowercased. Width is
// folded first (policysearch.FoldRune), so ＡＢ and AB are one gram. Punctuation and
// spaces separate runs: no gram spans them.
func EachGram(text string, emit func(gram string, start, end int)) {
	var buf []byte
	// han holds the current run of Han characters with their byte offsets.
	type ch struct {
		r          rune
		start, end int
	}
	var han []ch
	flushHan := func() {
		switch len(han) {
		case 0:
			return
		case 1:
			buf = utf8.AppendRune(buf[:0], han[0].r)
			emit(string(buf), han[0].start, han[0].end)
		default:
			for k := 1; k < len(han); k++ {
				buf = utf8.AppendRune(buf[:0], han[k-1].r)
				buf = utf8.AppendRune(buf, han[k].r)
				emit(string(buf), han[k-1].start, han[k].end)
			}
		}
		han = han[:0]
	}
	wordStart := -1
	var word []byte
	flushWord := func(end int) {
		if wordStart >= 0 {
			emit(string(word), wordStart, end)
			word = word[:0]
			wordStart = -1
		}
	}
	for i, r := range text {
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 1
		}
		f := policysearch.FoldRune(r)
		switch {
		case unicode.Is(unicode.Han, f):
			flushWord(i)
			han = append(han, ch{r: f, start: i, end: i + size})
		case unicode.IsLetter(f) || unicode.IsNumber(f):
			flushHan()
			if wordStart < 0 {
				wordStart = i
			}
			if f >= 'A' && f <= 'Z' {
				f += 'a' - 'A'
			}
			word = utf8.AppendRune(word, f)
		default:
			flushHan()
			flushWord(i)
		}
	}
	flushHan()
	flushWord(len(text))
}

// Grams returns the grams of text in order (see EachGram).
func Grams(text string) []string {
	var out []string
	EachGram(text, func(g string, _, _ int) { out = append(out, g) })
	return out
}

// gramTokenizer is EachGram as a bleve tokenizer.
type gramTokenizer struct{}

func (gramTokenizer) Tokenize(input []byte) analysis.TokenStream {
	text := string(input)
	slab := make([]analysis.Token, 0, utf8.RuneCountInString(text))
	EachGram(text, func(g string, start, end int) {
		typ := analysis.AlphaNumeric
		if r, _ := utf8.DecodeRuneInString(g); unicode.Is(unicode.Han, r) {
			typ = analysis.Double
		}
		slab = append(slab, analysis.Token{Term: []byte(g), Start: start, End: end, Position: len(slab) + 1, Type: typ})
	})
	out := make(analysis.TokenStream, len(slab))
	for i := range slab {
		out[i] = &slab[i]
	}
	return out
}
