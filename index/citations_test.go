package index_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"policysearch"
	"policysearch/index"
)

// plan is a small policy document of one paragraph per text.
func plan(id, title, region, level, date, number string, texts ...string) *policysearch.Document {
	d := &policysearch.Document{ID: id, Title: title, Region: region, Level: level, Date: date, DocNumber: number, DocType: "方案"}
	for i, t := range texts {
		d.Paragraphs = append(d.Paragraphs, policysearch.Paragraph{ID: id + "-p" + string(rune('0'+i)), DocID: id, Seq: i,
			Kind: policysearch.KindBody, Text: t})
	}
	return d
}

// nationalLaw is a law of the nation with n articles numbered from 1.
func nationalLaw(id, title, date, effective string, n int) *policysearch.Document {
	d := &policysearch.Document{ID: id, Title: title, Region: policysearch.RegionNational, Date: date, Published: date,
		Effective: effective, Issuers: []string{"全国人民代表大会常务委员会"}, DocType: "法律", Level: policysearch.LevelNational}
	for i := 1; i <= n; i++ {
		no := policysearch.ArticleLabel(i, 0)
		d.Paragraphs = append(d.Paragraphs, policysearch.Paragraph{ID: fmt.Sprintf("%s-a%d", id, i), DocID: id, Seq: i - 1,
			Kind: policysearch.KindArticle, MeasureNo: no, Text: no + " 职业教育是与普通教育具有同等重要地位的教育类型。"})
	}
	return d
}

func citationsOf(t *testing.T, ix *index.Index, id string) *policysearch.Citations {
	t.Helper()
	c, err := ix.Citations(context.Background(), id)
	if err != nil {
		t.Fatalf("citations of %s: %v", id, err)
	}
	return c
}

// cited maps each cited document (id, or "?"+title when outside the corpus) to its
// articles.
func cited(c *policysearch.Citations) map[string]string {
	out := map[string]string{}
	for _, x := range c.Cites {
		k := "?" + x.Document.Title
		if x.Document.ID != nil {
			k = *x.Document.ID
		}
		out[k] = strings.Join(x.Articles, ",")
	}
	return out
}

func hitDocs(res *policysearch.SearchResult) []string {
	var out []string
	for _, h := range res.Hits {
		out = append(out, h.DocID)
	}
	return out
}

func has(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

func citers(c *policysearch.Citations) []string {
	var out []string
	for _, x := range c.CitedBy {
		out = append(out, *x.Document.ID)
	}
	return out
}

// TestCitationResolution indexes citing documents before and after what they cite,
// across versions of a law, and removes a cited one: each reference names the version
// in force on its document's date, waits unresolved until its target arrives, and
// falls back when the target goes.
func TestCitationResolution(t *testing.T) {
	ix, err := index.Open(index.Options{Segmenter: seg})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	early := plan("plan-2019", "某省职业教育行动方案", "江西省", policysearch.LevelProvince, "2019-05-01", "赣府发〔2019〕3号",
		"根据《中华人民共和国职业教育法》第十条和《国务院关于印发〈国家职业教育改革实施方案〉的通知》（国发﹝2019﹞4号），制定本方案。",
		"依照职业教育法第十二条、第十三条，现将《某省职业教育行动方案》印发给你们。")
	late := plan("plan-2023", "某市职业教育发展规划", "江西省南昌市", policysearch.LevelCity, "2023-03-01", "",
		"贯彻《职业教育法》（2022年修订）和赣府发[2019]3号文件精神。", "参照国发〔2019〕4号。")
	if err := ix.Index(ctx, early, late); err != nil {
		t.Fatal(err)
	}
	if got := cited(citationsOf(t, ix, "plan-2019")); got["?中华人民共和国职业教育法"] != "第十条,第十二条,第十三条" || len(got) != 2 {
		t.Errorf("before the law arrives, plan-2019 cites %v", got)
	}
	if got := cited(citationsOf(t, ix, "plan-2023")); !has(got, "plan-2019") || len(got) != 3 {
		t.Errorf("plan-2023 cites %v, want plan-2019 by 文号, the law and 国发〔2019〕4号 unresolved", got)
	}
	old := nationalLaw("vel-1996", "中华人民共和国职业教育法", "1996-05-15", "1996-09-01", 40)
	niu := nationalLaw("vel-2022", "中华人民共和国职业教育法", "2022-04-20", "2022-05-01", 69)
	scheme := plan("scheme", "国家职业教育改革实施方案", policysearch.RegionNational, policysearch.LevelNational, "2019-01-24", "国发〔2019〕4号", "完善国家职业教育制度体系。")
	if err := ix.Index(ctx, old, niu, scheme); err != nil {
		t.Fatal(err)
	}
	c := citationsOf(t, ix, "plan-2019")
	if got := cited(c); got["vel-1996"] != "第十条,第十二条,第十三条" || !has(got, "scheme") || len(got) != 2 {
		t.Errorf("plan-2019 (2019) cites %v, want the 1996 law's 第十条/十二/十三 and the scheme by 文号", got)
	}
	for _, x := range c.Cites {
		for _, m := range x.Mentions {
			if m.Article == "第十条" && m.CitedParagraph != "vel-1996-a10" {
				t.Errorf("第十条 resolves to paragraph %q", m.CitedParagraph)
			}
		}
	}
	if got := cited(citationsOf(t, ix, "plan-2023")); !has(got, "vel-2022") || !has(got, "scheme") || len(got) != 3 {
		t.Errorf("plan-2023 cites %v, want the 2022 law", got)
	}
	// A page that lost its date speaks from the latest day it names.
	undated := plan("undated", "某县职业教育实施意见", "江西省南昌市进贤县", policysearch.LevelCounty, "", "",
		"本意见经2019年5月1日县政府常务会议审议通过，依照《中华人民共和国职业教育法》制定。")
	if err := ix.Index(ctx, undated); err != nil {
		t.Fatal(err)
	}
	if got := cited(citationsOf(t, ix, "undated")); !has(got, "vel-1996") {
		t.Errorf("the undated plan of 2019 cites %v, want the 1996 law", got)
	}
	if err := ix.Delete(ctx, "undated"); err != nil {
		t.Fatal(err)
	}
	if got := citers(citationsOf(t, ix, "vel-1996")); len(got) != 1 || got[0] != "plan-2019" {
		t.Errorf("the 1996 law is cited by %v", got)
	}
	if got := citers(citationsOf(t, ix, "vel-2022")); len(got) != 1 || got[0] != "plan-2023" {
		t.Errorf("the 2022 law is cited by %v", got)
	}
	// The enclosed plan (现将《…》印发给你们) is the document itself, not a citation.
	for _, x := range citationsOf(t, ix, "plan-2019").Cites {
		if strings.Contains(x.Document.Title, "行动方案") {
			t.Errorf("plan-2019 cites itself: %+v", x.Document)
		}
	}
	// Filters, facet and sort.
	res, err := ix.Search(ctx, &policysearch.SearchRequest{Query: "cites:vel-1996"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 2 {
		t.Errorf("cites:vel-1996 finds %d paragraphs, want plan-2019's two", res.Total)
	}
	res, err = ix.Search(ctx, &policysearch.SearchRequest{Query: "职业教育 cites:职业教育法"})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range res.Hits {
		if h.DocID != "plan-2019" && h.DocID != "plan-2023" {
			t.Errorf("cites:职业教育法 finds %s", h.ID)
		}
	}
	if f := res.Facets["cites"]; len(f) == 0 || f[0].Value != "职业教育法" || f[0].Label != "中华人民共和国职业教育法" {
		t.Errorf("cites facet: %+v", f)
	}
	res, err = ix.Search(ctx, &policysearch.SearchRequest{Query: "职业", Sort: policysearch.SortCited})
	if err != nil {
		t.Fatal(err)
	}
	// The scheme is cited by both plans; every other document by one at most.
	if len(res.Hits) == 0 || res.Hits[0].DocID != "scheme" {
		t.Errorf("sort=cited puts first %v", hitDocs(res))
	}
	res, err = ix.Search(ctx, &policysearch.SearchRequest{Query: `"职业教育"`, Sort: policysearch.SortCited})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) == 0 || res.Hits[0].DocID != "scheme" {
		t.Errorf("sort=cited on a phrase puts first %v", hitDocs(res))
	}
	// The cited law goes: its citations wait again, with their text.
	if err := ix.Delete(ctx, "vel-1996"); err != nil {
		t.Fatal(err)
	}
	if got := cited(citationsOf(t, ix, "plan-2019")); got["vel-2022"] != "第十条,第十二条,第十三条" {
		t.Errorf("without the 1996 law, plan-2019 cites %v, want the version left", got)
	}
	if err := ix.Delete(ctx, "vel-2022"); err != nil {
		t.Fatal(err)
	}
	if got := cited(citationsOf(t, ix, "plan-2019")); !has(got, "?中华人民共和国职业教育法") {
		t.Errorf("without the law, plan-2019 cites %v", got)
	}
	if got := citers(citationsOf(t, ix, "scheme")); len(got) != 2 {
		t.Errorf("the scheme is cited by %v, want both plans (by 文号 and by its notice's title)", got)
	}
}

// TestCitationsLawrefbook checks the network on the seeds, lawrefbook and the policies
// corpus in one index: plans cite the version of a law in force on their date, the
// local 实施《…》办法 are cited-by of the law they implement, judicial interpretations of
// the civil code cite its books article by article, and no document cites the plan its
// cover notice encloses.
func TestCitationsLawrefbook(t *testing.T) {
	root := sharedCorpus(t)
	if testing.Short() {
		t.Skip("skipping the lawrefbook corpus in -short mode")
	}
	ix, docs := lawrefbookIndex(t, filepath.Join(root, "lawrefbook"))
	ctx := context.Background()
	// The two versions of the vocational education law, found by title.
	var versions []string
	for _, d := range docs {
		if policysearch.TitleKey(d.Title) == "职业教育法" {
			versions = append(versions, d.ID)
		}
	}
	sort.Strings(versions)
	if len(versions) != 2 {
		t.Fatalf("the corpus has versions %v of 职业教育法", versions)
	}
	for id, want := range map[string]string{"moe-2020-tzpy": versions[0], "jiamusi-2022-fzgh": versions[1]} {
		if got := cited(citationsOf(t, ix, id)); !has(got, want) {
			t.Errorf("%s cites %v, want %s", id, got, want)
		}
	}
	citedBy := map[string]bool{}
	for _, v := range versions {
		for _, id := range citers(citationsOf(t, ix, v)) {
			citedBy[id] = true
		}
	}
	implementing := 0
	for _, d := range docs {
		if strings.Contains(d.Title, "实施《") && strings.Contains(d.Title, "职业教育法》") {
			implementing++
			if !citedBy[d.ID] {
				t.Errorf("%s implements 职业教育法 but is not cited-by of either version", d.ID)
			}
		}
	}
	if implementing < 2 {
		t.Errorf("%d documents implement 职业教育法", implementing)
	}
	// The civil code's books, cited by the interpretations article by article.
	books := 0
	for _, d := range docs {
		if !strings.HasPrefix(d.Title, "中华人民共和国民法典·") || len(d.Paragraphs) < 10 {
			continue
		}
		books++
		articles := map[string]bool{}
		for _, x := range citationsOf(t, ix, d.ID).CitedBy {
			v, err := ix.Document(ctx, *x.Document.ID)
			if err != nil {
				t.Fatal(err)
			}
			if v.DocType != "司法解释" {
				continue
			}
			for _, m := range x.Mentions {
				if m.ArticleNo == 0 {
					continue
				}
				if got := articleOf(t, ix, m.CitedParagraph); got != [2]int{m.ArticleNo, m.ArticleSub} || !strings.HasPrefix(m.CitedParagraph, d.ID) {
					t.Errorf("%s %q resolves to paragraph %q (article %v) of %s", *x.Document.ID, m.Text, m.CitedParagraph, got, d.ID)
				}
				articles[m.CitedParagraph] = true
			}
		}
		if len(articles) < 5 {
			t.Errorf("%s: interpretations cite %d of its articles", d.Title, len(articles))
		}
	}
	if books < 7 {
		t.Errorf("%d books of the civil code", books)
	}
	// A notice's reference to the document it encloses is not a citation; an older
	// text of the same title, with its own 文号 or repealed by this one, is.
	for _, d := range docs {
		for _, x := range citationsOf(t, ix, d.ID).Cites {
			if x.Document.ID != nil && *x.Document.ID == d.ID {
				t.Errorf("%s cites itself", d.ID)
			}
			for _, m := range x.Mentions {
				if m.Title == "" || policysearch.TitleKey(m.Title) != policysearch.TitleKey(d.Title) || m.DocNumber != "" {
					continue
				}
				if v, err := ix.Paragraph(ctx, m.Paragraph); err != nil || !strings.Contains(v.Paragraph.Text[m.End:], "废止") {
					t.Errorf("%s cites its own title: %q", d.ID, m.Text)
				}
			}
		}
	}
}
