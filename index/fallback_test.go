package index

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"policysearch"
)

// TestOlderSnapshotRefused: scorch opens a shard whose newest snapshot cannot be
// loaded from an older one it still keeps, saying nothing but a log line. Such a shard
// is consistent with itself (its segments check, its record count is its own), so only
// the change token of the newest snapshot, read before opening, shows what was lost.
// The shard here keeps its old snapshots (as one does when scorch has not yet removed
// them, which made a damaged-segment test fail now and then on a loaded machine).
//
// The loss must be real for the refusal to be right: if scorch merged the two changes'
// segments (in memory while persisting, or by its merger afterwards), the newest
// segment is the merge and the snapshot before it holds the same last change, so
// opening from it loses nothing. Each change is therefore persisted by its own session,
// the merger is kept off (no segment is small enough to merge), and the sound-open
// check runs on a copy, whose merges cannot touch the shard that is damaged.
func TestOlderSnapshotRefused(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "shard-0")
	cfg := storeConfig()
	cfg["numSnapshotsToKeep"] = 10
	cfg["scorchMergePlanOptions"] = map[string]any{"MaxSegmentSize": 1}
	for i, tok := range []string{"first", "second"} {
		var s bleve.Index
		var err error
		if i == 0 {
			s, err = bleve.NewUsing(path, bleve.NewIndexMapping(), scorch.Name, scorch.Name, cfg)
		} else {
			s, err = bleve.OpenUsing(path, cfg)
		}
		if err != nil {
			t.Fatal(err)
		}
		b := s.NewBatch()
		b.Index("doc-"+tok, map[string]any{"text": strings.Repeat(tok+" ", 50+i)})
		b.SetInternal(changeKey, []byte(tok))
		if err := s.Batch(b); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	copied := t.TempDir()
	if err := os.CopyFS(copied, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	sound, err := openShard(copied, filepath.Join(copied, "shard-0"))
	if err != nil {
		t.Fatalf("the sound shard: %v", err)
	}
	sound.Close()

	// Cut short the segment the last change wrote: the newest by number.
	zaps, _ := filepath.Glob(filepath.Join(path, "store", "*.zap"))
	if len(zaps) < 2 {
		t.Fatalf("%d segments; the test needs the older snapshot's kept beside the newest", len(zaps))
	}
	slices.Sort(zaps)
	newest := zaps[len(zaps)-1]
	st, _ := os.Stat(newest)
	os.Truncate(newest, st.Size()/3)

	s, err := openShard(dir, path)
	if err == nil {
		got, _ := s.GetInternal(changeKey)
		s.Close()
		t.Fatalf("a shard whose last state is lost opened (at the change %q)", got)
	}
	if policysearch.ErrorCode(err) != policysearch.ECORRUPT || !strings.Contains(policysearch.ErrorMessage(err), filepath.Base(newest)) {
		t.Errorf("open: %v; want the corrupt code naming %s", err, filepath.Base(newest))
	}
}
