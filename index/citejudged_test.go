package index_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"policysearch"
	"policysearch/cite"
	"policysearch/eval"
	"policysearch/index"
)

// judgedRef is one reference of the judged sample (testdata/citations/README.md).
type judgedRef struct {
	line, kind, text, target string
}

type judgedDoc struct {
	file, source, id, title, number string
	set                             string // "heldout": judged after the extraction was frozen
	from, to                        int    // judged lines; 0 for all
	refs                            []judgedRef
}

func readJudged(t *testing.T) []judgedDoc {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "citations", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no judged citations: %v", err)
	}
	var out []judgedDoc
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		d := judgedDoc{file: filepath.Base(f)}
		sc := bufio.NewScanner(fh)
		for n := 1; sc.Scan(); n++ {
			line := sc.Text()
			if strings.TrimSpace(line) == "" {
				continue
			}
			if k, v, ok := strings.Cut(line, ": "); ok && !strings.Contains(k, "\t") {
				switch k {
				case "source":
					d.source = v
				case "id":
					d.id = v
				case "title":
					d.title = v
				case "number":
					d.number = v
				case "set":
					d.set = v
				case "lines":
					if _, err := fmt.Sscanf(v, "%d-%d", &d.from, &d.to); err != nil {
						t.Fatalf("%s:%d: lines %q", f, n, v)
					}
				default:
					t.Fatalf("%s:%d: unknown field %q", f, n, k)
				}
				continue
			}
			parts := strings.Split(line, "\t")
			if len(parts) != 4 {
				t.Fatalf("%s:%d: want line, kind, text and target separated by tabs: %q", f, n, line)
			}
			d.refs = append(d.refs, judgedRef{parts[0], parts[1], parts[2], parts[3]})
		}
		fh.Close()
		if d.source == "" || d.title == "" {
			t.Fatalf("%s: source and title are required", f)
		}
		out = append(out, d)
	}
	return out
}

// sharedCorpus is ../shared/corpus; a test needing it skips without it, but not in CI.
func sharedCorpus(t *testing.T) string {
	t.Helper()
	root := filepath.Join("..", "..", "shared", "corpus")
	if _, err := os.Stat(root); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is missing: %v", root, err)
		}
		t.Skipf("skipping: %s not found (it ships beside the repository in CI)", root)
	}
	return root
}

// rawDocument is a judged source as a document of its lines, one paragraph per line
// (L1, L2 …), as the judge read them: extraction is scored on the text itself, apart
// from how the parser cuts it. A Markdown heading is the title, scanned as such.
func rawDocument(t *testing.T, root string, j judgedDoc) *policysearch.Document {
	t.Helper()
	path := filepath.Join(root, j.source)
	if rest, ok := strings.CutPrefix(j.source, "seeds/"); ok {
		path = filepath.Join("..", "seeds", rest)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v", j.file, err)
	}
	var lines []string
	if strings.HasSuffix(path, ".html") {
		if lines, err = eval.PageLines(data); err != nil {
			t.Fatalf("%s: %v", j.file, err)
		}
	} else {
		lines = strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	}
	d := &policysearch.Document{ID: j.id, Title: j.title, DocNumber: j.number}
	body := 0 // lawrefbook's Markdown holds the law's history above <!-- INFO END -->
	for i, l := range lines {
		if strings.TrimSpace(l) == "<!-- INFO END -->" {
			body = i + 1
		}
	}
	for i, l := range lines {
		if i < body {
			continue
		}
		n := i + 1
		if j.from > 0 && (n < j.from || n > j.to) || strings.TrimSpace(l) == "" {
			continue
		}
		if strings.HasSuffix(path, ".md") && strings.HasPrefix(l, "# ") {
			continue // the title, read as the title
		}
		d.Paragraphs = append(d.Paragraphs, policysearch.Paragraph{ID: fmt.Sprintf("L%d", n), Text: l})
	}
	return d
}

// score counts what two multisets of references share.
type score struct{ tp, fp, fn int }

func (s *score) add(o score) { s.tp += o.tp; s.fp += o.fp; s.fn += o.fn }
func (s score) precision() float64 {
	if s.tp+s.fp == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fp)
}
func (s score) recall() float64 {
	if s.tp+s.fn == 0 {
		return 1
	}
	return float64(s.tp) / float64(s.tp+s.fn)
}

func corpusOf(source string) string {
	c, _, _ := strings.Cut(source, "/")
	return c
}

// TestCitationJudged scores extraction on the judged sample: every reference a reader
// found, by line, kind and text, against what cite.Extract finds in the same lines.
func TestCitationJudged(t *testing.T) {
	root := sharedCorpus(t)
	judged := readJudged(t)
	per := map[string]*score{}
	var all score
	refs := 0
	for _, j := range judged {
		d := rawDocument(t, root, j)
		want := map[string]int{}
		for _, r := range j.refs {
			line := r.line
			if line == "T" {
				line = ""
			}
			want[line+"\t"+r.kind+"\t"+r.text]++
			refs++
		}
		got := map[string]int{}
		for _, r := range cite.Extract(d) {
			got[r.Paragraph+"\t"+r.Kind+"\t"+r.Text]++
		}
		var s score
		for k, n := range got {
			m := want[k]
			s.tp += min(n, m)
			if n > m {
				s.fp += n - m
				t.Logf("%s: extracted, not judged: %q ×%d", j.file, k, n-m)
			}
		}
		for k, m := range want {
			if n := got[k]; m > n {
				s.fn += m - n
				t.Logf("%s: judged, not extracted: %q ×%d", j.file, k, m-n)
			}
		}
		c := corpusOf(j.source)
		if j.set != "" {
			c = j.set + "/" + c
		}
		if per[c] == nil {
			per[c] = &score{}
		}
		per[c].add(s)
		all.add(s)
	}
	names := make([]string, 0, len(per))
	for c := range per {
		names = append(names, c)
	}
	sort.Strings(names)
	for _, c := range names {
		s := per[c]
		t.Logf("%-18s judged %3d  extracted %3d  correct %3d  precision %.3f  recall %.3f", c, s.tp+s.fn, s.tp+s.fp, s.tp, s.precision(), s.recall())
	}
	t.Logf("%-18s judged %3d  extracted %3d  correct %3d  precision %.3f  recall %.3f", "all", all.tp+all.fn, all.tp+all.fp, all.tp, all.precision(), all.recall())
	if refs < 150 {
		t.Errorf("the judged sample has %d references; it needs 150", refs)
	}
	if all.precision() < 0.97 || all.recall() < 0.95 {
		t.Errorf("extraction precision %.3f (want ≥ 0.97), recall %.3f (want ≥ 0.95)", all.precision(), all.recall())
	}
}

// TestCitationJudgedResolution checks, on the index of the seeds, lawrefbook and the
// policies corpus, that the judged references resolve to what the judge wrote:
// precision over the references resolved to some document, where the document meant
// (or, ≈, its nearest version) is in the corpus.
func TestCitationJudgedResolution(t *testing.T) {
	root := sharedCorpus(t)
	if testing.Short() {
		t.Skip("skipping the lawrefbook corpus in -short mode")
	}
	ix, _ := lawrefbookIndex(t, filepath.Join(root, "lawrefbook"))
	ctx := context.Background()
	var exact, nearest, self struct{ right, wrong, missed int }
	absent, notIndexed := 0, 0
	for _, j := range readJudged(t) {
		c, err := ix.Citations(ctx, j.id)
		if err != nil {
			t.Logf("%s: %s is not in the index (its parse failed): %v", j.file, j.id, err)
			notIndexed++
			continue
		}
		var mentions []policysearch.Mention
		for _, x := range c.Cites {
			mentions = append(mentions, x.Mentions...)
		}
		mentions = append(mentions, c.Internal...)
		used := make([]bool, len(mentions))
		for _, r := range j.refs {
			want := r.target
			tally := &exact
			switch {
			case want == "-":
				absent++
				continue
			case want == "self":
				tally, want = &self, j.id
			case strings.HasPrefix(want, "≈"):
				tally, want = &nearest, strings.TrimPrefix(want, "≈")
			}
			k := -1
			for i, m := range mentions {
				if !used[i] && m.Kind == r.kind && m.Text == r.text {
					k = i
					break
				}
			}
			if k < 0 {
				tally.missed++
				t.Logf("%s: %s %q is not among the index's references", j.file, r.line, r.text)
				continue
			}
			used[k] = true
			m := mentions[k]
			ok := m.CitedDoc == want
			if ok && m.ArticleNo > 0 {
				ok = articleOf(t, ix, m.CitedParagraph) == [2]int{m.ArticleNo, m.ArticleSub}
			}
			switch {
			case m.CitedDoc == "":
				tally.missed++
				t.Logf("%s: %s %q is unresolved; want %s", j.file, r.line, r.text, want)
			case ok:
				tally.right++
			default:
				tally.wrong++
				t.Logf("%s: %s %q resolves to %s (paragraph %s); want %s", j.file, r.line, r.text, m.CitedDoc, m.CitedParagraph, want)
			}
		}
	}
	p := func(s struct{ right, wrong, missed int }) string {
		prec := 1.0
		if s.right+s.wrong > 0 {
			prec = float64(s.right) / float64(s.right+s.wrong)
		}
		return fmt.Sprintf("right %3d  wrong %2d  unresolved %2d  precision %.3f", s.right, s.wrong, s.missed, prec)
	}
	t.Logf("exact version in the corpus:   %s", p(exact))
	t.Logf("nearest version in the corpus: %s", p(nearest))
	t.Logf("the document itself:           %s", p(self))
	t.Logf("not in the corpus: %d; documents not indexed: %d", absent, notIndexed)
	ext := struct{ right, wrong, missed int }{exact.right + nearest.right, exact.wrong + nearest.wrong, exact.missed + nearest.missed}
	if ext.right+ext.wrong == 0 || float64(ext.right)/float64(ext.right+ext.wrong) < 0.97 {
		t.Errorf("resolution precision below 0.97: %s", p(ext))
	}
}

// articleOf is the article number of a paragraph, or zeros.
func articleOf(t *testing.T, ix *index.Index, id string) [2]int {
	t.Helper()
	if id == "" {
		return [2]int{}
	}
	v, err := ix.Paragraph(context.Background(), id)
	if err != nil {
		return [2]int{}
	}
	n, sub, _ := policysearch.ArticleNumber(v.Paragraph.MeasureNo)
	return [2]int{n, sub}
}
