package api_test

import (
	"net/http"
	"strings"
	"testing"

	"policysearch"
	"policysearch/api"
)

func TestPrecedentRoutes(t *testing.T) {
	// A server with a key: precedent lookups only read, so they need none.
	e := newEnv(t, api.Config{APIKey: testKey})
	var sim policysearch.SimilarResult
	e.getJSON(t, "/api/v1/paragraphs/qijiang-2023-ssfa-m18/similar?size=3", &sim)
	if len(sim.Hits) == 0 || sim.Hits[0].ID != "moe-2020-tzpy-m18" || !strings.Contains(sim.Hits[0].Marked, "<mark>") ||
		sim.Source == nil || sim.Source.ID != "qijiang-2023-ssfa-m18" {
		t.Errorf("similar: %+v", sim)
	}
	var lin policysearch.Lineage
	e.getJSON(t, "/api/v1/paragraphs/qijiang-2023-ssfa-m18/lineage", &lin)
	if len(lin.Chain) == 0 || lin.Chain[0].DocID != "moe-2020-tzpy" || lin.Chain[0].Level != "国家" {
		t.Errorf("lineage: %+v", lin.Chain)
	}
	var cmp policysearch.Comparison
	e.getJSON(t, "/api/v1/documents/moe-2020-tzpy/compare/qijiang-2023-ssfa", &cmp)
	if cmp.Coverage <= 0 || len(cmp.Pairs) == 0 || cmp.A.ID != "moe-2020-tzpy" {
		t.Errorf("compare: coverage %.3f, %d pairs", cmp.Coverage, len(cmp.Pairs))
	}
	body := `{"text": "加强主流媒体、新兴媒体对职业教育的宣传力度，打造一批形式多样的职业教育宣传品牌。", "size": 3}`
	r := e.request(t, http.MethodPost, "/api/v1/similar", strings.NewReader(body), http.Header{"Content-Type": {"application/json"}})
	var pasted policysearch.SimilarResult
	if r.status != 200 {
		t.Fatalf("POST /similar: %d %s", r.status, r.body)
	}
	r.decode(t, &pasted)
	if len(pasted.Hits) == 0 || pasted.Source != nil {
		t.Errorf("pasted: %+v", pasted)
	}
	for _, c := range []struct {
		name, target, method, ctype, body string
		status                            int
		code                              string
	}{
		{"unknown paragraph", "/api/v1/paragraphs/nope-m1/similar", "GET", "", "", 404, policysearch.ENOTFOUND},
		{"traversal", "/api/v1/paragraphs/..%2Fetc/similar", "GET", "", "", 400, policysearch.EINVALID},
		{"size too big", "/api/v1/paragraphs/qijiang-2023-ssfa-m18/similar?size=51", "GET", "", "", 400, policysearch.EINVALID},
		{"bad scope", "/api/v1/paragraphs/qijiang-2023-ssfa-m18/similar?scope=world", "GET", "", "", 400, policysearch.EINVALID},
		{"self compare", "/api/v1/documents/moe-2020-tzpy/compare/moe-2020-tzpy", "GET", "", "", 400, policysearch.EINVALID},
		{"compare unknown", "/api/v1/documents/moe-2020-tzpy/compare/nope", "GET", "", "", 404, policysearch.ENOTFOUND},
		{"form body", "/api/v1/similar", "POST", "application/x-www-form-urlencoded", "text=abc", 415, policysearch.EUNSUPPORTED},
		{"empty text", "/api/v1/similar", "POST", "application/json", `{"text": "  "}`, 400, policysearch.EINVALID},
		{"short text", "/api/v1/similar", "POST", "application/json", `{"text": "职业教育"}`, 400, policysearch.EINVALID},
		{"unknown field", "/api/v1/similar", "POST", "application/json", `{"txt": "职业教育"}`, 400, policysearch.EINVALID},
		{"two objects", "/api/v1/similar", "POST", "application/json", `{"text": "加强主流媒体新兴媒体宣传"}{}`, 400, policysearch.EINVALID},
		{"not json", "/api/v1/similar", "POST", "application/json", `text`, 400, policysearch.EINVALID},
		{"huge", "/api/v1/similar", "POST", "application/json", `{"text": "` + strings.Repeat("职", 30000) + `"}`, 413, policysearch.ETOOLARGE},
	} {
		var hdr http.Header
		if c.ctype != "" {
			hdr = http.Header{"Content-Type": {c.ctype}}
		}
		r := e.request(t, c.method, c.target, strings.NewReader(c.body), hdr)
		if r.status != c.status || r.apiError(t).Code != c.code {
			t.Errorf("%s: %d %s, want %d %s", c.name, r.status, r.body, c.status, c.code)
		}
	}
}
