package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"policysearch"
	"policysearch/analyzers"
	"policysearch/api"
	"policysearch/index"
	"policysearch/seeds"
)

// seg is the test binary's one jieba segmenter: jieba's dictionaries take about 160 MB,
// so they are loaded once per process.
var (
	seg      *analyzers.Segmenter
	seedDocs []*policysearch.Document
)

func TestMain(m *testing.M) {
	var err error
	if seg, err = analyzers.Open(analyzers.Options{}); err != nil {
		fmt.Fprintln(os.Stderr, "jieba:", err)
		os.Exit(1)
	}
	if seedDocs, err = seeds.Documents(); err != nil {
		fmt.Fprintln(os.Stderr, "seeds:", err)
		os.Exit(1)
	}
	code := m.Run()
	if shared.dir != "" {
		shared.env.close()
		os.RemoveAll(shared.dir)
	}
	seg.Close()
	os.Exit(code)
}

// env is a server on 127.0.0.1:0 over a real on-disk index of the seeds.
type env struct {
	srv  *api.Server
	ix   *index.Index
	base string
	logs *syncBuffer
}

const testKey = "test-key-0123456789"

// newEnv starts a server with its own index, for tests that change the index or need
// their own configuration.
func newEnv(t *testing.T, cfg api.Config) *env {
	t.Helper()
	e, err := startEnv(t.TempDir(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.close)
	return e
}

func startEnv(dir string, cfg api.Config) (*env, error) {
	ix, err := index.Open(index.Options{Dir: dir, Segmenter: seg, Shards: 2})
	if err != nil {
		return nil, err
	}
	if err := ix.Index(context.Background(), seedDocs...); err != nil {
		ix.Close()
		return nil, err
	}
	cfg.Addr = "127.0.0.1:0"
	if cfg.Version == "" {
		cfg.Version = "test"
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv := api.NewServer(cfg, api.Services{Searcher: ix, Indexer: ix, Analyst: ix, Precedents: ix, Citer: ix}, log)
	if err := srv.Open(); err != nil {
		ix.Close()
		return nil, err
	}
	return &env{srv: srv, ix: ix, base: "http://" + srv.Addr(), logs: logs}, nil
}

func (e *env) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	e.srv.Close(ctx)
	e.ix.Close()
}

// shared is one read-only server for the tests that only read, started on first use.
var shared struct {
	once sync.Once
	env  *env
	dir  string
	err  error
}

func readEnv(t *testing.T) *env {
	t.Helper()
	shared.once.Do(func() {
		if shared.dir, shared.err = os.MkdirTemp("", "api-test-"); shared.err != nil {
			return
		}
		shared.env, shared.err = startEnv(shared.dir, api.Config{})
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	return shared.env
}

// client does not follow redirects, so tests see them.
var client = &http.Client{
	Timeout:       30 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// request sends one request. target is a path with its query, sent as written (only
// what url.Parse requires is escaped), so tests can send malformed input.
func (e *env) request(t *testing.T, method, target string, body io.Reader, header http.Header) *response {
	t.Helper()
	req, err := http.NewRequest(method, e.base+target, body)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	res, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, target, err)
	}
	return &response{status: res.StatusCode, header: res.Header, body: b}
}

func (e *env) get(t *testing.T, target string) *response {
	t.Helper()
	return e.request(t, http.MethodGet, target, nil, nil)
}

// getJSON fetches target, expects 200 and decodes the body into v.
func (e *env) getJSON(t *testing.T, target string, v any) {
	t.Helper()
	r := e.get(t, target)
	if r.status != http.StatusOK {
		t.Fatalf("GET %s: status %d, body %s", target, r.status, r.body)
	}
	r.decode(t, v)
}

func (r *response) decode(t *testing.T, v any) {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(r.body))
	dec.DisallowUnknownFields() // the body has exactly the documented fields
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decoding %s: %v", clipBody(r.body), err)
	}
}

// apiError checks that the response is an error in the one shape, with nothing else
// in the body, and returns it.
func (r *response) apiError(t *testing.T) api.ErrorBody {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("error content type %q, body %s", ct, clipBody(r.body))
	}
	var er api.ErrorResponse
	r.decode(t, &er)
	if er.Error.Code == "" || er.Error.Message == "" {
		t.Errorf("error without code or message: %s", r.body)
	}
	if api.StatusOf(er.Error.Code) != r.status {
		t.Errorf("status %d for code %s, the table says %d", r.status, er.Error.Code, api.StatusOf(er.Error.Code))
	}
	return er.Error
}

func clipBody(b []byte) string {
	if len(b) > 300 {
		return string(b[:300]) + "…"
	}
	return string(b)
}

func (e *env) stats(t *testing.T) policysearch.IndexStats {
	t.Helper()
	st, err := e.ix.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func bearer(key string) http.Header {
	return http.Header{"Authorization": {"Bearer " + key}}
}

// part is one part of a multipart body.
type part struct {
	name, filename, contentType string
	data                        []byte
}

func fileField(filename string, data []byte) part {
	return part{name: "file", filename: filename, data: data}
}

func field(name, value string) part { return part{name: name, data: []byte(value)} }

// multipartBody encodes parts and returns the body and its content type.
func multipartBody(parts ...part) (*bytes.Buffer, string) {
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		cd := fmt.Sprintf(`form-data; name=%q`, p.name)
		if p.filename != "" {
			cd += fmt.Sprintf(`; filename=%q`, p.filename)
		}
		h.Set("Content-Disposition", cd)
		if p.contentType != "" {
			h.Set("Content-Type", p.contentType)
		} else if p.filename != "" {
			h.Set("Content-Type", "application/octet-stream")
		}
		pw, _ := w.CreatePart(h)
		pw.Write(p.data)
	}
	w.Close()
	return &buf, w.FormDataContentType()
}

// upload posts a multipart form to /api/v1/documents with the test key.
func (e *env) upload(t *testing.T, parts ...part) *response {
	t.Helper()
	body, ct := multipartBody(parts...)
	h := bearer(testKey)
	h.Set("Content-Type", ct)
	return e.request(t, http.MethodPost, "/api/v1/documents", body, h)
}

func (e *env) search(t *testing.T, query string) policysearch.SearchResult {
	t.Helper()
	var res policysearch.SearchResult
	e.getJSON(t, "/api/v1/search?"+query, &res)
	return res
}

// syncBuffer collects log output from the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// records are the log lines with the given message.
func (b *syncBuffer) records(t *testing.T, msg string) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		if rec["msg"] == msg {
			out = append(out, rec)
		}
	}
	return out
}

// readOnly hands every reading service of ix to a server, and no Indexer.
func readOnly(ix *index.Index) api.Services {
	return api.Services{Searcher: ix, Analyst: ix, Precedents: ix, Citer: ix}
}
