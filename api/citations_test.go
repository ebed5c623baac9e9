package api_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"slices"
	"strings"
	"testing"

	"policysearch"
	"policysearch/api"
)

// vocationalLaw is a national law the seeds cite, with articles numbered from 1.
func vocationalLaw() *policysearch.Document {
	d := &policysearch.Document{ID: "vel-1996", Title: "中华人民共和国职业教育法", Region: policysearch.RegionNational,
		Level: policysearch.LevelNational, DocType: "法律", Date: "1996-05-15", Effective: "1996-09-01",
		Issuers: []string{"全国人民代表大会常务委员会"}}
	texts := []string{"为了实施科教兴国战略，发展职业教育，提高劳动者素质，制定本法。", "本法适用于各级各类职业学校教育和各种形式的职业培训。",
		"职业教育是国家教育事业的重要组成部分，是促进经济、社会发展和劳动就业的重要途径。"}
	for i, t := range texts {
		no := policysearch.ArticleLabel(i+1, 0)
		d.Paragraphs = append(d.Paragraphs, policysearch.Paragraph{ID: fmt.Sprintf("vel-1996-a%d", i+1), DocID: d.ID, Seq: i,
			Kind: policysearch.KindArticle, MeasureNo: no, Text: no + " " + t})
	}
	return d
}

// TestCitationRoutes reads the citation network through the API: a seed's citations
// (in the corpus or not), the law's cited-by and diffusion, the edges as CSV, the
// cites: filter and sort=cited, and the errors of bad input.
func TestCitationRoutes(t *testing.T) {
	e := newEnv(t, api.Config{})
	if err := e.ix.Index(context.Background(), vocationalLaw()); err != nil {
		t.Fatal(err)
	}
	var c policysearch.Citations
	e.getJSON(t, "/api/v1/documents/moe-2020-tzpy/citations", &c)
	var inCorpus, outside int
	for _, x := range c.Cites {
		if x.Document.ID != nil {
			inCorpus++
			if *x.Document.ID != "vel-1996" || x.Mentions[0].Paragraph == "" {
				t.Errorf("moe-2020-tzpy cites %+v", x)
			}
		} else if x.Document.Title != "" {
			outside++
		}
	}
	if inCorpus != 1 || outside < 5 || c.CitesCount != len(c.Cites) {
		t.Errorf("moe-2020-tzpy cites %d documents of the corpus and %d outside (count %d)", inCorpus, outside, c.CitesCount)
	}
	e.getJSON(t, "/api/v1/documents/vel-1996/citations", &c)
	var by []string
	for _, x := range c.CitedBy {
		by = append(by, *x.Document.ID)
	}
	slices.Sort(by)
	if !slices.Equal(by, []string{"jiamusi-2022-fzgh", "moe-2020-tzpy"}) || c.CitedByCount != 2 {
		t.Errorf("the law is cited by %v (count %d)", by, c.CitedByCount)
	}
	var d policysearch.Diffusion
	e.getJSON(t, "/api/v1/documents/vel-1996/diffusion", &d)
	if d.Total != 1 || len(d.Citers) != 1 || d.Citers[0].ID != "jiamusi-2022-fzgh" || d.Citers[0].Province != "黑龙江省" ||
		len(d.Cells) != 1 || d.Cells[0].Year != "2022" {
		t.Errorf("diffusion: %+v", d)
	}
	r := e.get(t, "/api/v1/citations/edges?doc=vel-1996")
	if r.status != http.StatusOK || !strings.HasPrefix(r.header.Get("Content-Type"), "text/csv") {
		t.Fatalf("edges: %d %s", r.status, r.body)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(r.body), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || !slices.Equal(rows[0], policysearch.EdgeColumns) || rows[1][1] != "vel-1996" {
		t.Errorf("edges of the law: %v", rows)
	}
	r = e.get(t, "/api/v1/citations/edges?format=jsonl")
	if r.status != http.StatusOK || strings.Count(string(r.body), "\n") < 15 {
		t.Errorf("all edges as JSON lines: %d, %d lines", r.status, strings.Count(string(r.body), "\n"))
	}
	res := e.search(t, "q="+url.QueryEscape("cites:vel-1996"))
	if res.Total != 2 {
		t.Errorf("cites:vel-1996: %d hits", res.Total)
	}
	var sorted policysearch.SearchResult
	e.getJSON(t, "/api/v1/search?q="+url.QueryEscape("职业教育")+"&sort=cited", &sorted)
	if len(sorted.Hits) == 0 || sorted.Hits[0].DocID != "vel-1996" {
		t.Errorf("sort=cited: the law, cited twice, is not first: %+v", sorted.Hits)
	}
	for target, status := range map[string]int{
		"/api/v1/documents/nope/citations":         http.StatusNotFound,
		"/api/v1/documents/..%2Fx/citations":       http.StatusBadRequest,
		"/api/v1/documents/vel-1996/citations?x=1": http.StatusBadRequest,
		"/api/v1/documents/nope/diffusion":         http.StatusNotFound,
		"/api/v1/citations/edges?doc=nope":         http.StatusNotFound,
		"/api/v1/citations/edges?format=xml":       http.StatusBadRequest,
		"/api/v1/search?q=x&sort=cites":            http.StatusBadRequest,
	} {
		if r := e.get(t, target); r.status != status {
			t.Errorf("GET %s: %d, want %d: %s", target, r.status, status, r.body)
		}
	}
}

// The citation schemas have the JSON fields of the Go types they describe.
func TestOpenAPICitationSchemas(t *testing.T) {
	doc := fetchOpenAPI(t, readEnv(t))
	for name, typ := range map[string]reflect.Type{
		"Citations":      reflect.TypeFor[policysearch.Citations](),
		"Citation":       reflect.TypeFor[policysearch.Citation](),
		"CitedDocument":  reflect.TypeFor[policysearch.CitedDocument](),
		"Mention":        reflect.TypeFor[policysearch.Mention](),
		"Reference":      reflect.TypeFor[policysearch.Reference](),
		"Diffusion":      reflect.TypeFor[policysearch.Diffusion](),
		"DiffusionCell":  reflect.TypeFor[policysearch.DiffusionCell](),
		"DiffusionCiter": reflect.TypeFor[policysearch.DiffusionCiter](),
		"Edge":           reflect.TypeFor[policysearch.Edge](),
	} {
		want := slices.DeleteFunc(jsonFields(typ), func(f string) bool { return f == "paragraphs" && name == "DiffusionCiter" })
		if name == "DiffusionCiter" {
			want = append(want, "paragraphs") // its own, not the summary's Document's
		}
		if got := doc.properties(doc.Components.Schemas[name]); !slices.Equal(got, sorted(want)) {
			t.Errorf("schema %s has %v; %s has %v", name, got, typ, sorted(want))
		}
	}
}
