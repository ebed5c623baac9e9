package index_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"policysearch"
	"policysearch/index"
)

// law builds a small law: one article per text, numbered from 1.
func law(id, title, region, date, effective, status string, issuers []string, texts ...string) *policysearch.Document {
	d := &policysearch.Document{ID: id, Title: title, Region: region, Date: date, Published: date, Effective: effective,
		Status: status, Issuers: issuers, DocType: "地方性法规", Level: policysearch.LevelProvince}
	for i, t := range texts {
		no := "第" + []string{"一", "二", "三", "四", "五"}[i] + "条"
		d.Paragraphs = append(d.Paragraphs, policysearch.Paragraph{ID: id + "-a" + string(rune('1'+i)), DocID: id, Seq: i,
			Kind: policysearch.KindArticle, MeasureNo: no, Text: no + " " + t})
	}
	return d
}

// lawIndex holds versions of one regulation, a repeal, a law not yet in force, an
// amendment and interpretations by a court's organs and jointly.
func lawIndex(t *testing.T) *index.Index {
	t.Helper()
	ix, err := index.Open(index.Options{Segmenter: seg})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ix.Close() })
	in := policysearch.StatusInForce
	zj := []string{"浙江省人民代表大会常务委员会"}
	docs := []*policysearch.Document{
		law("edu-2018", "浙江省职业教育条例", "浙江省", "2018-07-27", "2018-10-01", in, zj, "职业学校应当开展校企合作。", "本条例自2018年10月1日起施行。"),
		law("edu-2022", "浙江省职业教育条例", "浙江省", "2022-07-29", "2022-10-01", in, zj, "职业学校应当深化校企合作，推进产教融合。", "本条例自2022年10月1日起施行。"),
		law("edu-trial", "浙江省职业教育条例（试行）", "浙江省", "2010-01-01", "2010-03-01", in, zj, "职业学校试行校企合作。"),
		law("old-rules", "浙江省实训基地管理办法", "浙江省", "2001-05-01", "2001-06-01", in, zj, "实训基地由教育行政部门管理。"),
		law("new-rules", "浙江省实训基地条例", "浙江省", "2020-05-01", "2020-06-01", in, zj, "实训基地建设纳入规划。", "本条例自2020年6月1日起施行，《浙江省实训基地管理办法》同时废止。"),
		law("water-2019", "浙江省水资源条例", "浙江省", "2019-01-01", "2019-03-01", in, zj, "保护水资源，节约用水。"),
		law("water-2098", "浙江省水资源条例", "浙江省", "2098-01-01", "2099-01-01", policysearch.StatusNotYet, zj, "保护水资源，建设节水型社会。"),
		law("penal", "中华人民共和国某法", policysearch.RegionNational, "2020-12-26", "2021-03-01", in, []string{"全国人民代表大会常务委员会"}, "犯罪行为依法追究刑事责任。"),
		law("penal-am1", "中华人民共和国某法修正案（一）", policysearch.RegionNational, "2023-12-29", "2024-03-01", in, []string{"全国人民代表大会常务委员会"}, "将某法第一条修改为：犯罪行为依法追究刑事责任并赔偿损失。"),
		law("spp", "最高人民检察院关于办理某类案件的规定", policysearch.RegionNational, "2021-01-01", "2021-02-01", in, []string{"最高人民检察院检察委员会"}, "检察机关办理刑事案件，应当依法审查证据。"),
		law("joint", "最高人民法院、最高人民检察院关于办理某类刑事案件的解释", policysearch.RegionNational, "2022-01-01", "2022-02-01", in, []string{"最高人民法院", "最高人民检察院"}, "办理刑事案件，应当依法审查证据。"),
	}
	// A re-enacted law repeals its 试行 text, not its own older versions.
	docs[1].Repeals = []string{"浙江省职业教育条例（试行）"}
	docs[4].Repeals = []string{"浙江省实训基地管理办法"}
	docs[8].Amends = "中华人民共和国某法"
	if err := ix.Index(context.Background(), docs...); err != nil {
		t.Fatal(err)
	}
	return ix
}

func TestLawStatuses(t *testing.T) {
	ix := lawIndex(t)
	ctx := context.Background()
	want := map[string]struct{ status, current string }{
		"edu-2018":   {policysearch.StatusAmended, "edu-2022"},
		"edu-2022":   {policysearch.StatusInForce, ""},
		"edu-trial":  {policysearch.StatusRepealed, "edu-2022"},
		"old-rules":  {policysearch.StatusRepealed, ""},
		"new-rules":  {policysearch.StatusInForce, ""},
		"water-2019": {policysearch.StatusInForce, ""}, // its successor is not in force before 2099
		"water-2098": {policysearch.StatusNotYet, ""},
		"penal":      {policysearch.StatusInForce, ""},
	}
	for id, w := range want {
		v, err := ix.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if v.Status != w.status || v.CurrentID != w.current {
			t.Errorf("%s: status %s current %q, want %s %q", id, v.Status, v.CurrentID, w.status, w.current)
		}
	}
	v, _ := ix.Document(ctx, "edu-2018")
	if len(v.Versions) != 3 || v.Versions[1].ID != "edu-2018" || !v.Versions[1].Self || v.Versions[2].Status != policysearch.StatusInForce || v.Versions[0].Status != policysearch.StatusRepealed {
		t.Errorf("edu-2018 versions %+v", v.Versions)
	}
	v, _ = ix.Document(ctx, "penal")
	if len(v.Related) != 1 || v.Related[0].ID != "penal-am1" || v.Related[0].Relation != policysearch.RelAmendment {
		t.Errorf("penal related %+v", v.Related)
	}
	v, _ = ix.Document(ctx, "old-rules")
	if len(v.Related) != 1 || v.Related[0].ID != "new-rules" || v.Related[0].Relation != policysearch.RelRepealedBy {
		t.Errorf("old-rules related %+v", v.Related)
	}

	// A hit on an old version says so and names the version in force.
	res, err := ix.Search(ctx, &policysearch.SearchRequest{Query: "校企合作"})
	if err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, h := range res.Hits {
		switch h.DocID {
		case "edu-2018":
			seen++
			if h.Status != policysearch.StatusAmended || h.CurrentID != "edu-2022" {
				t.Errorf("old version hit: status %s current %q", h.Status, h.CurrentID)
			}
		case "edu-2022":
			seen++
			if h.Status != policysearch.StatusInForce || h.CurrentID != "" || h.Effective != "2022-10-01" {
				t.Errorf("current version hit: %+v", h)
			}
		}
	}
	if seen != 2 {
		t.Errorf("校企合作: %d of the two versions found", seen)
	}

	// Deleting the newer version puts the older one back in force.
	if err := ix.Delete(ctx, "edu-2022"); err != nil {
		t.Fatal(err)
	}
	if v, _ := ix.Document(ctx, "edu-2018"); v.Status != policysearch.StatusInForce || v.CurrentID != "" {
		t.Errorf("after deleting edu-2022: %s %q", v.Status, v.CurrentID)
	}
}

func TestLawFilters(t *testing.T) {
	ix := lawIndex(t)
	ctx := context.Background()
	docsOf := func(q string, f policysearch.Filters) string {
		t.Helper()
		res, err := ix.Search(ctx, &policysearch.SearchRequest{Query: q, Filters: f, Size: 100})
		if err != nil {
			t.Fatalf("%s %+v: %v", q, f, err)
		}
		seen := map[string]bool{}
		var ids []string
		for _, h := range res.Hits {
			if !seen[h.DocID] {
				seen[h.DocID] = true
				ids = append(ids, h.DocID)
			}
		}
		sort.Strings(ids)
		return strings.Join(ids, " ")
	}
	for _, c := range []struct {
		q    string
		f    policysearch.Filters
		want string
	}{
		// Words through bleve, phrases in memory, and the query language.
		{"校企合作", policysearch.Filters{Status: "现行有效"}, "edu-2022"},
		{`"校企合作"`, policysearch.Filters{Status: "已被修改"}, "edu-2018"},
		{`"校企合作"`, policysearch.Filters{Status: "已废止"}, "edu-trial"},
		{"校企合作 status:已被修改", policysearch.Filters{}, "edu-2018"},
		{"实训基地", policysearch.Filters{Status: "废止"}, "old-rules"},
		{"水资源", policysearch.Filters{Status: "尚未施行"}, "water-2098"},
		{"水资源", policysearch.Filters{Status: "现行有效"}, "water-2019"},
		{"水资源 effective:2099", policysearch.Filters{}, "water-2098"},
		{"校企合作", policysearch.Filters{PublishedFrom: "2020", PublishedTo: "2022-12"}, "edu-2022"},
		{`"校企合作" published:..2019`, policysearch.Filters{}, "edu-2018 edu-trial"},
		// An issuer filter takes in the body's organs and the joint documents.
		{"审查证据", policysearch.Filters{Issuer: []string{"最高人民检察院"}}, "joint spp"},
		{"审查证据 issuer:最高人民法院", policysearch.Filters{}, "joint"},
	} {
		if got := docsOf(c.q, c.f); got != c.want {
			t.Errorf("%s %+v: documents %q, want %q", c.q, c.f, got, c.want)
		}
	}
	for _, f := range []policysearch.Filters{{Status: "valid"}, {EffectiveFrom: "2021-13"}, {PublishedFrom: "2022", PublishedTo: "2021"}} {
		if _, err := ix.Search(ctx, &policysearch.SearchRequest{Query: "水资源", Filters: f}); policysearch.ErrorCode(err) != policysearch.EINVALID {
			t.Errorf("%+v: error %v, want invalid", f, err)
		}
	}
}

func TestDocumentOrder(t *testing.T) {
	ix := lawIndex(t)
	res, err := ix.Search(context.Background(), &policysearch.SearchRequest{Query: "本条例 OR 职业学校", Filters: policysearch.Filters{Doc: []string{"edu-2022"}}, Sort: policysearch.SortDocument})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 2 || res.Hits[0].MeasureNo != "第一条" || res.Hits[1].MeasureNo != "第二条" {
		t.Errorf("hits in document order: %+v", res.Hits)
	}
	if _, err := ix.Search(context.Background(), &policysearch.SearchRequest{Query: "本条例", Sort: policysearch.SortDocument}); policysearch.ErrorCode(err) != policysearch.EINVALID {
		t.Errorf("sort=document without a document: %v", err)
	}
}

// TestLawrefbookLaws searches the 3,422 laws as a legal researcher would: city
// regulations by city and level, interpretations by court including the joint ones,
// and by status.
func TestLawrefbookLaws(t *testing.T) {
	root := lawrefbookRoot(t)
	ix, _ := lawrefbookIndex(t, root)
	ctx := context.Background()
	search := func(q string) *policysearch.SearchResult {
		t.Helper()
		res, err := ix.Search(ctx, &policysearch.SearchRequest{Query: q, Size: 100})
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return res
	}
	if res := search("物业 region:杭州"); res.Total < 20 {
		t.Errorf("物业 region:杭州: %d hits", res.Total)
	} else {
		for _, h := range res.Hits {
			if h.Region != "浙江省杭州市" || h.Level != policysearch.LevelCity {
				t.Errorf("region:杭州 hit %s: %s %s", h.DocTitle, h.Region, h.Level)
			}
		}
	}
	res := search("物业 level:市")
	cities := map[string]bool{}
	for _, h := range res.Hits {
		cities[h.Region] = true
		if h.Level != policysearch.LevelCity {
			t.Errorf("level:市 hit %s: level %s", h.DocTitle, h.Level)
		}
	}
	if res.Total < 100 || len(cities) < 5 {
		t.Errorf("物业 level:市: %d hits from %d cities", res.Total, len(cities))
	}
	res = search("证据 issuer:最高人民法院")
	joint := false
	for _, h := range res.Hits {
		if len(h.Issuers) > 1 && strings.Contains(strings.Join(h.Issuers, " "), "最高人民检察院") {
			joint = true
		}
	}
	for _, f := range res.Facets["issuer"] {
		joint = joint || f.Value == "最高人民检察院"
	}
	if !joint {
		t.Errorf("issuer:最高人民法院 finds no joint interpretation among %d hits", res.Total)
	}
	all := search("未成年人").Total
	counts := 0
	for _, st := range policysearch.Statuses {
		res := search("未成年人 status:" + st)
		counts += res.Total
		for _, h := range res.Hits {
			if h.Status != st {
				t.Errorf("status:%s hit %s is %s", st, h.ID, h.Status)
			}
			if st == policysearch.StatusAmended && h.CurrentID == "" {
				t.Errorf("old version %s names no version in force", h.ID)
			}
		}
		if st != policysearch.StatusNotYet && res.Total == 0 {
			t.Errorf("未成年人 status:%s: no hit", st)
		}
	}
	if counts != all {
		t.Errorf("the four statuses hold %d of the %d hits of 未成年人", counts, all)
	}
}
