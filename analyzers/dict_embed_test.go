//go:build jiebaembed

package analyzers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEmbeddedDictUsed: a jiebaembed build loads the compiled-in dictionaries from the
// cache directory, and they pass the same checks as dictionaries found on disk.
func TestEmbeddedDictUsed(t *testing.T) {
	dir := testSeg.DictDir()
	if filepath.Dir(dir) != testCacheDir || !strings.HasPrefix(filepath.Base(dir), "jieba-") {
		t.Fatalf("dictionaries loaded from %s, want %s/jieba-*", dir, testCacheDir)
	}
	for name, data := range embeddedJiebaFiles() {
		if err := validateJiebaFile(name, data); err != nil {
			t.Errorf("embedded %s:%v", name, err)
		}
		if onDisk, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(onDisk) != string(data) {
			t.Errorf("%s in the cache differs from the embedded copy (%v)", name, err)
		}
	}
}
