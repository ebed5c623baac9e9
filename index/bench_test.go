package index_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"policysearch"
	"policysearch/index"
	"policysearch/seeds"
)

// Query types measured on each corpus.
var benchQueries = map[string][]string{
	"seeds": {`"产教融合"`, `"双师型"`, "双师型教师", "如何推进校企合作", "实训基地 level:市", `"1+X" OR 课程思政`},
	"lawrefbook": {`"人民政府"`, `"行政处罚"`, `"A级"`, `"不动产登记"`, "人民政府 罚款", "未成年人 保护",
		"职业教育 校企合作", "如何申请行政复议", `"法律责任" region:上海`},
}

func BenchmarkIngestSeeds(b *testing.B) {
	docs, err := seeds.Documents()
	if err != nil {
		b.Fatal(err)
	}
	var bytes int64
	for _, d := range docs {
		for _, p := range d.Paragraphs {
			bytes += int64(len(p.Text))
		}
	}
	b.SetBytes(bytes)
	for i := 0; i < b.N; i++ {
		ix, err := index.Open(index.Options{Segmenter: seg})
		if err != nil {
			b.Fatal(err)
		}
		if err := ix.Index(context.Background(), docs...); err != nil {
			b.Fatal(err)
		}
		ix.Close()
	}
}

func benchSearch(b *testing.B, ix *index.Index, queries []string, facets bool) {
	benchShape(b, ix, queries, func(r *policysearch.SearchRequest) { r.NoFacets = !facets })
}

// benchShape measures each query made into a request by shape.
func benchShape(b *testing.B, ix *index.Index, queries []string, shape func(*policysearch.SearchRequest)) {
	for _, q := range queries {
		b.Run(q, func(b *testing.B) {
			req := policysearch.SearchRequest{Query: q}
			shape(&req)
			for i := 0; i < b.N; i++ {
				if _, err := ix.Search(context.Background(), &req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkSearchSeeds(b *testing.B) {
	ix := seedIndex(b, index.Options{})
	b.Run("facets", func(b *testing.B) { benchSearch(b, ix, benchQueries["seeds"], true) })
	b.Run("top10", func(b *testing.B) { benchSearch(b, ix, benchQueries["seeds"], false) })
	benchDay(b, ix, benchQueries["seeds"], []string{"江西", "重庆"})
}

// benchDay measures the researcher's shapes of a query: grouped by document (every hit
// collected), and with two values of a facet chosen (its counts taken again without it).
func benchDay(b *testing.B, ix *index.Index, queries, regions []string) {
	b.Run("by-document", func(b *testing.B) {
		benchShape(b, ix, queries, func(r *policysearch.SearchRequest) { r.Group = policysearch.GroupDocument })
	})
	b.Run("two-regions", func(b *testing.B) {
		benchShape(b, ix, queries, func(r *policysearch.SearchRequest) {
			if !strings.Contains(r.Query, "region:") { // a query's own region would conflict
				r.Filters.Region = regions
			}
		})
	})
}

var (
	lawOnce, lawDocsOnce sync.Once
	lawIx                *index.Index
	lawDocs              []*policysearch.Document
)

// BenchmarkSearchLawrefbook builds an in-memory index of ../shared/corpus/lawrefbook
// once (about 25 s) and measures each query type on it.
func BenchmarkSearchLawrefbook(b *testing.B) {
	lawIx := lawBenchIndex(b)
	b.Run("facets", func(b *testing.B) { benchSearch(b, lawIx, benchQueries["lawrefbook"], true) })
	b.Run("top10", func(b *testing.B) { benchSearch(b, lawIx, benchQueries["lawrefbook"], false) })
	benchDay(b, lawIx, benchQueries["lawrefbook"], []string{"上海", "广东"})
}

// lawBenchDocs are lawrefbook's documents, parsed once.
func lawBenchDocs(b *testing.B) []*policysearch.Document {
	root := filepath.Join("..", "..", "shared", "corpus", "lawrefbook")
	if _, err := os.Stat(root); err != nil {
		b.Skipf("skipping: %s not found", root)
	}
	lawDocsOnce.Do(func() { lawDocs = loadLawrefbook(b, root) })
	return lawDocs
}

// lawBenchIndex is the lawrefbook index the benchmarks share, built once.
func lawBenchIndex(b *testing.B) *index.Index {
	docs := lawBenchDocs(b)
	lawOnce.Do(func() {
		ix, err := index.Open(index.Options{Segmenter: seg})
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(docs); i += 200 {
			if err := ix.Index(context.Background(), docs[i:min(i+200, len(docs))]...); err != nil {
				b.Fatal(err)
			}
		}
		lawIx = ix
	})
	return lawIx
}
