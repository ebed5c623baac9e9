package query_test

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"

	"policysearch"
	"policysearch/query"
)

type parseCase struct {
	In   string       `json:"in"`
	Want *query.Query `json:"want"`
	Err  string       `json:"err"`
	// Reason, when given, is the error's reason key, which the web page words in Chinese.
	Reason string `json:"reason"`
}

// TestParseCases runs testdata/cases.json: each input with the parsed query it must
// give, or a piece of the error message it must give. "LONG" stands for a query one
// character over the limit.
func TestParseCases(t *testing.T) {
	raw, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []parseCase
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		in := c.In
		if in == "LONG" {
			in = strings.Repeat("职", policysearch.MaxQueryRunes+1)
		}
		got, err := query.Parse(in)
		if c.Err != "" {
			if err == nil || policysearch.ErrorCode(err) != policysearch.EINVALID || !strings.Contains(err.Error(), c.Err) {
				t.Errorf("Parse(%q) err = %v, want invalid error containing %q", c.In, err, c.Err)
			}
			if r, _ := policysearch.ErrorReason(err); c.Reason != "" && r != c.Reason {
				t.Errorf("Parse(%q) reason = %q, want %q", c.In, r, c.Reason)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", c.In, err)
			continue
		}
		if !reflect.DeepEqual(got, c.Want) {
			g, _ := json.Marshal(got)
			w, _ := json.Marshal(c.Want)
			t.Errorf("Parse(%q)\n got  %s\n want %s", c.In, g, w)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"产教融合", "\"1+X\" -乡村 OR region:山东", "year:2020..", "“", "- OR -", "a:b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := query.Parse(s)
		if err != nil {
			if policysearch.ErrorCode(err) != policysearch.EINVALID {
				t.Fatalf("Parse(%q): uncoded error %v", s, err)
			}
			return
		}
		if len(q.Clauses) > 0 && !q.Positive() {
			t.Fatalf("Parse(%q) accepted a query that only excludes", s)
		}
		for _, c := range q.Clauses {
			for _, term := range c.Any {
				if strings.TrimSpace(term.Text) == "" {
					t.Fatalf("Parse(%q) gave an empty term", s)
				}
			}
		}
	})
}
