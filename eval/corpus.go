package eval

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"policysearch"
	"policysearch/analyzers"
	"policysearch/api"
	"policysearch/index"
	"policysearch/ingest"
	"policysearch/seeds"
)

// Corpus is one judged corpus.
type Corpus struct {
	Name string
	// Root is the folder judged paths are relative to. For the seeds it is the repo's
	// seeds/ folder (the embedded files), which only Check and the peers read.
	Root string
	// Embedded marks the seeds: indexed from the embedded files and manifest, as
	// `policysearch serve` without --data loads them.
	Embedded bool
	// PeerDir is the sub-folder of Root the peers' paragraphs are made from, as the
	// peers harness runs paras.py on it; "" is Root itself.
	PeerDir string
	// Judged is the judged query file.
	Judged string
}

// Names are the corpora, in the order tables show them.
var Names = []string{"seeds", "lawrefbook", "policies"}

// Corpora returns the three corpora of README.md for the repository at repo, with
// the shared data folder beside it.
func Corpora(repo string) []Corpus {
	shared := SharedDir(repo)
	judged := filepath.Join(repo, "eval", "judged")
	return []Corpus{
		{Name: "seeds", Root: filepath.Join(repo, "seeds"), Embedded: true, Judged: filepath.Join(judged, "seeds.jsonl")},
		{Name: "lawrefbook", Root: filepath.Join(shared, "corpus", "lawrefbook"), PeerDir: "docs", Judged: filepath.Join(judged, "lawrefbook.jsonl")},
		{Name: "policies", Root: filepath.Join(shared, "corpus", "policies"), PeerDir: "docs", Judged: filepath.Join(judged, "policies.jsonl")},
	}
}

// SharedDir is the shared data folder beside the repository (../shared), or
// $POLICYSEARCH_SHARED when set.
func SharedDir(repo string) string {
	if d := os.Getenv("POLICYSEARCH_SHARED"); d != "" {
		return d
	}
	return filepath.Join(filepath.Dir(repo), "shared")
}

// RepoRoot is the folder holding go.mod, found from the working directory upwards.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("not inside the policysearch repository (no go.mod above the working directory)")
		}
		dir = up
	}
}

// Ours is policysearch's index of one corpus, with the file each document came from.
type Ours struct {
	Index *index.Index
	// Paths maps a document id to its file, relative to the corpus root.
	Paths map[string]string
	// Documents and Skipped count what was indexed and what ingest refused.
	Documents, Skipped int
	Took               time.Duration
	// texts holds each file's paragraphs, to tell which judged passages any of them
	// holds.
	texts map[string][]string
}

// Build indexes a corpus as a user would: the seeds from the embedded files and
// manifest (what `policysearch serve` loads without --data), a folder through ingest,
// the code path of `policysearch index --data DIR ROOT` (metadata.jsonl and sidecars
// included), into an index in dir ("" keeps it in memory) opened with the options
// `serve` uses by default. progress, when set, is called as files are read.
func Build(ctx context.Context, seg *analyzers.Segmenter, c Corpus, dir string, progress func(done, total int)) (*Ours, error) {
	start := time.Now()
	ix, err := index.Open(index.Options{Dir: dir, Segmenter: seg})
	if err != nil {
		return nil, err
	}
	o := &Ours{Index: ix, Paths: map[string]string{}, texts: map[string][]string{}}
	if c.Embedded {
		err = o.addSeeds(ctx)
	} else {
		err = o.addFolder(ctx, c.Root, progress)
	}
	if err != nil {
		ix.Close()
		return nil, fmt.Errorf("index %s: %w", c.Name, err)
	}
	o.Took = time.Since(start)
	return o, nil
}

func (o *Ours) addSeeds(ctx context.Context) error {
	files, err := seeds.Files()
	if err != nil {
		return err
	}
	docs, err := seeds.Documents()
	if err != nil {
		return err
	}
	if len(docs) != len(files) {
		return fmt.Errorf("%d seed documents from %d files", len(docs), len(files))
	}
	for i, d := range docs {
		o.add(files[i].Name, d)
	}
	o.Documents = len(docs)
	return o.Index.Index(ctx, docs...)
}

func (o *Ours) add(path string, d *policysearch.Document) {
	o.Paths[d.ID] = path
	for _, p := range d.Paragraphs {
		o.texts[path] = append(o.texts[path], p.Text)
	}
}

// Holders returns, per judgment, the indexed paragraphs of its file that hold it (by
// the scorer's rule), numbered uniquely within the query's files.
func (o *Ours) Holders(js []Judgment) [][]int {
	sc := NewScorer(js)
	out := make([][]int, len(js))
	base := map[string]int{} // file -> number of its first paragraph
	next := 0
	for _, j := range js {
		if _, ok := base[j.Doc]; ok {
			continue
		}
		base[j.Doc] = next
		for k, t := range o.texts[j.Doc] {
			for _, i := range sc.Matches(Hit{Doc: j.Doc, Text: t}) {
				out[i] = append(out[i], next+k)
			}
		}
		next += len(o.texts[j.Doc])
	}
	return out
}

func (o *Ours) addFolder(ctx context.Context, root string, progress func(done, total int)) error {
	var rerr error
	opts := ingest.Options{
		Indexed: func(path string, d *policysearch.Document) {
			rel, err := filepath.Rel(root, path)
			if err != nil {
				rerr = err
			}
			o.add(filepath.ToSlash(rel), d)
		},
	}
	if progress != nil {
		opts.Progress = func(done, total int, _ int64) { progress(done, total) }
	}
	sum, err := ingest.Run(ctx, o.Index, []string{root}, opts)
	if err != nil {
		return err
	}
	o.Documents, o.Skipped = sum.Documents, len(sum.Skipped)
	return rerr
}

// Search runs q as GET /api/v1/search?q=…&size=10 does and returns the top K hits.
func (o *Ours) Search(ctx context.Context, q string) ([]Hit, error) {
	req, err := api.SearchRequest(url.Values{"q": {q}, "size": {fmt.Sprint(K)}})
	if err != nil {
		return nil, err
	}
	res, err := o.Index.Search(ctx, req)
	if err != nil {
		return nil, err
	}
	hits := make([]Hit, 0, K)
	for _, h := range res.Hits {
		if len(hits) == K {
			break
		}
		doc, ok := o.Paths[h.DocID]
		if !ok {
			return nil, fmt.Errorf("hit %s is from document %s, which no indexed file produced", h.ID, h.DocID)
		}
		hits = append(hits, Hit{Doc: doc, Text: h.Text})
	}
	return hits, nil
}

// Close closes the index.
func (o *Ours) Close() error { return o.Index.Close() }
