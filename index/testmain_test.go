package index_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"policysearch"
	"policysearch/analyzers"
	"policysearch/index"
	"policysearch/seeds"
)

// seg is the test binary's one jieba segmenter; jieba is loaded once per process.
var seg *analyzers.Segmenter

func TestMain(m *testing.M) {
	var err error
	seg, err = analyzers.Open(analyzers.Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, "jieba:", err)
		os.Exit(1)
	}
	code := m.Run()
	seg.Close()
	os.Exit(code)
}

// seedIndex opens an in-memory index holding the embedded seeds.
func seedIndex(t testing.TB, opts index.Options) *index.Index {
	t.Helper()
	opts.Segmenter = seg
	ix, err := index.Open(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Index(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	return ix
}

// kwicReq and trendsReq build the analytics requests of the tests.
func kwicReq(req *policysearch.SearchRequest, width int, order string, offset, limit int) *policysearch.KWICRequest {
	return &policysearch.KWICRequest{SearchRequest: *req, Width: width, Order: order, Offset: offset, Limit: limit}
}

func trendsReq(req *policysearch.SearchRequest, by string) *policysearch.TrendsRequest {
	return &policysearch.TrendsRequest{SearchRequest: *req, By: by}
}
