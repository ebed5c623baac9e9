package index_test

import (
	"context"
	"sort"
	"testing"

	"policysearch"
	"policysearch/cite"
)

// BenchmarkCitationsLawrefbook measures citation lookups on lawrefbook: a document's
// citations both ways (the most cited laws, whose cited-by lists run to hundreds of
// mentions, and an ordinary regulation), one document's edges, and searches filtered by
// cites: and sorted by times cited.
func BenchmarkCitationsLawrefbook(b *testing.B) {
	ix := lawBenchIndex(b)
	ctx := context.Background()
	// The three most cited documents and the median one, by the index's own counts.
	type doc struct {
		id string
		n  int
	}
	var docs []doc
	list, err := ix.Documents(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for _, d := range list {
		c, err := ix.Citations(ctx, d.ID)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc{d.ID, c.CitedByCount})
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].n > docs[j].n || docs[i].n == docs[j].n && docs[i].id < docs[j].id })
	pick := []doc{docs[0], docs[1], docs[2], docs[len(docs)/2]}
	for _, d := range pick {
		b.Run("citations/"+d.id, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := ix.Citations(ctx, d.id); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("edges/"+pick[0].id, func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if err := ix.Edges(ctx, pick[0].id, func(policysearch.Edge) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, q := range []string{"cites:" + pick[0].id, "罚款 cites:" + pick[0].id, "罚款"} {
		for _, sortBy := range []string{"", policysearch.SortCited} {
			b.Run("search/"+q+"/"+sortBy, func(b *testing.B) {
				req := policysearch.SearchRequest{Query: q, Sort: sortBy}
				for i := 0; i < b.N; i++ {
					if _, err := ix.Search(ctx, &req); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkExtractLawrefbook measures extraction alone over lawrefbook's parsed
// documents, per byte of text: the part of the build citations add outside the lock.
func BenchmarkExtractLawrefbook(b *testing.B) {
	docs := lawBenchDocs(b)
	var bytes int64
	for _, d := range docs {
		bytes += int64(len(d.Title))
		for _, p := range d.Paragraphs {
			bytes += int64(len(p.Text))
		}
	}
	b.SetBytes(bytes)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			cite.Extract(d)
		}
	}
}
