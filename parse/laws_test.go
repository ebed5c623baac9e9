package parse_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysearch/parse"
)

// TestLawsGolden parses each law in testdata/laws and compares the rendering (see
// render) with its .golden file: the article units, section paths 编 › 章 › 节 and
// titles of laws. -update rewrites the golden files.
func TestLawsGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "laws", "*.md"))
	if err != nil || len(inputs) < 3 {
		t.Fatalf("want the law cases in testdata/laws, got %v %v", inputs, err)
	}
	for _, in := range inputs {
		t.Run(filepath.Base(in), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			d, err := parse.Parse(filepath.Base(in), data, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := render(d)
			path := strings.TrimSuffix(in, ".md") + ".golden"
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./parse -run LawsGolden -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("parse of %s differs from %s:\n%s", in, path, diff(string(want), got))
			}
		})
	}
}
