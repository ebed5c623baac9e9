package index_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"policysearch"
	"policysearch/index"
	"policysearch/seeds"
)

// copyDir copies an index folder, for damaging the copy.
func copyDir(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// damageSegments damages every .zap file of a shard with fn and returns the shard's
// store folder, relative to dir, which the error must name. Every file, not one: a
// closed shard's folder may still hold an older snapshot's segments (scorch removes
// them in the background), and the one picked may be among them. Picking the largest
// failed now and then on a loaded machine, which is how TestOlderSnapshotRefused's
// fault was found.
func damageSegments(t *testing.T, dir, shard string, fn func(f *os.File, size int64)) string {
	t.Helper()
	n := 0
	store := filepath.Join(dir, shard, "store")
	filepath.WalkDir(store, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".zap") {
			f, err := os.OpenFile(p, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			st, _ := f.Stat()
			fn(f, st.Size())
			f.Close()
			n++
		}
		return nil
	})
	if n == 0 {
		t.Fatal("no segment in " + store)
	}
	rel, _ := filepath.Rel(dir, store)
	return rel
}

// TestDamagedIndexRefusesToOpen damages copies of a sound index the ways disks and
// operators do; each must refuse to open, with the corrupt code and a message naming
// the damaged file and the rebuild, without a panic and without recreating anything.
// policysearch check lists the same faults.
func TestDamagedIndexRefusesToOpen(t *testing.T) {
	sound := filepath.Join(t.TempDir(), "sound")
	ix, err := index.Open(index.Options{Dir: sound, Segmenter: seg, Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := seeds.Documents()
	if err := ix.Index(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Delete(context.Background(), docs[0].ID); err != nil {
		t.Fatal(err)
	}
	ix.Close()
	if faults, err := index.Check(sound); err != nil || len(faults) > 0 {
		t.Fatalf("the sound index: %v %v", faults, err)
	}

	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, dir string) string // returns the file the message must name
	}{
		{"missing shard", func(t *testing.T, dir string) string {
			os.RemoveAll(filepath.Join(dir, "shard-1"))
			return "shard-1"
		}},
		{"shard count changed", func(t *testing.T, dir string) string {
			b, _ := os.ReadFile(filepath.Join(dir, "policysearch.json"))
			b = regexp.MustCompile(`"shards":\s*\d+`).ReplaceAll(b, []byte(`"shards": 1`))
			os.WriteFile(filepath.Join(dir, "policysearch.json"), b, 0o644)
			return "shard-1"
		}},
		{"description missing", func(t *testing.T, dir string) string {
			os.Remove(filepath.Join(dir, "policysearch.json"))
			return "policysearch.json"
		}},
		{"bytes overwritten in a segment", func(t *testing.T, dir string) string {
			return damageSegments(t, dir, "shard-0", func(f *os.File, size int64) {
				f.WriteAt([]byte("garbage!garbage!"), size/2)
			})
		}},
		{"footer overwritten", func(t *testing.T, dir string) string {
			return damageSegments(t, dir, "shard-1", func(f *os.File, size int64) {
				f.WriteAt([]byte(strings.Repeat("\xff", 40)), size-40)
			})
		}},
		{"segment cut short", func(t *testing.T, dir string) string {
			return damageSegments(t, dir, "shard-0", func(f *os.File, size int64) { f.Truncate(size / 3) })
		}},
		{"record count differs", func(t *testing.T, dir string) string {
			s, err := bleve.Open(filepath.Join(dir, "shard-1"))
			if err != nil {
				t.Fatal(err)
			}
			s.SetInternal([]byte("policysearch.records"), []byte("99999"))
			s.Close()
			return "shard-1"
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "copy")
			copyDir(t, sound, dir)
			names := tc.damage(t, dir)
			before, _ := os.ReadDir(dir)
			_, err := index.Open(index.Options{Dir: dir, Segmenter: seg})
			msg := policysearch.ErrorMessage(err)
			if policysearch.ErrorCode(err) != policysearch.ECORRUPT || !strings.Contains(msg, names) || !strings.Contains(msg, "policysearch index --data") {
				t.Fatalf("open: %v", err)
			}
			t.Log(msg)
			if after, _ := os.ReadDir(dir); len(after) != len(before) {
				t.Errorf("opening changed the folder: %d entries, then %d", len(before), len(after))
			}
			faults, err := index.Check(dir)
			if err != nil || len(faults) == 0 || !strings.Contains(strings.Join(faults, "\n"), names) {
				t.Errorf("check: %q %v", faults, err)
			}
		})
	}
}
