package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"policysearch"
	"policysearch/ingest"
)

// recorder is an Indexer that keeps what it is given.
type recorder struct {
	mu      sync.Mutex
	docs    map[string]*policysearch.Document
	batches int
}

func (r *recorder) Index(ctx context.Context, docs ...*policysearch.Document) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.batches++
	for _, d := range docs {
		r.docs[d.ID] = d
	}
	return nil
}

func (r *recorder) Delete(ctx context.Context, id string) error { return nil }

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

const plan = "某县职业教育实施方案\n一、任务\n1.建设实训基地。内容。\n"

func TestRun(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 10; i++ {
		write(t, filepath.Join(dir, "a", "plan"+string(rune('0'+i))+".txt"), plan)
	}
	write(t, filepath.Join(dir, "b", "same.txt"), plan)
	write(t, filepath.Join(dir, "b", "same.meta.json"), `{"id": "plan0"}`)
	write(t, filepath.Join(dir, ".hidden", "x.txt"), plan)
	r := &recorder{docs: map[string]*policysearch.Document{}}
	var progress int
	indexed := map[string]string{} // document id -> file
	sum, err := ingest.Run(context.Background(), r, []string{dir}, ingest.Options{Batch: 3, Workers: 2,
		Progress: func(done, total int, _ int64) { progress = done },
		Indexed:  func(path string, d *policysearch.Document) { indexed[d.ID] = path }})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Documents != 10 || len(r.docs) != 10 || r.batches != 4 || progress != 11 {
		t.Errorf("documents %d, recorded %d, batches %d, progress %d", sum.Documents, len(r.docs), r.batches, progress)
	}
	if len(sum.Skipped) != 1 || sum.Skipped[0].Code != policysearch.ECONFLICT || !strings.Contains(sum.Skipped[0].Reason, "plan0") {
		t.Errorf("two files claiming one id must be reported: %+v", sum.Skipped)
	}
	// Each indexed document is reported once, with the file it came from (not the one
	// that was refused for claiming its id).
	if len(indexed) != 10 {
		t.Errorf("Indexed reported %d documents, want 10", len(indexed))
	}
	for id, path := range indexed {
		// which of plan0.txt and same.txt (id plan0) is refused depends on parse order
		named := filepath.Base(path) == id+".txt" || id == "plan0" && filepath.Base(path) == "same.txt"
		if r.docs[id] == nil || !named || len(sum.Skipped) == 1 && path == sum.Skipped[0].Path {
			t.Errorf("Indexed reported %s from %s", id, path)
		}
	}
}

func TestBadSidecarStops(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "p.txt"), plan)
	write(t, filepath.Join(dir, "p.meta.json"), `{"titel": "typo"}`)
	r := &recorder{docs: map[string]*policysearch.Document{}}
	if _, err := ingest.Run(context.Background(), r, []string{dir}, ingest.Options{}); err == nil || !strings.Contains(err.Error(), "p.meta.json") {
		t.Errorf("a malformed sidecar must stop the run naming the file: %v", err)
	}
	if len(r.docs) != 0 {
		t.Errorf("nothing may be indexed when metadata is unreadable")
	}
	if _, err := ingest.Run(context.Background(), r, []string{filepath.Join(dir, "missing")}, ingest.Options{}); policysearch.ErrorCode(err) != policysearch.ENOTFOUND {
		t.Errorf("missing path: %v", err)
	}
}
