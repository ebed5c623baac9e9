package analyzers

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/query"
)

// TestBleveIndex indexes paragraphs with the registered "jieba" analyzer (which uses the
// default segmenter, testSeg) and checks that words are found whole, across case, and by
// the 4+-character user words inside longer words.
func TestBleveIndex(t *testing.T) {
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = Name
	idx, err := bleve.NewMemOnly(im)
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	docs := map[string]string{
		"a": "培育认定产教融合型企业20家。",
		"b": "推进1+X证书制度试点，建设双师型教师队伍。",
		"c": "开设Python课程，建设实习实训基地。",
		"d": "深化职业教育改革。",
	}
	for id, text := range docs {
		if err := idx.Index(id, map[string]string{"text": text}); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string][]string{
		"产教融合":   {"a"},
		"1+x证书":  {"b"},
		"双师型":    {"b"},
		"PYTHON": {"c"},
		"实训基地":   {"c"},
		"职业教育":   {"d"},
		"教育":     {"d"},
	} {
		mq := bleve.NewMatchQuery(q)
		mq.SetOperator(query.MatchQueryOperatorAnd)
		res, err := idx.Search(bleve.NewSearchRequest(mq))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("match %q: hits %v, want %v", q, got, want)
		}
	}
}

// TestMappingRoundTrip: an analyzer defined through Segmenter.AddAnalyzer serialises with
// the index mapping as a plain config map and is rebuilt from JSON, finding the segmenter
// again by name, as happens when an index is reopened.
func TestMappingRoundTrip(t *testing.T) {
	im := bleve.NewIndexMapping()
	if err := testSeg.AddAnalyzer(im, "jieba_exact", Exact); err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(im)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"jieba_exact":{"mode":"exact","segmenter":"default","type":"jieba"}`) {
		t.Fatalf("mapping JSON lacks the analyzer config: %s", data)
	}
	var im2 mapping.IndexMappingImpl
	if err := json.Unmarshal(data, &im2); err != nil {
		t.Fatal(err)
	}
	a := im2.AnalyzerNamed("jieba_exact")
	if a == nil {
		t.Fatal("analyzer not rebuilt")
	}
	var terms []string
	for _, tk := range a.Analyze([]byte("建设双师型教师队伍")) {
		terms = append(terms, string(tk.Term))
	}
	if want := []string{"建设", "双师型教师", "队伍"}; !reflect.DeepEqual(terms, want) {
		t.Errorf("exact analyzer: %q, want %q", terms, want)
	}
}

func TestConstructorErrors(t *testing.T) {
	for _, c := range []struct {
		config map[string]interface{}
		want   string
	}{
		{map[string]interface{}{"type": Name, "segmenter": "nope"}, `no open jieba segmenter named "nope": call analyzers.Open`},
		{map[string]interface{}{"type": Name, "segmenter": 7}, "segmenter must be a non-empty string"},
		{map[string]interface{}{"type": Name, "mode": "fast"}, `mode must be "search" or "exact"`},
	} {
		im := bleve.NewIndexMapping()
		err := im.AddCustomAnalyzer("x", c.config)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: err = %v, want %q", c.config, err, c.want)
		}
	}
}

// TestAnalyzerLeavesInputAlone: bleve's lowercase filter rewrites terms in place; the
// tokenizer's terms are copies, so the caller's bytes stay as they were.
func TestAnalyzerLeavesInputAlone(t *testing.T) {
	in := []byte("推进1+X证书和AI应用")
	orig := string(in)
	toks := testSeg.Analyzer(Search).Analyze(in)
	if string(in) != orig {
		t.Fatalf("input changed to %q", in)
	}
	var terms []string
	for _, tk := range toks {
		terms = append(terms, string(tk.Term))
	}
	if want := []string{"推进", "证书", "1+x", "1+x证书", "和", "ai", "应用"}; !reflect.DeepEqual(terms, want) {
		t.Errorf("terms %q, want %q", terms, want)
	}
	if got := IndexTerm("1+X证书ΑΙ"); got != "1+x证书αι" {
		t.Errorf("IndexTerm = %q", got)
	}
}

// TestCloseAndReopen: Close is idempotent; a tokenizer built from the registry panics with
// a clear message while its segmenter is closed, and finds a segmenter reopened under the
// same name. This loads a second jieba instance.
func TestCloseAndReopen(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a second jieba instance")
	}
	const name = "reopen"
	s, err := Open(Options{Name: name, CacheDir: testCacheDir})
	if err != nil {
		t.Fatal(err)
	}
	im := bleve.NewIndexMapping()
	if err := s.AddAnalyzer(im, "r", Search); err != nil {
		t.Fatal(err)
	}
	a := im.AnalyzerNamed("r")
	if n := len(a.Analyze([]byte("职业教育"))); n != 3 {
		t.Fatalf("%d tokens", n)
	}
	s.Close()
	s.Close()
	for what, f := range map[string]func(){
		"analyzer": func() { a.Analyze([]byte("职业教育")) },
		"Cut":      func() { s.Cut("职业教育") },
	} {
		msg := catchPanic(f)
		if !strings.Contains(msg, `"reopen"`) || !strings.Contains(msg, "closed") {
			t.Errorf("%s after Close: panic %q", what, msg)
		}
	}
	s2, err := Open(Options{Name: name, CacheDir: testCacheDir})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if n := len(a.Analyze([]byte("职业教育"))); n != 3 {
		t.Fatalf("after reopen: %d tokens", n)
	}
}

func catchPanic(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}
