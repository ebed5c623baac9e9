package analyzers

import (
	"fmt"
	"sync/atomic"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
)

// Name is the bleve type and instance name of the jieba tokenizer and of the jieba
// analyzer (tokenizer + lowercase filter). Their config map accepts
//
//	"segmenter": the name of an open Segmenter (default DefaultSegmenter)
//	"mode":      "search" (default) or "exact"
//
// so a field mapping can simply say Analyzer: analyzers.Name once Open has been called.
const Name = "jieba"

func init() {
	// The only package state touched in init: constructors in bleve's registry, as bleve's
	// own analyzers do. They look the segmenter up when an index mapping is built, so
	// importing this package costs nothing until Open is called.
	if err := registry.RegisterTokenizer(Name, tokenizerConstructor); err != nil {
		panic(err)
	}
	if err := registry.RegisterAnalyzer(Name, analyzerConstructor); err != nil {
		panic(err)
	}
}

// Tokenizer is the bleve tokenizer over a Segmenter. It emits each kept token with its
// original case; Term is a copy, so filters that rewrite terms in place (bleve's lowercase
// filter does) never modify the caller's input, even where search-mode tokens overlap.
type Tokenizer struct {
	name string
	mode Mode
	seg  atomic.Pointer[Segmenter]
}

// Tokenizer returns a bleve tokenizer over s in the given mode.
func (s *Segmenter) Tokenizer(mode Mode) *Tokenizer {
	t := &Tokenizer{name: s.name, mode: mode}
	t.seg.Store(s)
	return t
}

// Analyzer returns the jieba analyzer over s: the tokenizer in the given mode followed by
// bleve's lowercase filter. Lowercasing lives in the analyzer, not the tokenizer, so that
// Cut and the tokenizer report text exactly as written (for highlighting and phrase checks)
// while the index matches x and X alike.
func (s *Segmenter) Analyzer(mode Mode) analysis.Analyzer {
	return newAnalyzer(s.Tokenizer(mode))
}

func newAnalyzer(t *Tokenizer) analysis.Analyzer {
	return &analysis.DefaultAnalyzer{
		Tokenizer:    t,
		TokenFilters: []analysis.TokenFilter{lowercase.NewLowerCaseFilter()},
	}
}

// AnalyzerConfig is the custom-analyzer definition that selects this segmenter, for
// mapping.IndexMappingImpl.AddCustomAnalyzer. It serialises with the index mapping; on
// reopening, the segmenter is found again by name.
func (s *Segmenter) AnalyzerConfig(mode Mode) map[string]interface{} {
	return map[string]interface{}{"type": Name, "segmenter": s.name, "mode": mode.String()}
}

// AddAnalyzer defines analyzerName in im as the jieba analyzer over s. For the default
// segmenter in Search mode this is unnecessary: the registered analyzer Name is that one.
func (s *Segmenter) AddAnalyzer(im *mapping.IndexMappingImpl, analyzerName string, mode Mode) error {
	return im.AddCustomAnalyzer(analyzerName, s.AnalyzerConfig(mode))
}

// Tokenize implements analysis.Tokenizer.
//
// If the segmenter was closed (and perhaps reopened under the same name, as a server may do
// on reload), the name is looked up again. With no segmenter of that name open, Tokenize
// panics: the signature has no error, and indexing documents as empty would lose them
// silently. Close indexes before their segmenter.
func (t *Tokenizer) Tokenize(input []byte) analysis.TokenStream {
	text := string(input)
	// Terms are copied into one buffer (overlapping search-mode tokens each get their own
	// bytes) and tokens live in one slab: a few allocations per call, not one per token.
	buf := make([]byte, 0, len(text)+len(text)/2)
	slab := make([]analysis.Token, 0, estimateTokens(text, t.mode))
	emit := func(term string, start, end int) {
		n := len(buf)
		buf = append(buf, term...)
		slab = append(slab, analysis.Token{
			Start:    start,
			End:      end,
			Term:     buf[n:len(buf):len(buf)],
			Position: len(slab) + 1,
			Type:     tokenType(term),
		})
	}
	s := t.seg.Load()
	if !s.each(text, t.mode, emit) {
		again, err := lookupSegmenter(t.name)
		if err != nil {
			panic(fmt.Sprintf("analyzers: jieba tokenizer used after its segmenter %q was closed: %v", t.name, err))
		}
		t.seg.CompareAndSwap(s, again)
		if !again.each(text, t.mode, emit) {
			panic(fmt.Sprintf("analyzers: jieba tokenizer used after its segmenter %q was closed", t.name))
		}
	}
	out := make(analysis.TokenStream, len(slab))
	for i := range slab {
		out[i] = &slab[i]
	}
	return out
}

func tokenizerConstructor(config map[string]interface{}, _ *registry.Cache) (analysis.Tokenizer, error) {
	return tokenizerFromConfig(config)
}

func analyzerConstructor(config map[string]interface{}, _ *registry.Cache) (analysis.Analyzer, error) {
	t, err := tokenizerFromConfig(config)
	if err != nil {
		return nil, err
	}
	return newAnalyzer(t), nil
}

// tokenizerFromConfig builds the tokenizer from a bleve config map (see Name).
func tokenizerFromConfig(config map[string]interface{}) (*Tokenizer, error) {
	name := DefaultSegmenter
	if v, ok := config["segmenter"]; ok {
		s, isString := v.(string)
		if !isString || s == "" {
			return nil, fmt.Errorf("analyzers: jieba config: segmenter must be a non-empty string, got %v", v)
		}
		name = s
	}
	mode := Search
	if v, ok := config["mode"]; ok {
		switch v {
		case "search":
		case "exact":
			mode = Exact
		default:
			return nil, fmt.Errorf("analyzers: jieba config: mode must be \"search\" or \"exact\", got %v", v)
		}
	}
	s, err := lookupSegmenter(name)
	if err != nil {
		return nil, err
	}
	return s.Tokenizer(mode), nil
}

// IndexTerm is the form a token's Term takes in the index after the jieba analyzer's
// lowercase filter, for code that builds term queries from Cut output without running the
// analyzer. CJK text is unchanged.
func IndexTerm(term string) string {
	ts := lowercase.NewLowerCaseFilter().Filter(analysis.TokenStream{{Term: []byte(term)}})
	return string(ts[0].Term)
}
