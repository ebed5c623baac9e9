package api

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"policysearch"
	"policysearch/parse"
)

// Query parameters each route accepts. Any other is refused, so that a misspelt
// filter (regoin=山东) is an error rather than a silently unfiltered answer. The
// OpenAPI document lists the same parameters; a test holds the two together.
var (
	// filterParams are the query and its filters, which every route that runs a search
	// takes.
	filterParams = []string{"q", "within", "scope", "region", "level", "issuer", "type", "unit", "kind", "doc", "year", "year_from", "year_to",
		"status", "published_from", "published_to", "effective_from", "effective_to", "cites"}
	searchParams  = append(append([]string{}, filterParams...), "group", "sort", "page", "size")
	feedParams    = append(append([]string{}, filterParams...), "size")
	suggestParams = []string{"prefix", "size"}
	// multiParams may be given several times: each value is an alternative
	// (region=江西&region=重庆).
	multiParams = []string{"region", "level", "issuer", "type", "unit", "kind", "doc", "year"}
)

// Limits of parameters that the root package does not define.
const (
	defaultSuggestions = 10
	maxSuggestions     = 50  // the most Searcher.Suggest lists
	maxParagraphID     = 400 // bytes: ids may be Chinese
)

// queryParams reads the query string, refusing malformed encodings, parameters the
// route does not take, parameters given twice and values that are not UTF-8. An empty
// value counts as absent, as a form with an empty field sends it.
func queryParams(c *gin.Context, accepted []string) (url.Values, error) {
	v, err := url.ParseQuery(c.Request.URL.RawQuery)
	if err != nil {
		return nil, errorf(policysearch.EINVALID, "the query string is not valid URL encoding: %v", err)
	}
	names := make([]string, 0, len(v))
	for name := range v {
		names = append(names, name)
	}
	sort.Strings(names) // the first problem reported does not depend on map order
	for _, name := range names {
		if !slices.Contains(accepted, name) {
			return nil, unknownParam(c.FullPath(), name, accepted)
		}
		if n := len(v[name]); n > 1 && !slices.Contains(multiParams, name) {
			return nil, errorf(policysearch.EINVALID, "%s is given %d times; give it once", name, n).With("param_twice", "name", name)
		}
		for _, s := range v[name] {
			if !utf8.ValidString(s) {
				return nil, errorf(policysearch.EINVALID, "%s is not valid UTF-8 text", name).With("bad_utf8", "field", name)
			}
		}
	}
	return v, nil
}

func unknownParam(route, name string, accepted []string) error {
	if len(accepted) == 0 {
		return errorf(policysearch.EINVALID, "unknown parameter %q: %s takes no query parameters", clip(name), route).
			With("unknown_param", "name", clip(name))
	}
	hint := ""
	if near := nearest(name, accepted); near != "" {
		hint = " (did you mean " + near + "?)"
	}
	return errorf(policysearch.EINVALID, "unknown parameter %q%s; accepted parameters: %s",
		clip(name), hint, strings.Join(accepted, ", ")).With("unknown_param", "name", clip(name), "near", nearest(name, accepted))
}

// nearest is the accepted name within two edits of a misspelt one, if any.
func nearest(name string, accepted []string) string {
	best, bestD := "", 3
	for _, a := range accepted {
		if d := policysearch.EditDistance(strings.ToLower(name), a); d < bestD {
			best, bestD = a, d
		}
	}
	return best
}

// intParam reads an optional whole number in [lo, hi]; absent is 0.
func intParam(v url.Values, name string, lo, hi int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, errorf(policysearch.EINVALID, "%s must be a whole number from %d to %d, not %q", name, lo, hi, clip(s)).
			With("bad_number", "name", name, "min", strconv.Itoa(lo), "max", strconv.Itoa(hi), "value", clip(s))
	}
	return n, nil
}

// safeID reports whether s holds only letters, digits, Chinese characters, '-', '_' and
// '.', without a leading dot or "..": such an id cannot climb out of a path or break a URL.
func safeID(s string) bool { return parse.ValidParagraphID(s) }

// paragraphID reads the :id of a paragraph route. Paragraph ids are a document id and
// a suffix, so they may be longer than one.
func paragraphID(c *gin.Context) (string, error) {
	id := c.Param("id")
	if len(id) > maxParagraphID || !safeID(id) {
		return "", errorf(policysearch.EINVALID, "paragraph id %q is not an id: letters, digits, Chinese characters, '-', '_' or '.', not starting with '.'", clip(id))
	}
	return id, nil
}

// documentID reads the :id of a document route.
func documentID(c *gin.Context) (string, error) {
	id := c.Param("id")
	if !parse.ValidID(id) {
		return "", errorf(policysearch.EINVALID, "document id %q is not an id: 1 to 80 letters, digits, Chinese characters, '-', '_' or '.', not starting with '.'", clip(id))
	}
	return id, nil
}

// bareID reads the id of a route that takes no query parameters; when either is
// wrong it writes the error and returns false.
func (s *Server) bareID(c *gin.Context, read func(*gin.Context) (string, error)) (string, bool) {
	_, err := queryParams(c, nil)
	id := ""
	if err == nil {
		id, err = read(c)
	}
	if err != nil {
		s.writeError(c, err)
		return "", false
	}
	return id, true
}

// answer runs a read in the request's context (bounded by requestTimeout and the
// client's connection) and writes its result, or its error.
func answer[T any](s *Server, c *gin.Context, read func(context.Context) (T, error)) {
	ctx, cancel := requestContext(c)
	defer cancel()
	v, err := read(ctx)
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.writeJSON(c, http.StatusOK, v)
}

// searchRequest reads the query and filter parameters shared by search, stats, kwic,
// export and the feed. It only converts text to the request's types; the request's
// Validate, called by the searcher, checks the values.
func searchRequest(v url.Values) (*policysearch.SearchRequest, error) {
	req := &policysearch.SearchRequest{
		Query:  v.Get("q"),
		Within: v.Get("within"),
		Scope:  v.Get("scope"),
		Group:  v.Get("group"),
		Sort:   v.Get("sort"),
		Filters: policysearch.Filters{
			Status: v.Get("status"), PublishedFrom: v.Get("published_from"), PublishedTo: v.Get("published_to"),
			EffectiveFrom: v.Get("effective_from"), EffectiveTo: v.Get("effective_to"), Cites: v.Get("cites"),
		},
	}
	for _, f := range req.Filters.Fields() {
		for _, s := range v[f.Name] {
			if s != "" {
				*f.Values = append(*f.Values, s)
			}
		}
	}
	for _, s := range v["year"] {
		if s == "" {
			continue
		}
		y, err := intParam(url.Values{"year": {s}}, "year", policysearch.MinYear, policysearch.MaxYear)
		if err != nil {
			return nil, err
		}
		req.Filters.Year = append(req.Filters.Year, y)
	}
	var err error
	if req.Filters.YearFrom, err = intParam(v, "year_from", policysearch.MinYear, policysearch.MaxYear); err != nil {
		return nil, err
	}
	if req.Filters.YearTo, err = intParam(v, "year_to", policysearch.MinYear, policysearch.MaxYear); err != nil {
		return nil, err
	}
	return req, nil
}

// SearchRequest is the request GET /api/v1/search makes of its query parameters
// (without checking for unknown ones). The ranking evaluation (cmd/evalrank) builds
// its requests with it, so it measures exactly what a user of the API gets.
func SearchRequest(v url.Values) (*policysearch.SearchRequest, error) {
	req, err := searchRequest(v)
	if err != nil {
		return nil, err
	}
	if err := pageParams(v, req); err != nil {
		return nil, err
	}
	return req, nil
}

// pageParams reads the page and size parameters of a search.
func pageParams(v url.Values, req *policysearch.SearchRequest) error {
	var err error
	if req.Page, err = intParam(v, "page", 1, policysearch.MaxPage); err != nil {
		return err
	}
	req.Size, err = intParam(v, "size", 1, policysearch.MaxPageSize)
	return err
}

// queryRequest reads a route's query parameters (only those allowed) and the search
// request they make; when they are wrong it writes the error and returns false.
func (s *Server) queryRequest(c *gin.Context, allowed []string) (url.Values, *policysearch.SearchRequest, bool) {
	v, err := queryParams(c, allowed)
	var req *policysearch.SearchRequest
	if err == nil {
		req, err = searchRequest(v)
	}
	if err != nil {
		s.writeError(c, err)
		return nil, nil, false
	}
	return v, req, true
}

// search is GET /api/v1/search.
func (s *Server) search(c *gin.Context) {
	v, req, ok := s.queryRequest(c, searchParams)
	if !ok {
		return
	}
	if err := pageParams(v, req); err != nil {
		s.writeError(c, err)
		return
	}
	answer(s, c, func(ctx context.Context) (*policysearch.SearchResult, error) { return s.searcher.Search(ctx, req) })
}

// paragraph is GET /api/v1/paragraphs/:id.
func (s *Server) paragraph(c *gin.Context) {
	id, ok := s.bareID(c, paragraphID)
	if !ok {
		return
	}
	answer(s, c, func(ctx context.Context) (*policysearch.ParagraphView, error) { return s.searcher.Paragraph(ctx, id) })
}

// DocumentList is the answer of GET /api/v1/documents.
type DocumentList struct {
	Documents []policysearch.DocumentSummary `json:"documents"`
	Total     int                            `json:"total"`
}

// documents is GET /api/v1/documents.
func (s *Server) documents(c *gin.Context) {
	if _, err := queryParams(c, nil); err != nil {
		s.writeError(c, err)
		return
	}
	answer(s, c, func(ctx context.Context) (DocumentList, error) {
		docs, err := s.searcher.Documents(ctx)
		if docs == nil {
			docs = []policysearch.DocumentSummary{}
		}
		return DocumentList{Documents: docs, Total: len(docs)}, err
	})
}

// document is GET /api/v1/documents/:id.
func (s *Server) document(c *gin.Context) {
	id, ok := s.bareID(c, documentID)
	if !ok {
		return
	}
	answer(s, c, func(ctx context.Context) (*policysearch.DocumentView, error) { return s.searcher.Document(ctx, id) })
}

// article is GET /api/v1/documents/{id}/articles/{no}: the article of a law by its
// number as a reader types it (1077, 第一千零七十七条, 291之二), with its neighbours.
func (s *Server) article(c *gin.Context) {
	id, ok := s.bareID(c, documentID)
	if !ok {
		return
	}
	no := c.Param("no")
	n, sub, ok := policysearch.ArticleNumber(no)
	if !ok {
		s.writeError(c, errorf(policysearch.EINVALID, "%q is not an article number; give 1077, 第一千零七十七条 or 291之二", clip(no)))
		return
	}
	answer(s, c, func(ctx context.Context) (*policysearch.ParagraphView, error) {
		d, err := s.searcher.Document(ctx, id)
		if err != nil {
			return nil, err
		}
		if pid := findArticle(d.Outline, n, sub); pid != "" {
			return s.searcher.Paragraph(ctx, pid)
		}
		return nil, policysearch.Errorf(policysearch.ENOTFOUND, "%s has no article %s", id, no)
	})
}

// findArticle finds the paragraph of article n (之sub) in an outline.
func findArticle(node *policysearch.OutlineNode, n, sub int) string {
	if node == nil {
		return ""
	}
	for _, e := range node.Paragraphs {
		if e.Kind != policysearch.KindArticle {
			continue
		}
		if an, as, ok := policysearch.ArticleNumber(e.MeasureNo); ok && an == n && as == sub {
			return e.ID
		}
	}
	for _, ch := range node.Children {
		if id := findArticle(ch, n, sub); id != "" {
			return id
		}
	}
	return ""
}

// SuggestResult is the answer of GET /api/v1/suggest.
type SuggestResult struct {
	Suggestions []policysearch.Suggestion `json:"suggestions"`
}

// suggest is GET /api/v1/suggest.
func (s *Server) suggest(c *gin.Context) {
	v, err := queryParams(c, suggestParams)
	if err != nil {
		s.writeError(c, err)
		return
	}
	n, err := intParam(v, "size", 1, maxSuggestions)
	if err != nil {
		s.writeError(c, err)
		return
	}
	if n == 0 {
		n = defaultSuggestions
	}
	answer(s, c, func(ctx context.Context) (SuggestResult, error) {
		out, err := s.searcher.Suggest(ctx, v.Get("prefix"), n)
		if out == nil {
			out = []policysearch.Suggestion{}
		}
		return SuggestResult{Suggestions: out}, err
	})
}

// deleteDocument is DELETE /api/v1/documents/:id.
func (s *Server) deleteDocument(c *gin.Context) {
	id, ok := s.bareID(c, documentID)
	if !ok {
		return
	}
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	if err := s.indexer.Delete(c.Request.Context(), id); err != nil {
		s.writeError(c, err)
		return
	}
	s.log.Info("document deleted", "id", id, "request_id", c.GetString(keyRequestID))
	c.Status(http.StatusNoContent)
}

// Health is the answer of GET /healthz.
type Health struct {
	Status     string `json:"status"`
	Documents  int    `json:"documents"`
	Paragraphs int    `json:"paragraphs"`
	Version    string `json:"version"`
}

// healthz is GET /healthz: 200 while the server answers, 503 once it shuts down.
func (s *Server) healthz(c *gin.Context) {
	if _, err := queryParams(c, nil); err != nil {
		s.writeError(c, err)
		return
	}
	if s.closing.Load() {
		s.writeError(c, errorf(policysearch.EUNAVAILABLE, "the server is shutting down"))
		return
	}
	ctx, cancel := requestContext(c)
	defer cancel()
	st, err := s.searcher.Stats(ctx)
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.writeJSON(c, http.StatusOK, Health{Status: "ok", Documents: st.Documents, Paragraphs: st.Paragraphs, Version: s.cfg.Version})
}

// serveOpenAPI is GET /openapi.json.
func (s *Server) serveOpenAPI(c *gin.Context) {
	if _, err := queryParams(c, nil); err != nil {
		s.writeError(c, err)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", s.openapi)
}
