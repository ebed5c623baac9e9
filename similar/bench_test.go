package similar

import (
	"bufio"
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
