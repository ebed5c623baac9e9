// Command peerdriver puts policysearch into the peers benchmark
// (../shared/bench/peers): it speaks the harness's engine contract and indexes and
// searches exactly as the service does, through package index.
//
//	peerdriver [flags] build PARAGRAPHS.jsonl INDEX_DIR BUILD.json
//	peerdriver [flags] query INDEX_DIR QUERIES.jsonl OUT.jsonl
//	peerdriver [flags] inspect INDEX_DIR
//	peerdriver [flags] merge INDEX_DIR
//
// Build groups the paragraphs of paragraphs.jsonl ({"id","doc","text"}) by doc into one
// policysearch.Document each (id parse.DocID(doc), kind "body", the harness id as the
// paragraph id) and indexes them on disk in batches. build_s is the wall time from the
// first input line to the last commit (the index closed, everything persisted).
//
// Query runs the harness protocol: PEERS_WARM_S seconds of warm-up cycling all
// queries, then per query 3 warm-ups and 20 timed requests, the median reported. One
// request is Index.Search with Size 10 and NoFacets: the top 10 with their text and the
// exact total. A phrase query is sent as "text" (exact phrase); a keyword query as its
// words joined by spaces (all required). The ids of every hit come from Index.Export,
// untimed.
//
// Flags come before the subcommand, because the harness appends the subcommand and its
// arguments to the configured command line; each has an environment fallback.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// config is the command line.
type config struct {
	shards      int
	batchDocs   int
	batchParas  int
	phraseCache string // on | off
	merge       string // none | force
	cpuProfile  string
	memProfile  string
	heapAt      int
	idsCap      int
}

func envInt(name string, def int) int {
	if v := os.Getenv(name); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
	}
	return def
}

func envStr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

const usage = `usage:
  peerdriver [flags] build PARAGRAPHS.jsonl INDEX_DIR BUILD.json
  peerdriver [flags] query INDEX_DIR QUERIES.jsonl OUT.jsonl
  peerdriver [flags] inspect INDEX_DIR   segments per shard
  peerdriver [flags] merge INDEX_DIR     merge each shard of a closed index to one segment

flags (before the subcommand):
`

func main() {
	var c config
	fs := flag.NewFlagSet("peerdriver", flag.ExitOnError)
	fs.Usage = func() {
		fmt.Fprint(os.Stderr, usage)
		fs.PrintDefaults()
	}
	fs.IntVar(&c.shards, "shards", envInt("PEERDRIVER_SHARDS", runtime.NumCPU()), "bleve shards of a new index ($PEERDRIVER_SHARDS)")
	fs.IntVar(&c.batchDocs, "batch-docs", envInt("PEERDRIVER_BATCH_DOCS", 256), "documents per Index call ($PEERDRIVER_BATCH_DOCS)")
	fs.IntVar(&c.batchParas, "batch-paras", envInt("PEERDRIVER_BATCH_PARAS", 8192), "paragraphs per Index call, whichever limit comes first; bleve holds a batch's analysis and its new segment in memory, so this bounds the build's memory as Lucene's RAM buffer does (lawrefbook: 32768 peaked at 1.85 GB RSS in 55.5 s, 8192 at 1.57 GB in 49.4 s, 4096 at 1.42 GB in 60.7 s) ($PEERDRIVER_BATCH_PARAS)")
	fs.StringVar(&c.phraseCache, "phrase-cache", envStr("PEERDRIVER_PHRASE_CACHE", "on"), "on: the service's phrase cache; off: every phrase verified anew, the cold cost ($PEERDRIVER_PHRASE_CACHE)")
	fs.StringVar(&c.merge, "merge", envStr("PEERDRIVER_MERGE", "none"), "after the build: none (as the service leaves it) or force (merge each shard to one segment, timed as merge_s, like Lucene's forceMerge(1)) ($PEERDRIVER_MERGE)")
	fs.StringVar(&c.cpuProfile, "cpuprofile", os.Getenv("PEERDRIVER_CPUPROFILE"), "write a CPU profile: of the whole build, or of the timed query protocol ($PEERDRIVER_CPUPROFILE)")
	fs.StringVar(&c.memProfile, "memprofile", os.Getenv("PEERDRIVER_MEMPROFILE"), "write an allocation profile at the end; for query also FILE.base at the start of the timed protocol, for pprof -diff_base ($PEERDRIVER_MEMPROFILE)")
	fs.IntVar(&c.heapAt, "heap-at", 0, "build: with -memprofile, also write the live heap to FILE.at once this many paragraphs are indexed (what the build holds in the middle, not at the end)")
	fs.IntVar(&c.idsCap, "ids-cap", 10000, "hit ids listed per query")
	_ = fs.Parse(os.Args[1:])
	args := fs.Args()
	if c.phraseCache != "on" && c.phraseCache != "off" {
		fail("--phrase-cache must be on or off, not %q", c.phraseCache)
	}
	if c.merge != "none" && c.merge != "force" {
		fail("--merge must be none or force, not %q", c.merge)
	}
	if c.shards < 1 || c.batchDocs < 1 || c.batchParas < 1 {
		fail("--shards, --batch-docs and --batch-paras must be at least 1")
	}
	var err error
	switch {
	case len(args) == 4 && args[0] == "build":
		err = build(&c, args[1], args[2], args[3])
	case len(args) == 4 && args[0] == "query":
		err = queryPhase(&c, args[1], args[2], args[3])
	case len(args) == 2 && args[0] == "inspect":
		err = inspect(args[1])
	case len(args) == 2 && args[0] == "merge":
		err = mergeCmd(args[1])
	default:
		fs.Usage()
		os.Exit(2)
	}
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "peerdriver: "+format+"\n", a...)
	os.Exit(1)
}

func logf(format string, a ...any) {
	fmt.Fprintf(os.Stderr, "peerdriver: "+strings.TrimSuffix(format, "\n")+"\n", a...)
}
