package api_test

import (
	"archive/zip"
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"policysearch/api"
)

const matrixMaxUpload = 256 << 10

// TestBadInput sends malformed, hostile and out-of-range requests. Each gets a precise
// 4xx in the error shape with a message that says what is wrong, and none changes the
// index.
func TestBadInput(t *testing.T) {
	e := newEnv(t, api.Config{APIKey: testKey, MaxUpload: matrixMaxUpload, WriteRate: -1})
	before := e.stats(t)

	type body struct {
		r  io.Reader
		ct string
	}
	form := func(parts ...part) func(t *testing.T) body {
		return func(t *testing.T) body {
			b, ct := multipartBody(parts...)
			return body{b, ct}
		}
	}
	raw := func(ct, data string) func(t *testing.T) body {
		return func(*testing.T) body { return body{strings.NewReader(data), ct} }
	}
	goodDocx := docx(t, testDocLines...)
	long := strings.Repeat("教", 3500) // 10.5 KB of UTF-8

	for _, tc := range []struct {
		name   string
		method string
		target string
		body   func(t *testing.T) body
		noKey  bool
		status int
		code   string
		msg    string // a part of the message
	}{
		// Search parameters.
		{name: "no query and no filter", target: "/api/v1/search", status: 400, code: "invalid", msg: "the query is empty"},
		{name: "empty query", target: "/api/v1/search?q=", status: 400, code: "invalid", msg: "the query is empty"},
		{name: "blank query", target: "/api/v1/search?q=%20%E3%80%80%20", status: 400, code: "invalid", msg: "the query is empty"},
		{name: "10 KB query", target: "/api/v1/search?q=" + url.QueryEscape(long), status: 400, code: "invalid", msg: "the limit is 256"},
		{name: "invalid UTF-8 in q", target: "/api/v1/search?q=%FF%FE%E4", status: 400, code: "invalid", msg: "q is not valid UTF-8"},
		{name: "invalid UTF-8 in a filter", target: "/api/v1/search?q=a&region=%C0%AF", status: 400, code: "invalid", msg: "region is not valid UTF-8"},
		{name: "broken percent-encoding", target: "/api/v1/search?q=%zz", status: 400, code: "invalid", msg: "not valid URL encoding"},
		{name: "misspelt filter", target: "/api/v1/search?q=a&regoin=x", status: 400, code: "invalid", msg: `unknown parameter "regoin" (did you mean region?); accepted parameters: q, within, scope, region, level`},
		{name: "unknown parameter", target: "/api/v1/search?q=a&limit=5", status: 400, code: "invalid", msg: `unknown parameter "limit"`},
		{name: "parameter given twice", target: "/api/v1/search?q=a&q=b", status: 400, code: "invalid", msg: "q is given 2 times"},
		{name: "unknown level", target: "/api/v1/search?q=a&level=" + url.QueryEscape("镇"), status: 400, code: "invalid", msg: "is not a level"},
		{name: "unknown kind", target: "/api/v1/search?q=a&kind=chapter", status: 400, code: "invalid", msg: "is not a paragraph kind"},
		{name: "unknown sort", target: "/api/v1/search?q=a&sort=newest", status: 400, code: "invalid", msg: "sort must be relevance, date, matches, document or cited"},
		{name: "filter twice", target: "/api/v1/search?level=" + url.QueryEscape("市") + "&q=" + url.QueryEscape("level:省 职业"), status: 400, code: "invalid", msg: "give it once"},
		{name: "page zero", target: "/api/v1/search?q=a&page=0", status: 400, code: "invalid", msg: "page must be a whole number from 1 to 1000"},
		{name: "negative page", target: "/api/v1/search?q=a&page=-1", status: 400, code: "invalid", msg: "page must be"},
		{name: "huge page", target: "/api/v1/search?q=a&page=99999999999999999999", status: 400, code: "invalid", msg: "page must be"},
		{name: "page past the limit", target: "/api/v1/search?q=a&page=1001", status: 400, code: "invalid", msg: "page must be"},
		{name: "page not a number", target: "/api/v1/search?q=a&page=two", status: 400, code: "invalid", msg: `not "two"`},
		{name: "size 101", target: "/api/v1/search?q=a&size=101", status: 400, code: "invalid", msg: "size must be a whole number from 1 to 100"},
		{name: "size zero", target: "/api/v1/search?q=a&size=0", status: 400, code: "invalid", msg: "size must be"},
		{name: "size fractional", target: "/api/v1/search?q=a&size=1.5", status: 400, code: "invalid", msg: "size must be"},
		{name: "year not a number", target: "/api/v1/search?q=a&year_from=2020s", status: 400, code: "invalid", msg: "year_from must be"},
		{name: "years reversed", target: "/api/v1/search?q=a&year_from=2023&year_to=2020", status: 400, code: "invalid", msg: "year_from 2023 is after year_to 2020"},
		{name: "unbalanced quote", target: "/api/v1/search?q=" + url.QueryEscape(`"产教融合`), status: 400, code: "invalid"},
		{name: "body on a GET", target: "/api/v1/search?q=a", body: raw("text/plain", strings.Repeat("x", 100<<10)), status: 413, code: "too_large", msg: "larger than 64 KB"},

		// Ids and paths.
		{name: "paragraph id ..", target: "/api/v1/paragraphs/..", status: 400, code: "invalid", msg: "is not an id"},
		{name: "paragraph id encoded traversal", target: "/api/v1/paragraphs/..%2F..%2Fetc%2Fpasswd", status: 400, code: "invalid", msg: "is not an id"},
		{name: "paragraph id encoded dots", target: "/api/v1/paragraphs/%2e%2e", status: 400, code: "invalid", msg: "is not an id"},
		{name: "paragraph id with a space", target: "/api/v1/paragraphs/a%20b", status: 400, code: "invalid", msg: "is not an id"},
		{name: "paragraph id with Chinese punctuation", target: "/api/v1/paragraphs/" + url.PathEscape("第一条（一）"), status: 400, code: "invalid", msg: "is not an id"},
		{name: "paragraph id in Chinese absent", target: "/api/v1/paragraphs/" + url.PathEscape("民法典-合同编-2020-05-28-a1"), status: 404, code: "not_found", msg: "no paragraph"},
		{name: "paragraph id too long", target: "/api/v1/paragraphs/" + strings.Repeat("a", 200), status: 400, code: "invalid", msg: "is not an id"},
		{name: "paragraph absent", target: "/api/v1/paragraphs/nanchang-2021-ssfa-m999", status: 404, code: "not_found", msg: "no paragraph"},
		{name: "plain traversal", target: "/api/v1/paragraphs/../../etc/passwd", status: 400, code: "invalid", msg: "may not contain '..'"},
		{name: "traversal outside the API", target: "/../etc/passwd", status: 400, code: "invalid", msg: "may not contain '..'"},
		{name: "document id traversal", target: "/api/v1/documents/..%2Fseeds", status: 400, code: "invalid", msg: "is not an id"},
		{name: "document id 81 characters", target: "/api/v1/documents/" + strings.Repeat("a", 81), status: 400, code: "invalid", msg: "is not an id"},
		{name: "document absent", target: "/api/v1/documents/no-such-doc", status: 404, code: "not_found"},
		{name: "document with a parameter", target: "/api/v1/documents/moe-2020-tzpy?outline=0", status: 400, code: "invalid", msg: "takes no query parameters"},
		{name: "unknown API route", target: "/api/v1/serach?q=a", status: 404, code: "not_found", msg: "/api/v1/openapi.json"},
		{name: "trailing slash", target: "/api/v1/search/", status: 404, code: "not_found"},
		{name: "other API version", target: "/api/v2/search?q=a", status: 404, code: "not_found"},
		{name: "wrong method", method: http.MethodPut, target: "/api/v1/documents/moe-2020-tzpy", status: 405, code: api.EMETHODNOTALLOWED, msg: "allowed: "},
		{name: "no page configured", target: "/index.html", status: 404, code: "not_found"},

		// Suggest.
		{name: "suggest without prefix", target: "/api/v1/suggest", status: 400, code: "invalid", msg: "prefix is empty"},
		{name: "suggest size 51", target: "/api/v1/suggest?prefix=a&size=51", status: 400, code: "invalid", msg: "size must be a whole number from 1 to 50"},
		{name: "suggest long prefix", target: "/api/v1/suggest?prefix=" + url.QueryEscape(strings.Repeat("职", 40)), status: 400, code: "invalid", msg: "longer than 32"},

		// Deletes.
		{name: "delete traversal", method: http.MethodDelete, target: "/api/v1/documents/..%2F..%2Fx", status: 400, code: "invalid", msg: "is not an id"},
		{name: "delete absent", method: http.MethodDelete, target: "/api/v1/documents/no-such-doc", status: 404, code: "not_found"},

		// Uploads.
		{name: "JSON body", method: http.MethodPost, target: "/api/v1/documents", body: raw("application/json", `{"title":"x","text":"y"}`), status: 415, code: "unsupported", msg: "multipart/form-data with the file in a field named file"},
		{name: "no content type", method: http.MethodPost, target: "/api/v1/documents", body: raw("", "text"), status: 415, code: "unsupported", msg: "multipart/form-data"},
		{name: "url-encoded form", method: http.MethodPost, target: "/api/v1/documents", body: raw("application/x-www-form-urlencoded", "file=abc"), status: 415, code: "unsupported"},
		{name: "multipart without boundary", method: http.MethodPost, target: "/api/v1/documents", body: raw("multipart/form-data", "x"), status: 400, code: "invalid", msg: "no boundary"},
		{name: "multipart garbage", method: http.MethodPost, target: "/api/v1/documents", body: raw("multipart/form-data; boundary=zzz", "not multipart at all"), status: 400, code: "invalid", msg: "the form has no file"},
		{name: "multipart cut short", method: http.MethodPost, target: "/api/v1/documents", body: raw("multipart/form-data; boundary=zzz", "--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n一、总体要求"), status: 400, code: "invalid", msg: "cannot be read"},
		{name: "no file", method: http.MethodPost, target: "/api/v1/documents", body: form(field("title", "x")), status: 400, code: "invalid", msg: "the form has no file"},
		{name: "file without a name", method: http.MethodPost, target: "/api/v1/documents", body: form(part{name: "file", data: []byte("一、总体要求")}), status: 400, code: "invalid", msg: "must be a file with a name"},
		{name: "two files", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", goodDocx), fileField("b.docx", goodDocx)), status: 400, code: "invalid", msg: "one file per request"},
		{name: "0-byte file", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("empty.txt", nil)), status: 400, code: "invalid", msg: "is empty"},
		{name: "whitespace file", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("blank.txt", []byte(" \n\t\r\n "))), status: 400, code: "invalid", msg: "empty"},
		{name: "0-byte docx", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("empty.docx", nil)), status: 400, code: "invalid", msg: "is empty"},
		{name: "unknown field", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", goodDocx), field("titel", "x")), status: 400, code: "invalid", msg: `unknown form field "titel"; accepted fields: file, meta, id`},
		{name: "bad meta JSON", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", goodDocx), field("meta", "{title:")), status: 400, code: "invalid", msg: "the metadata is not valid"},
		{name: "meta with unknown field", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", goodDocx), field("meta", `{"titel":"x"}`)), status: 400, code: "invalid", msg: "titel"},
		{name: "meta and fields", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", goodDocx), field("meta", `{"title":"x"}`), field("title", "y")), status: 400, code: "invalid", msg: "not both"},
		{name: "field twice", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", goodDocx), field("title", "x"), field("title", "y")), status: 400, code: "invalid", msg: "title is given 2 times"},
		{name: "bad id field", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", goodDocx), field("id", "../../etc")), status: 400, code: "invalid", msg: "may only hold letters"},
		{name: "bad level field", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", goodDocx), field("level", "镇")), status: 400, code: "invalid", msg: "must be one of"},
		{name: "bad date field", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", goodDocx), field("date", "yesterday")), status: 400, code: "invalid", msg: "is not a date"},
		{name: "PDF", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.pdf", []byte("%PDF-1.7 ..."))), status: 415, code: "unsupported", msg: "only .txt, .md, .html and .docx"},
		{name: "binary as text", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.txt", []byte("\x00\x01\x02\x03binary\x00"))), status: 415, code: "unsupported", msg: "binary"},
		{name: "UTF-16 text", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.txt", []byte("\xff\xfe\x00N\x87e"))), status: 415, code: "unsupported", msg: "UTF-16"},
		{name: "docx that is not a zip", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", []byte("this is not a zip archive"))), status: 415, code: "unsupported", msg: "not a valid .docx"},
		{name: "docx without a body", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", zipFile(t, "word/styles.xml", "<x/>"))), status: 415, code: "unsupported", msg: "no word/document.xml"},
		{name: "docx with broken XML", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", zipFile(t, "word/document.xml", "<w:document><w:p>"))), status: 415, code: "unsupported", msg: "not well-formed"},
		{name: "docx without text", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", docx(t))), status: 400, code: "invalid", msg: "no text to index"},
		{name: "zip bomb as docx", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("bomb.docx", zipBomb(t, 8<<20))), status: 413, code: "too_large", msg: "expands to more than"},
		{name: "file over the limit", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("big.txt", bytes.Repeat([]byte("职业教育。\n"), matrixMaxUpload/10))), status: 413, code: "too_large", msg: "larger than the limit of 256 KB"},
		{name: "body over the limit", method: http.MethodPost, target: "/api/v1/documents", body: raw("multipart/form-data; boundary=x", strings.Repeat("x", matrixMaxUpload+(1<<20)+1)), status: 413, code: "too_large", msg: "larger than the limit of 256 KB"},
		{name: "streamed body over the limit", method: http.MethodPost, target: "/api/v1/documents", body: func(t *testing.T) body {
			b, ct := multipartBody(fileField("big.txt", bytes.Repeat([]byte("职业教育。\n"), (matrixMaxUpload+(2<<20))/10)))
			return body{io.MultiReader(b), ct} // not a *bytes.Buffer: sent chunked, without a length
		}, status: 413, code: "too_large"},
		{name: "upload with a parameter", method: http.MethodPost, target: "/api/v1/documents?replace=1", body: form(fileField("a.docx", goodDocx)), status: 400, code: "invalid", msg: "takes no query parameters"},
		{name: "upload without the key", method: http.MethodPost, target: "/api/v1/documents", body: form(fileField("a.docx", goodDocx)), noKey: true, status: 401, code: "unauthorized", msg: "Authorization: Bearer"},
		{name: "delete without the key", method: http.MethodDelete, target: "/api/v1/documents/moe-2020-tzpy", noKey: true, status: 401, code: "unauthorized"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			method := tc.method
			if method == "" {
				method = http.MethodGet
			}
			h := http.Header{}
			if !tc.noKey {
				h = bearer(testKey)
			}
			var r io.Reader
			if tc.body != nil {
				b := tc.body(t)
				r = b.r
				if b.ct != "" {
					h.Set("Content-Type", b.ct)
				}
			}
			res := e.request(t, method, tc.target, r, h)
			if res.status != tc.status {
				t.Fatalf("status %d, want %d: %s", res.status, tc.status, clipBody(res.body))
			}
			got := res.apiError(t)
			if got.Code != tc.code {
				t.Errorf("code %s, want %s (%s)", got.Code, tc.code, got.Message)
			}
			if !strings.Contains(got.Message, tc.msg) {
				t.Errorf("message %q does not say %q", got.Message, tc.msg)
			}
			if len(got.Message) > 400 {
				t.Errorf("message of %d bytes: client input is not clipped", len(got.Message))
			}
		})
	}
	if after := e.stats(t); after != before {
		t.Errorf("bad input changed the index: %+v, before %+v", after, before)
	}
	if n := len(e.logs.records(t, "internal error")); n != 0 {
		t.Errorf("bad input caused %d internal errors:\n%s", n, e.logs.String())
	}
}

// zipBomb is a .docx whose body expands from a few KB to n bytes.
func zipBomb(t *testing.T, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("word/document.xml")
	if err != nil {
		t.Fatal(err)
	}
	io.WriteString(w, `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>`)
	chunk := bytes.Repeat([]byte("职"), 4096)
	for written := 0; written < n; written += len(chunk) {
		w.Write(chunk)
	}
	io.WriteString(w, `</w:t></w:r></w:p></w:body></w:document>`)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if buf.Len()*200 > n {
		t.Fatalf("the bomb compresses only to %d bytes", buf.Len())
	}
	return buf.Bytes()
}

// A GBK-encoded text file, as Chinese government sites still publish them, is read.
func TestUploadGBK(t *testing.T) {
	e := newEnv(t, api.Config{APIKey: testKey})
	before := e.stats(t)
	text := strings.Join(testDocLines, "\r\n")
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(text)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(gbk, testDocLines[0]) {
		t.Fatal("the encoded text is still UTF-8")
	}
	r := e.upload(t, fileField("gbk-plan.txt", []byte(gbk)))
	if r.status != http.StatusCreated {
		t.Fatalf("%d %s", r.status, r.body)
	}
	var up api.UploadResult
	r.decode(t, &up)
	if up.Document.Title != testDocLines[0] || up.Document.ID != "gbk-plan" {
		t.Errorf("title %q id %q", up.Document.Title, up.Document.ID)
	}
	res := e.search(t, "doc=gbk-plan&q="+url.QueryEscape(`"完善学徒权益保障"`))
	if res.Total != 1 {
		t.Errorf("the decoded text is not found: %d hits", res.Total)
	}
	if r := e.request(t, http.MethodDelete, "/api/v1/documents/gbk-plan", nil, bearer(testKey)); r.status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if st := e.stats(t); st != before {
		t.Errorf("stats %+v, before %+v", st, before)
	}
}

// A 50 MB upload meets the default limit (20 MB), not the matrix's small one: it is
// refused with 413 while still streaming, and the index is as it was.
func TestUpload50MBDefaultLimit(t *testing.T) {
	e := newEnv(t, api.Config{APIKey: testKey, WriteRate: -1})
	before := e.stats(t)
	b, ct := multipartBody(fileField("big.txt", bytes.Repeat([]byte("职业教育产教融合。\n"), (50<<20)/28)))
	h := bearer(testKey)
	h.Set("Content-Type", ct)
	res := e.request(t, http.MethodPost, "/api/v1/documents", io.MultiReader(b), h)
	if res.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413: %s", res.status, clipBody(res.body))
	}
	if got := res.apiError(t); got.Code != "too_large" || !strings.Contains(got.Message, "20 MB") {
		t.Errorf("error %+v, want too_large naming the 20 MB limit", got)
	}
	if after := e.stats(t); after != before {
		t.Errorf("a refused upload changed the index: %+v, before %+v", after, before)
	}
}
