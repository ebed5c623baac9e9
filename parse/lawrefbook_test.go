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

// TestLawrefbookStructure checks the 民法典: eight books with their own titles, 1,260
// articles in all, section paths 分编 › 章 › 节, and no chapter heading as a paragraph.
func TestLawrefbookStructure(t *testing.T) {
	files := lawrefbook(t)
	titles := map[string]bool{}
	articles := 0
	for _, f := range files {
		if !strings.HasPrefix(f.rel, "docs/民法典/") || f.err != nil {
			continue
		}
		titles[f.doc.Title] = true
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
	if len(titles) != 8 || !titles["中华人民共和国民法典·合同编"] {
		t.Errorf("民法典 book titles = %v", titles)
	}
	if articles != 1260 {
		t.Errorf("民法典 has %d articles, want 1,260", articles)
	}
}

// TestLawrefbookMetadata checks what the collection's metadata.jsonl and the texts say
// together: city regulations filed under their province get the city from their
// issuer, joint issuers are split, statuses and dates come from metadata and text.
func TestLawrefbookMetadata(t *testing.T) {
	files := lawrefbook(t)
	var cities, joint, amended, effective, published int
	for _, f := range files {
		if f.err != nil {
			continue
		}
		d := f.doc
		if f.meta != nil && len(f.meta.Issuers) > 0 && strings.HasSuffix(f.meta.Issuers[0], "市人民代表大会常务委员会") && !strings.HasPrefix(f.meta.Issuers[0], f.meta.Region) {
			// A city's standing committee under a province's folder.
			cities++
			if d.Level != policysearch.LevelCity || !strings.HasPrefix(d.Region, f.meta.Region) {
				t.Errorf("%s: issuer %s, region %s level %s; want a city of %s", f.rel, d.Issuers[0], d.Region, d.Level, f.meta.Region)
			}
		}
		if strings.Contains(f.rel, "杭州市") && strings.HasSuffix(d.Title, "条例") && strings.HasPrefix(d.Title, "杭州市") && d.Region != "浙江省杭州市" {
			t.Errorf("%s: region %s", f.rel, d.Region)
		}
		for _, is := range d.Issuers {
			if strings.ContainsAny(is, "、 ") {
				t.Errorf("%s: joint issuer not split: %q", f.rel, is)
			}
		}
		if contains(d.Issuers, "最高人民法院") && contains(d.Issuers, "最高人民检察院") {
			joint++
		}
		if f.meta != nil && f.meta.Status == policysearch.StatusAmended {
			amended++
			if d.Status != policysearch.StatusAmended {
				t.Errorf("%s: superseded in metadata, status %q", f.rel, d.Status)
			}
		}
		if d.Status == "" && len(d.Paragraphs) > 0 && d.Paragraphs[len(d.Paragraphs)-1].Kind == policysearch.KindArticle {
			t.Errorf("%s: a law without a status", f.rel)
		}
		if d.Effective != "" {
			effective++
		}
		if d.Published != "" {
			published++
		}
		switch f.rel {
		case "docs/地方性法规-浙江/杭州市良渚遗址保护管理条例(2013-12-09).md":
			// "2013年11月22日 …批准2013年12月9日杭州市…公布": two events on one line.
			if d.Published != "2013-12-09" {
				t.Errorf("%s: published %s, want 2013-12-09", f.rel, d.Published)
			}
		case "docs/地方性法规-浙江/杭州市企业工资集体协商条例(2014-04-11).md":
			// No issuer in the metadata; the text says only 市…常务委员会.
			if d.Region != "浙江省杭州市" || len(d.Issuers) != 1 || d.Issuers[0] != "杭州市人民代表大会常务委员会" {
				t.Errorf("%s: region %s issuers %v", f.rel, d.Region, d.Issuers)
			}
			if d.Published != "2014-04-11" || d.Effective != "2014-05-01" || d.Date != "2014-04-11" {
				t.Errorf("%s: date %s published %s effective %s", f.rel, d.Date, d.Published, d.Effective)
			}
		}
		if f.rel == "docs/民法典/附则.md" && (!contains(d.Repeals, "中华人民共和国婚姻法") || d.Effective != "2021-01-01") {
			t.Errorf("民法典 附则: repeals %v, effective %s", d.Repeals, d.Effective)
		}
		if strings.HasPrefix(d.Title, "中华人民共和国刑法修正案") && d.Amends != "中华人民共和国刑法" {
			t.Errorf("%s amends %q", d.Title, d.Amends)
		}
	}
	if cities < 500 {
		t.Errorf("only %d city regulations filed under a province; the corpus has more than 500", cities)
	}
	if joint < 71 {
		t.Errorf("%d documents of both 最高人民法院 and 最高人民检察院, want at least the 71 joint ones", joint)
	}
	if amended != 108 {
		t.Errorf("%d superseded documents, the README says 108", amended)
	}
	if effective < 1730 || published < 600 {
		t.Errorf("%d documents with an effective date (metadata has 1,730), %d with a publication date", effective, published)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// TestLawrefbookIDs checks that every law gets a readable id from its title and date,
// valid in a URL, and that only copies of one text share one.
func TestLawrefbookIDs(t *testing.T) {
	files := lawrefbook(t)
	byID := map[string][]*lawFile{}
	for _, f := range files {
		if f.err != nil {
			continue
		}
		id := f.doc.ID
		if !parse.ValidID(id) || strings.HasPrefix(id, "doc-") {
			t.Errorf("%s: id %q", f.rel, id)
		}
		byID[id] = append(byID[id], f)
		if f.rel == "docs/民法典/合同编.md" && id != "民法典-合同编-2021-01-01" {
			t.Errorf("%s: id %q, want 民法典-合同编-2021-01-01", f.rel, id)
		}
	}
	for id, fs := range byID {
		for _, f := range fs[1:] {
			if bodyOf(f.doc) != bodyOf(fs[0].doc) {
				t.Errorf("%s and %s share the id %s and are not copies", fs[0].rel, f.rel, id)
			}
		}
	}
}

func bodyOf(d *policysearch.Document) string {
	var b strings.Builder
	for _, p := range d.Paragraphs {
		b.WriteString(p.Text)
		b.WriteByte('\n')
	}
	return b.String()
}
