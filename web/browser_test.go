package web_test

import (
	"context"
	"fmt"
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
	ix, err := index.Open(index.Options{Segmenter: seg})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := ix.Index(ctx, docs...); err != nil {
		t.Fatal(err)
	}
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
	if err := ix.Index(ctx, hostile); err != nil {
		t.Fatal(err)
	}
	srv := api.NewServer(api.Config{Addr: "127.0.0.1:0", Web: web.FS()}, ix, ix, nil)
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
	b := &browser{t: t, ctx: ctx, base: base}
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

// shot saves a screenshot of the viewport and of the whole page.
func (b *browser) shot(dir, name string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, stepTimeout)
	defer cancel()
	for _, s := range []struct {
		suffix string
		act    chromedp.Action[[]byte]
	}{{"", chromedp.CaptureScreenshot()}, {"-full", chromedp.FullScreenshot(100)}} {
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
		dir = t.TempDir()
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

	// 7. Errors are readable: a query with an unclosed quote.
	b.do("bad query", chromedp.Navigate(base+`/?q=%22abc`))
	b.waitJS("error shown", `document.querySelector('#results .notice-error')`)
	if msg := evalJS[string](b, "error", `document.querySelector('#results .notice-error').textContent`); !strings.Contains(msg, "quote") {
		t.Errorf("the error message %q does not give the server's explanation", msg)
	}

	// When no paragraph has every word, the page says the matches are partial.
	b.do("relaxed search", chromedp.Navigate(base+"/?q="+urlQ("产教融合 火箭")))
	b.waitJS("relaxed notice", summaryTotal+` > 0 && document.querySelector('#results .notice-info')?.textContent === '没有段落包含全部词语，以下为部分匹配'`)

	// 8. No results under a filter: the page says so and offers to remove it.
	b.do("empty search", chromedp.Navigate(base+"/?q="+urlQ("产教融合")+"&level="+urlQ("省")))
	b.waitJS("empty view", summaryTotal+` === '0' && document.querySelector('.empty button.chip')`)
	b.shot(dir, "empty-desktop")
	b.do("remove the filter", chromedp.Click(chromedp.CSS(".empty button.chip")))
	b.waitJS("filter removed", `!location.search.includes('level=') && `+summaryTotal+` === '`+total+`'`)

	// 9. Screenshots at desktop and phone widths.
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
		if over := evalJS[int](b, "overflow", `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
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
		if over := evalJS[int](b, "overflow", `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
			t.Errorf("%s: the paragraph view is %d px wider than the screen", size.name, over)
		}
		b.shot(dir, "paragraph-"+size.name)
		b.do("documents page "+size.name, chromedp.Navigate(base+"/documents"))
		b.waitJS("documents for the screenshot", `document.querySelectorAll('.doc-card').length > 0`)
		b.shot(dir, "documents-"+size.name)
		b.do("document page "+size.name, chromedp.Navigate(base+"/d/moe-2020-tzpy"))
		b.waitJS("outline for the screenshot", `document.querySelector('.outline a.outline-entry')`)
		if over := evalJS[int](b, "overflow", `document.documentElement.scrollWidth - window.innerWidth`); over > 0 {
			t.Errorf("%s: the document view is %d px wider than the screen", size.name, over)
		}
		b.shot(dir, "document-"+size.name)
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
