package eval

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"policysearch"
	"policysearch/query"
)

// Peers are the stock engines set beside policysearch, with their table labels.
var Peers = []struct{ Engine, Analyzer, Label string }{
	{"lucene-cjk", "cjk", "Lucene CJK OR"},
	{"lucene-smartcn", "smartcn", "Lucene smartcn OR"},
}

// PeersNote says how the peers were run; the table prints it.
const PeersNote = "peers: Lucene 8.7, classic QueryParser with default operator OR over the query's words, " +
	"top 10, BM25; filters such as region:山东 are dropped from their queries (a stock box has no metadata); " +
	"their paragraphs are paras.py's lines of each .txt/.md file and the visible-text lines of each .html page"

// PeersFile is eval/peers.json: the peers' results per corpus and query, reduced to
// what the scorer needs (which judged keys each ranked hit holds), so tables can show
// the peers without Java and grades can change without running them again.
type PeersFile struct {
	Note    string                 `json:"note"`
	Corpora map[string]*PeerCorpus `json:"corpora"`
}

// PeerCorpus is the peers' results on one corpus.
type PeerCorpus struct {
	Paragraphs int `json:"paragraphs"`
	HTMLFiles  int `json:"html_files"`
	// Engines maps an engine to its results by query id.
	Engines map[string]map[string]*PeerQuery `json:"engines"`
}

// PeerQuery is one peer's result for one query.
type PeerQuery struct {
	Q string `json:"q"` // as the peer was sent it, filters dropped
	// Judged is JudgedHash of the query when it was run: the results are only valid
	// for the same query text and the same judged keys.
	Judged  string      `json:"judged"`
	Hits    int         `json:"hits"`
	Matches []PeerMatch `json:"matches,omitempty"`
}

// PeerMatch is a ranked hit that holds judged keys.
type PeerMatch struct {
	Rank int      `json:"rank"` // 1-based
	Doc  string   `json:"doc"`
	Keys []string `json:"keys"`
}

// JudgedHash identifies a query's text and judged passages (not their grades).
func JudgedHash(q Query) string {
	parts := make([]string, 0, len(q.Judgments))
	for _, j := range q.Judgments {
		parts = append(parts, j.Doc+"\x00"+policysearch.Normalize(j.Key))
	}
	sort.Strings(parts)
	sum := sha256.Sum256([]byte(q.Q + "\n" + strings.Join(parts, "\n")))
	return hex.EncodeToString(sum[:8])
}

// ReadPeers reads a peers file; a missing file is an empty one.
func ReadPeers(path string) (*PeersFile, error) {
	pf := &PeersFile{Corpora: map[string]*PeerCorpus{}}
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return pf, nil
	}
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(raw, pf); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if pf.Corpora == nil {
		pf.Corpora = map[string]*PeerCorpus{}
	}
	return pf, nil
}

// Write writes the file with sorted keys and one indentation level per depth, so
// that changes diff well.
func (pf *PeersFile) Write(path string) error {
	pf.Note = PeersNote
	raw, err := json.MarshalIndent(pf, "", " ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(raw, '\n'), 0o644)
}

func (pf *PeersFile) corpus(name string) *PeerCorpus {
	if pf == nil {
		return nil
	}
	return pf.Corpora[name]
}

// Run re-scores a peer's stored results against the set's current judgments.
// Queries the stored results do not cover, or that were judged on other keys, are
// Missing.
func (pc *PeerCorpus) Run(engine string, set *Set) *Run {
	r := &Run{Engine: engine}
	stored := pc.Engines[engine]
	for _, q := range set.Queries {
		qr := QueryResult{ID: q.ID, Type: q.Type, Q: q.Q}
		pq := stored[q.ID]
		if pq == nil || pq.Judged != JudgedHash(q) {
			qr.Missing = true
			r.Queries = append(r.Queries, qr)
			continue
		}
		// A hit stands for the keys it held: the scorer finds the same matches.
		hits := make([]Hit, pq.Hits)
		for _, m := range pq.Matches {
			if m.Rank >= 1 && m.Rank <= len(hits) {
				hits[m.Rank-1] = Hit{Doc: m.Doc, Text: strings.Join(m.Keys, "\n")}
			}
		}
		qr.Hits = hits
		qr.Score = NewScorer(q.Judgments).Score(hits)
		r.Queries = append(r.Queries, qr)
	}
	return r
}

// PeerWords is the query a stock box is sent: the words and phrases of q as the
// query language reads them, filters and exclusions dropped, joined by spaces.
func PeerWords(q string) string {
	pq, err := query.Parse(q)
	if err != nil {
		return strings.Join(strings.Fields(q), " ")
	}
	var words []string
	for _, c := range pq.Clauses {
		if c.Negated {
			continue
		}
		for _, t := range c.Any {
			words = append(words, strings.Fields(t.Text)...)
		}
	}
	return strings.Join(words, " ")
}

// PeerOptions say where the peers' tools are.
type PeerOptions struct {
	// Repo is the repository (for bench/eval/LuceneRank.java), Shared the shared data
	// folder (for bench/peers/paras.py), Work a scratch folder.
	Repo, Shared, Work string
	// LuceneDir holds lucene-*-8.7.0.jar; "" means /usr/share/java.
	LuceneDir string
	// JavaOpts are extra JVM options (e.g. -Xmx4g).
	JavaOpts []string
	// Log receives progress lines.
	Log func(format string, a ...any)
}

// peerPara is one paragraph the peers index.
type peerPara struct {
	ID   int    `json:"id"`
	Doc  string `json:"doc"`
	Text string `json:"text"`
}

// RunPeers runs every peer on one corpus and returns their results.
func RunPeers(ctx context.Context, c Corpus, set *Set, o PeerOptions) (*PeerCorpus, error) {
	classpath, err := o.compile(ctx)
	if err != nil {
		return nil, err
	}
	work := filepath.Join(o.Work, c.Name)
	if err := os.MkdirAll(work, 0o755); err != nil {
		return nil, err
	}
	paras, htmlFiles, err := o.paragraphs(ctx, c, work)
	if err != nil {
		return nil, err
	}
	parasFile := filepath.Join(work, "paragraphs.jsonl")
	if err := writeJSONL(parasFile, paras); err != nil {
		return nil, err
	}
	var qs strings.Builder
	for _, q := range set.Queries {
		fmt.Fprintf(&qs, "%s\t%s\n", q.ID, PeerWords(q.Q))
	}
	queriesFile := filepath.Join(work, "queries.tsv")
	if err := os.WriteFile(queriesFile, []byte(qs.String()), 0o644); err != nil {
		return nil, err
	}
	pc := &PeerCorpus{Paragraphs: len(paras), HTMLFiles: htmlFiles, Engines: map[string]map[string]*PeerQuery{}}
	for _, p := range Peers {
		o.Log("%s: %s on %d paragraphs", c.Name, p.Engine, len(paras))
		out := filepath.Join(work, p.Engine+".tsv")
		args := append(append([]string{}, o.JavaOpts...), "-cp", classpath, "LuceneRank", p.Analyzer, parasFile, queriesFile, out)
		if err := run(ctx, "java", args...); err != nil {
			return nil, err
		}
		ranked, err := readRanked(out)
		if err != nil {
			return nil, err
		}
		res := map[string]*PeerQuery{}
		for _, q := range set.Queries {
			pq := &PeerQuery{Q: PeerWords(q.Q), Judged: JudgedHash(q)}
			sc := NewScorer(q.Judgments)
			for r, id := range ranked[q.ID] {
				if id < 0 || id >= len(paras) {
					return nil, fmt.Errorf("%s answered paragraph %d of %d", p.Engine, id, len(paras))
				}
				h := Hit{Doc: paras[id].Doc, Text: paras[id].Text}
				pq.Hits++
				if m := sc.Matches(h); len(m) > 0 {
					pm := PeerMatch{Rank: r + 1, Doc: h.Doc}
					for _, i := range m {
						pm.Keys = append(pm.Keys, q.Judgments[i].Key)
					}
					pq.Matches = append(pq.Matches, pm)
				}
			}
			res[q.ID] = pq
		}
		pc.Engines[p.Engine] = res
	}
	return pc, nil
}

// compile builds LuceneRank once per work folder and returns the class path.
func (o *PeerOptions) compile(ctx context.Context) (string, error) {
	dir := o.LuceneDir
	if dir == "" {
		dir = "/usr/share/java"
	}
	var jars []string
	for _, j := range []string{"core", "analyzers-common", "analyzers-smartcn", "queryparser"} {
		f := filepath.Join(dir, "lucene-"+j+"-8.7.0.jar")
		if _, err := os.Stat(f); err != nil {
			return "", fmt.Errorf("the peers need %s: apt-get install -y default-jdk-headless liblucene8-java", f)
		}
		jars = append(jars, f)
	}
	classes := filepath.Join(o.Work, "classes")
	cp := strings.Join(append([]string{classes}, jars...), string(os.PathListSeparator))
	if _, err := os.Stat(filepath.Join(classes, "LuceneRank.class")); err == nil {
		return cp, nil
	}
	if _, err := exec.LookPath("javac"); err != nil {
		return "", errors.New("the peers need a JDK (javac): apt-get install -y default-jdk-headless liblucene8-java")
	}
	src := filepath.Join(o.Repo, "bench", "eval", "LuceneRank.java")
	if err := run(ctx, "javac", "-d", classes, "-cp", strings.Join(jars, string(os.PathListSeparator)), src); err != nil {
		return "", err
	}
	return cp, nil
}

// paragraphs makes the peers' paragraphs of a corpus: paras.py (the peers harness's
// protocol) over its .txt/.md files, and over the visible-text lines of its .html
// pages, written as .txt files to a scratch tree, so that the same line rules apply.
// Doc paths are relative to the corpus root, as in the judgments.
func (o *PeerOptions) paragraphs(ctx context.Context, c Corpus, work string) ([]peerPara, int, error) {
	src := filepath.Join(c.Root, c.PeerDir)
	paras, err := o.paras(ctx, src, filepath.Join(work, "text.jsonl"))
	if err != nil {
		return nil, 0, err
	}
	pages := filepath.Join(work, "pages")
	if err := os.RemoveAll(pages); err != nil {
		return nil, 0, err
	}
	htmlFiles := 0
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if ext := strings.ToLower(filepath.Ext(p)); ext != ".html" && ext != ".htm" {
			return nil
		}
		raw, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		lines, err := PageLines(raw)
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		rel, _ := filepath.Rel(src, p)
		dst := filepath.Join(pages, rel+".txt")
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		htmlFiles++
		return os.WriteFile(dst, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	})
	if err != nil {
		return nil, 0, err
	}
	if htmlFiles > 0 {
		more, err := o.paras(ctx, pages, filepath.Join(work, "pages.jsonl"))
		if err != nil {
			return nil, 0, err
		}
		for i := range more {
			more[i].Doc = strings.TrimSuffix(more[i].Doc, ".txt")
		}
		paras = append(paras, more...)
	}
	for i := range paras {
		paras[i].ID = i
		if c.PeerDir != "" {
			paras[i].Doc = c.PeerDir + "/" + paras[i].Doc
		}
	}
	return paras, htmlFiles, nil
}

// paras runs the harness's paras.py on a folder.
func (o *PeerOptions) paras(ctx context.Context, dir, out string) ([]peerPara, error) {
	script := filepath.Join(o.Shared, "bench", "peers", "paras.py")
	if err := run(ctx, "python3", script, dir, out); err != nil {
		return nil, err
	}
	f, err := os.Open(out)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var paras []peerPara
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		var p peerPara
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			return nil, fmt.Errorf("%s: %w", out, err)
		}
		paras = append(paras, p)
	}
	return paras, sc.Err()
}

func writeJSONL(path string, paras []peerPara) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, p := range paras {
		if err := enc.Encode(p); err != nil {
			return err
		}
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// readRanked reads LuceneRank's output: query id → paragraph ids, best first.
func readRanked(path string) (map[string][]int, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string][]int{}
	for _, l := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			continue
		}
		id, err := strconv.Atoi(f[2])
		if err != nil {
			return nil, fmt.Errorf("%s: bad line %q", path, l)
		}
		out[f[0]] = append(out[f[0]], id)
	}
	return out, nil
}

// run runs a tool, with its output on failure in the error.
func run(ctx context.Context, name string, args ...string) error {
	cmd := exec.CommandContext(ctx, name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		tail := out.String()
		if len(tail) > 2000 {
			tail = tail[len(tail)-2000:]
		}
		return fmt.Errorf("%s: %w\n%s", name, err, tail)
	}
	return nil
}
