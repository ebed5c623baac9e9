// Command evalrank measures ranked-search quality on the judged query sets of
// eval/README.md: it indexes each corpus as `policysearch index` would, runs every
// judged query through the search GET /api/v1/search?q=…&size=10 runs, and prints
// nDCG@10 and recall@10 per query type for policysearch beside Lucene CJK and smartcn
// (their stored results in eval/peers.json, rerun with -peers).
//
//	go run ./cmd/evalrank [-corpus seeds,lawrefbook,policies] [-judged DIR] [-peers] [-json FILE] [-v] [-record]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"policysearch/analyzers"
	"policysearch/eval"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "evalrank:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("evalrank", flag.ContinueOnError)
	corpora := fl.String("corpus", strings.Join(eval.Names, ","), "judged sets to run, comma-separated")
	judged := fl.String("judged", "", "folder with the judged .jsonl files (default: eval/judged)")
	peers := fl.Bool("peers", false, "run Lucene CJK and smartcn (needs a JDK and liblucene8-java) and store their results in eval/peers.json")
	jsonOut := fl.String("json", "", "write the figures (per corpus, type and query) to this file")
	verbose := fl.Bool("v", false, "per query: the score; below 0.5 also the top hits and the judged passages missed")
	record := fl.Bool("record", false, "record policysearch's overall figures of the sets run in eval/baseline.json")
	javaOpts := fl.String("java-opts", "-Xmx4g", "JVM options for the peers")
	if err := fl.Parse(args); err != nil {
		return err
	}
	start := time.Now()
	repo, err := eval.RepoRoot()
	if err != nil {
		return err
	}
	if *judged == "" {
		*judged = filepath.Join(repo, "eval", "judged")
	}
	var selected []eval.Corpus
	for _, name := range strings.Split(*corpora, ",") {
		i := slices.Index(eval.Names, strings.TrimSpace(name))
		if i < 0 {
			return fmt.Errorf("-corpus: %q is not one of %s", name, strings.Join(eval.Names, ", "))
		}
		c := eval.Corpora(repo)[i]
		c.Judged = filepath.Join(*judged, c.Name+".jsonl")
		selected = append(selected, c)
	}
	peersPath := filepath.Join(repo, "eval", "peers.json")
	pf, err := eval.ReadPeers(peersPath)
	if err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "evalrank-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	seg, err := analyzers.Open(analyzers.Options{})
	if err != nil {
		return err
	}
	defer seg.Close()
	logf := func(format string, a ...any) { fmt.Fprintf(os.Stderr, format+"\n", a...) }

	var reports []*eval.Report
	for _, c := range selected {
		set, err := eval.ReadSet(c.Judged)
		if errors.Is(err, fs.ErrNotExist) {
			fmt.Printf("\n%s: no judged file %s; skipped\n", c.Name, c.Judged)
			continue
		}
		if err != nil {
			return err
		}
		if _, err := os.Stat(c.Root); err != nil {
			return fmt.Errorf("%s: the corpus %s is not there (../shared beside the repository, or $POLICYSEARCH_SHARED)", c.Name, c.Root)
		}
		if *peers {
			pc, err := eval.RunPeers(ctx, c, set, eval.PeerOptions{Repo: repo, Shared: eval.SharedDir(repo),
				Work: filepath.Join(tmp, "peers"), JavaOpts: strings.Fields(*javaOpts), Log: logf})
			if err != nil {
				return fmt.Errorf("%s peers: %w", c.Name, err)
			}
			pf.Corpora[c.Name] = pc
			if err := pf.Write(peersPath); err != nil {
				return err
			}
		}
		logf("%s: indexing %s", c.Name, c.Root)
		last := time.Now()
		progress := func(done, total int) {
			if time.Since(last) > 10*time.Second || done == total {
				logf("%s: read %d of %d files", c.Name, done, total)
				last = time.Now()
			}
		}
		r, err := eval.EvaluateCorpus(ctx, seg, c, set, eval.Options{Dir: filepath.Join(tmp, c.Name), Peers: pf, Progress: progress})
		if err != nil {
			return err
		}
		r.Print(os.Stdout, *verbose)
		reports = append(reports, r)
	}
	fmt.Println()
	fmt.Println(eval.PeersNote)
	took := time.Since(start)
	if *jsonOut != "" {
		if err := eval.WriteJSON(*jsonOut, reports, took); err != nil {
			return err
		}
	}
	if *record {
		path := filepath.Join(repo, "eval", "baseline.json")
		b, err := eval.ReadBaseline(path)
		if err != nil {
			return err
		}
		for _, r := range reports {
			b.Record(r, time.Now())
		}
		if err := b.Write(path); err != nil {
			return err
		}
		fmt.Printf("recorded %d judged sets in %s\n", len(reports), path)
	}
	fmt.Printf("took %s\n", took.Round(time.Millisecond))
	return nil
}
