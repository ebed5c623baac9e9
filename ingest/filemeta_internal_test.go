package ingest

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestFileMetaAgrees checks, over lawrefbook, that FileMeta finds for a single file the
// name and metadata index gives it when it reads the whole folder: inspect and index
// then parse the same document and give it the same id.
func TestFileMetaAgrees(t *testing.T) {
	root := filepath.Join("..", "..", "shared", "corpus", "lawrefbook")
	if _, err := os.Stat(root); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is missing: %v", root, err)
		}
		t.Skipf("skipping: %s not found (it ships beside the repository in CI)", root)
	}
	files, _, err := list([]string{root})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 3000 {
		t.Fatalf("only %d files listed", len(files))
	}
	for i := 0; i < len(files); i += 37 {
		f := files[i]
		name, meta, err := FileMeta(f.path)
		if err != nil {
			t.Fatal(err)
		}
		if name != f.name || !reflect.DeepEqual(meta, f.meta) {
			t.Errorf("%s: FileMeta gives %s %+v, index %s %+v", f.path, name, meta, f.name, f.meta)
		}
	}
}
