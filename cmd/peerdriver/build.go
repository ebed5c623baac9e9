package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"sync"
	"time"

	"policysearch"
	"policysearch/analyzers"
	"policysearch/index"
	"policysearch/parse"
)

// buildInfo is BUILD.json of the driver contract, with a few extras the report ignores.
type buildInfo struct {
	Engine             string  `json:"engine"`
	Paragraphs         int     `json:"paragraphs"`
	Documents          int     `json:"documents"`
	InputBytes         int64   `json:"input_bytes"`
	BuildS             float64 `json:"build_s"`
	MergeS             float64 `json:"merge_s,omitempty"`
	IndexBytes         int64   `json:"index_bytes"`
	IndexBytesPremerge int64   `json:"index_bytes_premerge,omitempty"`
	Shards             int     `json:"shards"`
	BatchDocs          int     `json:"batch_docs"`
	BatchParas         int     `json:"batch_paras"`
	Batches            int     `json:"batches"`
	SegmenterS         float64 `json:"segmenter_s"`
	CloseS             float64 `json:"close_s"`
	Notes              string  `json:"notes"`
}

// line is one record of paragraphs.jsonl.
type line struct {
	ID   int64  `json:"id"`
	Doc  string `json:"doc"`
	Text string `json:"text"`
}

// batch is what the reader hands the indexer.
type batch struct {
	docs  []*policysearch.Document
	paras int
	bytes int64
	err   error
}

// docIDs gives each harness doc a policysearch document id: parse.DocID of its path,
// as the service names files, or a hash of the whole path when two paths collide.
type docIDs struct {
	byID map[string]string // document id -> harness doc
}

func (d *docIDs) id(doc string) string {
	id := parse.DocID(doc)
	if prev, ok := d.byID[id]; ok && prev != doc {
		sum := sha1.Sum([]byte(doc))
		id = "doc-" + hex.EncodeToString(sum[:])[:16]
	}
	d.byID[id] = doc
	return id
}

// readBatches streams paragraphs.jsonl and sends documents in batches of at most
// batchDocs documents or batchParas paragraphs (a document is never split). The
// harness writes each document's lines together; a document that comes back later is
// an error rather than a silent replacement.
func readBatches(file string, batchDocs, batchParas int, started chan<- time.Time, out chan<- batch) {
	defer close(out)
	f, err := os.Open(file)
	if err != nil {
		out <- batch{err: err}
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 256<<20)
	ids := &docIDs{byID: map[string]string{}}
	done := map[string]bool{}
	var cur *policysearch.Document
	var curName string
	b := batch{}
	first := true
	flushDoc := func() {
		if cur == nil {
			return
		}
		b.docs = append(b.docs, cur)
		b.paras += len(cur.Paragraphs)
		cur = nil
		if len(b.docs) >= batchDocs || b.paras >= batchParas {
			out <- b
			b = batch{}
		}
	}
	n := 0
	for sc.Scan() {
		raw := sc.Bytes()
		if first {
			started <- time.Now()
			first = false
		}
		n++
		if len(bytes.TrimSpace(raw)) == 0 {
			continue
		}
		var l line
		if err := json.Unmarshal(raw, &l); err != nil {
			out <- batch{err: fmt.Errorf("%s:%d: %v", file, n, err)}
			return
		}
		if cur == nil || l.Doc != curName {
			flushDoc()
			if done[l.Doc] {
				out <- batch{err: fmt.Errorf("%s:%d: the lines of doc %q are not together", file, n, l.Doc)}
				return
			}
			done[l.Doc] = true
			curName = l.Doc
			// The harness's lines carry a file path, not a title: a title would make the
			// document's first line match phrases its text does not hold, which the
			// protocol counts against precision.
			cur = &policysearch.Document{ID: ids.id(l.Doc), Source: l.Doc}
		}
		cur.Paragraphs = append(cur.Paragraphs, policysearch.Paragraph{
			ID:    strconv.FormatInt(l.ID, 10),
			DocID: cur.ID,
			Seq:   len(cur.Paragraphs),
			Kind:  policysearch.KindBody,
			Text:  l.Text,
		})
		b.bytes += int64(len(l.Text))
	}
	if err := sc.Err(); err != nil {
		out <- batch{err: err}
		return
	}
	if first {
		started <- time.Now()
	}
	flushDoc()
	if len(b.docs) > 0 {
		out <- b
	}
}

func build(c *config, paragraphs, dir, buildJSON string) error {
	defer index.ForBulkBuild()() // as policysearch index does
	stopProfile, err := startCPUProfile(c.cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	t0 := time.Now()
	seg, err := analyzers.Open(analyzers.Options{})
	if err != nil {
		return err
	}
	defer seg.Close()
	info := buildInfo{Engine: "policysearch (bleve v2 + jieba)", Shards: c.shards, BatchDocs: c.batchDocs, BatchParas: c.batchParas}
	info.SegmenterS = time.Since(t0).Seconds()
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty: build into a new folder", dir)
	}
	ix, err := index.Open(index.Options{Dir: dir, Shards: c.shards, Segmenter: seg})
	if err != nil {
		return err
	}
	ctx := context.Background()
	started := make(chan time.Time, 1)
	batches := make(chan batch, 1) // the next batch is read while one is indexed
	go readBatches(paragraphs, c.batchDocs, c.batchParas, started, batches)
	var start time.Time
	lastLog := time.Now()
	for b := range batches {
		if b.err != nil {
			ix.Close()
			return b.err
		}
		if start.IsZero() {
			start = <-started
		}
		if err := ix.Index(ctx, b.docs...); err != nil {
			ix.Close()
			return err
		}
		info.Batches++
		info.Documents += len(b.docs)
		info.Paragraphs += b.paras
		info.InputBytes += b.bytes
		if c.heapAt > 0 && c.memProfile != "" && info.Paragraphs >= c.heapAt && info.Paragraphs-b.paras < c.heapAt {
			if err := writeHeap(c.memProfile + ".at"); err != nil {
				ix.Close()
				return err
			}
		}
		if time.Since(lastLog) > 10*time.Second {
			el := time.Since(start).Seconds()
			logf("%d paragraphs, %.1f MiB in %.0f s (%.2f MiB/s)", info.Paragraphs, float64(info.InputBytes)/(1<<20), el, float64(info.InputBytes)/(1<<20)/el)
			lastLog = time.Now()
		}
	}
	if start.IsZero() {
		start = <-started
	}
	tc := time.Now()
	if err := ix.Close(); err != nil {
		return err
	}
	end := time.Now()
	info.CloseS = end.Sub(tc).Seconds()
	info.BuildS = end.Sub(start).Seconds()
	info.IndexBytes = dirBytes(dir)
	info.Notes = fmt.Sprintf("index.Index in batches of <=%d docs or <=%d paragraphs, %d shards, on disk; build_s ends when Index.Close returns (every batch persisted); merge=%s",
		c.batchDocs, c.batchParas, c.shards, c.merge)
	if c.merge == "force" {
		info.IndexBytesPremerge = info.IndexBytes
		t := time.Now()
		if err := forceMerge(dir); err != nil {
			return err
		}
		info.MergeS = time.Since(t).Seconds()
		info.IndexBytes = dirBytes(dir)
	}
	logf("built %d paragraphs of %d documents (%.1f MiB) in %.2f s (%.2f MiB/s), %d batches, index %.1f MiB, segmenter load %.2f s",
		info.Paragraphs, info.Documents, float64(info.InputBytes)/(1<<20), info.BuildS,
		float64(info.InputBytes)/(1<<20)/info.BuildS, info.Batches, float64(info.IndexBytes)/(1<<20), info.SegmenterS)
	if c.memProfile != "" {
		if err := writeAllocs(c.memProfile); err != nil {
			return err
		}
	}
	return writeJSON(buildJSON, info)
}

// dirBytes is the size of every file under dir, as the harness measures it.
func dirBytes(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

func writeJSON(file string, v any) error {
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(file, append(b, '\n'), 0o644)
}

// startCPUProfile profiles the CPU into file until stop is called (stop may be called
// more than once); with no file it does nothing.
func startCPUProfile(file string) (stop func(), err error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	var once sync.Once
	return func() { once.Do(func() { pprof.StopCPUProfile(); f.Close() }) }, nil
}

// writeHeap writes the live heap after a collection.
func writeHeap(file string) error { return writeProfile(file, "heap") }

// writeAllocs writes the allocation profile after a collection.
func writeAllocs(file string) error { return writeProfile(file, "allocs") }

func writeProfile(file, name string) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	defer f.Close()
	runtime.GC()
	return pprof.Lookup(name).WriteTo(f, 0)
}
