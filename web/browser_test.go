package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"policysearch"
	"policysearch/analyzers"
	"policysearch/api"
	"policysearch/index"
	"policysearch/parse"
	"policysearch/seeds"
	"policysearch/web"
)

// seg is the test binary's one jieba segmenter: its dictionaries take about 160 MB, so
// they are loaded once per process.
var seg *analyzers.Segmenter

func TestMain(m *testing.M) {
	var err error
	if seg, err = analyzers.Open(analyzers.Options{}); err != nil {
		fmt.Fprintln(os.Stderr, "jieba:", err)
		os.Exit(1)
	}
	code := m.Run()
	seg.Close()
	os.Exit(code)
}

const chromiumPath = "/usr/bin/chromium"

// The hostile document: its text, title, issuer and responsible unit hold markup that
// would run script if the page built HTML from API strings.
const (
	hostileID     = "xss-probe"
	hostileScript = `<script>window.__pwned=1</script>`
	hostileImg    = `<img src=x onerror="window.__pwned=1">`
	hostileText   = "关于防注入测试" + hostileScript + "工作的通知\n" +
		"各有关单位：\n" +
		"为检验页面安全，现将有关事项通知如下。\n" +
		"一、主要措施\n" +
		"1.防注入测试条款。正文中的" + hostileScript + "和" + hostileImg +
		"必须原样显示为文字。（责任单位：市测试局" + hostileImg + "）\n" +
		"2.第二条测试措施。防注入测试的第二段，供上一段与下一段链接使用。（责任单位：市测试局）\n"
)

// startServer runs the real API server, with the page, on a free loopback port over
// an in-memory index of the seeds plus the hostile document.
func startServer(t *testing.T) string {
	t.Helper()
	hostile, err := parse.Parse("hostile.txt", []byte(hostileText), &parse.Meta{
		ID:      hostileID,
		Issuers: []string{"测试<b>机关</b>" + hostileImg},
		Date:    "2024-05-01",
		Region:  "江西省南昌市",
		Level:   "市",
	})
	if err != nil {
		t.Fatal(err)
	}
	return serve(t, openIndex(t, true, hostile))
}

// openIndex opens an in-memory index for one test, holding the embedded seeds (with
// withSeeds) and then docs.
func openIndex(t *testing.T, withSeeds bool, docs ...*policysearch.Document) *index.Index {
	t.Helper()
	ix, err := index.Open(index.Options{Segmenter: seg})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	if withSeeds {
		seedDocs, err := seeds.Documents()
		if err != nil {
			t.Fatal(err)
		}
		docs = append(seedDocs, docs...)
	}
	if err := ix.Index(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	return ix
}

// serve runs the real API server, with the page, on a free loopback port over ix.
func serve(t *testing.T, ix *index.Index) string {
	t.Helper()
	srv := api.NewServer(api.Config{Addr: "127.0.0.1:0", Web: web.FS()}, api.Services{Searcher: ix, Indexer: ix, Analyst: ix, Precedents: ix, Citer: ix}, nil)
	if err := srv.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Close(ctx)
	})
	return "http://" + srv.Addr()
}

// browser drives one Chromium tab. Every step has its own deadline, and the whole
// browser lives inside the test's overall deadline.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	tmp  string // where the core screenshots go without SCREENSHOT_DIR

	mu      sync.Mutex
	console []chromedp.ConsoleMessage
}

const stepTimeout = 10 * time.Second

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but Chromium is missing at %s: %v", chromiumPath, err)
		}
		t.Skipf("skipping the browser test: no Chromium at %s (apt-get install chromium fonts-noto-cjk)", chromiumPath)
	}
	profile, err := os.MkdirTemp("", "policysearch-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	// Chromium may still be writing its profile for a moment after it exits.
	t.Cleanup(func() { os.RemoveAll(profile) })

	// The whole browser session is bounded; steps are bounded again below.
	overall, cancelOverall := context.WithTimeout(context.Background(), 50*time.Second)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(overall,
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
		// Without these Chromium reaches for the network at start and its
		// connections are refused here.
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "zh-CN"),
	)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancelTab()
		cancelAlloc()
		cancelOverall()
	})
	b := &browser{t: t, ctx: ctx, base: base, tmp: t.TempDir()}
	start, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	// The first Do starts the browser; it must run on ctx itself, which bounds the
	// browser's life, so the deadline is applied by a watchdog instead.
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("start Chromium: %v", err)
		}
	case <-start.Done():
		t.Fatal("Chromium did not start within 20 s")
	}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			b.console = append(b.console, m)
			b.mu.Unlock()
		}
	}()
	return b
}

func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

func evalJS[T any](b *browser, what, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// waitJS waits until the expression is truthy; on timeout it reports what and the
// current location and summary, which usually say what went wrong.
func (b *browser) waitJS(what, expr string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr,
		chromedp.WithPollingInterval(25*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout-time.Second)))
	if err != nil {
		state := evalJS[string](b, "page state", `location.pathname + location.search + " | " + (document.querySelector('main')?.innerText || '').slice(0, 300)`)
		b.t.Fatalf("%s: %v\npage: %s", what, err, state)
	}
}

// coreShots are always taken, into the test's temporary folder when SCREENSHOT_DIR is
// unset: the search page and the paragraph view at desktop and phone widths. With
// SCREENSHOT_DIR every view is saved there, viewport and whole page.
var coreShots = map[string]bool{"search-desktop": true, "search-phone": true, "paragraph-desktop": true, "paragraph-phone": true}

// shot saves screenshots; see coreShots.
func (b *browser) shot(dir, name string) {
	b.t.Helper()
	actions := []struct {
		suffix string
		act    chromedp.Action[[]byte]
	}{{"", chromedp.CaptureScreenshot()}, {"-full", chromedp.FullScreenshot(100)}}
	if dir == "" {
		if !coreShots[name] {
			return
		}
		dir, actions = b.tmp, actions[:1]
	}
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	for _, s := range actions {
		buf, err := chromedp.Run(ctx, s.act)
		if err != nil {
			b.t.Fatalf("screenshot %s: %v", name, err)
		}
		path := filepath.Join(dir, name+s.suffix+".png")
		if err := os.WriteFile(path, buf, 0o644); err != nil {
			b.t.Fatal(err)
		}
		b.t.Logf("screenshot: %s", path)
	}
}

const (
	summaryTotal = `document.querySelector('#result-summary[data-total]')?.dataset.total`
	q            = `document.getElementById('q')`
)

// facetPick is a facet value to click: one whose count is below the total, so that
// the filter visibly narrows the results.
type facetPick struct {
	Facet string `json:"facet"`
	Index string `json:"index"`
	Value string `json:"value"`
	Count string `json:"count"`
	Total string `json:"total"`
}

func TestBrowser(t *testing.T) {
	began := time.Now()
	if _, err := os.Stat(chromiumPath); err != nil && os.Getenv("CI") != "true" {
		t.Skipf("skipping the browser test: no Chromium at %s (apt-get install chromium fonts-noto-cjk)", chromiumPath)
	}
	base := startServer(t)
	b := newBrowser(t, base)
	dir := os.Getenv("SCREENSHOT_DIR")
	if dir == "" {
		t.Log("SCREENSHOT_DIR is not set: only the search page and paragraph view are saved, in a temporary folder")
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}

	// 1. Type a query into the box and submit it with Enter.
	b.do("open the start page",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.CSS("#q")),
		chromedp.WaitVisible(chromedp.CSS(".landing")))
	b.waitJS("index counts on the start page", `document.querySelector('.landing-stats').textContent.includes('6 份文件')`)
	b.shot(dir, "start-desktop")
	b.do("type a query", chromedp.SendKeys(chromedp.CSS("#q"), "产教融合"))
	// The suggestions come from /api/v1/suggest as the user types.
	b.waitJS("suggestions listed", `document.querySelectorAll('#suggestions [role=option]').length > 0 && `+q+`.getAttribute('aria-expanded') === 'true'`)
	// ↓ highlights the first suggestion, Escape closes the list, Enter submits.
	b.do("arrow down", chromedp.SendKeys(chromedp.CSS("#q"), kb.ArrowDown))
	b.waitJS("first suggestion active", q+`.getAttribute('aria-activedescendant') === 'suggestion-0' && document.getElementById('suggestion-0').getAttribute('aria-selected') === 'true'`)
	b.do("escape", chromedp.SendKeys(chromedp.CSS("#q"), kb.Escape))
	b.waitJS("suggestions closed", q+`.getAttribute('aria-expanded') === 'false' && document.getElementById('suggestions').hidden && !`+q+`.hasAttribute('aria-activedescendant')`)
	b.do("submit", chromedp.SendKeys(chromedp.CSS("#q"), kb.Enter))
	b.waitJS("results shown", summaryTotal+` > 0`)
	if got := evalJS[string](b, "location", `location.pathname + location.search`); got != "/?q="+urlQ("产教融合") {
		t.Errorf("the search URL is %q", got)
	}
	total := evalJS[string](b, "total", summaryTotal)
	hits := evalJS[int](b, "hits", `document.querySelectorAll('#results .hit').length`)
	marks := evalJS[int](b, "marks", `document.querySelectorAll('#results .hit-text mark').length`)
	markText := evalJS[string](b, "mark text", `document.querySelector('#results .hit-text mark')?.textContent || ''`)
	facetCounts := evalJS[int](b, "facet counts", `document.querySelectorAll('.facet .facet-value .count').length`)
	t.Logf("产教融合: total %s, %d hits on the page, %d <mark>s, %d facet values", total, hits, marks, facetCounts)
	if hits == 0 || hits > 10 {
		t.Errorf("%d hits on the first page, want 1 to 10", hits)
	}
	if marks < hits || !strings.Contains(markText, "产教") {
		t.Errorf("%d <mark> highlights (first %q) for %d hits", marks, markText, hits)
	}
	if facetCounts == 0 {
		t.Error("no facet counts shown")
	}
	for _, name := range []string{"issuer", "region", "level", "year", "type"} {
		if n := evalJS[int](b, "facet "+name, `document.querySelectorAll('#facet-`+name+` .facet-value').length`); n == 0 {
			t.Errorf("facet %s shows no values", name)
		}
	}

	// Page links: "next" opens page 2 of the same results, and back returns to page 1.
	if n := evalJS[int](b, "hits in all", `+(`+summaryTotal+`)`); n > hits {
		firstHit := evalJS[string](b, "first hit", `document.querySelector('#results .hit-title a').getAttribute('href')`)
		b.do("next page", chromedp.Click(chromedp.CSS(`nav.pagination a[rel=next]`)))
		b.waitJS("page 2", `location.search.includes('page=2') && document.querySelector('nav.pagination [aria-current=page]')?.textContent === '2' && document.querySelector('#results .hit-title a')?.getAttribute('href') !== `+jsString(firstHit))
		b.do("back", chromedp.Evaluate[chromedp.Void](`history.back()`))
		b.waitJS("page 1 again", `!location.search.includes('page=') && document.querySelector('nav.pagination [aria-current=page]')?.textContent === '1' && document.querySelector('#results .hit-title a')?.getAttribute('href') === `+jsString(firstHit))
	} else {
		t.Errorf("产教融合 has %d hits, all on one page: too few to check the page links", n)
	}

	// "/" focuses the search box from anywhere else on the page.
	b.do("blur and press /", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), pressSlash())
	b.waitJS("/ focuses the search box", `document.activeElement === `+q+` && `+q+`.value === '产教融合'`)

	// 2. A facet value narrows the results to exactly its count.
	pick := evalJS[facetPick](b, "pick a facet value", `(() => {
		const total = +document.getElementById('result-summary').dataset.total;
		const els = [...document.querySelectorAll('a.facet-value[data-facet="region"]')];
		const i = els.findIndex((e) => +e.dataset.count < total);
		if (i < 0) return null;
		const e = els[i];
		return {facet: 'region', index: e.dataset.index, value: e.dataset.value, count: e.dataset.count, total: String(total)};
	})()`)
	if pick.Count == "" {
		t.Fatal("no region facet value has fewer hits than the total")
	}
	b.do("click facet "+pick.Value, chromedp.Click(chromedp.CSS(`a.facet-value[data-facet="region"][data-index="`+pick.Index+`"]`)))
	b.waitJS("total drops to the facet's count", summaryTotal+` === '`+pick.Count+`'`)
	if got := evalJS[string](b, "active chip", `document.querySelector('.active-filters-bar .chip-removable')?.textContent || ''`); !strings.Contains(got, pick.Value) {
		t.Errorf("active filter chip %q does not name %q", got, pick.Value)
	}
	if got := evalJS[string](b, "location", `location.search`); !strings.Contains(got, "region="+urlQ(pick.Value)) {
		t.Errorf("the URL %q does not hold the region filter", got)
	}
	t.Logf("facet region=%s: total %s → %s", pick.Value, pick.Total, pick.Count)
	b.shot(dir, "filtered-desktop")

	// 3. A hit opens its paragraph view: prev/next links and the outline.
	firstID := evalJS[string](b, "first hit", `document.querySelector('#results .hit-title a').getAttribute('href')`)
	b.do("open a paragraph", chromedp.Click(chromedp.CSS(`#results .hit-title a`)))
	b.waitJS("paragraph view", `location.pathname === '`+firstID+`' && document.querySelector('.paragraph-focus') && document.querySelector('.outline .is-current')`)
	b.waitJS("prev or next link", `document.querySelector('.pager a[rel=prev], .pager a[rel=next]')`)
	if cur := evalJS[string](b, "current outline entry", `document.querySelector('.outline .is-current').getAttribute('href')`); cur != firstID {
		t.Errorf("the outline marks %s, want %s", cur, firstID)
	}

	// 4. Back restores the filtered search, back again the first one, forward the
	// filtered one again.
	b.do("back", chromedp.Evaluate[chromedp.Void](`history.back()`))
	b.waitJS("back to the filtered search", `location.pathname === '/' && `+summaryTotal+` === '`+pick.Count+`'`)
	b.do("back", chromedp.Evaluate[chromedp.Void](`history.back()`))
	b.waitJS("back to the first search", `!location.search.includes('region=') && `+summaryTotal+` === '`+total+`'`)
	if v := evalJS[string](b, "search box", q+`.value`); v != "产教融合" {
		t.Errorf("after back the search box holds %q", v)
	}
	if n := evalJS[int](b, "chips", `document.querySelectorAll('.active-filters-bar .chip-removable').length`); n != 0 {
		t.Errorf("after back %d filter chips remain", n)
	}
	b.do("forward", chromedp.Evaluate[chromedp.Void](`history.forward()`))
	b.waitJS("forward to the filtered search", `location.search.includes('region=') && `+summaryTotal+` === '`+pick.Count+`'`)

	// 5. A paragraph view opened by URL (a reload of a client route): both neighbours.
	b.do("open /p/nanchang-2021-ssfa-m12", chromedp.Navigate(base+"/p/nanchang-2021-ssfa-m12"))
	b.waitJS("paragraph loaded", `document.querySelector('.paragraph-focus[data-id="nanchang-2021-ssfa-m12"]') && document.querySelector('.outline .is-current')`)
	prev := evalJS[string](b, "prev", `document.querySelector('.pager a[rel=prev]')?.getAttribute('href') || ''`)
	next := evalJS[string](b, "next", `document.querySelector('.pager a[rel=next]')?.getAttribute('href') || ''`)
	if prev != "/p/nanchang-2021-ssfa-m11" || next != "/p/nanchang-2021-ssfa-m13" {
		t.Errorf("prev %q, next %q; want the m11 and m13 paragraphs", prev, next)
	}
	if n := evalJS[int](b, "outline entries", `document.querySelectorAll('.outline a.outline-entry').length`); n < 20 {
		t.Errorf("the outline lists %d paragraphs", n)
	}
	if title := evalJS[string](b, "doc title", `document.getElementById('doc-title').textContent`); !strings.Contains(title, "南昌市") {
		t.Errorf("document title %q", title)
	}

	// 6. The hostile document: its markup is shown as text and never runs.
	b.do("search the hostile document",
		chromedp.Evaluate[chromedp.Void](q+`.value = ''`),
		chromedp.SendKeys(chromedp.CSS("#q"), `"防注入测试条款"`+kb.Enter))
	b.waitJS("hostile hit", summaryTotal+` >= 1 && document.querySelector('#results .hit-text')`)
	b.checkNotPwned("results")
	text := evalJS[string](b, "hostile text", `document.querySelector('#results .hit-text').textContent`)
	if !strings.Contains(text, hostileScript) || !strings.Contains(text, hostileImg) {
		t.Errorf("the hit does not show the markup as text: %q", text)
	}
	if n := evalJS[int](b, "hostile marks", `document.querySelectorAll('#results .hit-text mark').length`); n == 0 {
		t.Error("the hostile hit has no highlight")
	}
	title := evalJS[string](b, "hostile title", `document.querySelector('#results .hit-title').textContent`)
	t.Logf("hostile hit title: %q", title)
	b.do("open the hostile paragraph", chromedp.Click(chromedp.CSS(`#results .hit-title a`)))
	b.waitJS("hostile paragraph", `document.querySelector('.paragraph-focus') && document.querySelector('.outline .is-current')`)
	b.checkNotPwned("paragraph view")
	if got := evalJS[string](b, "paragraph text", `document.querySelector('.paragraph-text').textContent`); !strings.Contains(got, hostileScript) {
		t.Errorf("the paragraph view does not show the markup as text: %q", got)
	}
	b.do("open the hostile document", chromedp.Navigate(base+"/d/"+hostileID))
	b.waitJS("hostile outline", `document.querySelector('.outline a.outline-entry')`)
	b.checkNotPwned("document view")
	b.do("open the documents list", chromedp.Navigate(base+"/documents"))
	b.waitJS("documents list", `document.querySelectorAll('.doc-card').length === 6`)
	b.checkNotPwned("documents list")

	// 7. Errors are readable, in Chinese: a query with an unclosed quote. The server's
	// English message is kept out of the way, behind a disclosure.
	b.do("bad query", chromedp.Navigate(base+`/?q=%22abc`))
	b.waitJS("error shown", `document.querySelector('#results .notice-error')`)
	if msg := evalJS[string](b, "error", `document.querySelector('#results .notice-error .notice-detail').textContent`); !strings.Contains(msg, "引号没有闭合") {
		t.Errorf("the error message %q is not the Chinese explanation", msg)
	}
	if open := evalJS[bool](b, "english hidden", `document.querySelector('#results .notice-error details').open`); open {
		t.Error("the English message is shown open")
	}

	// When no paragraph has every word, the page says the matches are partial.
	b.do("relaxed search", chromedp.Navigate(base+"/?q="+urlQ("产教融合 火箭")))
	b.waitJS("relaxed notice", summaryTotal+` === '0' && document.querySelector('#results .notice-info')?.textContent === '没有段落包含全部词语，以下为部分匹配' && document.querySelectorAll('#results .hit-partial').length > 0`)
	// When the strict matches end on the page, related ones follow under a divider and
	// the numbering goes on.
	b.do("two tiers", chromedp.Navigate(base+"/?q="+urlQ("鲁班工坊 国际合作")))
	b.waitJS("divider", `(() => {
		const strict = document.querySelectorAll('#results ol.hits:not(.hits-partial) > li.hit').length;
		const partial = document.querySelector('#results ol.hits-partial');
		const div = document.querySelector('#results .hits-divider');
		return strict > 0 && partial && div && div.textContent === '以下为部分匹配的结果' &&
			partial.start === strict + 1 && document.querySelector('#result-summary')?.dataset.related !== '0';
	})()`)

	// 8. No results under a filter: the page says so and offers to remove it.
	b.do("empty search", chromedp.Navigate(base+"/?q="+urlQ("产教融合")+"&level="+urlQ("省")))
	b.waitJS("empty view", summaryTotal+` === '0' && document.querySelector('.empty button.chip')`)
	b.shot(dir, "empty-desktop")
	b.do("remove the filter", chromedp.Click(chromedp.CSS(".empty button.chip")))
	b.waitJS("filter removed", `!location.search.includes('level=') && `+summaryTotal+` === '`+total+`'`)

	// 9. The trends panel: one bar per year, with the API's counts; a bar filters.
	phrase := `"产教融合"`
	stats := getJSON[apiTrends](t, base+"/api/v1/stats?by=year&q="+urlQ(phrase))
	b.do("search for the trends", chromedp.Navigate(base+"/?q="+urlQ(phrase)))
	b.waitJS("trend bars", summaryTotal+` > 0 && document.querySelectorAll('.panel-trends .trend-bar').length > 0`)
	checkBars(t, "by year", b.trendBars(), stats, true)
	if n := evalJS[int](b, "tab stops", `document.querySelectorAll('.panel-trends .trend-bar[tabindex="0"]').length`); n != 1 {
		t.Errorf("the chart has %d tab stops, want 1 (arrows move between bars)", n)
	}
	b.do("arrow to the second bar", chromedp.Evaluate[chromedp.Void](`document.querySelector('.panel-trends .trend-bar[tabindex="0"]').focus()`),
		chromedp.KeyEvent(kb.ArrowRight))
	if got := evalJS[string](b, "focused bar", `document.activeElement.closest('.trend-bar')?.dataset.value || ''`); got != stats.Buckets[1].Value {
		t.Errorf("→ from the first bar focuses %q, want %s", got, stats.Buckets[1].Value)
	}
	b.shot(dir, "trends-desktop")
	year := ""
	yearCount := 0
	for _, bk := range stats.Buckets {
		if bk.Paragraphs > 0 && bk.Paragraphs < stats.Total && bk.Paragraphs > yearCount {
			year, yearCount = bk.Value, bk.Paragraphs
		}
	}
	if year == "" {
		t.Fatalf("no year of %s has fewer paragraphs than the total: %+v", phrase, stats)
	}
	b.do("click the bar of "+year, chromedp.Click(chromedp.CSS(`.panel-trends .trend-bar[data-value="`+year+`"]`)))
	b.waitJS("results of "+year, summaryTotal+` === '`+fmt.Sprint(yearCount)+`' && location.search.includes('year=`+year+`')`)
	b.waitJS("the chart shows the year alone", `document.querySelectorAll('.panel-trends .trend-bar').length === 1 && document.querySelector('.panel-trends .trend-bar.is-active')?.dataset.value === '`+year+`'`)
	t.Logf("trends: %d years, bar %s → %d paragraphs", len(stats.Buckets), year, yearCount)
	// By region: a row per region with the API's counts; a row filters by its region.
	b.do("back to the whole query", chromedp.Evaluate[chromedp.Void](`history.back()`))
	b.waitJS("whole query again", summaryTotal+` === '`+fmt.Sprint(stats.Total)+`'`)
	byRegion := getJSON[apiTrends](t, base+"/api/v1/stats?by=region&q="+urlQ(phrase))
	b.do("count by region", chromedp.Click(chromedp.CSS(`label[for="trend-by-region"]`)))
	b.waitJS("region rows", `document.querySelector('.panel-trends .trend-rows') && document.querySelectorAll('.panel-trends .trend-bar').length === `+fmt.Sprint(len(byRegion.Buckets)))
	checkBars(t, "by region", b.trendBars(), byRegion, false)
	b.shot(dir, "trends-region-desktop")
	region := byRegion.Buckets[len(byRegion.Buckets)-1]
	b.do("click the row of "+region.Value, chromedp.Click(chromedp.CSS(`.panel-trends .trend-bar[data-value="`+region.Value+`"]`)))
	b.waitJS("results of "+region.Value, summaryTotal+` === '`+fmt.Sprint(region.Paragraphs)+`' && location.search.includes('region=`+urlQ(region.Value)+`')`)

	// 10. Keyword in context, from the results: every line's match is the phrase, and
	// the count is the API's.
	kwicPhrase := `"双师型"`
	kw := getJSON[apiKWIC](t, base+"/api/v1/kwic?limit=1&q="+urlQ(kwicPhrase))
	kwLeft := getJSON[apiKWIC](t, base+"/api/v1/kwic?limit=1&sort=left&q="+urlQ(kwicPhrase))
	b.do("search "+kwicPhrase, chromedp.Navigate(base+"/?q="+urlQ(kwicPhrase)))
	b.waitJS("results with the kwic link", summaryTotal+` > 0 && document.querySelector('.results-tools a.kwic-link')`)
	b.do("open the keyword in context", chromedp.Click(chromedp.CSS(`.results-tools a.kwic-link`)))
	b.waitJS("concordance", `location.pathname === '/kwic' && document.querySelector('#kwic-summary[data-total]') && document.querySelectorAll('.kwic-table tbody .kwic-line').length > 0`)
	if got := evalJS[string](b, "kwic total", `document.getElementById('kwic-summary').dataset.total`); got != fmt.Sprint(kw.Total) {
		t.Errorf("the concordance says %s occurrences, the API %d", got, kw.Total)
	}
	lines := evalJS[[]string](b, "kwic matches", `[...document.querySelectorAll('.kwic-table tbody .kwic-match')].map((m) => m.textContent)`)
	if len(lines) != min(kw.Total, 100) {
		t.Errorf("the concordance lists %d lines, want %d", len(lines), min(kw.Total, 100))
	}
	for i, m := range lines {
		if m != strings.Trim(kwicPhrase, `"`) {
			t.Errorf("line %d's match is %q", i+1, m)
			break
		}
	}
	if n := evalJS[int](b, "kwic marks", `document.querySelectorAll('.kwic-table tbody .kwic-match mark').length`); n != len(lines) {
		t.Errorf("%d of %d matches are highlighted", n, len(lines))
	}
	if href := evalJS[string](b, "csv link", `document.querySelector('.kwic-page a.export-link')?.getAttribute('href') || ''`); !strings.HasPrefix(href, "/api/v1/export?") || !strings.Contains(href, "format=csv") || !strings.Contains(href, "q="+urlQ(kwicPhrase)) {
		t.Errorf("the CSV link is %q", href)
	}
	b.shot(dir, "kwic-desktop")
	b.do("sort by the left context", chromedp.Click(chromedp.CSS(`label[for="kwic-sort-left"]`)))
	b.waitJS("sorted by the left context", `location.search.includes('sort=left') && document.querySelector('.kwic-table tbody .kwic-left')?.textContent === `+jsString(kwLeft.Lines[0].Left))
	t.Logf("kwic %s: %d lines", kwicPhrase, kw.Total)
	// The concordance pages by 100 lines with the same page links.
	many := getJSON[apiKWIC](t, base+"/api/v1/kwic?limit=1&q="+urlQ(`"职业"`))
	if many.Total <= 100 {
		t.Fatalf(`"职业" has %d occurrences in the seeds: too few to check the concordance's pages`, many.Total)
	}
	b.do("kwic of 职业", chromedp.Navigate(base+"/kwic?q="+urlQ(`"职业"`)))
	b.waitJS("first 100 lines", `document.querySelectorAll('.kwic-table tbody .kwic-line').length === 100 && document.querySelector('nav.pagination a[rel=next]')`)
	b.do("next kwic page", chromedp.Click(chromedp.CSS(`nav.pagination a[rel=next]`)))
	b.waitJS("kwic page 2", `location.search.includes('page=2') && document.querySelector('nav.pagination [aria-current=page]')?.textContent === '2' && document.querySelectorAll('.kwic-table tbody .kwic-line').length === `+fmt.Sprint(min(many.Total-100, 100)))

	// 11. A paragraph's precedents: a similar clause of the national plan with the
	// shared wording marked in both texts, and a lineage that starts with it.
	b.do("open qijiang-2023-ssfa-m18", chromedp.Navigate(base+"/p/qijiang-2023-ssfa-m18"))
	b.waitJS("similar clauses and lineage", `document.querySelector('.similar .precedent') && document.querySelector('.lineage .timeline-step')`)
	prec := evalJS[precedentView](b, "the precedent of moe-2020-tzpy", `(() => {
		const li = document.querySelector('.similar .precedent[data-doc="moe-2020-tzpy"]');
		if (!li) return {id: '', marksA: 0, marksB: 0, similarity: ''};
		return {id: li.dataset.id, marksA: li.querySelectorAll('.side-a mark').length, marksB: li.querySelectorAll('.side-b mark').length,
			similarity: li.querySelector('.similarity')?.textContent || ''};
	})()`)
	if prec.ID == "" || prec.MarksA == 0 || prec.MarksB == 0 || !strings.Contains(prec.Similarity, "%") {
		t.Errorf("the similar clause from moe-2020-tzpy: %+v (want marks in both texts and a percentage)", prec)
	}
	steps := evalJS[[]lineageStep](b, "lineage", `[...document.querySelectorAll('.lineage .timeline-step')].map((li) => ({
		id: li.dataset.id, date: li.querySelector('time')?.getAttribute('datetime') || '',
		level: li.querySelector('.level-tag')?.textContent || '', self: li.classList.contains('is-self')}))`)
	if len(steps) < 2 || !strings.HasPrefix(steps[0].ID, "moe-2020-tzpy-") || !strings.HasPrefix(steps[0].Date, "2020") || steps[0].Level != "国家" {
		t.Errorf("the lineage does not start with the 2020 national plan: %+v", steps)
	} else if last := steps[len(steps)-1]; !last.Self || last.ID != "qijiang-2023-ssfa-m18" {
		t.Errorf("the lineage does not end with the paragraph itself: %+v", steps)
	}
	b.checkNotPwned("precedents")
	b.do("scroll to the lineage", chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, document.querySelector('.lineage').getBoundingClientRect().top + window.scrollY - 16)`))
	b.shot(dir, "precedents-desktop")
	t.Logf("precedent %s %s; lineage %d steps", prec.ID, prec.Similarity, len(steps))

	// 12. Two documents compared: the coverage and the pairs, as the API has them;
	// picked from the document page, the earlier document is A.
	cmp := getJSON[apiComparison](t, base+"/api/v1/documents/moe-2020-tzpy/compare/qijiang-2023-ssfa")
	b.do("open a document", chromedp.Navigate(base+"/d/qijiang-2023-ssfa"))
	b.waitJS("compare picker", `document.querySelector('.compare-slot select option[value="moe-2020-tzpy"]')`)
	b.do("pick the national plan",
		chromedp.SetValue(chromedp.CSS(".compare-slot select"), "moe-2020-tzpy"),
		chromedp.Click(chromedp.CSS(".compare-slot button[type=submit]")))
	b.waitJS("comparison", `location.pathname === '/compare/moe-2020-tzpy/qijiang-2023-ssfa' && document.querySelector('.coverage-value')`)
	cov := evalJS[string](b, "coverage", `document.querySelector('.coverage-value').dataset.coverage + ' ' + document.querySelector('.coverage-value').textContent`)
	if want := fmt.Sprintf("%v %.1f%%", cmp.Coverage, cmp.Coverage*100); cov != want {
		t.Errorf("coverage shown %q, want %q", cov, want)
	}
	if n := evalJS[int](b, "pairs", `document.querySelectorAll('.compare-pair').length`); n != len(cmp.Pairs) || n == 0 {
		t.Errorf("%d pairs shown, the API has %d", n, len(cmp.Pairs))
	}
	if n := evalJS[int](b, "pairs marked", `[...document.querySelectorAll('.compare-pair')].filter((p) => p.querySelector('.side-a mark') && p.querySelector('.side-b mark')).length`); n != len(cmp.Pairs) {
		t.Errorf("%d of %d pairs have marks on both sides", n, len(cmp.Pairs))
	}
	b.shot(dir, "compare-desktop")
	t.Logf("compare: coverage %s, %d pairs", cov, len(cmp.Pairs))

	// 13. A pasted clause finds its precedents; a too short one gets the API's error.
	clause := "鼓励职业院校与乡镇共建乡村人才培养基地"
	pasted := postJSON[apiSimilar](t, base+"/api/v1/similar", map[string]any{"text": clause, "size": 10})
	if len(pasted.Hits) == 0 {
		t.Fatalf("the API finds no precedent of %s", clause)
	}
	b.do("open 找先例", chromedp.Click(chromedp.CSS(`#site-nav a[href="/similar"]`)))
	b.waitJS("paste box", `location.pathname === '/similar' && document.getElementById('similar-text')`)
	b.do("paste a clause",
		chromedp.Evaluate[chromedp.Void](`(() => { const a = document.getElementById('similar-text'); a.value = `+jsString(clause)+`; a.dispatchEvent(new Event('input')); })()`),
		chromedp.Click(chromedp.CSS(`.paste-form button[type=submit]`)))
	b.waitJS("precedents found", `document.querySelector('#similar-results-title[data-total]') && document.querySelector('#similar-results .precedent')`)
	first := evalJS[precedentView](b, "first precedent", `(() => { const li = document.querySelector('#similar-results .precedent');
		return {id: li.dataset.id, marksA: li.querySelectorAll('.side-a mark').length, marksB: li.querySelectorAll('.side-b mark').length, similarity: li.querySelector('.similarity')?.textContent || ''}; })()`)
	if first.ID != pasted.Hits[0].ID || first.MarksA == 0 || first.MarksB == 0 {
		t.Errorf("first precedent %+v, want %s with marks in both texts", first, pasted.Hits[0].ID)
	}
	if n := evalJS[int](b, "precedents", `document.querySelectorAll('#similar-results .precedent').length`); n != len(pasted.Hits) {
		t.Errorf("%d precedents shown, the API finds %d", n, len(pasted.Hits))
	}
	if got := evalJS[string](b, "URL", `location.pathname + location.search`); got != "/similar?text="+urlQ(clause) {
		t.Errorf("after the search the URL is %q", got)
	}
	b.shot(dir, "similar-desktop")
	b.do("paste a short text",
		chromedp.Evaluate[chromedp.Void](`document.getElementById('similar-text').value = '鼓励'`),
		chromedp.Click(chromedp.CSS(`.paste-form button[type=submit]`)))
	b.waitJS("error shown", `document.querySelector('#similar-results .notice-error')`)
	if msg := evalJS[string](b, "error", `document.querySelector('#similar-results .notice-error .notice-detail').textContent`); !strings.Contains(msg, "文字太短") {
		t.Errorf("the error %q does not give the server's explanation", msg)
	}

	// 14. Screenshots at desktop and phone widths.
	for _, size := range []struct {
		name string
		w, h int64
		opts []chromedp.EmulateViewportOption
	}{
		{"desktop", 1280, 900, nil},
		{"phone", 375, 812, []chromedp.EmulateViewportOption{chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)}},
	} {
		b.do("viewport "+size.name, chromedp.EmulateViewport(size.w, size.h, size.opts...))
		b.do("search page "+size.name, chromedp.Navigate(base+"/?q="+urlQ(`"产教融合"`)))
		b.waitJS("results for the screenshot", summaryTotal+` > 0`)
		if over := evalJS[int](b, "overflow", `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
			t.Errorf("%s: the search page is %d px wider than the screen", size.name, over)
		}
		b.shot(dir, "search-"+size.name)
		if size.name == "phone" {
			// On a phone the facets sit behind a disclosure button.
			if vis := evalJS[bool](b, "facets hidden", `!!document.querySelector('#facet-panel').getClientRects().length`); vis {
				t.Error("phone: the facets are open before the disclosure is opened")
			}
			b.do("open the facets", chromedp.Click(chromedp.CSS(".facet-toggle")))
			b.waitJS("facets shown", `document.querySelector('.facet-toggle').getAttribute('aria-expanded') === 'true' && document.querySelector('#facet-panel').getClientRects().length > 0`)
			b.shot(dir, "facets-"+size.name)
			b.do("close the facets", chromedp.Click(chromedp.CSS(".facet-toggle")))
		}
		b.do("paragraph page "+size.name, chromedp.Navigate(base+"/p/nanchang-2021-ssfa-m12"))
		b.waitJS("paragraph for the screenshot", `document.querySelector('.outline .is-current')`)
		if over := evalJS[int](b, "overflow", `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
			t.Errorf("%s: the paragraph view is %d px wider than the screen", size.name, over)
		}
		b.shot(dir, "paragraph-"+size.name)
		b.do("documents page "+size.name, chromedp.Navigate(base+"/documents"))
		b.waitJS("documents for the screenshot", `document.querySelectorAll('.doc-card').length > 0`)
		b.shot(dir, "documents-"+size.name)
		b.do("document page "+size.name, chromedp.Navigate(base+"/d/moe-2020-tzpy"))
		b.waitJS("outline for the screenshot", `document.querySelector('.outline a.outline-entry') && document.querySelector('.compare-slot select')`)
		if over := evalJS[int](b, "overflow", `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
			t.Errorf("%s: the document view is %d px wider than the screen", size.name, over)
		}
		b.shot(dir, "document-"+size.name)
		if size.name == "phone" {
			// The trends panel starts closed on a phone, so the results come first.
			b.do("trends phone", chromedp.Navigate(base+"/?q="+urlQ(phrase)))
			b.waitJS("trends toggle", summaryTotal+` > 0 && document.querySelector('.trends-toggle')`)
			if open := evalJS[string](b, "trends closed", `document.querySelector('.trends-toggle').getAttribute('aria-expanded')`); open != "false" {
				t.Error("phone: the trends panel is open before the user opens it")
			}
			b.do("open the trends", chromedp.Click(chromedp.CSS(".trends-toggle")))
			b.waitJS("trend bars on a phone", `document.querySelectorAll('.panel-trends .trend-bar').length > 0`)
			checkBars(t, "phone by year", b.trendBars(), stats, true)
			b.overflow(size.name, "trends")
			b.shot(dir, "trends-"+size.name)
		}
		for _, v := range []struct{ name, path, ready string }{
			{"kwic", "/kwic?q=" + urlQ(kwicPhrase), `document.querySelector('.kwic-table tbody .kwic-line')`},
			{"precedents", "/p/qijiang-2023-ssfa-m18", `document.querySelector('.similar .precedent') && document.querySelector('.lineage .timeline-step')`},
			{"compare", "/compare/moe-2020-tzpy/qijiang-2023-ssfa", `document.querySelector('.compare-pair')`},
		} {
			if size.name == "desktop" {
				continue // shot above, after their checks
			}
			b.do(v.name+" "+size.name, chromedp.Navigate(base+v.path))
			b.waitJS(v.name+" for the screenshot", v.ready)
			b.overflow(size.name, v.name)
			b.shot(dir, v.name+"-"+size.name)
		}
	}

	// No script error and no CSP violation; failed requests (the bad query's 400, and a
	// 404 of the similar clauses route where it is not there) are expected.
	b.mu.Lock()
	for _, m := range b.console {
		if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException || m.Type == chromedp.ConsoleWarning {
			if m.Source == "network" {
				continue
			}
			t.Errorf("console %s (%s): %s %s:%d", m.Type, m.Source, m.Text, m.URL, m.Line+1)
		}
	}
	b.mu.Unlock()
	t.Logf("browser test took %v", time.Since(began).Round(time.Millisecond))
}

// checkNotPwned fails when the hostile markup ran or became elements.
func (b *browser) checkNotPwned(where string) {
	b.t.Helper()
	if pwned := evalJS[bool](b, "pwned", `typeof window.__pwned !== 'undefined'`); pwned {
		b.t.Fatalf("%s: the hostile document ran script", where)
	}
	if n := evalJS[int](b, "injected elements", `document.querySelectorAll('main script, main img, main b, main [onerror]').length`); n != 0 {
		b.t.Errorf("%s: %d elements from the hostile document are in the page", where, n)
	}
}

// pressSlash presses "/" as a keyboard does: a keyDown carrying the text, whose
// typing the page can prevent, then a keyUp. chromedp.KeyEvent sends the text as a
// separate char event, which types it even when the page prevented the key.
func pressSlash() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		key := input.DispatchKeyEventParams{Key: "/", Code: "Slash", WindowsVirtualKeyCode: 191, NativeVirtualKeyCode: 191}
		down, up := key, key
		down.Type, down.Text, down.UnmodifiedText = input.DispatchKeyEventTypeKeyDown, "/", "/"
		up.Type = input.DispatchKeyEventTypeKeyUp
		for _, k := range []input.DispatchKeyEventParams{down, up} {
			if _, err := cdp.Call(ctx, t, input.DispatchKeyEvent, k); err != nil {
				return err
			}
		}
		return nil
	})
}

func urlQ(s string) string {
	// URLSearchParams encodes a space as '+' and everything else as percent escapes.
	var sb strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.', c == '*':
			sb.WriteByte(c)
		case c == ' ':
			sb.WriteByte('+')
		default:
			fmt.Fprintf(&sb, "%%%02X", c)
		}
	}
	return sb.String()
}

// overflow fails when the page is wider than the screen. The layout viewport's width
// (clientWidth) is the measure: a phone's emulated window (innerWidth) widens to fit
// content that overflows, so it would hide the overflow.
func (b *browser) overflow(size, view string) {
	b.t.Helper()
	if over := evalJS[int](b, "overflow", `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
		b.t.Errorf("%s: the %s view is %d px wider than the screen", size, view, over)
	}
}

// Answers of the API, as far as the checks need them.
type apiTrends struct {
	Total   int      `json:"total"`
	Phrases []string `json:"phrases"`
	Buckets []struct {
		Value       string         `json:"value"`
		Paragraphs  int            `json:"paragraphs"`
		Documents   int            `json:"documents"`
		Occurrences map[string]int `json:"occurrences"`
	} `json:"buckets"`
}

type apiKWIC struct {
	Total int `json:"total"`
	Lines []struct {
		Left  string `json:"left"`
		Match string `json:"match"`
	} `json:"lines"`
}

type apiComparison struct {
	Coverage float64           `json:"coverage"`
	Pairs    []json.RawMessage `json:"pairs"`
}

type apiSimilar struct {
	Hits []struct {
		ID string `json:"id"`
	} `json:"hits"`
}

// trendBar is a bar of the chart as the page draws it.
type trendBar struct {
	Value       string `json:"value"`
	Paragraphs  int    `json:"paragraphs"`
	Occurrences int    `json:"occurrences"`
	Label       string `json:"label"`
}

type precedentView struct {
	ID         string `json:"id"`
	MarksA     int    `json:"marksA"`
	MarksB     int    `json:"marksB"`
	Similarity string `json:"similarity"`
}

type lineageStep struct {
	ID    string `json:"id"`
	Date  string `json:"date"`
	Level string `json:"level"`
	Self  bool   `json:"self"`
}

func (b *browser) trendBars() []trendBar {
	b.t.Helper()
	return evalJS[[]trendBar](b, "trend bars", `[...document.querySelectorAll('.panel-trends .trend-bar')].map((g) => ({
		value: g.dataset.value, paragraphs: +g.dataset.paragraphs, occurrences: +(g.dataset.occurrences || 0),
		label: g.getAttribute('aria-label') || ''}))`)
}

// checkBars compares the chart's bars with the API's buckets. Years run without gaps
// from the first bucket to the last, a year without hits drawn as an empty bar.
func checkBars(t *testing.T, what string, bars []trendBar, stats apiTrends, years bool) {
	t.Helper()
	want := map[string][2]int{}
	for _, bk := range stats.Buckets {
		occ := 0
		for _, n := range bk.Occurrences {
			occ += n
		}
		want[bk.Value] = [2]int{bk.Paragraphs, occ}
	}
	if len(stats.Buckets) == 0 {
		t.Fatalf("%s: the API has no buckets", what)
	}
	n := len(stats.Buckets)
	if years {
		var lo, hi int
		fmt.Sscan(stats.Buckets[0].Value, &lo)
		fmt.Sscan(stats.Buckets[len(stats.Buckets)-1].Value, &hi)
		n = hi - lo + 1
		for i, bar := range bars {
			if bar.Value != fmt.Sprint(lo+i) {
				t.Errorf("%s: bar %d is %q, want %d", what, i, bar.Value, lo+i)
				break
			}
		}
	}
	if len(bars) != n {
		t.Errorf("%s: %d bars, want %d", what, len(bars), n)
	}
	for _, bar := range bars {
		w := want[bar.Value]
		if bar.Paragraphs != w[0] || bar.Occurrences != w[1] {
			t.Errorf("%s: bar %s shows %d paragraphs and %d occurrences, the API %d and %d", what, bar.Value, bar.Paragraphs, bar.Occurrences, w[0], w[1])
		}
		if w[0] > 0 && !strings.Contains(bar.Label, fmt.Sprintf("%d 个段落", w[0])) {
			t.Errorf("%s: bar %s's label %q does not give its count", what, bar.Value, bar.Label)
		}
	}
}

func getJSON[T any](t *testing.T, url string) T {
	t.Helper()
	return fetchJSON[T](t, http.MethodGet, url, nil)
}

func postJSON[T any](t *testing.T, url string, body any) T {
	t.Helper()
	return fetchJSON[T](t, http.MethodPost, url, body)
}

func fetchJSON[T any](t *testing.T, method, url string, body any) T {
	t.Helper()
	var v T
	var rd io.Reader
	if body != nil {
		buf, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(buf)
	}
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: HTTP %d %v: %s", method, url, res.StatusCode, err, data)
	}
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	return v
}

// jsString is s as a JavaScript string literal.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
