package eval

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPageLines runs testdata/html/NAME.html against NAME.txt, the lines a generic
// extractor must give (one per line).
func TestPageLines(t *testing.T) {
	files, _ := filepath.Glob("testdata/html/*.html")
	if len(files) == 0 {
		t.Fatal("no cases in testdata/html")
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(strings.TrimSuffix(f, ".html") + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		got, err := PageLines(raw)
		if err != nil {
			t.Fatal(err)
		}
		if g := strings.Join(got, "\n") + "\n"; g != string(want) {
			t.Errorf("%s:\n%s\nwant\n%s", f, g, want)
		}
	}
}
