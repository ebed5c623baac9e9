package index_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"policysearch"
	"policysearch/index"
)

// smallDisk mounts a tmpfs of the given size for the test (the tests run as root, in
// CI too).
func smallDisk(t *testing.T, mb int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	os.Mkdir(dir, 0o755)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%dm", mb), "tmpfs", dir).CombinedOutput(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mount a tmpfs: %v %s", err, out)
		}
		t.Skipf("cannot mount a tmpfs to fill (%v %s); run as root", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

func fillerDoc(n int) *policysearch.Document {
	id := fmt.Sprintf("disk-%04d", n)
	d := &policysearch.Document{ID: id, Title: "磁盘测试文件", Region: "全国", Level: "国家"}
	for i := 0; i < 300; i++ {
		d.Paragraphs = append(d.Paragraphs, policysearch.Paragraph{ID: fmt.Sprintf("%s-p%d", id, i), DocID: id, Seq: i, Kind: "body",
			Text: fmt.Sprintf("磁盘测试第%d号文件第%d段，标记词标%04d记。推进产教融合，加强校企合作，完善实训基地建设，%d。", n, i, n, i*n)})
	}
	return d
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// A full disk: a change that does not fit is refused with insufficient_storage before
// bleve sees it; one that fails while being written is undone, so no ghost document is
// counted or found, in the running index or after a restart; and the index does not
// spin retrying the write.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	t.Run("refused before writing", func(t *testing.T) {
		dir := smallDisk(t, 24)
		ix, err := index.Open(index.Options{Dir: dir, Segmenter: seg, Shards: 1})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		err = ix.Index(ctx, fillerDoc(0))
		if policysearch.ErrorCode(err) != policysearch.ESTORAGE || !strings.Contains(policysearch.ErrorMessage(err), "nothing was changed") {
			t.Fatalf("a change larger than the free space: %v", err)
		}
		if st, _ := ix.Stats(ctx); st.Documents != 0 {
			t.Errorf("%d documents after a refused change", st.Documents)
		}
	})
	t.Run("failing write undone", func(t *testing.T) {
		dir := smallDisk(t, 5)
		old := index.SetStorageReserve(-1 << 40) // let every change through to the disk
		defer index.SetStorageReserve(old)
		ix, err := index.Open(index.Options{Dir: dir, Segmenter: seg, Shards: 1})
		if err != nil {
			t.Fatal(err)
		}
		failed := -1
		for n := 0; n < 400 && failed < 0; n++ {
			if err := ix.Index(ctx, fillerDoc(n)); err != nil {
				if policysearch.ErrorCode(err) != policysearch.ESTORAGE {
					t.Fatalf("document %d: %v", n, err)
				}
				failed = n
			}
		}
		if failed < 0 {
			t.Fatal("the disk never filled")
		}
		check := func(ix *index.Index, when string) {
			st, _ := ix.Stats(ctx)
			if st.Documents != failed || st.Paragraphs != failed*300 {
				t.Errorf("%s: %d documents, %d paragraphs; want %d, %d", when, st.Documents, st.Paragraphs, failed, failed*300)
			}
			// Word queries count in bleve, the pages come from the table: they agree.
			res, err := ix.Search(ctx, &policysearch.SearchRequest{Query: "磁盘测试 实训基地", Size: 1})
			if err != nil || res.Total != st.Paragraphs {
				t.Errorf("%s: a word query counts %v paragraphs of %d: %v", when, res.Total, st.Paragraphs, err)
			}
			ghost, err := ix.Search(ctx, &policysearch.SearchRequest{Query: fmt.Sprintf(`"标%04d记"`, failed), Size: 1})
			if err != nil || ghost.Total != 0 {
				t.Errorf("%s: the failed document is found: %d hits, %v", when, ghost.Total, err)
			}
			if _, err := ix.Document(ctx, fillerDoc(failed).ID); policysearch.ErrorCode(err) != policysearch.ENOTFOUND {
				t.Errorf("%s: the failed document is listed: %v", when, err)
			}
		}
		check(ix, "after the failure")
		before := cpuTime()
		time.Sleep(2 * time.Second)
		if used := cpuTime() - before; used > time.Second {
			t.Errorf("an idle index used %v of CPU in 2 s after a failed write", used)
		}
		ix.Close()
		// More room, a restart: the disk holds what the index said it held.
		if out, err := exec.Command("mount", "-o", "remount,size=64m", dir).CombinedOutput(); err != nil {
			t.Fatalf("remount: %v %s", err, out)
		}
		again, err := index.Open(index.Options{Dir: dir, Segmenter: seg})
		if err != nil {
			t.Fatal(err)
		}
		defer again.Close()
		check(again, "after a restart")
		if err := again.Index(ctx, fillerDoc(failed)); err != nil {
			t.Errorf("with room again: %v", err)
		}
	})
}
