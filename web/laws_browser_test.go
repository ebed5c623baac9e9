package web_test

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"policysearch"
	"policysearch/parse"
)

// startLawServer serves two versions of a part of the Civil Code.
func startLawServer(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../parse/testdata/laws/code-part.md")
	if err != nil {
		t.Fatal(err)
	}
	var docs []*policysearch.Document
	for _, m := range []*parse.Meta{{ID: "hunyin-2020", Date: "2020-05-28"}, {ID: "hunyin-2024", Date: "2024-01-01"}} {
		d, err := parse.Parse("code-part.md", data, m)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return serve(t, openIndex(t, false, docs...))
}

// TestBrowserLaws reads a law as a researcher would: the old version's page says it is
// old and links the version in force, lists the versions, jumps to an article by its
// number; a search hit on the old version says so; a document's hits read in order.
func TestBrowserLaws(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil && os.Getenv("CI") != "true" {
		t.Skipf("skipping the browser test: no Chromium at %s (apt-get install chromium fonts-noto-cjk)", chromiumPath)
	}
	base := startLawServer(t)
	b := newBrowser(t, base)
	dir := os.Getenv("SCREENSHOT_DIR")

	b.do("open the old version",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(base+"/d/hunyin-2020"),
		chromedp.WaitVisible(chromedp.CSS(".history-section")))
	b.waitJS("status and the version in force", `document.querySelector('.doc-header .status-amended')?.textContent === '已被修改' &&
		document.querySelector('.version-notice a')?.getAttribute('href') === '/d/hunyin-2024'`)
	b.waitJS("修订沿革 lists both versions, this one marked", `[...document.querySelectorAll('.versions li')].map(li => li.dataset.id + (li.classList.contains('is-self') ? '*' : '')).join(' ') === 'hunyin-2020* hunyin-2024' &&
		document.querySelector('.versions li[data-id="hunyin-2024"] .status-in-force') !== null`)
	b.waitJS("a law counts its articles, not measures", `document.querySelector('.doc-header .meta-list')?.textContent.includes('其中条文')`)
	b.shot(dir, "law-document")

	b.do("jump to article 1077", chromedp.SendKeys(chromedp.CSS("#article-no"), "1077"+kb.Enter))
	b.waitJS("the article's page", `location.pathname.startsWith('/p/') && document.querySelector('#paragraph .paragraph-text')?.textContent.startsWith('第一千零七十七条')`)
	b.do("back to the document", chromedp.Navigate(base+"/d/hunyin-2024"), chromedp.WaitVisible(chromedp.CSS("#article-no")))
	b.do("an article that is not there", chromedp.SendKeys(chromedp.CSS("#article-no"), "第九千条"+kb.Enter))
	b.waitJS("says so", `document.querySelector('.article-jump-status')?.textContent.includes('没有第') && location.pathname === '/d/hunyin-2024'`)

	b.do("search both versions", chromedp.Navigate(base+"/?q="+"离婚登记"), chromedp.WaitVisible(chromedp.CSS(".hits")))
	b.waitJS("the old version's hit says so", `[...document.querySelectorAll('.hit')].some(h => h.querySelector('.hit-status .status-amended') &&
		h.querySelector('.hit-status .current-link')?.getAttribute('href') === '/d/hunyin-2024')`)
	b.waitJS("the current version's hit has no warning", `[...document.querySelectorAll('.hit')].some(h => !h.querySelector('.hit-status') && h.querySelector('.hit-title a'))`)

	b.do("one document in order", chromedp.Navigate(base+"/?q="+"离婚&doc=hunyin-2024&sort=document"), chromedp.WaitVisible(chromedp.CSS(".hits")))
	b.waitJS("articles in order, the order chosen", `document.getElementById('sort').value === 'document' &&
		[...document.querySelectorAll('.hit .measure')].map(m => m.textContent).join(' ').startsWith('第一千零七十六条 第一千零七十七条')`)
	b.shot(dir, "law-search-in-order")

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.console {
		if (m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException) && m.Source != "network" {
			t.Errorf("console %s (%s): %s %s:%d", m.Type, m.Source, m.Text, m.URL, m.Line+1)
		}
	}
}
