package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
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
	out, _, err := run(t, "inspect", "--json", "../../seeds/000_1ceb5b5da97b742f.txt")
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

// TestInspectSummary: by default inspect says what a person checks: the metadata, the
// outline with the paragraphs under each heading, and what is missing; a folder is
// read as index reads it, with its sidecars.
func TestInspectSummary(t *testing.T) {
	out, _, err := run(t, "inspect", "../../seeds/000_1ceb5b5da97b742f.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"title       南昌市人民政府关于推进职业教育综合改革提质创优的实施方案", "region      江西省南昌市", "paragraphs  34 (measure 26",
		"  二、主要措施  21\n    （一）着力构建区域现代职业教育体系  7"} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "warnings") || strings.Count(out, "\n") > 40 {
		t.Errorf("a complete document gets warnings or a long summary:\n%s", out)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "undated.txt"), []byte("关于做好某项工作的通知\n各单位：\n现将有关事项通知如下。\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.pdf"), []byte("%PDF"), 0o644)
	out, _, err = run(t, "inspect", dir, "testdata/corpus/实施方案.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"undated.txt", "warnings\n  - no date", "skipped: not a .txt", "山东省济南市 3701  (sidecar)", "3 files: 2 documents (1 with warnings), 1 skipped"} {
		if !strings.Contains(out, want) {
			t.Errorf("the folder's summary lacks %q:\n%s", want, out)
		}
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
	insp, _, err := run(t, "inspect", "--json", "testdata/corpus/sub/条例.md")
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

// TestSearchDay: the researcher's commands: documents instead of paragraphs, several
// regions, a search within results, titles only, a region nobody has, and KWIC lines
// that name their source in full.
func TestSearchDay(t *testing.T) {
	out, _, err := run(t, "search", "实训基地", "--by-doc", "--sort", "matches", "--region", "江西,重庆")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "2 documents with 9 hits") || !strings.Contains(out, "1. 南昌市人民政府关于推进职业教育综合改革提质创优的实施方案") ||
		!strings.Contains(out, "5 matching paragraphs") || !strings.Contains(out, "region: 全国 1 · 吉林省吉林市 1 · 江西省南昌市 1 · 重庆市綦江区 1") {
		t.Errorf("search --by-doc:\n%s", out)
	}
	out, _, err = run(t, "search", "职业教育", "--within", `"实训基地"`, "--scope", "all", "--size", "1")
	if err != nil || !strings.Contains(out, "【实训基地】") {
		t.Errorf("search --within: %v\n%s", err, out)
	}
	out, _, err = run(t, "search", "行动计划", "--scope", "title", "--by-doc")
	if err != nil || !strings.HasPrefix(out, "2 documents") || !strings.Contains(out, "行动计划") {
		t.Errorf("search --scope title: %v\n%s", err, out)
	}
	out, _, err = run(t, "search", "实训基地", "region:火星")
	if err != nil || !strings.HasPrefix(out, `no document has region "火星"; known values closest to it: `) {
		t.Errorf("region 火星: %v\n%s", err, out)
	}
	out, _, err = run(t, "kwic", `"双师型"`, "--width", "5", "--limit", "50")
	if err != nil || !strings.Contains(out, "职业教育提质培优行动计划（2020—2023年）  19. 提升教师“双师”素质  2020-09-16  moe-2020-tzpy-m19") {
		t.Errorf("kwic source: %v\n%s", err, out)
	}
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
