package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"policysearch"
	"policysearch/analyzers"
	"policysearch/index"
)

// TestMain lets the test binary stand in for the program: with POLICYSEARCH_AS_MAIN=1
// it runs main, so the crash test can start and kill a real "policysearch index".
func TestMain(m *testing.M) {
	if os.Getenv("POLICYSEARCH_AS_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

const (
	crashDocs     = 240
	oldParagraphs = 5
	newParagraphs = 8
)

// writeVersion writes crashDocs documents whose measures all carry the version's
// marker, with a different number of measures per version.
func writeVersion(t *testing.T, dir, marker string, measures int) {
	t.Helper()
	for i := 0; i < crashDocs; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "第%d号测试方案\n一、主要任务\n", i)
		for m := 1; m <= measures; m++ {
			fmt.Fprintf(&b, "%d.%s措施%d。为推进第%d号文件的第%d项工作，%s加强组织领导，完善工作机制，确保各项任务落到实处。\n", m, marker, m, i, m, marker)
		}
		name := filepath.Join(dir, fmt.Sprintf("doc%03d.txt", i))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		meta := fmt.Sprintf(`{"id": "crash-%03d"}`, i)
		if err := os.WriteFile(strings.TrimSuffix(name, ".txt")+".meta.json", []byte(meta), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCrashSafeIngest kills "policysearch index" with SIGKILL at several points while
// it replaces every document of an index with a new version, then reopens the index:
// it must open, every document must be wholly the old version or wholly the new one,
// and search must work. The kill points are found from the program's own progress
// lines, so they land mid-ingest on a fast machine or a slow one.
func TestCrashSafeIngest(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the crash test in -short mode")
	}
	root := t.TempDir()
	v1, v2 := filepath.Join(root, "v1"), filepath.Join(root, "v2")
	os.Mkdir(v1, 0o755)
	os.Mkdir(v2, 0o755)
	writeVersion(t, v1, "旧版本甲", oldParagraphs)
	writeVersion(t, v2, "新版本乙", newParagraphs)

	sawMix := false
	for _, killAfter := range []int{10, 60, 120, 180, 230} {
		data := filepath.Join(root, fmt.Sprintf("data-%d", killAfter))
		if out, _, err := run(t, "index", "--data", data, "--batch", "8", v1); err != nil {
			t.Fatalf("indexing v1: %v\n%s", err, out)
		}
		cmd := exec.Command(os.Args[0], "index", "--data", data, "--batch", "8", "--progress", "lines", v2)
		cmd.Env = append(os.Environ(), "POLICYSEARCH_AS_MAIN=1")
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		killed := false
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var done, total int
			if _, err := fmt.Sscanf(sc.Text(), "read %d/%d files", &done, &total); err == nil && done >= killAfter {
				cmd.Process.Signal(syscall.SIGKILL)
				killed = true
				break
			}
		}
		go func() {
			for sc.Scan() {
			}
		}()
		cmd.Wait()
		if !killed {
			t.Fatalf("kill point %d: the process ended before it", killAfter)
		}

		// The index names the segmenter it was made with ("default"), as a program
		// opens it; run closed its own, so this one takes the name.
		seg, err := analyzers.Open(analyzers.Options{})
		if err != nil {
			t.Fatal(err)
		}
		ix, err := index.Open(index.Options{Dir: data, Segmenter: seg})
		if err != nil {
			t.Fatalf("kill after %d files: the index does not open: %v", killAfter, err)
		}
		old, neu := 0, 0
		ctx := context.Background()
		for i := 0; i < crashDocs; i++ {
			id := fmt.Sprintf("crash-%03d", i)
			count := func(phrase string) int {
				res, err := ix.Search(ctx, &policysearch.SearchRequest{Query: `"` + phrase + `" doc:` + id, NoFacets: true})
				if err != nil {
					t.Fatal(err)
				}
				return res.Total
			}
			o, n := count("旧版本甲"), count("新版本乙")
			switch {
			case o == oldParagraphs && n == 0:
				old++
			case n == newParagraphs && o == 0:
				neu++
			default:
				t.Errorf("kill after %d files: %s has %d old and %d new paragraphs", killAfter, id, o, n)
			}
		}
		stats, _ := ix.Stats(ctx)
		if stats.Documents != crashDocs || stats.Paragraphs != old*oldParagraphs+neu*newParagraphs {
			t.Errorf("kill after %d files: stats %+v with %d old and %d new documents", killAfter, stats, old, neu)
		}
		if res, err := ix.Search(ctx, &policysearch.SearchRequest{Query: "加强组织领导"}); err != nil || res.Total == 0 {
			t.Errorf("kill after %d files: search after reopening: %v", killAfter, err)
		}
		t.Logf("killed after reading %d files: %d documents old, %d new", killAfter, old, neu)
		sawMix = sawMix || (old > 0 && neu > 0)
		ix.Close()
		seg.Close()
	}
	if !sawMix {
		t.Error("no kill point landed mid-ingest (old and new documents side by side); the test proved nothing")
	}
}
