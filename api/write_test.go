package api_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"policysearch"
	"policysearch/api"
)

// docx builds a minimal .docx: a zip with word/document.xml holding one w:p per line.
func docx(t *testing.T, lines ...string) []byte {
	t.Helper()
	var body strings.Builder
	for _, l := range lines {
		body.WriteString("<w:p><w:r><w:t>")
		xml.EscapeText(&body, []byte(l))
		body.WriteString("</w:t></w:r></w:p>")
	}
	return zipFile(t, "word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`+
		body.String()+`</w:body></w:document>`)
}

func zipFile(t *testing.T, name, content string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, content)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// testDocLines is a small plan with two sections and three measures.
var testDocLines = []string{
	"某某市深化现代学徒制试点工作实施方案",
	"某某市人民政府办公室",
	"2023年5月6日",
	"一、总体要求",
	"坚持以习近平新时代中国特色社会主义思想为指导，深化校企协同育人。",
	"二、主要措施",
	"1. 推进学徒制人才培养。遴选一批企业与职业院校联合开展学徒培养，推行企业新型学徒制度。",
	"2. 建设校企共享的实训中心。按照共建共享原则，建设区域性实训中心，服务学徒岗位训练。",
	"3. 完善学徒权益保障。企业应当与学徒签订培养协议，明确学徒的工资待遇和保险。",
}

func TestUploadDocxSearchDelete(t *testing.T) {
	e := newEnv(t, api.Config{APIKey: testKey})
	before := e.stats(t)

	r := e.upload(t, fileField("xuetuzhi-2023.docx", docx(t, testDocLines...)),
		field("id", "xuetuzhi-2023"), field("region", "江西省南昌市"))
	if r.status != http.StatusCreated {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}
	if loc := r.header.Get("Location"); loc != "/api/v1/documents/xuetuzhi-2023" {
		t.Errorf("Location %q", loc)
	}
	var up api.UploadResult
	r.decode(t, &up)
	if up.Document.ID != "xuetuzhi-2023" || up.Replaced || up.Paragraphs < 3 || up.Paragraphs != up.Document.ParagraphCount {
		t.Fatalf("upload result %+v", up)
	}
	if up.Document.Title != testDocLines[0] || up.Document.Region != "江西省南昌市" || up.Document.Date != "2023-05-06" {
		t.Errorf("metadata: title %q region %q date %q", up.Document.Title, up.Document.Region, up.Document.Date)
	}
	if after := e.stats(t); after.Documents != before.Documents+1 || after.Paragraphs != before.Paragraphs+up.Paragraphs {
		t.Errorf("stats %+v after adding %d paragraphs to %+v", after, up.Paragraphs, before)
	}

	// The new text is searchable, with the metadata given.
	res := e.search(t, "q="+url.QueryEscape("学徒权益")+"&region="+url.QueryEscape("江西"))
	if res.Total == 0 || res.Hits[0].DocID != "xuetuzhi-2023" {
		t.Fatalf("学徒权益 in 江西: %+v", res)
	}
	all := e.search(t, "doc=xuetuzhi-2023&size=100")
	if all.Total != up.Paragraphs {
		t.Errorf("doc filter: %d paragraphs, uploaded %d", all.Total, up.Paragraphs)
	}

	// The same id again replaces the document.
	r = e.upload(t, fileField("xuetuzhi-2023.docx", docx(t, testDocLines[:8]...)), field("id", "xuetuzhi-2023"))
	if r.status != http.StatusOK {
		t.Fatalf("re-upload: %d %s", r.status, r.body)
	}
	r.decode(t, &up)
	if !up.Replaced || up.Paragraphs != all.Total-1 {
		t.Errorf("re-upload: %+v (before: %d paragraphs)", up, all.Total)
	}
	if st := e.stats(t); st.Documents != before.Documents+1 {
		t.Errorf("re-upload changed the document count to %d", st.Documents)
	}
	if res := e.search(t, "q="+url.QueryEscape(`"完善学徒权益保障"`)); res.Total != 0 {
		t.Errorf("the replaced measure is still found: %d hits", res.Total)
	}

	// DELETE removes every paragraph.
	r = e.request(t, http.MethodDelete, "/api/v1/documents/xuetuzhi-2023", nil, bearer(testKey))
	if r.status != http.StatusNoContent || len(r.body) != 0 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if res := e.search(t, "doc=xuetuzhi-2023"); res.Total != 0 {
		t.Errorf("after delete, the doc filter finds %d paragraphs", res.Total)
	}
	if res := e.search(t, "q="+url.QueryEscape(`"推进学徒制人才培养"`)); res.Total != 0 {
		t.Errorf("after delete, its phrase finds %d paragraphs", res.Total)
	}
	if r := e.get(t, "/api/v1/documents/xuetuzhi-2023"); r.status != http.StatusNotFound || r.apiError(t).Code != policysearch.ENOTFOUND {
		t.Errorf("GET after delete: %d %s", r.status, r.body)
	}
	if r := e.request(t, http.MethodDelete, "/api/v1/documents/xuetuzhi-2023", nil, bearer(testKey)); r.status != http.StatusNotFound {
		t.Errorf("second delete: %d %s", r.status, r.body)
	}
	if st := e.stats(t); st != before {
		t.Errorf("stats %+v after delete, %+v before", st, before)
	}
}

// Text from a document is HTML-escaped in highlights: only the <mark> tags are markup.
func TestHighlightEscapesDocumentText(t *testing.T) {
	e := newEnv(t, api.Config{APIKey: testKey})
	text := strings.Join([]string{
		"关于防范脚本注入的测试通知",
		"一、工作要求",
		`1. 防范注入攻击。文本含有<script>alert(1)</script>和<img src=x onerror=alert(2)>以及"引号"&符号，检索展示时必须转义。`,
	}, "\n")
	r := e.upload(t, fileField("xss.txt", []byte(text)), field("id", "xss-test"))
	if r.status != http.StatusCreated {
		t.Fatalf("upload: %d %s", r.status, r.body)
	}
	for _, q := range []string{"防范注入", "alert", `"script"`, "onerror"} {
		res := e.search(t, "doc=xss-test&q="+url.QueryEscape(q))
		if res.Total == 0 {
			t.Errorf("%s: no hit", q)
			continue
		}
		for _, h := range res.Hits {
			markup := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(h.Highlight)
			if strings.ContainsAny(markup, "<>") {
				t.Errorf("%s: highlight has markup besides <mark>: %s", q, h.Highlight)
			}
			if strings.Contains(h.Text, "<script>") && !strings.Contains(markup, "&lt;script&gt;") {
				t.Errorf("%s: the script tag is not escaped: %s", q, h.Highlight)
			}
		}
	}
}

func TestWritesNeedTheKey(t *testing.T) {
	doc := docx(t, testDocLines...)
	for _, tc := range []struct {
		name   string
		cfg    api.Config
		header http.Header
		status int
		code   string
	}{
		{"key set, none sent", api.Config{APIKey: testKey}, nil, 401, policysearch.EUNAUTHORIZED},
		{"key set, wrong key", api.Config{APIKey: testKey}, bearer("wrong"), 401, policysearch.EUNAUTHORIZED},
		{"key set, key as prefix", api.Config{APIKey: testKey}, bearer(testKey + "x"), 401, policysearch.EUNAUTHORIZED},
		{"key set, basic auth", api.Config{APIKey: testKey}, http.Header{"Authorization": {"Basic " + testKey}}, 401, policysearch.EUNAUTHORIZED},
		{"key set, empty bearer", api.Config{APIKey: testKey}, http.Header{"Authorization": {"Bearer "}}, 401, policysearch.EUNAUTHORIZED},
		{"no key configured", api.Config{}, bearer(testKey), 403, policysearch.EFORBIDDEN},
		{"key set, right key", api.Config{APIKey: testKey}, http.Header{"Authorization": {"bearer " + testKey}}, 201, ""},
		{"no key, writes allowed", api.Config{AllowWrites: true}, nil, 201, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, tc.cfg)
			before := e.stats(t)
			send := func(method, path string, body io.Reader, ct string) *response {
				h := http.Header{}
				for k, v := range tc.header {
					h[k] = v
				}
				if ct != "" {
					h.Set("Content-Type", ct)
				}
				return e.request(t, method, path, body, h)
			}
			body, ct := multipartBody(fileField("a.docx", doc), field("id", "auth-test"))
			r := send(http.MethodPost, "/api/v1/documents", body, ct)
			if r.status != tc.status {
				t.Fatalf("POST: %d %s, want %d", r.status, r.body, tc.status)
			}
			if tc.code == "" {
				if r := send(http.MethodDelete, "/api/v1/documents/auth-test", nil, ""); r.status != http.StatusNoContent {
					t.Errorf("DELETE: %d %s", r.status, r.body)
				}
				return
			}
			if got := r.apiError(t).Code; got != tc.code {
				t.Errorf("POST: code %s, want %s", got, tc.code)
			}
			if tc.status == 401 && !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without a Bearer challenge: %q", r.header.Get("WWW-Authenticate"))
			}
			if r := send(http.MethodDelete, "/api/v1/documents/moe-2020-tzpy", nil, ""); r.status != tc.status || r.apiError(t).Code != tc.code {
				t.Errorf("DELETE: %d %s", r.status, r.body)
			}
			if after := e.stats(t); after != before {
				t.Errorf("a refused write changed the index: %+v, before %+v", after, before)
			}
			if strings.Contains(e.logs.String(), testKey) {
				t.Errorf("the log holds the key")
			}
		})
	}
}

func TestReadOnlyServer(t *testing.T) {
	e := newEnv(t, api.Config{APIKey: testKey})
	ro := api.NewServer(api.Config{Addr: "127.0.0.1:0", APIKey: testKey}, readOnly(e.ix), nil)
	if err := ro.Open(); err != nil {
		t.Fatal(err)
	}
	defer ro.Close(t.Context())
	req, _ := http.NewRequest(http.MethodDelete, "http://"+ro.Addr()+"/api/v1/documents/moe-2020-tzpy", nil)
	req.Header.Set("Authorization", "Bearer "+testKey)
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("DELETE on a read-only server: %d", res.StatusCode)
	}
}

func TestWriteRateLimit(t *testing.T) {
	e := newEnv(t, api.Config{APIKey: testKey, WriteRate: 0.01, WriteBurst: 2})
	for i, want := range []int{404, 404, 429, 429} {
		r := e.request(t, http.MethodDelete, "/api/v1/documents/absent", nil, bearer(testKey))
		if r.status != want {
			t.Fatalf("write %d: %d %s, want %d", i+1, r.status, r.body, want)
		}
		if want == 429 {
			if got := r.apiError(t).Code; got != api.ETOOMANYREQUESTS {
				t.Errorf("code %s", got)
			}
			if ra := r.header.Get("Retry-After"); ra == "" || ra == "0" {
				t.Errorf("Retry-After %q", ra)
			}
		}
	}
	// Unauthenticated attempts count too, so keys cannot be guessed quickly.
	if r := e.request(t, http.MethodDelete, "/api/v1/documents/absent", nil, nil); r.status != 429 {
		t.Errorf("unauthenticated write: %d", r.status)
	}
	// No proxy is trusted, so a client cannot pose as another address.
	spoof := bearer(testKey)
	spoof.Set("X-Forwarded-For", "203.0.113.7")
	spoof.Set("X-Real-IP", "203.0.113.7")
	if r := e.request(t, http.MethodDelete, "/api/v1/documents/absent", nil, spoof); r.status != 429 {
		t.Errorf("write with X-Forwarded-For: %d", r.status)
	}
	// Reads are not limited.
	if r := e.get(t, "/api/v1/documents"); r.status != 200 {
		t.Errorf("read after the limit: %d", r.status)
	}
}

func TestUploadMetaPart(t *testing.T) {
	e := newEnv(t, api.Config{APIKey: testKey})
	meta := `{"id":"meta-part","title":"现代学徒制试点方案","issuers":["某某市教育局","某某市人社局"],"date":"2022-01-02","level":"市","doc_type":"方案"}`
	r := e.upload(t, fileField("x.docx", docx(t, testDocLines...)), part{name: "meta", contentType: "application/json", data: []byte(meta)})
	if r.status != http.StatusCreated {
		t.Fatalf("%d %s", r.status, r.body)
	}
	var up api.UploadResult
	r.decode(t, &up)
	d := up.Document
	if d.ID != "meta-part" || d.Title != "现代学徒制试点方案" || len(d.Issuers) != 2 || d.Date != "2022-01-02" || d.Level != "市" || d.DocType != "方案" {
		t.Errorf("metadata not applied: %+v", d)
	}
	if d.Provenance["title"] != "sidecar" {
		t.Errorf("provenance %v", d.Provenance)
	}
	// Issuers as one form field separated by 、 and commas.
	r = e.upload(t, fileField("x.docx", docx(t, testDocLines...)), field("id", "form-issuers"), field("issuers", "教育部、财政部, 人力资源社会保障部"), field("issuers", "国家发展改革委"))
	if r.status != http.StatusCreated {
		t.Fatalf("%d %s", r.status, r.body)
	}
	r.decode(t, &up)
	if strings.Join(up.Document.Issuers, "|") != "教育部|财政部|人力资源社会保障部|国家发展改革委" {
		t.Errorf("issuers %q", up.Document.Issuers)
	}
}

// Searches running while a document is replaced and removed see it whole: all of one
// version's paragraphs, or none.
func TestConcurrentSearchesSeeWholeDocuments(t *testing.T) {
	e := newEnv(t, api.Config{AllowWrites: true, WriteRate: -1})
	long, short := docx(t, testDocLines...), docx(t, testDocLines[:7]...)
	counts := map[int]bool{0: true}
	for _, d := range [][]byte{long, short} {
		r := e.upload(t, fileField("c.docx", d), field("id", "concurrent"))
		var up api.UploadResult
		r.decode(t, &up)
		counts[up.Paragraphs] = true
	}
	if len(counts) != 3 {
		t.Fatalf("the two versions should differ in length: %v", counts)
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	for range 4 {
		go func() {
			defer func() { done <- struct{}{} }()
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := client.Get(e.base + "/api/v1/search?doc=concurrent&size=1")
				if err != nil {
					t.Error(err)
					return
				}
				var sr policysearch.SearchResult
				err = json.NewDecoder(res.Body).Decode(&sr)
				res.Body.Close()
				if err != nil || res.StatusCode != 200 {
					t.Errorf("search: %d %v", res.StatusCode, err)
					return
				}
				if !counts[sr.Total] {
					t.Errorf("a search saw %d paragraphs of the document; versions have %v", sr.Total, counts)
					return
				}
			}
		}()
	}
	for i := range 10 {
		body, ct := multipartBody(fileField("c.docx", [][]byte{long, short}[i%2]), field("id", "concurrent"))
		if r := e.request(t, http.MethodPost, "/api/v1/documents", body, http.Header{"Content-Type": {ct}}); r.status != 200 && r.status != 201 {
			t.Errorf("upload %d: %d %s", i, r.status, r.body)
		}
		if i%3 == 2 {
			if r := e.request(t, http.MethodDelete, "/api/v1/documents/concurrent", nil, nil); r.status != 204 {
				t.Errorf("delete: %d %s", r.status, r.body)
			}
		}
	}
	close(stop)
	for range 4 {
		<-done
	}
}
