//go:build linux

package similar

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestFrozenMmap loads a frozen index from a read-only private mapping of a file, as the
// index package does, and runs every operation on it: a write into the mapping would
// kill the test with SIGSEGV. The file's bytes must also be unchanged afterwards.
func TestFrozenMmap(t *testing.T) {
	texts := seedTexts(t)
	x, _ := seedIndex(t, Options{})
	want := frozenBytes(t, x, times3.to)
	path := filepath.Join(t.TempDir(), "frozen")
	if err := os.WriteFile(path, want, 0o644); err != nil {
		t.Fatal(err)
	}
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	b, err := syscall.Mmap(int(file.Fd()), 0, len(want), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		t.Skip("mmap:", err)
	}
	defer syscall.Munmap(b)
	f := loadFrozen(t, b, Options{})
	if d := diffIndexes(x, f, times3, frozenQueries(texts)[:40], 5, seqIDs(len(texts)), func(id uint32) string { return texts[id] }); d != "" {
		t.Fatal(d)
	}
	f.compactMin = 1 << 30 // changes without a merge first, then exercise merges too
	for i := range 40 {
		f.Remove(times3.to(uint32(i)))
		f.Add(times3.to(uint32(i+1000)), texts[i])
	}
	f.Compact()
	exercise(f, texts, frozenQueries(texts)[:20], 2)
	if got, err := os.ReadFile(path); err != nil || string(got) != string(want) {
		t.Fatalf("file changed (%v)", err)
	}
}
