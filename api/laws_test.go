package api_test

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"testing"

	"policysearch"
	"policysearch/api"
	"policysearch/parse"
)

// lawEnv is a server over the seeds and a part of the Civil Code.
func lawEnv(t *testing.T) (*env, *policysearch.Document) {
	t.Helper()
	e := newEnv(t, api.Config{})
	data, err := os.ReadFile("../parse/testdata/laws/code-part.md")
	if err != nil {
		t.Fatal(err)
	}
	d, err := parse.Parse("中华人民共和国民法典(2020-05-28).md", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.ix.Index(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	return e, d
}

func TestArticleRoute(t *testing.T) {
	e, d := lawEnv(t)
	if d.ID != "民法典-婚姻家庭编-2020-05-28" {
		t.Fatalf("document id %q", d.ID)
	}
	base := "/api/v1/documents/" + url.PathEscape(d.ID) + "/articles/"
	for _, no := range []string{"1077", "第一千零七十七条", "第1077条"} {
		var v policysearch.ParagraphView
		e.getJSON(t, base+url.PathEscape(no), &v)
		if v.Paragraph.MeasureNo != "第一千零七十七条" || v.Document.ID != d.ID || v.Prev == nil || v.Prev.MeasureNo != "第一千零七十六条" {
			t.Errorf("%s: %s (prev %v)", no, v.Paragraph.MeasureNo, v.Prev)
		}
	}
	var v policysearch.ParagraphView
	e.getJSON(t, base+url.PathEscape("1078之一"), &v)
	if v.Paragraph.MeasureNo != "第一千零七十八条之一" {
		t.Errorf("1078之一: %s", v.Paragraph.MeasureNo)
	}
	for _, c := range []struct {
		no     string
		status int
	}{{"9999", http.StatusNotFound}, {"abc", http.StatusBadRequest}, {"0", http.StatusBadRequest}} {
		if r := e.get(t, base+url.PathEscape(c.no)); r.status != c.status {
			t.Errorf("article %s: %d, want %d", c.no, r.status, c.status)
		}
	}
	var res policysearch.SearchResult
	e.getJSON(t, "/api/v1/search?q=离婚&status=现行有效&sort=document&doc="+url.QueryEscape(d.ID), &res)
	if res.Total < 3 || len(res.Hits) < 3 || res.Hits[0].MeasureNo != "第一千零七十六条" || res.Hits[0].Status != policysearch.StatusInForce {
		t.Errorf("articles in order: total %d, first %+v", res.Total, res.Hits)
	}
	if r := e.get(t, "/api/v1/search?q=离婚&status=maybe"); r.status != http.StatusBadRequest {
		t.Errorf("status=maybe: %d", r.status)
	}
	if r := e.get(t, "/api/v1/search?q=离婚&effective_from=2021-02-30"); r.status != http.StatusBadRequest {
		t.Errorf("effective_from=2021-02-30: %d", r.status)
	}
}
