// Command memprobe shows where an index's memory goes: the process's resident set
// (anonymous and file-backed) and Go heap after loading jieba, after opening the index,
// and after running a harness queries file, each after a GC; then the resident size of
// every mapped file above 10 MB (the table file, bleve's segments).
//
//	go run ./bench/memprobe INDEX_DIR [QUERIES.jsonl] [-heap FILE]
//
// QUERIES.jsonl is the peers harness's form ({"q": …} per line); each query runs three
// times. -heap writes a heap profile after opening, for go tool pprof.
package main

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"

	"policysearch"
	"policysearch/analyzers"
	"policysearch/index"
)

func main() {
	heap := flag.String("heap", "", "write a heap profile after opening")
	flag.Parse()
	if flag.NArg() < 1 {
		fmt.Fprintln(os.Stderr, "usage: memprobe [-heap FILE] INDEX_DIR [QUERIES.jsonl]")
		os.Exit(2)
	}
	status("start")
	seg, err := analyzers.Open(analyzers.Options{})
	if err != nil {
		fail(err)
	}
	defer seg.Close()
	status("jieba")
	ix, err := index.Open(index.Options{Dir: flag.Arg(0), Segmenter: seg})
	if err != nil {
		fail(err)
	}
	defer ix.Close()
	status("opened")
	if *heap != "" {
		f, err := os.Create(*heap)
		if err != nil {
			fail(err)
		}
		pprof.Lookup("heap").WriteTo(f, 0)
		f.Close()
	}
	if flag.NArg() > 1 {
		b, err := os.ReadFile(flag.Arg(1))
		if err != nil {
			fail(err)
		}
		for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			var q struct {
				Q string `json:"q"`
			}
			if err := json.Unmarshal([]byte(l), &q); err != nil {
				fail(err)
			}
			for i := 0; i < 3; i++ {
				if _, err := ix.Search(context.Background(), &policysearch.SearchRequest{Query: q.Q, Size: 10, NoFacets: true}); err != nil {
					fail(err)
				}
			}
		}
		status("queried")
	}
	mappedFiles()
	tableSections(flag.Arg(0))
}

// status prints the resident set and heap after a GC that returns what it can.
func status(label string) {
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	b, _ := os.ReadFile("/proc/self/status")
	var parts []string
	for _, l := range strings.Split(string(b), "\n") {
		for _, k := range []string{"VmHWM", "VmRSS", "RssAnon", "RssFile"} {
			if strings.HasPrefix(l, k+":") {
				parts = append(parts, strings.Join(strings.Fields(l), " "))
			}
		}
	}
	fmt.Printf("%-8s heap in use %4d MB, from the OS %4d MB | %s\n", label, m.HeapInuse>>20, m.Sys>>20, strings.Join(parts, " | "))
}

// mappedFiles prints the resident kB of each mapped file over 10 MB, from smaps.
func mappedFiles() {
	b, _ := os.ReadFile("/proc/self/smaps")
	name := ""
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) >= 5 && strings.Contains(f[0], "-") {
			name = ""
			if len(f) >= 6 && strings.HasPrefix(f[5], "/") {
				name = f[5]
			}
		}
		if len(f) >= 2 && f[0] == "Rss:" && name != "" && len(f[1]) > 4 {
			fmt.Printf("%10s kB resident  %s\n", f[1], name)
		}
	}
}

// tableSections prints how much of each section of the index's table file is mapped
// into this process (pagemap's present bit), which smaps gives only for the whole file.
func tableSections(dir string) {
	path := filepath.Join(dir, "table")
	d, err := os.ReadFile(path)
	if err != nil || len(d) < 16 {
		return
	}
	n := binary.LittleEndian.Uint64(d[len(d)-16:])
	if n > uint64(len(d)-16) {
		return
	}
	var ft struct {
		Texts, Meta, Paras, Similar [2]int64
		Grams, Repeats              struct {
			Keys    [2]int64
			Offsets int64
			Bitmaps [2]int64
		}
	}
	if json.Unmarshal(d[len(d)-16-int(n):len(d)-16], &ft) != nil {
		return
	}
	base := mappingStart(path)
	pm, err := os.Open("/proc/self/pagemap")
	if base == 0 || err != nil {
		return
	}
	defer pm.Close()
	pg := int64(os.Getpagesize())
	present := func(off, l int64) (in, all int64) {
		var e [8]byte
		for p := off / pg * pg; p < off+l; p += pg {
			if _, err := pm.ReadAt(e[:], int64(base+uint64(p))/pg*8); err != nil {
				return
			}
			all++
			if binary.LittleEndian.Uint64(e[:])>>63 == 1 {
				in++
			}
		}
		return in * pg >> 10, all * pg >> 10
	}
	for _, s := range []struct {
		name   string
		off, l int64
	}{
		{"texts", ft.Texts[0], ft.Texts[1]},
		{"meta", ft.Meta[0], ft.Meta[1]},
		{"paragraph records", ft.Paras[0], ft.Paras[1]},
		{"similar", ft.Similar[0], ft.Similar[1]},
		{"gram bitmaps", ft.Grams.Bitmaps[0], ft.Grams.Bitmaps[1]},
		{"gram keys", ft.Grams.Keys[0], ft.Grams.Keys[1] * 8},
		{"repeat bitmaps", ft.Repeats.Bitmaps[0], ft.Repeats.Bitmaps[1]},
	} {
		in, all := present(s.off, s.l)
		fmt.Printf("%10d kB of %8d kB mapped  table %s\n", in, all, s.name)
	}
}

// mappingStart is the address the file at path is mapped at, from /proc/self/maps.
func mappingStart(path string) uint64 {
	b, _ := os.ReadFile("/proc/self/maps")
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		if len(f) >= 6 && f[5] == path && f[2] == "00000000" {
			start, _, _ := strings.Cut(f[0], "-")
			v, err := strconv.ParseUint(start, 16, 64)
			if err == nil {
				return v
			}
		}
	}
	return 0
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "memprobe:", err)
	os.Exit(1)
}
