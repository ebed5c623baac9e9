package api

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
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
	by := v.Get("by")
	if by == "" {
		by = "year"
	}
	answer(s, c, func(ctx context.Context) (*policysearch.Trends, error) { return s.analyst.Trends(ctx, req, by) })
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
	width, err := intParam(v, "width", 1, policysearch.MaxKWICWidth)
	if err != nil {
		s.writeError(c, err)
		return
	}
	offset, err := intParam(v, "offset", 0, 1<<30)
	if err != nil {
		s.writeError(c, err)
		return
	}
	limit, err := intParam(v, "limit", 1, policysearch.MaxKWICLines)
	if err != nil {
		s.writeError(c, err)
		return
	}
	answer(s, c, func(ctx context.Context) (*policysearch.KWICResult, error) {
		return s.analyst.KWIC(ctx, req, width, order, offset, limit)
	})
}

// export is GET /api/v1/export: every hit of a query as CSV (UTF-8 with a byte-order
// mark, so Excel reads the Chinese correctly) or JSON Lines, streamed row by row.
func (s *Server) export(c *gin.Context) {
	v, req, ok := s.queryRequest(c, exportParams)
	if !ok {
		return
	}
	format := v.Get("format")
	if format == "" {
		format = "csv"
	}
	if format != "csv" && format != "jsonl" {
		s.writeError(c, errorf(policysearch.EINVALID, "format must be csv or jsonl, not %q", clip(format)))
		return
	}
	limit := s.cfg.MaxExport
	if limit <= 0 {
		limit = DefaultMaxExport
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), exportTimeout)
	defer cancel()
	// A large export outlasts the server's write timeout for ordinary answers.
	_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Now().Add(exportTimeout))

	w := bufio.NewWriterSize(c.Writer, 64<<10)
	var cw *csv.Writer
	var enc *json.Encoder
	started := false
	start := func() {
		started = true
		name := "policysearch-export." + format
		c.Header("Content-Disposition", `attachment; filename="`+name+`"`)
		if format == "csv" {
			c.Header("Content-Type", "text/csv; charset=utf-8")
			c.Status(http.StatusOK)
			w.WriteString("\ufeff")
			cw = csv.NewWriter(w)
			cw.Write(policysearch.ExportColumns)
		} else {
			c.Header("Content-Type", "application/x-ndjson; charset=utf-8")
			c.Status(http.StatusOK)
			enc = json.NewEncoder(w)
			enc.SetEscapeHTML(false)
		}
	}
	n, err := s.analyst.Export(ctx, req, limit, func(h policysearch.Hit) error {
		if !started {
			start()
		}
		if cw != nil {
			return cw.Write(policysearch.ExportRow(h))
		}
		return enc.Encode(h)
	})
	if err != nil && !started {
		s.writeError(c, err)
		return
	}
	if !started {
		start() // no hits: the header row alone, or an empty body
	}
	if cw != nil {
		cw.Flush()
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		// The status is sent; the client sees a short file. Say so in the log.
		s.log.Warn("export ended early", "rows", n, "err", err.Error())
	}
}
