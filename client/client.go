package client

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"policysearch"
	"policysearch/parse"
)

// Client is a policysearch server's API. It implements policysearch.Searcher and
// policysearch.Analyst.
type Client struct {
	base string // such as http://127.0.0.1:8080, without a trailing slash
	key  string
	hc   *http.Client
}

// New returns a client of the server at base. key, when set, is sent with uploads.
func New(base, key string) (*Client, error) {
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, policysearch.Errorf(policysearch.EINVALID, "the server address must be a URL such as http://127.0.0.1:8080, not %q", base)
	}
	// No overall timeout: a request ends with its context (Ctrl-C) or the server's own
	// limits, and an export may stream for minutes.
	return &Client{base: u.String(), key: key, hc: &http.Client{}}, nil
}

// URL is the server's address.
func (c *Client) URL() string { return c.base }

// get sends a GET and decodes a JSON answer into v.
func (c *Client) get(ctx context.Context, path string, q url.Values, v any) error {
	resp, err := c.do(ctx, http.MethodGet, path, q, nil, "")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	return json.NewDecoder(resp.Body).Decode(v)
}

// do sends a request and turns an error answer into the *policysearch.Error it carries.
func (c *Client) do(ctx context.Context, method, path string, q url.Values, body io.Reader, ctype string) (*http.Response, error) {
	target := c.base + "/api/v1" + path
	if len(q) > 0 {
		target += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, method, target, body)
	if err != nil {
		return nil, err
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if c.key != "" && method != http.MethodGet {
		req.Header.Set("Authorization", "Bearer "+c.key)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, policysearch.WrapError(policysearch.EUNAVAILABLE, err, "the server at %s does not answer", c.base)
	}
	if resp.StatusCode < 300 {
		return resp, nil
	}
	defer resp.Body.Close()
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&e); err != nil || e.Error.Code == "" {
		return nil, policysearch.Errorf(policysearch.EINTERNAL, "the server answered %s", resp.Status)
	}
	out := &policysearch.Error{Code: e.Error.Code, Message: e.Error.Message}
	if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
		out.Err = retryAfter(time.Duration(secs) * time.Second)
	}
	return nil, out
}

// retryAfter is the wait a server asked for with Retry-After.
type retryAfter time.Duration

func (r retryAfter) Error() string { return fmt.Sprintf("retry after %v", time.Duration(r)) }

// values are the query parameters of a search request, as api's searchRequest reads
// them.
func values(req *policysearch.SearchRequest) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	num := func(k string, n int) {
		if n != 0 {
			v.Set(k, strconv.Itoa(n))
		}
	}
	f := req.Filters
	set("q", req.Query)
	set("within", req.Within)
	set("scope", req.Scope)
	set("group", req.Group)
	for _, fl := range f.Fields() {
		for _, s := range *fl.Values {
			v.Add(fl.Name, s)
		}
	}
	for _, y := range f.Year {
		v.Add("year", strconv.Itoa(y))
	}
	num("year_from", f.YearFrom)
	num("year_to", f.YearTo)
	set("status", f.Status)
	set("published_from", f.PublishedFrom)
	set("published_to", f.PublishedTo)
	set("effective_from", f.EffectiveFrom)
	set("effective_to", f.EffectiveTo)
	set("cites", f.Cites)
	set("sort", req.Sort)
	return v
}

// Search runs a query.
func (c *Client) Search(ctx context.Context, req *policysearch.SearchRequest) (*policysearch.SearchResult, error) {
	v := values(req)
	if req.Page > 0 {
		v.Set("page", strconv.Itoa(req.Page))
	}
	if req.Size > 0 {
		v.Set("size", strconv.Itoa(req.Size))
	}
	var res policysearch.SearchResult
	return &res, c.get(ctx, "/search", v, &res)
}

// Paragraph returns one paragraph with its document and neighbours.
func (c *Client) Paragraph(ctx context.Context, id string) (*policysearch.ParagraphView, error) {
	var v policysearch.ParagraphView
	return &v, c.get(ctx, "/paragraphs/"+url.PathEscape(id), nil, &v)
}

// Documents lists the documents.
func (c *Client) Documents(ctx context.Context) ([]policysearch.DocumentSummary, error) {
	var v struct {
		Documents []policysearch.DocumentSummary `json:"documents"`
	}
	return v.Documents, c.get(ctx, "/documents", nil, &v)
}

// Document returns one document's outline and paragraphs.
func (c *Client) Document(ctx context.Context, id string) (*policysearch.DocumentView, error) {
	var v policysearch.DocumentView
	return &v, c.get(ctx, "/documents/"+url.PathEscape(id), nil, &v)
}

// Suggest completes a prefix.
func (c *Client) Suggest(ctx context.Context, prefix string, n int) ([]policysearch.Suggestion, error) {
	var v struct {
		Suggestions []policysearch.Suggestion `json:"suggestions"`
	}
	return v.Suggestions, c.get(ctx, "/suggest", url.Values{"prefix": {prefix}, "size": {strconv.Itoa(n)}}, &v)
}

// Stats counts the server's documents and paragraphs, from its health check.
func (c *Client) Stats(ctx context.Context) (policysearch.IndexStats, error) {
	var h struct {
		Documents  int `json:"documents"`
		Paragraphs int `json:"paragraphs"`
	}
	err := c.get(ctx, "/healthz", nil, &h)
	return policysearch.IndexStats{Documents: h.Documents, Paragraphs: h.Paragraphs}, err
}

// Trends counts a query's hits per value of a field.
func (c *Client) Trends(ctx context.Context, req *policysearch.TrendsRequest) (*policysearch.Trends, error) {
	v := values(&req.SearchRequest)
	v.Del("sort")
	if req.By != "" {
		v.Set("by", req.By)
	}
	var t policysearch.Trends
	return &t, c.get(ctx, "/stats", v, &t)
}

// KWIC lists occurrences in context.
func (c *Client) KWIC(ctx context.Context, req *policysearch.KWICRequest) (*policysearch.KWICResult, error) {
	v := values(&req.SearchRequest)
	v.Del("sort")
	if req.Order != "" {
		v.Set("sort", req.Order)
	}
	for k, n := range map[string]int{"width": req.Width, "offset": req.Offset, "limit": req.Limit} {
		if n > 0 {
			v.Set(k, strconv.Itoa(n))
		}
	}
	var res policysearch.KWICResult
	return &res, c.get(ctx, "/kwic", v, &res)
}

// Export streams every hit of a query from the server's JSON Lines export. The server
// applies its own row limit; limit is checked on top of it.
func (c *Client) Export(ctx context.Context, req *policysearch.SearchRequest, limit int, fn func(policysearch.Hit) error) (int, error) {
	v := values(req)
	v.Set("format", "jsonl")
	return jsonLines(ctx, c, "/export", v, "export", func(n int, h policysearch.Hit) error {
		if limit > 0 && n >= limit {
			return policysearch.Errorf(policysearch.ETOOLARGE, "the export has more than %d rows; narrow the query", limit)
		}
		return fn(h)
	})
}

// Similar is GET /paragraphs/{id}/similar: precedent clauses of a paragraph.
func (c *Client) Similar(ctx context.Context, paragraphID string, size int, scope string) (*policysearch.SimilarResult, error) {
	v := url.Values{}
	if size > 0 {
		v.Set("size", strconv.Itoa(size))
	}
	if scope != "" {
		v.Set("scope", scope)
	}
	var out policysearch.SimilarResult
	if err := c.get(ctx, "/paragraphs/"+url.PathEscape(paragraphID)+"/similar", v, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SimilarText is POST /similar: precedent clauses of a pasted text.
func (c *Client) SimilarText(ctx context.Context, text string, size int) (*policysearch.SimilarResult, error) {
	body, err := json.Marshal(struct {
		Text string `json:"text"`
		Size int    `json:"size,omitempty"`
	}{text, size})
	if err != nil {
		return nil, err
	}
	resp, err := c.do(ctx, http.MethodPost, "/similar", nil, bytes.NewReader(body), "application/json")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var out policysearch.SimilarResult
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		return nil, policysearch.WrapError(policysearch.EINTERNAL, err, "the server's answer is not JSON")
	}
	return &out, nil
}

// Lineage is GET /paragraphs/{id}/lineage.
func (c *Client) Lineage(ctx context.Context, paragraphID string) (*policysearch.Lineage, error) {
	var out policysearch.Lineage
	if err := c.get(ctx, "/paragraphs/"+url.PathEscape(paragraphID)+"/lineage", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Compare is GET /documents/{a}/compare/{b}.
func (c *Client) Compare(ctx context.Context, docA, docB string) (*policysearch.Comparison, error) {
	var out policysearch.Comparison
	if err := c.get(ctx, "/documents/"+url.PathEscape(docA)+"/compare/"+url.PathEscape(docB), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Citations is GET /documents/{id}/citations.
func (c *Client) Citations(ctx context.Context, id string) (*policysearch.Citations, error) {
	var out policysearch.Citations
	if err := c.get(ctx, "/documents/"+url.PathEscape(id)+"/citations", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Diffusion is GET /documents/{id}/diffusion.
func (c *Client) Diffusion(ctx context.Context, id string) (*policysearch.Diffusion, error) {
	var out policysearch.Diffusion
	if err := c.get(ctx, "/documents/"+url.PathEscape(id)+"/diffusion", nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Edges streams GET /citations/edges as JSON lines, of one document or, with docID
// "", of the whole corpus.
func (c *Client) Edges(ctx context.Context, docID string, fn func(policysearch.Edge) error) error {
	v := url.Values{"format": {"jsonl"}}
	if docID != "" {
		v.Set("doc", docID)
	}
	_, err := jsonLines(ctx, c, "/citations/edges", v, "edge list", func(_ int, e policysearch.Edge) error { return fn(e) })
	return err
}

// jsonLines reads a streamed JSON Lines answer, one value at a time, so a long export
// never sits in memory whole; fn gets each value with the count read before it. what
// names the stream in errors.
func jsonLines[T any](ctx context.Context, c *Client, path string, q url.Values, what string, fn func(int, T) error) (int, error) {
	resp, err := c.do(ctx, http.MethodGet, path, q, nil, "")
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<20)
	n := 0
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			return n, policysearch.WrapError(policysearch.EINTERNAL, err, "the server's %s is not JSON Lines", what)
		}
		if err := fn(n, v); err != nil {
			return n, err
		}
		n++
	}
	if err := sc.Err(); err != nil {
		if ctx.Err() != nil {
			return n, ctx.Err()
		}
		return n, policysearch.WrapError(policysearch.EUNAVAILABLE, err, "the %s ended early after %d rows", what, n)
	}
	return n, nil
}

// Uploaded is what the server answers an upload with.
type Uploaded struct {
	Document   policysearch.DocumentSummary `json:"document"`
	Paragraphs int                          `json:"paragraphs"`
	Replaced   bool                         `json:"replaced"`
}

// Upload sends one source file with its metadata to POST /documents, where the server
// parses and indexes it as the local ingest would.
func (c *Client) Upload(ctx context.Context, name string, data []byte, meta *parse.Meta) (*Uploaded, error) {
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	fw, err := w.CreateFormFile("file", name)
	if err != nil {
		return nil, err
	}
	fw.Write(data)
	if meta != nil {
		b, err := json.Marshal(meta)
		if err != nil {
			return nil, err
		}
		mw, err := w.CreateFormField("meta")
		if err != nil {
			return nil, err
		}
		mw.Write(b)
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	var resp *http.Response
	for {
		resp, err = c.do(ctx, http.MethodPost, "/documents", nil, bytes.NewReader(body.Bytes()), w.FormDataContentType())
		var wait retryAfter
		if policysearch.ErrorCode(err) != policysearch.ETOOMANY || !errors.As(err, &wait) {
			break
		}
		// Over the server's write rate: wait as it asks, or until stopped.
		select {
		case <-time.After(time.Duration(wait)):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var u Uploaded
	if err := json.NewDecoder(resp.Body).Decode(&u); err != nil {
		return nil, fmt.Errorf("the server's answer to an upload: %w", err)
	}
	return &u, nil
}
