package web_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// apiResult is the part of a search answer the page test compares with.
type apiResult struct {
	Total     int `json:"total"`
	Documents int `json:"documents"`
	Groups    []struct {
		DocID   string `json:"doc_id"`
		Matches int    `json:"matches"`
	} `json:"groups"`
	Hits []struct {
		DocTitle string `json:"doc_title"`
	} `json:"hits"`
	Facets map[string][]struct {
		Value string `json:"value"`
		Count int    `json:"count"`
	} `json:"facets"`
}

// TestBrowserResearcher walks the researcher's day in the page: results by document,
// facets with OR within and what each click gives, a filter value nobody has, the query
// said once in quotes, a search within results, titles only, the feed, and the full
// source of a concordance line; at desktop and phone widths.
func TestBrowserResearcher(t *testing.T) {
	base := startServer(t)
	b := newBrowser(t, base)
	dir := os.Getenv("SCREENSHOT_DIR")

	// Results by document: the switch keeps the query, each document comes once with its
	// count, and the order by matching paragraphs is the API's.
	b.do("search", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+"/?q="+urlQ("实训基地")))
	b.waitJS("paragraph results", summaryTotal+` > 0 && document.querySelectorAll('#results .hit').length > 0`)
	b.do("switch to documents", chromedp.Click(chromedp.CSS(`.switcher-view a[data-value="document"]`)))
	api := getJSON[apiResult](t, base+"/api/v1/search?q="+urlQ("实训基地")+"&group=document&sort=matches&size=10")
	b.waitJS("document view", `location.search.includes('group=document') && document.querySelectorAll('#results li.group').length === `+fmt.Sprint(len(api.Groups))+
		` && document.querySelector('#result-summary').dataset.documents === '`+fmt.Sprint(api.Documents)+`'`)
	b.do("sort by matches", chromedp.SetValue(chromedp.CSS("#sort"), "matches"), chromedp.Evaluate[chromedp.Void](`document.getElementById('sort').dispatchEvent(new Event('change'))`))
	b.waitJS("sorted by matches", `location.search.includes('sort=matches') && document.querySelector('#results li.group')?.dataset.doc === '`+api.Groups[0].DocID+`'`)
	got := evalJS[[]string](b, "groups", `[...document.querySelectorAll('#results li.group')].map((g) => g.dataset.doc + ':' + g.dataset.matches + ':' + g.querySelectorAll('.group-hit').length)`)
	for i, g := range api.Groups {
		if want := fmt.Sprintf("%s:%d:%d", g.DocID, g.Matches, min(g.Matches, 3)); i >= len(got) || got[i] != want {
			t.Errorf("document %d shows %v, want %s", i, got, want)
		}
	}
	b.shot(dir, "documents-view-desktop")

	// Facets: a click narrows to the count shown, the facet keeps its other values, a
	// second click adds its count (OR), and the URL holds both.
	b.do("paragraph view", chromedp.Navigate(base+"/?q="+urlQ("实训基地")))
	b.waitJS("facets", `document.querySelectorAll('a.facet-value[data-facet="region"]').length >= 3`)
	a := evalJS[facetPick](b, "first region", `(() => { const e = document.querySelector('a.facet-value[data-facet="region"][data-index="0"]'); return {value: e.dataset.value, count: e.dataset.count}; })()`)
	b.do("click "+a.Value, chromedp.Click(chromedp.CSS(`a.facet-value[data-facet="region"][data-index="0"]`)))
	b.waitJS("one region", summaryTotal+` === '`+a.Count+`' && document.querySelector('a.facet-value[data-facet="region"][aria-checked="true"]')`)
	if n := evalJS[int](b, "region values", `document.querySelectorAll('a.facet-value[data-facet="region"]').length`); n < 3 {
		t.Errorf("after choosing %s the region facet lists %d values", a.Value, n)
	}
	pick := evalJS[facetPick](b, "second region", `(() => { const e = document.querySelector('a.facet-value[data-facet="region"][aria-checked="false"]'); return {index: e.dataset.index, value: e.dataset.value, count: e.dataset.count}; })()`)
	var ca, cb int
	fmt.Sscan(a.Count, &ca)
	fmt.Sscan(pick.Count, &cb)
	b.do("add "+pick.Value, chromedp.Click(chromedp.CSS(`a.facet-value[data-facet="region"][data-index="`+pick.Index+`"]`)))
	b.waitJS("two regions", summaryTotal+` === '`+fmt.Sprint(ca+cb)+`' && document.querySelectorAll('a.facet-value[data-facet="region"][aria-checked="true"]').length === 2 && document.querySelectorAll('.active-filters-bar .chip-removable').length === 2`)
	if s := evalJS[string](b, "url", `location.search`); !strings.Contains(s, "region="+urlQ(a.Value)) || !strings.Contains(s, "region="+urlQ(pick.Value)) {
		t.Errorf("the URL %s does not hold both regions", s)
	}
	b.shot(dir, "facets-or-desktop")

	// A value nobody has: said in Chinese, with the known values as links.
	b.do("region 火星", chromedp.Navigate(base+"/?q="+urlQ("实训基地")+"&region="+urlQ("火星")))
	b.waitJS("miss notice", `document.querySelector('.miss')?.textContent.startsWith('没有地区为“火星”的文件。已有的值中与它最接近的：') && document.querySelectorAll('.miss a.miss-known').length > 0`)
	b.shot(dir, "miss-desktop")
	b.do("take a known value", chromedp.Click(chromedp.CSS(".miss a.miss-known")))
	b.waitJS("known value's results", summaryTotal+` > 0 && !location.search.includes(encodeURIComponent('火星'))`)
	// The empty state quotes the query once.
	b.do("no result", chromedp.Navigate(base+"/?q="+urlQ(`"量子计算机"`)))
	b.waitJS("empty state", `document.querySelector('.empty-query')`)
	if s := evalJS[string](b, "empty text", `document.querySelector('.empty-query').textContent`); s != "检索式“量子计算机”没有结果。" {
		t.Errorf("the empty state says %q", s)
	}

	// Search within results: ANDed, in the URL, and removable.
	want := getJSON[apiResult](t, base+"/api/v1/search?q="+urlQ("职业教育")+"&within="+urlQ(`"实训基地"`))
	b.do("search", chromedp.Navigate(base+"/?q="+urlQ("职业教育")))
	b.waitJS("results", summaryTotal+` > 0 && document.getElementById('within')`)
	b.do("search within", chromedp.SendKeys(chromedp.CSS("#within"), `"实训基地"`+kb.Enter))
	b.waitJS("within results", summaryTotal+` === '`+fmt.Sprint(want.Total)+`' && location.search.includes('within=') && document.querySelector('.active-filters-bar .chip-removable')?.textContent.includes('结果中')`)
	b.do("remove within", chromedp.Click(chromedp.CSS(".active-filters-bar .chip-removable")))
	b.waitJS("within removed", `!location.search.includes('within=') && `+summaryTotal+` !== '`+fmt.Sprint(want.Total)+`'`)

	// Titles only: every hit's document title holds the word.
	b.do("search", chromedp.Navigate(base+"/?q="+urlQ("行动计划")))
	b.waitJS("results", summaryTotal+` > 0`)
	b.do("titles only", chromedp.Click(chromedp.CSS(`.switcher-scope a[data-value="title"]`)))
	b.waitJS("title results", `location.search.includes('scope=title') && document.querySelector('.scope-note') && document.querySelectorAll('#results .hit-title').length > 0`)
	if bad := evalJS[[]string](b, "titles", `[...document.querySelectorAll('#results .hit-title')].map((e) => e.textContent).filter((t) => !t.includes('行动计划'))`); len(bad) > 0 {
		t.Errorf("title scope shows documents %v", bad)
	}

	// The feed: announced in the head, linked in the tools, and Atom.
	b.do("search", chromedp.Navigate(base+"/?q="+urlQ(`"产教融合"`)+"&region="+urlQ("江西")))
	b.waitJS("results", summaryTotal+` > 0`)
	href := evalJS[string](b, "feed link", `document.querySelector('head link[rel="alternate"][type="application/atom+xml"]')?.getAttribute('href') || ''`)
	if !strings.HasPrefix(href, "/api/v1/feed?") || !strings.Contains(href, "region="+urlQ("江西")) || evalJS[string](b, "visible feed link", `document.querySelector('a.feed-link').getAttribute('href')`) != href {
		t.Errorf("feed link %q", href)
	}
	b.waitJS("feed parses", `(window.__feed = fetch(`+jsString(href)+`).then((r) => r.text()).then((x) => {
		const d = new DOMParser().parseFromString(x, 'application/xml');
		window.__entries = d.getElementsByTagNameNS('http://www.w3.org/2005/Atom', 'entry').length;
	}), window.__entries > 0)`)
	b.do("leave the results", chromedp.Navigate(base+"/documents"))
	b.waitJS("documents", `document.querySelectorAll('.doc-card').length > 0`)
	if n := evalJS[int](b, "feed link elsewhere", `document.querySelectorAll('head link[data-feed]').length`); n != 0 {
		t.Errorf("the documents list announces %d feeds", n)
	}

	// KWIC: the source column gives the whole title and the measure.
	b.do("kwic", chromedp.Navigate(base+"/kwic?q="+urlQ(`"双师型"`)))
	b.waitJS("kwic lines", `document.querySelector('.kwic-table tbody .kwic-line .kwic-measure')`)
	src := evalJS[[]string](b, "sources", `[...document.querySelectorAll('.kwic-table tbody .kwic-src')].map((e) => e.querySelector('a').textContent + '|' + (e.querySelector('.kwic-measure')?.textContent || ''))`)
	if !contains(src, "职业教育提质培优行动计划（2020—2023年）|19. 提升教师“双师”素质") {
		t.Errorf("the source column: %v", src)
	}
	if clipped := evalJS[bool](b, "clipped", `[...document.querySelectorAll('.kwic-table tbody .kwic-src a')].some((a) => a.scrollWidth > a.clientWidth + 1)`); clipped {
		t.Error("a source title is cut")
	}
	b.shot(dir, "kwic-source-desktop")

	// The same on a phone: nothing wider than the screen.
	b.do("phone", chromedp.EmulateViewport(375, 812, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulateScale(2)))
	for _, v := range []struct{ name, path, ready string }{
		{"documents-view", "/?q=" + urlQ("实训基地") + "&group=document", `document.querySelector('#results li.group')`},
		{"miss", "/?q=" + urlQ("实训基地") + "&region=" + urlQ("火星"), `document.querySelector('.miss')`},
		{"kwic-source", "/kwic?q=" + urlQ(`"双师型"`), `document.querySelector('.kwic-measure')`},
	} {
		b.do(v.name+" phone", chromedp.Navigate(base+v.path))
		b.waitJS(v.name+" on a phone", v.ready)
		b.shot(dir, v.name+"-phone")
		b.overflow("phone", v.name)
	}
	b.do("facets on a phone", chromedp.Navigate(base+"/?q="+urlQ("实训基地")+"&region="+urlQ(a.Value)))
	b.waitJS("facet toggle", `document.querySelector('.facet-toggle')`)
	b.do("open the facets", chromedp.Click(chromedp.CSS(".facet-toggle")))
	b.waitJS("facets open", `document.querySelector('#facet-panel').getClientRects().length > 0`)
	b.overflow("phone", "facets")
	b.shot(dir, "facets-or-phone")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
