package eval

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestReadSetCases reads testdata/judged/NAME.jsonl; NAME.err holds a part of the
// error it must give, or nothing for a valid file.
func TestReadSetCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/judged/*.jsonl")
	if len(files) == 0 {
		t.Fatal("no cases in testdata/judged")
	}
	for _, f := range files {
		want, err := os.ReadFile(strings.TrimSuffix(f, ".jsonl") + ".err")
		if err != nil {
			t.Fatal(err)
		}
		w := strings.TrimSpace(string(want))
		set, err := ReadSet(f)
		switch {
		case w == "" && err != nil:
			t.Errorf("%s: %v", f, err)
		case w == "" && (len(set.Queries) == 0 || len(set.Hash) != 64):
			t.Errorf("%s: %d queries, hash %q", f, len(set.Queries), set.Hash)
		case w != "" && (err == nil || !strings.Contains(err.Error(), w)):
			t.Errorf("%s: error %v, want one containing %q", f, err, w)
		}
	}
}

// TestCheck runs testdata/check/check.jsonl against the file it judges: keys on no
// line, in a missing file, repeated in the file or of the wrong length are reported;
// a key across Markdown emphasis (**第一条**) is not.
func TestCheck(t *testing.T) {
	set, err := ReadSet("testdata/check/check.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("testdata/check/want.json")
	if err != nil {
		t.Fatal(err)
	}
	var want []Problem
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if got := set.Check("testdata/check"); !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}
