package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"policysearch"
	"policysearch/analyzers"
	"policysearch/index"
)

// program runs this test binary as the real program, with a deadline: a command that
// hangs fails the test instead of the test run.
func program(t *testing.T, limit time.Duration, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "POLICYSEARCH_AS_MAIN=1")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%v did not finish within %v:\n%s", args, limit, errb.String())
	}
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// startServer starts "policysearch serve" as a process and returns its address once
// it listens.
func startServer(t *testing.T, args ...string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "POLICYSEARCH_AS_MAIN=1")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 1024)
	go func() {
		// Every line is read, so the server never blocks on its log; the ones the test
		// has no room for are dropped.
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
		close(lines)
	}()
	re := regexp.MustCompile(`url=(http://127\.0\.0\.1:\d+)/`)
	deadline := time.After(60 * time.Second)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("the server stopped before it listened")
			}
			if m := re.FindStringSubmatch(l); m != nil {
				return cmd, m[1]
			}
		case <-deadline:
			t.Fatal("the server did not report its address")
		}
	}
}

// TestCLIBesideServer runs the researcher's commands as real processes next to a real
// server that holds their --data folder: each goes through the server (found from the
// folder) and finishes, where it used to wait on the index lock for ever.
func TestCLIBesideServer(t *testing.T) {
	data := t.TempDir()
	if out, _, err := run(t, "index", "--data", data, "testdata/corpus"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	srv, base := startServer(t, "--data", data, "--allow-writes")

	out, errs, code := program(t, 30*time.Second, "search", "--data", data, "--json", "智慧校园")
	var res policysearch.SearchResult
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Total == 0 || !strings.Contains(errs, "going through it at "+base) {
		t.Fatalf("search beside the server: exit %d, %d hits\n%s\n%s", code, res.Total, out, errs)
	}
	for _, args := range [][]string{
		{"stats", "--data", data, `"智慧校园"`},
		{"kwic", "--data", data, `"智慧校园"`},
		{"export", "--data", data, "--format", "jsonl", "智慧校园"},
		{"search", "--server", base, "智慧校园"},
	} {
		out, errs, code := program(t, 30*time.Second, args...)
		if code != 0 || !strings.Contains(out, "智慧校园") {
			t.Errorf("%v: exit %d\n%s\n%s", args, code, out, errs)
		}
	}

	// Precedents come through the server too: similar clauses of a text, a paragraph's
	// lineage, and two documents compared.
	out, errs, code = program(t, 30*time.Second, "similar", "--data", data, "--text", "建设智慧校园。到2025年建成智慧校园50所。")
	if code != 0 || !strings.Contains(errs, "going through it at "+base) || !strings.Contains(out, "智慧校园") {
		t.Errorf("similar beside the server: exit %d\n%s\n%s", code, out, errs)
	}
	if out, errs, code := program(t, 30*time.Second, "lineage", "--data", data, res.Hits[0].ID); code != 0 || !strings.Contains(errs, "going through it at "+base) || !strings.Contains(out, res.Hits[0].ID) {
		t.Errorf("lineage beside the server: exit %d\n%s\n%s", code, out, errs)
	}
	docs := map[string]bool{}
	var ids []string
	for _, h := range res.Hits {
		if !docs[h.DocID] {
			docs[h.DocID] = true
			ids = append(ids, h.DocID)
		}
	}
	if len(ids) < 2 {
		t.Fatalf("the test corpus should give 智慧校园 hits in two documents: %v", ids)
	}
	if out, errs, code := program(t, 30*time.Second, "compare", "--data", data, ids[0], ids[1]); code != 0 || !strings.Contains(errs, "going through it at "+base) || !strings.Contains(out, "takes") {
		t.Errorf("compare beside the server: exit %d\n%s\n%s", code, out, errs)
	}

	// Adding a file beside the server uploads it to the server.
	extra := t.TempDir()
	os.WriteFile(filepath.Join(extra, "beside.txt"), []byte("服务旁索引测试方案\n一、主要任务\n1.推进旁路上传。通过服务器加入的文件可以检索到，依据《中华人民共和国职业教育法》。\n"), 0o644)
	out, errs, code = program(t, 30*time.Second, "index", "--data", data, extra)
	if code != 0 || !strings.Contains(out, "indexed 1 documents") {
		t.Fatalf("index beside the server: exit %d\n%s\n%s", code, out, errs)
	}
	if out, _, code := program(t, 30*time.Second, "search", "--data", data, `"旁路上传"`); code != 0 || !strings.HasPrefix(out, "1 hit") {
		t.Errorf("the uploaded file is not found through the server: %s", out)
	}

	// The citation edges come through the server too: the uploaded file's reference.
	out, errs, code = program(t, 30*time.Second, "citations", "--data", data, "--edges", "--format", "jsonl")
	if code != 0 || !strings.Contains(errs, "going through it at "+base) || !strings.Contains(errs, "edges") {
		t.Errorf("citations --edges beside the server: exit %d\n%s\n%s", code, out, errs)
	}
	var edge policysearch.Edge
	if err := json.Unmarshal([]byte(strings.TrimSpace(out)), &edge); err != nil || edge.CitedTitle != "中华人民共和国职业教育法" {
		t.Errorf("citations --edges through the server: want the uploaded file's one reference, got %v\n%s", err, out)
	}

	// The server stops cleanly on SIGTERM and lets the folder go.
	srv.Process.Signal(syscall.SIGTERM)
	if err := srv.Wait(); err != nil {
		t.Errorf("the server ended with %v on SIGTERM", err)
	}
	if out, errs, code := program(t, 30*time.Second, "search", "--data", data, `"旁路上传"`); code != 0 || !strings.HasPrefix(out, "1 hit") || strings.Contains(errs, "going through") {
		t.Errorf("after the server stopped: exit %d %s %s", code, out, errs)
	}
}

// A holder that is no server (here this test, as an index command would be) is named
// at once, and the command fails with it instead of waiting.
func TestCLIRefusedByHolder(t *testing.T) {
	data := t.TempDir()
	seg, err := analyzers.Open(analyzers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer seg.Close()
	ix, err := index.Open(index.Options{Dir: data, Segmenter: seg, Owner: "policysearch index"})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	start := time.Now()
	_, errs, code := program(t, 30*time.Second, "search", "--data", data, "产教融合")
	want := fmt.Sprintf("the index in %s is held by process %d (policysearch index); use --server or stop it", data, os.Getpid())
	if code != 1 || !strings.Contains(errs, want) {
		t.Errorf("exit %d after %v:\n%s\nwant %q", code, time.Since(start), errs, want)
	}
}

// Ctrl-C (SIGINT) and SIGTERM stop a long command cleanly: it says it was interrupted,
// exits with 130, and leaves an index that opens.
func TestCLIStopsOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the signal test in -short mode")
	}
	src := t.TempDir()
	for i := 0; i < 400; i++ {
		var b strings.Builder
		fmt.Fprintf(&b, "第%d号信号测试方案\n一、主要任务\n", i)
		for m := 1; m <= 30; m++ {
			fmt.Fprintf(&b, "%d.推进第%d项工作。加强组织领导，完善工作机制，确保各项任务落到实处，产教融合。\n", m, m)
		}
		os.WriteFile(filepath.Join(src, "doc"+strconv.Itoa(i)+".txt"), []byte(b.String()), 0o644)
	}
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		data := t.TempDir()
		cmd := exec.Command(os.Args[0], "index", "--data", data, "--batch", "4", "--progress", "lines", src)
		cmd.Env = append(os.Environ(), "POLICYSEARCH_AS_MAIN=1")
		stderr, _ := cmd.StderrPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(stderr)
		var tail strings.Builder
		for sc.Scan() {
			tail.WriteString(sc.Text() + "\n")
			if strings.HasPrefix(sc.Text(), "read 20/") {
				break
			}
		}
		cmd.Process.Signal(sig)
		sent := time.Now()
		go func() {
			for sc.Scan() {
				tail.WriteString(sc.Text() + "\n")
			}
		}()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			ee, _ := err.(*exec.ExitError)
			if ee == nil || ee.ExitCode() != 130 {
				t.Errorf("%v: ended with %v, want exit 130", sig, err)
			}
			if time.Since(sent) > 10*time.Second {
				t.Errorf("%v: took %v to stop", sig, time.Since(sent))
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("%v: the index command did not stop:\n%s", sig, tail.String())
		}
		if _, errs, code := program(t, 30*time.Second, "search", "--data", data, "产教融合"); code != 0 {
			t.Errorf("%v: the index does not open after the interrupt: %s", sig, errs)
		}
	}
}

// check reports a sound folder as sound and a damaged one with the file and a failing
// status.
func TestCheckCommand(t *testing.T) {
	data := t.TempDir()
	if out, _, err := run(t, "index", "--data", data, "testdata/corpus"); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if out, _, err := run(t, "check", "--data", data); err != nil || !strings.Contains(out, "is sound") {
		t.Fatalf("check of a sound index: %v\n%s", err, out)
	}
	os.RemoveAll(filepath.Join(data, "shard-0"))
	out, _, err := run(t, "check", "--data", data)
	if policysearch.ErrorCode(err) != policysearch.ECORRUPT || !strings.Contains(out, "shard-0 is missing") {
		t.Errorf("check of a damaged index: %v\n%s", err, out)
	}
	if _, _, err := run(t, "search", "--data", data, "产教融合"); policysearch.ErrorCode(err) != policysearch.ECORRUPT {
		t.Errorf("search on a damaged index: %v", err)
	}
}
