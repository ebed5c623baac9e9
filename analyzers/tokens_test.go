package analyzers

import (
	"encoding/json"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
)

// tokenCase is one entry of testdata/tokens.json.
type tokenCase struct {
	Name string `json:"name"`
	// Input is the text; InputGo, a Go-quoted string, replaces it where JSON cannot carry
	// the bytes (NUL is fine in JSON, invalid UTF-8 is not).
	Input   *string     `json:"input,omitempty"`
	InputGo string      `json:"input_go,omitempty"`
	Mode    string      `json:"mode"` // search or exact
	Note    string      `json:"note,omitempty"`
	Tokens  []tokenWant `json:"tokens"`
}

type tokenWant struct {
	Term     string `json:"term"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Position int    `json:"position"`
	Type     string `json:"type"`
}

var typeNames = map[analysis.TokenType]string{
	analysis.AlphaNumeric: "alphanumeric",
	analysis.Ideographic:  "ideographic",
	analysis.Numeric:      "numeric",
}

func (c tokenCase) input(t *testing.T) string {
	if c.Input != nil {
		return *c.Input
	}
	s, err := strconv.Unquote(c.InputGo)
	if err != nil {
		t.Fatalf("%s: input_go: %v", c.Name, err)
	}
	return s
}

func (c tokenCase) mode(t *testing.T) Mode {
	switch c.Mode {
	case "search":
		return Search
	case "exact":
		return Exact
	}
	t.Fatalf("%s: mode %q", c.Name, c.Mode)
	return 0
}

func readTokenCases(t *testing.T) []tokenCase {
	data, err := os.ReadFile("testdata/tokens.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []tokenCase
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	return cases
}

func wantsOf(toks []Token) []tokenWant {
	out := []tokenWant{}
	for _, tk := range toks {
		out = append(out, tokenWant{tk.Term, tk.Start, tk.End, tk.Position, typeNames[tk.Type]})
	}
	return out
}

// TestTokensTable checks Cut/CutExact, the bleve tokenizer and the analyzer against
// testdata/tokens.json. UPDATE_TOKENS=1 rewrites the expected tokens from the current
// output (then review the diff).
func TestTokensTable(t *testing.T) {
	cases := readTokenCases(t)
	if os.Getenv("UPDATE_TOKENS") == "1" {
		for i := range cases {
			cases[i].Tokens = wantsOf(testSeg.cutMode(cases[i].input(t), cases[i].mode(t)))
		}
		data, err := json.MarshalIndent(cases, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/tokens.json", append(data, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			in, mode := c.input(t), c.mode(t)
			got := wantsOf(testSeg.cutMode(in, mode))
			if !equalJSON(got, c.Tokens) {
				t.Fatalf("input %q (%s)\n got: %s\nwant: %s", in, c.Mode, jsonString(got), jsonString(c.Tokens))
			}
			// The bleve tokenizer emits the same tokens, terms as bytes.
			stream := testSeg.Tokenizer(mode).Tokenize([]byte(in))
			if len(stream) != len(c.Tokens) {
				t.Fatalf("tokenizer: %d tokens, want %d", len(stream), len(c.Tokens))
			}
			for i, tk := range stream {
				w := c.Tokens[i]
				if string(tk.Term) != w.Term || tk.Start != w.Start || tk.End != w.End || tk.Position != w.Position || typeNames[tk.Type] != w.Type {
					t.Errorf("tokenizer token %d = %v, want %+v", i, tk, w)
				}
			}
			// The analyzer lowercases, nothing else.
			for i, tk := range testSeg.Analyzer(mode).Analyze([]byte(in)) {
				if want := strings.ToLower(c.Tokens[i].Term); string(tk.Term) != want {
					t.Errorf("analyzer token %d = %q, want %q", i, tk.Term, want)
				}
			}
		})
	}
}

// cutMode is Cut or CutExact.
func (s *Segmenter) cutMode(text string, mode Mode) []Token {
	if mode == Exact {
		return s.CutExact(text)
	}
	return s.Cut(text)
}

func jsonString(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func equalJSON(a, b any) bool { return jsonString(a) == jsonString(b) }
