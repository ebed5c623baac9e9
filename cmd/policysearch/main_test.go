package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"policysearch"
)

// run executes the program with args as a user would, returning stdout and stderr.
func run(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	m := NewMain(&out, &errb)
	if err := m.ParseFlags(context.Background(), args); err != nil {
		return out.String(), errb.String(), err
	}
	err := m.Run(context.Background())
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	return out.String(), errb.String(), err
}

func TestVersionAndHelp(t *testing.T) {
	out, _, err := run(t, "version")
	if err != nil || !strings.HasPrefix(out, "policysearch ") {
		t.Errorf("version: %q, %v", out, err)
	}
	out, _, err = run(t, "--help")
	if err != nil || !strings.Contains(out, "serve") || !strings.Contains(out, "inspect") {
		t.Errorf("help: %q, %v", out, err)
	}
	if _, _, err := run(t, "frobnicate"); err == nil {
		t.Error("an unknown command must fail")
	}
}

func TestInspect(t *testing.T) {
	out, _, err := run(t, "inspect", "../../seeds/000_1ceb5b5da97b742f.txt")
	if err != nil {
		t.Fatal(err)
	}
	var d policysearch.Document
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatal(err)
	}
	measures := 0
	for _, p := range d.Paragraphs {
		if p.Kind == policysearch.KindMeasure {
			measures++
		}
	}
	if d.Region != "江西省南昌市" || measures != 26 {
		t.Errorf("region %q, %d measures", d.Region, measures)
	}
	if _, _, err := run(t, "inspect", "testdata/corpus/sub/broken.txt"); err == nil || !strings.Contains(err.Error(), "broken.txt") {
		t.Errorf("a binary file must fail naming the file: %v", err)
	}
}

func TestSearchSeeds(t *testing.T) {
	out, _, err := run(t, "search", `"产教融合"`, "region:江西", "--size", "2")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "6 hits") || !strings.Contains(out, "【产教融合】") || !strings.Contains(out, "region:") {
		t.Errorf("unexpected output:\n%s", out)
	}
	if _, _, err := run(t, "search", "colour:red"); err == nil || !strings.Contains(err.Error(), "unknown filter field") {
		t.Errorf("bad query: %v", err)
	}
}

// TestIndexFolder indexes a folder with a sidecar, a metadata.jsonl, a README and
// unreadable files, then searches the saved index from a new process state.
func TestIndexFolder(t *testing.T) {
	dir := t.TempDir()
	out, _, err := run(t, "index", "--data", dir, "testdata/corpus")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, want := range []string{"indexed 2 documents", "skipped 3 files", "broken.txt", "notes.pdf", "README.md"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	// index names the ids it wrote, the ids inspect gives the same files.
	insp, _, err := run(t, "inspect", "testdata/corpus/sub/条例.md")
	if err != nil {
		t.Fatal(err)
	}
	var inspected policysearch.Document
	if err := json.Unmarshal([]byte(insp), &inspected); err != nil {
		t.Fatal(err)
	}
	if inspected.Region != "山东省" {
		t.Errorf("inspect did not apply the folder's metadata.jsonl: region %q", inspected.Region)
	}
	for _, want := range []string{"wrote zhihui-2024", "wrote " + inspected.ID + " ", "某省智慧教育条例-2023-01-01"} {
		if !strings.Contains(out, want) {
			t.Errorf("index output lacks %q:\n%s", want, out)
		}
	}
	out, _, err = run(t, "search", "--data", dir, "--json", "智慧校园")
	if err != nil {
		t.Fatal(err)
	}
	var res policysearch.SearchResult
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	byDoc := map[string]policysearch.Hit{}
	for _, h := range res.Hits {
		byDoc[h.DocID] = h
	}
	if h, ok := byDoc["zhihui-2024"]; !ok || h.Region != "山东省济南市" || h.Date != "2024-05-01" {
		t.Errorf("sidecar metadata not applied: %+v", byDoc)
	}
	law := false
	for _, h := range res.Hits {
		if h.DocType == "地方性法规" && h.Region == "山东省" && h.Kind == policysearch.KindArticle {
			law = true
		}
	}
	if !law {
		t.Errorf("metadata.jsonl not applied to the law: %+v", res.Hits)
	}
}

// syncBuffer is a buffer the server's logger and the test can share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestServe starts the real server on a free port, queries it, and shuts it down as
// SIGINT would.
func TestServe(t *testing.T) {
	var logs syncBuffer
	m := NewMain(io.Discard, &logs)
	ctx, cancel := context.WithCancel(context.Background())
	if err := m.ParseFlags(ctx, []string{"serve", "--addr", "127.0.0.1:0"}); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- m.Run(ctx) }()
	re := regexp.MustCompile(`url=http://(127\.0\.0\.1:\d+)/`)
	var addr string
	for i := 0; i < 2400 && addr == ""; i++ { // a minute: a loaded CI machine is slow to start

		if m := re.FindStringSubmatch(logs.String()); m != nil {
			addr = m[1]
		}
		time.Sleep(25 * time.Millisecond)
	}
	if addr == "" {
		cancel()
		t.Fatalf("the server did not report its address:\n%s", logs.String())
	}
	resp, err := http.Get("http://" + addr + "/api/v1/search?q=%22%E4%BA%A7%E6%95%99%E8%9E%8D%E5%90%88%22")
	if err != nil {
		t.Fatal(err)
	}
	var res policysearch.SearchResult
	json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if resp.StatusCode != 200 || res.Total == 0 {
		t.Errorf("search: status %d, total %d", resp.StatusCode, res.Total)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
	if err := m.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if !strings.Contains(logs.String(), "shutting down") {
		t.Errorf("no shutdown log:\n%s", logs.String())
	}
}
