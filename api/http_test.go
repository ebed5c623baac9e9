package api_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"policysearch"
	"policysearch/api"
)

const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

var webFiles = fstest.MapFS{
	"index.html":    {Data: []byte("<!doctype html><title>policysearch</title><script src=/app.js></script>")},
	"app.js":        {Data: []byte("console.log('hi')")},
	"css/style.css": {Data: []byte("body{}")},
}

func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t, api.Config{Web: webFiles})
	const dataCSP = "default-src 'none'; frame-ancestors 'none'"
	for target, csp := range map[string]string{
		"/api/v1/search?q=a": dataCSP,
		"/api/v1/search":     dataCSP, // an error
		"/api/v1/nothing":    dataCSP,
		"/healthz":           dataCSP,
		"/metrics":           dataCSP,
		"/":                  pageCSP,
		"/app.js":            pageCSP,
		"/search/x":          pageCSP,
		"/missing.png":       pageCSP,
	} {
		r := e.get(t, target)
		for k, want := range map[string]string{
			"X-Content-Type-Options":  "nosniff",
			"Referrer-Policy":         "no-referrer",
			"X-Frame-Options":         "DENY",
			"Content-Security-Policy": csp,
		} {
			if got := r.header.Get(k); got != want {
				t.Errorf("%s: %s is %q, want %q", target, k, got, want)
			}
		}
		if r.header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s: CORS header without CORS configured", target)
		}
		if r.header.Get("X-Request-ID") == "" {
			t.Errorf("%s: no request id", target)
		}
	}
}

func TestCORS(t *testing.T) {
	const allowed, other = "https://policy.example.org", "https://evil.example.com"
	off := newEnv(t, api.Config{})
	r := off.request(t, http.MethodGet, "/api/v1/search?q=a", nil, http.Header{"Origin": {allowed}})
	if len(r.header.Values("Access-Control-Allow-Origin")) != 0 || r.header.Get("Vary") != "" {
		t.Errorf("CORS off: headers %v", r.header)
	}

	on := newEnv(t, api.Config{CORSOrigins: []string{allowed}})
	r = on.request(t, http.MethodGet, "/api/v1/search?q=a", nil, http.Header{"Origin": {allowed}})
	if got := r.header.Get("Access-Control-Allow-Origin"); got != allowed {
		t.Errorf("allowed origin: ACAO %q", got)
	}
	if !strings.Contains(r.header.Get("Vary"), "Origin") {
		t.Errorf("no Vary: Origin")
	}
	r = on.request(t, http.MethodGet, "/api/v1/search?q=a", nil, http.Header{"Origin": {other}})
	if got := r.header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("other origin: ACAO %q", got)
	}
	pre := http.Header{"Origin": {allowed}, "Access-Control-Request-Method": {"DELETE"}, "Access-Control-Request-Headers": {"authorization"}}
	r = on.request(t, http.MethodOptions, "/api/v1/documents/x", nil, pre)
	if r.status != http.StatusNoContent || r.header.Get("Access-Control-Allow-Origin") != allowed ||
		!strings.Contains(r.header.Get("Access-Control-Allow-Methods"), "DELETE") ||
		!strings.Contains(r.header.Get("Access-Control-Allow-Headers"), "Authorization") {
		t.Errorf("preflight: %d %v", r.status, r.header)
	}
	pre.Set("Origin", other)
	r = on.request(t, http.MethodOptions, "/api/v1/documents/x", nil, pre)
	if r.status < 400 || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: %d %v", r.status, r.header)
	}
}

func TestWebPage(t *testing.T) {
	e := newEnv(t, api.Config{Web: webFiles})
	for _, tc := range []struct {
		target, ctype, body string
		status              int
	}{
		{"/", "text/html", "<!doctype html>", 200},
		{"/app.js", "text/javascript", "console.log", 200},
		{"/css/style.css", "text/css", "body{}", 200},
		{"/search/" + url.PathEscape("产教融合"), "text/html", "<!doctype html>", 200}, // a route of the page
		{"/documents/moe-2020-tzpy", "text/html", "<!doctype html>", 200},
		{"/p/plan.v2-m1", "text/html", "<!doctype html>", 200}, // a paragraph id with a dot
		{"/d/plan.v2", "text/html", "<!doctype html>", 200},
		{"/compare/moe-2020-tzpy/plan.v2", "text/html", "<!doctype html>", 200},
		{"/css", "text/html", "<!doctype html>", 200},                      // a folder without index.html
		{"/missing.png", "application/json", `"code":"not_found"`, 404},    // a file that is not there
		{"/api/v1/nothing", "application/json", `"code":"not_found"`, 404}, // never the page
		{"/api", "application/json", `"code":"not_found"`, 404},            // never the page
		{"/index.html", "", "", http.StatusMovedPermanently},               // net/http's canonical /
		{"/%2e%2e/%2e%2e/etc/passwd", "application/json", `"code":"invalid"`, 400},
		// A backslash is a separator to net/http's file server, which answered this in
		// plain text before the page's own check saw it.
		{"/static/..%5c..%5cetc/passwd", "application/json", `"code":"invalid"`, 400},
		{"/css/..\\app.js", "application/json", `"code":"invalid"`, 400},
	} {
		r := e.get(t, tc.target)
		if r.status != tc.status || !strings.HasPrefix(r.header.Get("Content-Type"), tc.ctype) || !strings.Contains(string(r.body), tc.body) {
			t.Errorf("%s: %d %q %s; want %d %q %q", tc.target, r.status, r.header.Get("Content-Type"), clipBody(r.body), tc.status, tc.ctype, tc.body)
		}
	}
	if r := e.request(t, http.MethodPost, "/", nil, nil); r.status != http.StatusMethodNotAllowed || r.apiError(t).Code != api.EMETHODNOTALLOWED {
		t.Errorf("POST /: %d %s", r.status, r.body)
	}
}

func TestMetrics(t *testing.T) {
	e := newEnv(t, api.Config{})
	res := e.search(t, "q="+url.QueryEscape("产教融合"))
	id := res.Hits[0].ID
	for range 3 {
		e.get(t, "/api/v1/paragraphs/"+id)
	}
	e.get(t, "/api/v1/paragraphs/no-such-paragraph")
	e.get(t, "/api/v1/no/such/route/"+id)
	r := e.get(t, "/metrics")
	if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		t.Fatalf("metrics: %d %s", r.status, r.header.Get("Content-Type"))
	}
	m := string(r.body)
	st := e.stats(t)
	for _, want := range []string{
		`policysearch_http_requests_total{code="200",method="GET",route="/api/v1/paragraphs/:id"} 3`,
		`policysearch_http_requests_total{code="404",method="GET",route="/api/v1/paragraphs/:id"} 1`,
		`policysearch_http_requests_total{code="200",method="GET",route="/api/v1/search"} 1`,
		`policysearch_http_requests_total{code="404",method="GET",route="unmatched"} 1`,
		`policysearch_http_request_duration_seconds_bucket{code="200",method="GET",route="/api/v1/paragraphs/:id",le="+Inf"} 3`,
		fmt.Sprintf("policysearch_index_documents %d", st.Documents),
		fmt.Sprintf("policysearch_index_paragraphs %d", st.Paragraphs),
		"go_goroutines",
	} {
		if !strings.Contains(m, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(m, id) {
		t.Errorf("metrics hold a raw path: %s", id)
	}
}

func TestRequestLog(t *testing.T) {
	e := newEnv(t, api.Config{APIKey: testKey})
	e.request(t, http.MethodDelete, "/api/v1/documents/no-such-doc", nil, bearer(testKey))
	e.request(t, http.MethodDelete, "/api/v1/documents/no-such-doc", nil, bearer("wrong-"+testKey))
	e.get(t, "/api/v1/search?q="+url.QueryEscape("产教融合"))
	// The middleware logs after the response is written, so the client can read the
	// answer before the record exists: wait for it, within a bound.
	recs := e.logs.records(t, "request")
	for deadline := time.Now().Add(2 * time.Second); len(recs) < 3 && time.Now().Before(deadline); {
		time.Sleep(10 * time.Millisecond)
		recs = e.logs.records(t, "request")
	}
	if len(recs) != 3 {
		t.Fatalf("%d request records:\n%s", len(recs), e.logs.String())
	}
	want := []struct {
		method, route string
		status        float64
		code          string
	}{
		{"DELETE", "/api/v1/documents/:id", 404, "not_found"},
		{"DELETE", "/api/v1/documents/:id", 401, "unauthorized"},
		{"GET", "/api/v1/search", 200, ""},
	}
	for i, rec := range recs {
		w := want[i]
		if rec["method"] != w.method || rec["route"] != w.route || rec["status"] != w.status {
			t.Errorf("record %d: %v", i, rec)
		}
		if code, _ := rec["code"].(string); code != w.code {
			t.Errorf("record %d: code %q, want %q", i, code, w.code)
		}
		for _, k := range []string{"duration_ms", "bytes", "request_id", "client", "path"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("record %d lacks %s", i, k)
			}
		}
		if rec["bytes"].(float64) <= 0 {
			t.Errorf("record %d: %v bytes", i, rec["bytes"])
		}
	}
	if logs := e.logs.String(); strings.Contains(logs, testKey) || strings.Contains(logs, "产教融合") {
		t.Errorf("the log holds the key or the query:\n%s", logs)
	}
}

// faulty is a Searcher whose Search fails or panics, for the paths real indexes
// rarely take.
type faulty struct {
	policysearch.Searcher
	fail func() error
}

func (f faulty) Search(ctx context.Context, req *policysearch.SearchRequest) (*policysearch.SearchResult, error) {
	return nil, f.fail()
}

func (f faulty) Stats(ctx context.Context) (policysearch.IndexStats, error) {
	return policysearch.IndexStats{}, nil
}

func TestInternalErrorsAreHidden(t *testing.T) {
	for _, tc := range []struct {
		name   string
		fail   func() error
		status int
		code   string
		logged string
	}{
		{"plain error", func() error { return errors.New("open /var/lib/policysearch/shard-0: permission denied") }, 500, "internal", "permission denied"},
		{"wrapped internal", func() error {
			return policysearch.WrapError(policysearch.EINTERNAL, errors.New("segment /data/x.zap corrupt"), "search failed")
		}, 500, "internal", "x.zap corrupt"},
		{"unknown code", func() error { return policysearch.Errorf("weird", "/etc/secret") }, 500, "internal", "/etc/secret"},
		{"panic", func() error { panic("index out of range in /src/index/search.go") }, 500, "internal", "search.go"},
		{"cancelled", func() error { return fmt.Errorf("search: %w", context.Canceled) }, 503, "unavailable", ""},
		{"coded", func() error { return policysearch.Errorf(policysearch.ECONFLICT, "the index is being rebuilt") }, 409, "conflict", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var logs syncBuffer
			srv := api.NewServer(api.Config{}, api.Services{Searcher: faulty{fail: tc.fail}}, slog.New(slog.NewJSONHandler(&logs, nil)))
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/search?q=a", nil))
			r := &response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
			if r.status != tc.status {
				t.Fatalf("status %d, want %d: %s", r.status, tc.status, r.body)
			}
			got := r.apiError(t)
			if got.Code != tc.code {
				t.Errorf("code %s", got.Code)
			}
			if tc.logged == "" {
				return
			}
			id := r.header.Get("X-Request-ID")
			if !strings.Contains(got.Message, id) || strings.Contains(got.Message, "/") || strings.Contains(got.Message, tc.logged) {
				t.Errorf("message %q: the client sees details, or no request id %s", got.Message, id)
			}
			errs := logs.records(t, "internal error")
			if len(errs) != 1 || errs[0]["request_id"] != id || !strings.Contains(errs[0]["err"].(string), tc.logged) {
				t.Errorf("the log lacks the details:\n%s", logs.String())
			}
			if reqs := logs.records(t, "request"); len(reqs) != 1 || reqs[0]["status"] != 500.0 || reqs[0]["level"] != "ERROR" {
				t.Errorf("request log: %v", reqs)
			}
		})
	}
}

func TestOpenClose(t *testing.T) {
	e := newEnv(t, api.Config{})
	if strings.HasSuffix(e.srv.Addr(), ":0") {
		t.Fatalf("Addr after Open is %s", e.srv.Addr())
	}
	if err := e.srv.Open(); err == nil {
		t.Errorf("a second Open succeeded")
	}
	if err := e.srv.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	// Closed: health says so to whoever still reaches the handler.
	rec := httptest.NewRecorder()
	e.srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusServiceUnavailable || !bytes.Contains(rec.Body.Bytes(), []byte(`"unavailable"`)) {
		t.Errorf("healthz after Close: %d %s", rec.Code, rec.Body)
	}
	if _, err := http.Get(e.base + "/healthz"); err == nil {
		t.Errorf("the listener is still open")
	}
	bad := api.NewServer(api.Config{Addr: "127.0.0.1:0", TrustedProxies: []string{"not-an-ip"}}, api.Services{Searcher: e.ix}, nil)
	if err := bad.Open(); err == nil {
		bad.Close(context.Background())
		t.Errorf("Open accepted a bad trusted proxy")
	}
}
