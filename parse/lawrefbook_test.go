package parse_test

import (
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"

	"policysearch"
	"policysearch/parse"
)

// lawFile is one file of the lawrefbook corpus with its parse.
type lawFile struct {
	rel  string // path relative to the corpus root, as metadata.jsonl names it
	data []byte
	meta *parse.Meta
	doc  *policysearch.Document
	err  error
}

var (
	lawOnce  sync.Once
	lawFiles []*lawFile
	lawErr   error
)

// lawrefbook parses the 3,422 laws of ../shared/corpus/lawrefbook once for all the tests
// of this file, on every CPU. It skips when the corpus is absent, except under CI=true.
func lawrefbook(t *testing.T) []*lawFile {
	t.Helper()
	root := filepath.Join("..", "..", "shared", "corpus", "lawrefbook")
	if _, err := os.Stat(root); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is missing: %v", root, err)
		}
		t.Skipf("skipping: %s not found (it ships beside the repository in CI)", root)
	}
	lawOnce.Do(func() { lawFiles, lawErr = parseLawrefbook(root) })
	if lawErr != nil {
		t.Fatal(lawErr)
	}
	return lawFiles
}

func parseLawrefbook(root string) ([]*lawFile, error) {
	mf, err := os.Open(filepath.Join(root, "metadata.jsonl"))
	if err != nil {
		return nil, err
	}
	metas, err := parse.ReadMetadataJSONL(mf)
	mf.Close()
	if err != nil {
		return nil, err
	}
	var files []*lawFile
	err = filepath.WalkDir(filepath.Join(root, "docs"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files = append(files, &lawFile{rel: rel, data: data, meta: metas[rel]})
		return nil
	})
	if err != nil {
		return nil, err
	}
	var wg sync.WaitGroup
	next := make(chan *lawFile)
	for w := 0; w < runtime.NumCPU(); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range next {
				f.doc, f.err = parse.Parse(f.rel, f.data, f.meta)
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	return files, nil
}

// reArticleLine is an article's first line as the corpus writes it (and as its README
// counts them): 第X条 or 第X条之一, then a space.
var reArticleLine = regexp.MustCompile(`^第[一二三四五六七八九十百千零〇]+条(之[一二三四五六七八九十]+)?[ 　]`)

// TestLawrefbookArticles checks that every article line of the corpus starts exactly
// one paragraph, an article holding its 款 and 项, and that no Markdown reaches a text.
func TestLawrefbookArticles(t *testing.T) {
	files := lawrefbook(t)
	lines, starts, failed := 0, 0, 0
	for _, f := range files {
		want := map[string]int{}
		for _, l := range strings.Split(string(f.data), "\n") {
			if reArticleLine.MatchString(l) {
				want[strings.TrimSpace(l)]++
				lines++
			}
		}
		if f.err != nil {
			if len(want) > 0 {
				t.Errorf("%s: %v", f.rel, f.err)
			}
			failed++
			continue
		}
		got := map[string]int{}
		for _, p := range f.doc.Paragraphs {
			first, _, _ := strings.Cut(p.Text, "\n")
			if strings.HasPrefix(p.Text, "#") || strings.HasPrefix(p.Text, "|") || strings.Contains(p.Text, "**") {
				t.Errorf("%s: Markdown in the text of %s: %.40q", f.rel, p.ID, p.Text)
			}
			if want[strings.TrimSpace(first)] == 0 {
				continue
			}
			got[strings.TrimSpace(first)]++
			if p.Kind != policysearch.KindArticle {
				t.Errorf("%s: %s starts an article but is a %s", f.rel, p.ID, p.Kind)
			}
			for _, l := range strings.Split(p.Text, "\n")[1:] {
				if reArticleLine.MatchString(l) {
					t.Errorf("%s: %s holds another article: %.30q", f.rel, p.ID, l)
				}
			}
		}
		for l, n := range want {
			starts += min(got[l], n)
			if got[l] != n {
				t.Errorf("%s: %d paragraphs start with %.30q, want %d", f.rel, got[l], l, n)
			}
		}
	}
	if lines != 147283 {
		t.Errorf("the corpus has %d article lines, its README says 147,283", lines)
	}
	if starts != lines {
		t.Errorf("%d of %d article lines start an article paragraph", starts, lines)
	}
	if failed > 7 {
		t.Errorf("%d files failed to parse; only the 7 header-only files may", failed)
	}
}

// TestLawrefbookStructure checks the 民法典: 1,260
// articles in all, section paths 分编 › 章 › 节, and no chapter heading as a paragraph.
func TestLawrefbookStructure(t *testing.T) {
	files := lawrefbook(t)
	articles := 0
	for _, f := range files {
		if !strings.HasPrefix(f.rel, "docs/民法典/") || f.err != nil {
			continue
		}
		for _, p := range f.doc.Paragraphs {
			if p.Kind == policysearch.KindArticle {
				articles++
			}
			if p.MeasureNo == "第一千零七十七条" {
				if got := strings.Join(p.SectionPath, " › "); got != "第四章 离婚" {
					t.Errorf("第一千零七十七条 section path = %q", got)
				}
				if !strings.HasPrefix(p.Text, "第一千零七十七条 ") || strings.Contains(p.Text, "第一千零七十六条") {
					t.Errorf("第一千零七十七条 text = %.40q", p.Text)
				}
				if !strings.HasSuffix(p.ID, "-a1077") {
					t.Errorf("第一千零七十七条 id = %s", p.ID)
				}
			}
			if p.MeasureNo == "第五百零九条" {
				if got := strings.Join(p.SectionPath, " › "); got != "第一分编 通则 › 第四章 合同的履行" {
					t.Errorf("第五百零九条 section path = %q", got)
				}
			}
			if strings.HasPrefix(p.Text, "第") && (strings.Contains(p.MeasureNo, "章") || strings.Contains(p.MeasureNo, "编")) {
				t.Errorf("a heading is a paragraph: %s %.30q", p.ID, p.Text)
			}
		}
	}
	if articles != 1260 {
		t.Errorf("民法典 has %d articles, want 1,260", articles)
	}
}
