//go:build load

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// TestLoad is the bounded load test: the real server (this binary as main) on
// 127.0.0.1, 200 requests/s for 60 s mixing searches, phrases, filtered facets,
// paragraph and similar-clause lookups, while a document is uploaded and replaced every
// 3 s. It stops by itself. Run it with
//
//	go test -tags load -run TestLoad -v ./cmd/policysearch
//
// LOAD_RATE and LOAD_SECONDS change the rate and the duration.
func TestLoad(t *testing.T) {
	rate, seconds := envInt("LOAD_RATE", 200), envInt("LOAD_SECONDS", 60)
	const key = "load-test-key"
	cmd := exec.Command(os.Args[0], "serve", "--addr", "127.0.0.1:0", "--api-key", key)
	cmd.Env = append(os.Environ(), "POLICYSEARCH_AS_MAIN=1")
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }()
	sc := bufio.NewScanner(stderr)
	re := regexp.MustCompile(`url=http://(127\.0\.0\.1:\d+)/`)
	base := ""
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			base = "http://" + m[1]
			break
		}
	}
	go func() {
		for sc.Scan() {
		}
	}()
	if base == "" {
		t.Fatal("the server did not start")
	}

	var targets []vegeta.Target
	get := func(path string) { targets = append(targets, vegeta.Target{Method: "GET", URL: base + path}) }
	for _, q := range []string{"双师型教师", "如何推进校企合作", "职业教育 实训基地", "产教融合型企业", `"产教融合"`, `"职业技能等级证书"`, `"1+X"`, "鲁班工坊 OR 走出去"} {
		get("/api/v1/search?q=" + url.QueryEscape(q))
	}
	get("/api/v1/search?q=" + url.QueryEscape("职业教育") + "&level=" + url.QueryEscape("市") + "&page=2")
	get("/api/v1/search?q=" + url.QueryEscape(`"职业教育"`) + "&region=" + url.QueryEscape("江西") + "&year_from=2021&sort=date")
	for _, id := range []string{"nanchang-2021-ssfa-m12", "moe-2020-tzpy-m19", "qijiang-2023-ssfa-m1", "jilin-rwqd-t39"} {
		get("/api/v1/paragraphs/" + id)
	}
	get("/api/v1/paragraphs/qijiang-2023-ssfa-m18/similar")
	get("/api/v1/suggest?prefix=" + url.QueryEscape("产教"))
	get("/api/v1/documents/moe-2020-tzpy")
	get("/api/v1/stats?by=year&q=" + url.QueryEscape(`"产教融合"`))

	rssBefore := serverRSS(t, cmd.Process.Pid)

	// Concurrent ingest: one document replaced every 3 s, another added.
	var writes, writeErrors atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(3 * time.Second)
		defer tick.Stop()
		for n := 0; ; n++ {
			select {
			case <-stop:
				return
			case <-tick.C:
			}
			for _, id := range []string{"load-replaced", fmt.Sprintf("load-added-%d", n)} {
				writes.Add(1)
				if err := upload(base, key, id, n); err != nil {
					writeErrors.Add(1)
					t.Logf("upload %s: %v", id, err)
				}
			}
		}
	}()

	attacker := vegeta.NewAttacker(vegeta.Timeout(10*time.Second), vegeta.KeepAlive(true))
	var m vegeta.Metrics
	for res := range attacker.Attack(vegeta.NewStaticTargeter(targets...), vegeta.Rate{Freq: rate, Per: time.Second}, time.Duration(seconds)*time.Second, "mix") {
		m.Add(res)
	}
	m.Close()
	close(stop)
	wg.Wait()
	rssAfter := serverRSS(t, cmd.Process.Pid)

	t.Logf("requests %d at %.1f/s for %s; success %.2f%%; status codes %v", m.Requests, m.Rate, m.Duration.Round(time.Second), 100*m.Success, m.StatusCodes)
	t.Logf("latency p50 %s, p90 %s, p99 %s, max %s", m.Latencies.P50, m.Latencies.P90, m.Latencies.P99, m.Latencies.Max)
	t.Logf("writes %d (%d failed) during the load", writes.Load(), writeErrors.Load())
	t.Logf("server RSS %d MB before, %d MB after", rssBefore>>10, rssAfter>>10)
	if m.Success < 1 || len(m.Errors) > 0 {
		t.Errorf("errors under load: success %.4f, %v", m.Success, m.Errors)
	}
	if writeErrors.Load() > 0 {
		t.Errorf("%d uploads failed", writeErrors.Load())
	}
	// The uploads add one small document every 3 s; anything beyond 64 MB of growth is
	// a leak, not data.
	if rssAfter-rssBefore > 64<<10 {
		t.Errorf("server RSS grew from %d MB to %d MB", rssBefore>>10, rssAfter>>10)
	}
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// serverRSS reads the resident set size of a process, in KB.
func serverRSS(t *testing.T, pid int) int {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

func upload(base, key, id string, n int) error {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("id", id)
	fw, _ := w.CreateFormFile("file", id+".txt")
	fmt.Fprintf(fw, "负载测试文件第%d版\n一、任务\n1.推进负载测试。第%d版内容，产教融合实训基地。\n2.完善监测。内容。\n", n, n)
	w.Close()
	req, _ := http.NewRequest("POST", base+"/api/v1/documents", &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	res.Body.Close()
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("status %d", res.StatusCode)
	}
	return nil
}
