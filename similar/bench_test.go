package similar

import (
	"bufio"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// corpusDir holds the Markdown laws and regulations used as a scale benchmark (365k
// non-empty lines, 54 MB). Benchmarks that need it skip when it is absent.
const corpusDir = "../../shared/corpus/lawrefbook/docs"

var (
	corpusOnce  sync.Once
	corpusLines []string
	corpusBytes int64
)

// loadCorpus returns every non-empty line of the corpus Markdown files, in a stable order.
func loadCorpus(tb testing.TB) []string {
	tb.Helper()
	corpusOnce.Do(func() {
		var files []string
		_ = filepath.WalkDir(corpusDir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
				files = append(files, p)
			}
			return nil
		})
		slices.Sort(files)
		for _, p := range files {
			f, err := os.Open(p)
			if err != nil {
				continue
			}
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 1<<20), 1<<24)
			for sc.Scan() {
				if line := strings.TrimSpace(sc.Text()); line != "" {
					corpusLines = append(corpusLines, line)
					corpusBytes += int64(len(line))
				}
			}
			f.Close()
		}
	})
	if len(corpusLines) == 0 {
		tb.Skipf("corpus %s absent", corpusDir)
	}
	return corpusLines
}

// seedTexts returns the seed paragraphs' texts, for the small benchmarks.
func seedTexts(tb testing.TB) []string {
	tb.Helper()
	var out []string
	for _, p := range loadSeeds(tb).paras {
		out = append(out, p.Text)
	}
	return out
}

func BenchmarkAdd(b *testing.B) {
	texts := seedTexts(b)
	var n int64
	for _, t := range texts {
		n += int64(len(t))
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		x := New(Options{})
		for i, t := range texts {
			x.Add(uint32(i), t)
		}
	}
}

func BenchmarkCandidates(b *testing.B) {
	texts := seedTexts(b)
	x := New(Options{})
	for i, t := range texts {
		x.Add(uint32(i), t)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		x.Candidates(texts[i%len(texts)], 20, nil)
		i++
	}
}

func BenchmarkCompare(b *testing.B) {
	s := loadSeeds(b)
	var pairs [][2]string
	for _, p := range s.pairs {
		pairs = append(pairs, [2]string{p.local.Text, p.national.Text})
	}
	var n int64
	for _, p := range pairs {
		n += int64(len(p[0]) + len(p[1]))
	}
	b.SetBytes(n / int64(len(pairs)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		p := pairs[i%len(pairs)]
		Compare(p[0], p[1])
		i++
	}
}

// BenchmarkCorpus builds an index of every non-empty line of the lawrefbook corpus and
// reports build throughput (Add of every line, then Compact), the heap the index holds,
// and the p50/p99 latency of Candidates (limit 20) and of Similar (limit 10: 40
// candidates re-ranked with Compare, what /paragraphs/{id}/similar needs), for 2000 lines
// of the corpus taken as queries.
func BenchmarkCorpus(b *testing.B) {
	lines := loadCorpus(b)
	for b.Loop() {
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		x := New(Options{})
		for i, l := range lines {
			x.Add(uint32(i), l)
		}
		x.Compact()
		build := time.Since(start)
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		heap := float64(after.HeapInuse-before.HeapInuse) / (1 << 20)

		textOf := func(id uint32) string { return lines[id] }
		var cand, full []time.Duration
		step := len(lines) / 2000
		for i := 0; i < len(lines); i += step {
			q := lines[i]
			t0 := time.Now()
			cs := x.Candidates(q, 20, nil)
			cand = append(cand, time.Since(t0))
			_ = cs
			t0 = time.Now()
			x.Similar(q, 10, nil, textOf)
			full = append(full, time.Since(t0))
		}
		slices.Sort(cand)
		slices.Sort(full)
		b.ReportMetric(float64(corpusBytes)/(1<<20)/build.Seconds(), "build-MB/s")
		b.ReportMetric(build.Seconds(), "build-s")
		b.ReportMetric(heap, "heap-MB")
		b.ReportMetric(float64(len(x.base)), "postings")
		b.ReportMetric(float64(cand[len(cand)/2].Microseconds()), "cand-p50-µs")
		b.ReportMetric(float64(cand[len(cand)*99/100].Microseconds()), "cand-p99-µs")
		b.ReportMetric(float64(full[len(full)/2].Microseconds()), "similar-p50-µs")
		b.ReportMetric(float64(full[len(full)*99/100].Microseconds()), "similar-p99-µs")
		runtime.KeepAlive(x)
	}
}

func BenchmarkCandidatesFrozen(b *testing.B) {
	texts := seedTexts(b)
	x := New(Options{})
	for i, t := range texts {
		x.Add(uint32(i), t)
	}
	f := loadFrozen(b, frozenBytes(b, x, nil), Options{})
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		f.Candidates(texts[i%len(texts)], 20, nil)
		i++
	}
}

var (
	corpusIdxOnce   sync.Once
	corpusHeapIdx   *Index
	corpusFrozenIdx *Index
)

// corpusIndexes returns the heap index of every corpus line, compacted, and the frozen
// index loaded from its frozen form; built once for the benchmarks that need them.
func corpusIndexes(b *testing.B) (*Index, *Index) {
	lines := loadCorpus(b)
	corpusIdxOnce.Do(func() {
		x := New(Options{})
		for i, l := range lines {
			x.Add(uint32(i), l)
		}
		x.Compact()
		corpusHeapIdx = x
		corpusFrozenIdx = loadFrozen(b, frozenBytes(b, x, nil), Options{})
	})
	return corpusHeapIdx, corpusFrozenIdx
}

// BenchmarkCorpusCandidates: Candidates (limit 20) for 2000 corpus lines taken as
// queries, on the heap index and on the frozen one; ns/op is per query.
func BenchmarkCorpusCandidates(b *testing.B) {
	lines := loadCorpus(b)
	x, f := corpusIndexes(b)
	var qs []string
	for i := 0; i < len(lines); i += len(lines) / 2000 {
		qs = append(qs, lines[i])
	}
	for _, c := range []struct {
		name string
		x    *Index
	}{{"heap", x}, {"frozen", f}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c.x.Candidates(qs[i%len(qs)], 20, nil)
				i++
			}
		})
	}
}

// BenchmarkCorpusFrozen measures the frozen form on the lawrefbook corpus: the heap of
// the heap index, WriteFrozen's time and size, LoadFrozen's time and the heap the
// loaded index holds (after GC; TotalAlloc counts the bytes it allocated), Verify's
// time, the p50/p99 of Candidates and Similar on the heap and the frozen index for the
// same 2000 queries, the heap after one Add (the per-paragraph arrays are copied) and
// the heap and time of a merge, which rebuilds the frozen arrays on the heap.
func BenchmarkCorpusFrozen(b *testing.B) {
	lines := loadCorpus(b)
	heapInuse := func() uint64 {
		// Twice: an Index's sync.Pool, once used, is referenced by the runtime until the
		// second collection after its last use.
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapInuse
	}
	mb := func(a, b uint64) float64 { return (float64(b) - float64(a)) / (1 << 20) }
	for b.Loop() {
		h0 := heapInuse()
		x := New(Options{})
		for i, l := range lines {
			x.Add(uint32(i), l)
		}
		x.Compact()
		h1 := heapInuse()

		var buf bytes.Buffer
		buf.Grow(64 << 20)
		var wm0, wm1 runtime.MemStats
		runtime.ReadMemStats(&wm0)
		t0 := time.Now()
		n, err := x.WriteFrozen(&buf, func(id uint32) uint32 { return id*3 + 1 })
		write := time.Since(t0)
		runtime.ReadMemStats(&wm1)
		if err != nil {
			b.Fatal(err)
		}
		fb := aligned(buf.Bytes())
		buf = bytes.Buffer{}

		h2 := heapInuse()
		var ms0, ms1 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		t0 = time.Now()
		f, err := LoadFrozen(fb, Options{})
		load := time.Since(t0)
		runtime.ReadMemStats(&ms1)
		if err != nil {
			b.Fatal(err)
		}
		h3 := heapInuse()
		t0 = time.Now()
		if err := f.Verify(); err != nil {
			b.Fatal(err)
		}
		verify := time.Since(t0)

		cand, full := timeQueries(lines, x, f, times3.from)
		x, f = nil, nil
		h4 := heapInuse() // the frozen form's buffer only
		f, _ = LoadFrozen(fb, Options{})
		f.Add(1, lines[0]+"。")
		h5 := heapInuse()
		for i := range 100 {
			f.Add(uint32(3*len(lines)+i), lines[i])
		}
		f.compactMin = 0
		t0 = time.Now()
		f.Compact()
		refreeze := time.Since(t0)
		h6 := heapInuse()

		runtime.KeepAlive(f)
		pct := func(d []time.Duration, p int) float64 {
			slices.Sort(d)
			return float64(d[len(d)*p/100].Microseconds())
		}
		b.ReportMetric(mb(h0, h1), "heap-index-MB")
		b.ReportMetric(float64(n)/(1<<20), "frozen-MB")
		b.ReportMetric(write.Seconds()*1000, "write-ms")
		b.ReportMetric(float64(wm1.TotalAlloc-wm0.TotalAlloc)/(1<<20), "write-alloc-MB")
		b.ReportMetric(float64(load.Microseconds()), "load-µs")
		b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc), "load-alloc-B")
		b.ReportMetric(mb(h2, h3)*1024, "frozen-heapinuse-KB")
		b.ReportMetric(float64(verify.Milliseconds()), "verify-ms")
		b.ReportMetric(pct(cand[0], 50), "heap-cand-p50-µs")
		b.ReportMetric(pct(cand[0], 99), "heap-cand-p99-µs")
		b.ReportMetric(pct(cand[1], 50), "frozen-cand-p50-µs")
		b.ReportMetric(pct(cand[1], 99), "frozen-cand-p99-µs")
		b.ReportMetric(pct(full[0], 50), "heap-similar-p50-µs")
		b.ReportMetric(pct(full[1], 50), "frozen-similar-p50-µs")
		b.ReportMetric(mb(h4, h5), "frozen-heap-after-add-MB")
		b.ReportMetric(refreeze.Seconds()*1000, "merge-ms")
		b.ReportMetric(mb(h4, h6), "merged-heap-MB")
		runtime.KeepAlive(fb)
	}
}

// timeQueries times Candidates (limit 20) and Similar (limit 10) on the heap index x and
// on f, the same paragraphs under ids to(id), for 2000 lines taken as queries; each
// query runs on both, first on one then on the other in turn, since the second run
// finds the query's data in cache.
func timeQueries(lines []string, x, f *Index, from func(uint32) uint32) (cand, full [2][]time.Duration) {
	textOf := [2]func(uint32) string{
		func(id uint32) string { return lines[id] },
		func(id uint32) string { return lines[from(id)] },
	}
	for n, i := 0, 0; i < len(lines); n, i = n+1, i+len(lines)/2000 {
		q := lines[i]
		for j := range 2 {
			k := (n + j) % 2
			ix := [2]*Index{x, f}[k]
			t0 := time.Now()
			ix.Candidates(q, 20, nil)
			cand[k] = append(cand[k], time.Since(t0))
			t0 = time.Now()
			ix.Similar(q, 10, nil, textOf[k])
			full[k] = append(full[k], time.Since(t0))
		}
	}
	return cand, full
}
