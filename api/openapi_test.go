package api_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"policysearch"
	"policysearch/api"
	"policysearch/parse"
)

type openAPI struct {
	OpenAPI    string                          `json:"openapi"`
	Info       struct{ Version string }        `json:"info"`
	Paths      map[string]map[string]operation `json:"paths"`
	Components struct {
		Schemas    map[string]schema    `json:"schemas"`
		Parameters map[string]parameter `json:"parameters"`
		Responses  map[string]struct {
			Content map[string]struct{ Schema schema } `json:"content"`
		} `json:"responses"`
	} `json:"components"`
}

type operation struct {
	Parameters []parameter                `json:"parameters"`
	Responses  map[string]json.RawMessage `json:"responses"`
	Security   []map[string][]string      `json:"security"`
	Request    *struct {
		Content map[string]struct{ Schema schema }
	} `json:"requestBody"`
}

type parameter struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

type schema struct {
	Ref        string            `json:"$ref"`
	Type       string            `json:"type"`
	Properties map[string]schema `json:"properties"`
	AllOf      []schema          `json:"allOf"`
	Items      *schema           `json:"items"`
}

func fetchOpenAPI(t *testing.T, e *env) *openAPI {
	t.Helper()
	var doc openAPI
	r := e.get(t, "/api/v1/openapi.json")
	if r.status != 200 {
		t.Fatalf("openapi.json: %d", r.status)
	}
	if err := json.Unmarshal(r.body, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.OpenAPI != "3.0.3" || doc.Info.Version != "test" {
		t.Errorf("openapi %q, version %q", doc.OpenAPI, doc.Info.Version)
	}
	if root := e.get(t, "/openapi.json"); string(root.body) != string(r.body) {
		t.Errorf("/openapi.json and /api/v1/openapi.json differ")
	}
	return &doc
}

func (doc *openAPI) param(p parameter) parameter {
	if name, ok := strings.CutPrefix(p.Ref, "#/components/parameters/"); ok {
		return doc.Components.Parameters[name]
	}
	return p
}

var reParam = regexp.MustCompile(`:(\w+)`)

// Every route gin has is in the document, and every path of the document is a route.
func TestOpenAPIRoutes(t *testing.T) {
	e := newEnv(t, api.Config{})
	doc := fetchOpenAPI(t, e)
	routes := e.srv.Routes()
	if len(routes) < 12 {
		t.Fatalf("only %d routes: %v", len(routes), routes)
	}
	var documented []string
	for p, ops := range doc.Paths {
		for m := range ops {
			documented = append(documented, strings.ToUpper(m)+" "+p)
		}
	}
	sort.Strings(documented)
	var registered []string
	for _, r := range routes {
		registered = append(registered, reParam.ReplaceAllString(r, "{$1}"))
	}
	sort.Strings(registered)
	if !slices.Equal(registered, documented) {
		t.Errorf("routes and document differ:\nrouter:   %v\ndocument: %v", registered, documented)
	}
}

// The document's query parameters are what each route accepts: the server's own error
// for an unknown parameter lists them.
func TestOpenAPIParameters(t *testing.T) {
	e := newEnv(t, api.Config{AllowWrites: true, WriteRate: -1})
	doc := fetchOpenAPI(t, e)
	for p, ops := range doc.Paths {
		for m, op := range ops {
			var query []string
			for _, prm := range op.Parameters {
				prm = doc.param(prm)
				if prm.Name == "" {
					t.Errorf("%s %s: unresolved parameter", m, p)
				}
				if prm.In == "query" {
					query = append(query, prm.Name)
				}
			}
			if p == "/metrics" {
				continue // Prometheus's handler ignores parameters
			}
			target := strings.ReplaceAll(p, "{id}", "x") + "?zz_unknown=1"
			r := e.request(t, strings.ToUpper(m), target, nil, nil)
			if r.status != http.StatusBadRequest {
				t.Errorf("%s %s: %d %s", m, target, r.status, r.body)
				continue
			}
			msg := r.apiError(t).Message
			if len(query) == 0 && !strings.Contains(msg, "takes no query parameters") ||
				len(query) > 0 && !strings.HasSuffix(msg, "accepted parameters: "+strings.Join(query, ", ")) {
				t.Errorf("%s %s: the document lists %v; the server says %q", m, p, query, msg)
			}
		}
	}
}

// Error statuses of every operation refer to the error shape; writes name the key.
func TestOpenAPIResponses(t *testing.T) {
	doc := fetchOpenAPI(t, readEnv(t))
	for name, r := range doc.Components.Responses {
		if s := r.Content["application/json"].Schema; s.Ref != "#/components/schemas/Error" {
			t.Errorf("response %s is not an Error: %+v", name, s)
		}
	}
	for p, ops := range doc.Paths {
		for m, op := range ops {
			for status, raw := range op.Responses {
				if status[0] == '2' {
					continue
				}
				var ref struct {
					Ref string `json:"$ref"`
				}
				json.Unmarshal(raw, &ref)
				name := strings.TrimPrefix(ref.Ref, "#/components/responses/")
				if _, ok := doc.Components.Responses[name]; !ok {
					t.Errorf("%s %s %s: %s", m, p, status, raw)
				}
			}
			// Writes change the corpus and need the key; POST /similar only reads.
			if write := (m == "post" || m == "delete") && strings.HasPrefix(p, "/api/v1/documents"); write != (len(op.Security) > 0) {
				t.Errorf("%s %s: security %v", m, p, op.Security)
			}
		}
	}
	// The upload form's fields are what the server accepts.
	up := doc.Paths["/api/v1/documents"]["post"].Request.Content["multipart/form-data"].Schema
	e := newEnv(t, api.Config{AllowWrites: true})
	r := e.upload(t, field("zz_unknown", "x"))
	msg := r.apiError(t).Message
	_, list, _ := strings.Cut(msg, "accepted fields: ")
	got := strings.Split(list, ", ")
	sort.Strings(got)
	up = doc.Components.Schemas[strings.TrimPrefix(up.Ref, "#/components/schemas/")]
	if want := keys(up.Properties); !slices.Equal(got, want) {
		t.Errorf("upload fields: server %v, document %v", got, want)
	}
	if want := jsonFields(reflect.TypeFor[parse.Meta]()); !slices.Equal(keys(doc.Components.Schemas["Meta"].Properties), sorted(want)) {
		t.Errorf("Meta schema %v, parse.Meta %v", keys(doc.Components.Schemas["Meta"].Properties), sorted(want))
	}
}

// The schemas have the JSON fields of the Go types they describe.
func TestOpenAPISchemas(t *testing.T) {
	doc := fetchOpenAPI(t, readEnv(t))
	for name, typ := range map[string]reflect.Type{
		"SearchResult":    reflect.TypeFor[policysearch.SearchResult](),
		"Hit":             reflect.TypeFor[policysearch.Hit](),
		"FacetValue":      reflect.TypeFor[policysearch.FacetValue](),
		"Paragraph":       reflect.TypeFor[policysearch.Paragraph](),
		"ParagraphView":   reflect.TypeFor[policysearch.ParagraphView](),
		"DocumentSummary": reflect.TypeFor[policysearch.DocumentSummary](),
		"DocumentView":    reflect.TypeFor[policysearch.DocumentView](),
		"OutlineNode":     reflect.TypeFor[policysearch.OutlineNode](),
		"OutlineEntry":    reflect.TypeFor[policysearch.OutlineEntry](),
		"Suggestion":      reflect.TypeFor[policysearch.Suggestion](),
		"DocumentList":    reflect.TypeFor[api.DocumentList](),
		"SuggestResult":   reflect.TypeFor[api.SuggestResult](),
		"UploadResult":    reflect.TypeFor[api.UploadResult](),
		"Health":          reflect.TypeFor[api.Health](),
		"Error":           reflect.TypeFor[api.ErrorResponse](),
		"Trends":          reflect.TypeFor[policysearch.Trends](),
		"TrendBucket":     reflect.TypeFor[policysearch.TrendBucket](),
		"KWICResult":      reflect.TypeFor[policysearch.KWICResult](),
		"KWICLine":        reflect.TypeFor[policysearch.KWICLine](),
		"SimilarResult":   reflect.TypeFor[policysearch.SimilarResult](),
		"Precedent":       reflect.TypeFor[policysearch.Precedent](),
		"Lineage":         reflect.TypeFor[policysearch.Lineage](),
		"ComparePair":     reflect.TypeFor[policysearch.ComparePair](),
		"Comparison":      reflect.TypeFor[policysearch.Comparison](),
		"SimilarRequest":  reflect.TypeFor[api.SimilarRequest](),
	} {
		want := jsonFields(typ)
		if strings.HasPrefix(name, "Document") && name != "DocumentList" {
			// A summary never carries the paragraphs its Document could hold.
			want = slices.DeleteFunc(want, func(f string) bool { return f == "paragraphs" })
		}
		got := doc.properties(doc.Components.Schemas[name])
		if !slices.Equal(got, sorted(want)) {
			t.Errorf("schema %s has %v; %s has %v", name, got, typ, sorted(want))
		}
	}
}

func (doc *openAPI) properties(s schema) []string {
	if name, ok := strings.CutPrefix(s.Ref, "#/components/schemas/"); ok {
		return doc.properties(doc.Components.Schemas[name])
	}
	out := keys(s.Properties)
	for _, sub := range s.AllOf {
		out = append(out, doc.properties(sub)...)
	}
	return sorted(out)
}

func keys(m map[string]schema) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return sorted(out)
}

func sorted(s []string) []string {
	s = slices.Clone(s)
	sort.Strings(s)
	return s
}

// jsonFields names the JSON fields of a struct type, following embedded structs.
func jsonFields(t reflect.Type) []string {
	var out []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if f.Anonymous && name == "" {
			out = append(out, jsonFields(f.Type)...)
			continue
		}
		if name == "" {
			name = f.Name
		}
		out = append(out, name)
	}
	return out
}
