package web_test

import (
	"fmt"
	"net/url"
	"os"
	"testing"

	"github.com/chromedp/chromedp"

	"policysearch"
)

// startCitationServer serves the seeds, the vocational education law they cite (under
// a Chinese id, as lawrefbook's are) and a city's plan citing one of its articles.
func startCitationServer(t *testing.T) string {
	t.Helper()
	law := &policysearch.Document{ID: "职业教育法-1996", Title: "中华人民共和国职业教育法", Region: policysearch.RegionNational,
		Level: policysearch.LevelNational, DocType: "法律", Date: "1996-05-15", Effective: "1996-09-01"}
	for i := 1; i <= 12; i++ {
		no := policysearch.ArticleLabel(i, 0)
		law.Paragraphs = append(law.Paragraphs, policysearch.Paragraph{ID: fmt.Sprintf("职业教育法-1996-a%d", i), DocID: law.ID, Seq: i - 1,
			Kind: policysearch.KindArticle, MeasureNo: no, Text: no + " 国家发展职业教育，推进职业教育改革。"})
	}
	plan := &policysearch.Document{ID: "hegang-2021", Title: "鹤岗市职业教育发展方案", Region: "黑龙江省鹤岗市", Level: policysearch.LevelCity,
		Date: "2021-03-01", DocType: "方案", Paragraphs: []policysearch.Paragraph{{ID: "hegang-2021-p0", DocID: "hegang-2021", Kind: policysearch.KindBody,
			Text: "依照《中华人民共和国职业教育法》第十条，国家发展职业教育，推进职业教育改革，制定本方案。"}}}
	return serve(t, openIndex(t, true, law, plan))
}

// TestBrowserCitations follows the citations: the law's page lists who cites it, a
// citing paragraph links the cited article, the diffusion view tables the citing
// documents by province and year, and the cites facet names the law.
func TestBrowserCitations(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil && os.Getenv("CI") != "true" {
		t.Skipf("skipping the browser test: no Chromium at %s (apt-get install chromium fonts-noto-cjk)", chromiumPath)
	}
	base := startCitationServer(t)
	b := newBrowser(t, base)
	dir := os.Getenv("SCREENSHOT_DIR")
	law := "/d/" + url.PathEscape("职业教育法-1996")

	b.do("open the law", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(base+law),
		chromedp.WaitVisible(chromedp.CSS(".citations-section .citation-list")))
	b.waitJS("引用本篇 lists the three citing documents", `[...document.querySelectorAll('.cited-by .citation')].map(li => li.dataset.id).sort().join(' ') === 'hegang-2021 jiamusi-2022-fzgh moe-2020-tzpy' &&
		document.querySelector('.cited-by .citation[data-id="hegang-2021"] .cited-article')?.textContent === '第十条' &&
		document.querySelector('.citations-links a[href^="/diffusion/"]') !== null &&
		document.querySelector('.citations-links a[href^="/api/v1/citations/edges?doc="]') !== null`)
	b.shot(dir, "citations-document")

	b.do("a citing plan's paragraph", chromedp.Navigate(base+"/p/hegang-2021-p0"), chromedp.WaitVisible(chromedp.CSS(".paragraph-text .citation-link")))
	b.waitJS("the reference opens the cited article", `document.querySelector('.paragraph-text a.citation-link')?.textContent === '《中华人民共和国职业教育法》第十条' &&
		decodeURIComponent(document.querySelector('.paragraph-text a.citation-link').getAttribute('href')) === '/p/职业教育法-1996-a10' &&
		document.querySelector('.paragraph-text').textContent.startsWith('依照《中华人民共和国职业教育法》第十条，')`)
	b.do("follow it", chromedp.Click(chromedp.CSS(".paragraph-text a.citation-link")))
	b.waitJS("the article's page", `document.querySelector('#paragraph .paragraph-text')?.textContent.startsWith('第十条')`)

	b.do("the diffusion view", chromedp.Navigate(base+"/diffusion/"+url.PathEscape("职业教育法-1996")), chromedp.WaitVisible(chromedp.CSS(".diffusion-matrix")))
	b.waitJS("provinces by year, the citers, the trends chart", `[...document.querySelectorAll('.diffusion-matrix tbody th')].map(th => th.textContent).sort().join(' ') === '黑龙江省' &&
		document.querySelectorAll('.diffusion-matrix td.has-count').length === 2 &&
		document.querySelectorAll('.diffusion-citers tbody tr').length === 2 &&
		document.querySelector('.diffusion-chart .trends-toggle') !== null`)
	b.shot(dir, "citations-diffusion")

	b.do("search with the cites facet", chromedp.Navigate(base+"/?q="+url.QueryEscape("职业教育")), chromedp.WaitVisible(chromedp.CSS("#facet-cites")))
	b.waitJS("the facet names the law", `[...document.querySelectorAll('#facet-cites .facet-value')].some(a => a.dataset.value === '职业教育法' && a.querySelector('.facet-label').textContent === '中华人民共和国职业教育法')`)
	b.do("pick it", chromedp.Click(chromedp.CSS(`#facet-cites .facet-value[data-value="职业教育法"]`)))
	b.waitJS("only citing paragraphs", `new URLSearchParams(location.search).get('cites') === '职业教育法' && document.querySelectorAll('.hit').length === 3`)

	b.mu.Lock()
	defer b.mu.Unlock()
	for _, m := range b.console {
		if (m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException) && m.Source != "network" {
			t.Errorf("console %s (%s): %s %s:%d", m.Type, m.Source, m.Text, m.URL, m.Line+1)
		}
	}
}
