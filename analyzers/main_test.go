package analyzers

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// testSeg is the one jieba instance of the test binary (each costs ~160 MB and a second to
// load), opened with the test user dictionary and synonyms on top of the built-in ones.
var testSeg *Segmenter

// testCacheDir receives the cleaned user dictionary during tests.
var testCacheDir string

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	dir, err := os.MkdirTemp("", "analyzers-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	testCacheDir = dir
	testSeg, err = Open(Options{
		CacheDir:     dir,
		UserDicts:    []string{filepath.Join("testdata", "extra.dict.utf8")},
		SynonymFiles: []string{filepath.Join("testdata", "extra.synonyms.txt")},
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer testSeg.Close()
	return m.Run()
}

// seedDirs are where the five seed documents live: the repository's embedded corpus
// (../seeds), else the shared checkout beside the repository.
var seedDirs = []string{"../seeds", "../../shared/seeds"}

// seedFiles returns the seed documents, skipping the test when they are absent, except on
// CI (CI=true), where their absence is a failure.
func seedFiles(tb testing.TB) map[string]string {
	tb.Helper()
	var paths []string
	for _, dir := range seedDirs {
		if paths, _ = filepath.Glob(filepath.Join(dir, "*.txt")); len(paths) >= 5 {
			break
		}
	}
	if len(paths) < 5 {
		msg := fmt.Sprintf("seed documents not found in %v (want 5 .txt files)", seedDirs)
		if os.Getenv("CI") == "true" {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	out := make(map[string]string, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out[filepath.Base(p)] = string(data)
	}
	return out
}
