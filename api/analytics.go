package api

import (
	"context"
	"math"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"policysearch"
)

// Parameters of the analytics routes: the query and its filters, plus their own.
var (
	statsParams  = append(append([]string{}, filterParams...), "by")
	kwicParams   = append(append([]string{}, filterParams...), "width", "sort", "offset", "limit")
	exportParams = append(append([]string{}, filterParams...), "sort", "format")
)

// DefaultMaxExport is how many rows one export may hold unless Config.MaxExport says
// otherwise: every paragraph of a corpus the size of lawrefbook (150,000).
const DefaultMaxExport = 500_000

// exportTimeout bounds a whole export, which may write tens of megabytes.
const exportTimeout = 10 * time.Minute

// stats is GET /api/v1/stats: counts of a query's hits per year, region, level,
// issuer or type.
func (s *Server) stats(c *gin.Context) {
	v, req, ok := s.queryRequest(c, statsParams)
	if !ok {
		return
	}
	treq := &policysearch.TrendsRequest{SearchRequest: *req, By: v.Get("by")}
	answer(s, c, func(ctx context.Context) (*policysearch.Trends, error) { return s.analyst.Trends(ctx, treq) })
}

// kwic is GET /api/v1/kwic: every occurrence of the query's phrases with context.
func (s *Server) kwic(c *gin.Context) {
	v, err := queryParams(c, kwicParams)
	if err != nil {
		s.writeError(c, err)
		return
	}
	order := v.Get("sort")
	v.Del("sort") // kwic sorts by context, not by relevance or date
	req, err := searchRequest(v)
	if err != nil {
		s.writeError(c, err)
		return
	}
	// Parsed here, checked by KWICRequest.Validate with the rest of the request.
	width, err := intParam(v, "width", 1, math.MaxInt32)
	if err != nil {
		s.writeError(c, err)
		return
	}
	offset, err := intParam(v, "offset", 0, math.MaxInt32)
	if err != nil {
		s.writeError(c, err)
		return
	}
	limit, err := intParam(v, "limit", 1, math.MaxInt32)
	if err != nil {
		s.writeError(c, err)
		return
	}
	kreq := &policysearch.KWICRequest{SearchRequest: *req, Width: width, Order: order, Offset: offset, Limit: limit}
	answer(s, c, func(ctx context.Context) (*policysearch.KWICResult, error) { return s.analyst.KWIC(ctx, kreq) })
}

// rowFormat reads the format of a row stream (export, citation edges): csv, the
// default, or jsonl; anything else is answered with the error and ok false.
func (s *Server) rowFormat(c *gin.Context, v url.Values) (format string, ok bool) {
	format = v.Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "jsonl" {
		s.writeError(c, errorf(policysearch.EINVALID, "format must be csv or jsonl, not %q", clip(format)))
		return "", false
	}
	return format, true
}

// export is GET /api/v1/export: every hit of a query as CSV (UTF-8 with a byte-order
// mark, so Excel reads the Chinese correctly) or JSON Lines, streamed row by row.
func (s *Server) export(c *gin.Context) {
	v, req, ok := s.queryRequest(c, exportParams)
	if !ok {
		return
	}
	format, ok := s.rowFormat(c, v)
	if !ok {
		return
	}
	limit := s.cfg.MaxExport
	if limit <= 0 {
		limit = DefaultMaxExport
	}
	ctx, cancel := exportContext(c)
	defer cancel()
	out := newRows(c, "policysearch-export", format, policysearch.ExportColumns)
	n, err := s.analyst.Export(ctx, req, limit, func(h policysearch.Hit) error {
		return out.write(policysearch.ExportRow(h), h)
	})
	if !out.finish(s, err, "export", n) {
		s.writeError(c, err)
	}
}
