package api_test

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"testing"

	"policysearch"
	"policysearch/api"
	"policysearch/index"
)

// gated is the index with a Trends that waits for the test to let it go, so that a
// test can hold expensive requests running.
type gated struct {
	*index.Index
	entered chan struct{}
	gate    chan struct{}
}

func (g gated) Trends(ctx context.Context, req *policysearch.TrendsRequest) (*policysearch.Trends, error) {
	g.entered <- struct{}{}
	<-g.gate
	return g.Index.Trends(ctx, req)
}

// With the expensive pool full, another expensive request is refused at once with 429
// and Retry-After, while searches and health checks are answered as usual; once a slot
// is free, expensive requests run again.
func TestExpensiveRequestsAreBounded(t *testing.T) {
	base := newEnv(t, api.Config{})
	g := gated{Index: base.ix, entered: make(chan struct{}, 4), gate: make(chan struct{})}
	srv := api.NewServer(api.Config{Addr: "127.0.0.1:0", MaxExpensive: 2}, api.Services{Searcher: g, Analyst: g, Precedents: g, Citer: g}, slog.New(slog.DiscardHandler))
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close(context.Background()) })
	e := &env{srv: srv, ix: base.ix, base: "http://" + srv.Addr(), logs: base.logs}

	var wg sync.WaitGroup
	statuses := make(chan int, 2)
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := http.Get(e.base + "/api/v1/stats?q=%22%E4%BA%A7%E6%95%99%E8%9E%8D%E5%90%88%22")
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			statuses <- resp.StatusCode
		}()
	}
	<-g.entered
	<-g.entered
	for _, target := range []string{"/api/v1/stats?q=a", "/api/v1/kwic?q=%22a%22", "/api/v1/export?q=a"} {
		r := e.get(t, target)
		if r.status != http.StatusTooManyRequests || r.header.Get("Retry-After") == "" || r.apiError(t).Code != policysearch.ETOOMANY {
			t.Errorf("%s with the pool full: %d %q %s", target, r.status, r.header.Get("Retry-After"), r.body)
		}
	}
	for _, target := range []string{"/api/v1/search?q=%22%E4%BA%A7%E6%95%99%E8%9E%8D%E5%90%88%22", "/healthz", "/api/v1/documents"} {
		if r := e.get(t, target); r.status != http.StatusOK {
			t.Errorf("%s with the pool full: %d %s", target, r.status, r.body)
		}
	}
	close(g.gate)
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusOK {
			t.Errorf("an admitted request answered %d", s)
		}
	}
	go func() { <-g.entered }()
	if r := e.get(t, "/api/v1/stats?q=a"); r.status != http.StatusOK {
		t.Errorf("after the pool emptied: %d %s", r.status, r.body)
	}
}
