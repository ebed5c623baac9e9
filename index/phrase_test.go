package index_test

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"policysearch"
	"policysearch/index"
	"policysearch/parse"
	"policysearch/seeds"
)

func readPhrases(t testing.TB) []string {
	f, err := os.Open("testdata/phrases.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// literal is the ground truth: the ids of paragraphs whose normalised text contains the
// normalised phrase, or one of whose headings does, or, for a document's first
// paragraph, whose document title does; found by scanning every paragraph.
func literal(docs []*policysearch.Document, phrase string) []string {
	p := policysearch.Normalize(phrase)
	has := func(s string) bool { return strings.Contains(policysearch.Normalize(s), p) }
	var ids []string
	for _, d := range docs {
		for i, para := range d.Paragraphs {
			found := has(para.Text) || (i == 0 && has(d.Title))
			for _, h := range para.SectionPath {
				found = found || has(h)
			}
			if found {
				ids = append(ids, para.ID)
			}
		}
	}
	sort.Strings(ids)
	return ids
}

// allHits pages through a search and returns every hit id.
func allHits(t testing.TB, ix *index.Index, q string) []string {
	t.Helper()
	var ids []string
	for page := 1; ; page++ {
		res, err := ix.Search(context.Background(), &policysearch.SearchRequest{Query: q, Page: page, Size: policysearch.MaxPageSize, NoFacets: true})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(ids) >= res.Total || len(res.Hits) == 0 {
			if len(ids) != res.Total {
				t.Errorf("%s: total %d but %d hits listed", q, res.Total, len(ids))
			}
			break
		}
	}
	sort.Strings(ids)
	return ids
}

func comparePhrase(t *testing.T, ix *index.Index, docs []*policysearch.Document, phrase string) (want int) {
	t.Helper()
	w := literal(docs, phrase)
	got := allHits(t, ix, `"`+phrase+`"`)
	if strings.Join(got, ",") != strings.Join(w, ",") {
		missed, extra := diffSets(w, got)
		t.Errorf("phrase %q: %d hits, literal scan %d; missed %v, extra %v", phrase, len(got), len(w), head(missed), head(extra))
	}
	return len(w)
}

// TestPhraseRecallSeeds checks exact phrases against a literal scan on the seeds:
// recall and precision must both be 100%.
func TestPhraseRecallSeeds(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	phrases := readPhrases(t)
	if len(phrases) < 50 {
		t.Fatalf("only %d phrases", len(phrases))
	}
	nonEmpty := 0
	for _, p := range phrases {
		if comparePhrase(t, ix, docs, p) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < 40 {
		t.Errorf("only %d of %d phrases occur in the seeds; the test would prove little", nonEmpty, len(phrases))
	}
}

// TestPhraseRecallLawrefbook runs the same check on the 3,422 laws of
// ../shared/corpus/lawrefbook, with the harness's phrases and ours.
func TestPhraseRecallLawrefbook(t *testing.T) {
	root := lawrefbookRoot(t)
	ix, docs := lawrefbookIndex(t, root)
	phrases := []string{"人民政府", "法律责任", "行政处罚", "个人信息", "未成年人", "生态环境", "职业教育", "食品安全",
		"知识产权", "不动产登记", "生产经营单位", "听证", "罚款", "X射线", "IP地址", "12345", "A级",
		"校企合作", "产教融合", "县级以上地方人民政府", "第一条", "（一）", "由有关主管部门责令改正", "5年", "GB", "二〇"}
	for _, p := range phrases {
		comparePhrase(t, ix, docs, p)
	}
}

// lawrefbookRoot is ../shared/corpus/lawrefbook, for the tests that index it; they
// skip without it (and in -short mode), but not in CI.
func lawrefbookRoot(t *testing.T) string {
	t.Helper()
	root := filepath.Join(sharedCorpus(t), "lawrefbook")
	if testing.Short() {
		t.Skip("skipping the lawrefbook corpus in -short mode")
	}
	return root
}

var lawrefbookOnce struct {
	sync.Once
	ix   *index.Index
	docs []*policysearch.Document
	err  error
}

// lawrefbookIndex indexes the corpus once for the tests that search it; the index
// lives until the test binary exits. The seeds come first and the policies corpus
// (beside lawrefbook) last: the plans' citations of laws indexed after them must find
// the laws when they arrive, and the policies cite both.
func lawrefbookIndex(t *testing.T, root string) (*index.Index, []*policysearch.Document) {
	t.Helper()
	o := &lawrefbookOnce
	o.Do(func() {
		if o.docs, o.err = seeds.Documents(); o.err != nil {
			return
		}
		o.docs = append(o.docs, loadLawrefbook(t, root)...)
		o.docs = append(o.docs, loadPolicies(t, filepath.Join(filepath.Dir(root), "policies", "docs"))...)
		if o.ix, o.err = index.Open(index.Options{Segmenter: seg}); o.err != nil {
			return
		}
		for i := 0; i < len(o.docs) && o.err == nil; i += 200 {
			o.err = o.ix.Index(context.Background(), o.docs[i:min(i+200, len(o.docs))]...)
		}
	})
	if o.err != nil {
		t.Fatal(o.err)
	}
	return o.ix, o.docs
}

func loadLawrefbook(t testing.TB, root string) []*policysearch.Document {
	t.Helper()
	mf, err := os.Open(filepath.Join(root, "metadata.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	metas, err := parse.ReadMetadataJSONL(mf)
	mf.Close()
	if err != nil {
		t.Fatal(err)
	}
	var docs []*policysearch.Document
	seen := map[string]bool{}
	err = filepath.Walk(filepath.Join(root, "docs"), func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		d, err := parse.Parse(rel, data, metas[filepath.ToSlash(rel)])
		if err != nil {
			return nil // header-only files have no text
		}
		if seen[d.ID] {
			return nil // a copy of a law filed twice: ingest skips it too
		}
		seen[d.ID] = true
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// loadPolicies parses the policies corpus; files the parser cannot read are left out,
// as ingest would report and skip them.
func loadPolicies(t testing.TB, dir string) []*policysearch.Document {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var docs []*policysearch.Document
	for _, e := range ents {
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if d, err := parse.Parse(e.Name(), data, nil); err == nil {
			docs = append(docs, d)
		}
	}
	return docs
}

func diffSets(want, got []string) (missed, extra []string) {
	w, g := map[string]bool{}, map[string]bool{}
	for _, x := range want {
		w[x] = true
	}
	for _, x := range got {
		g[x] = true
		if !w[x] {
			extra = append(extra, x)
		}
	}
	for _, x := range want {
		if !g[x] {
			missed = append(missed, x)
		}
	}
	return missed, extra
}

func head(s []string) []string {
	if len(s) > 5 {
		return s[:5]
	}
	return s
}
