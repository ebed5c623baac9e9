package api

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"
)

// rows writes a download of rows as CSV (with a BOM, so that Excel reads the Chinese as
// UTF-8) or as JSON lines. The response starts with the first row, so an error before
// it is still answered with the JSON error shape.
type rows struct {
	c       *gin.Context
	name    string // file name without extension; may be Chinese
	format  string // csv or jsonl
	header  []string
	w       *bufio.Writer
	cw      *csv.Writer
	enc     *json.Encoder
	started bool
}

func newRows(c *gin.Context, name, format string, header []string) *rows {
	return &rows{c: c, name: name, format: format, header: header, w: bufio.NewWriterSize(c.Writer, 64<<10)}
}

// exportContext bounds a download by exportTimeout, and lets the response outlast the
// server's write timeout for ordinary answers.
func exportContext(c *gin.Context) (context.Context, context.CancelFunc) {
	_ = http.NewResponseController(c.Writer).SetWriteDeadline(time.Now().Add(exportTimeout))
	return context.WithTimeout(c.Request.Context(), exportTimeout)
}

func (r *rows) start() {
	r.started = true
	file := r.name + "." + r.format
	// The plain name is ASCII for old clients; the starred one is exact.
	r.c.Header("Content-Disposition", `attachment; filename="`+asciiName(file, r.format)+`"; filename*=UTF-8''`+url.PathEscape(file))
	if r.format == "csv" {
		r.c.Header("Content-Type", "text/csv; charset=utf-8")
		r.c.Status(http.StatusOK)
		r.w.WriteString("\ufeff")
		r.cw = csv.NewWriter(r.w)
		r.cw.Write(r.header)
		return
	}
	r.c.Header("Content-Type", "application/x-ndjson; charset=utf-8")
	r.c.Status(http.StatusOK)
	r.enc = json.NewEncoder(r.w)
	r.enc.SetEscapeHTML(false)
}

// write adds one row: its CSV cells, or v as a JSON line.
func (r *rows) write(cells []string, v any) error {
	if !r.started {
		r.start()
	}
	if r.cw != nil {
		return r.cw.Write(cells)
	}
	return r.enc.Encode(v)
}

// finish ends the download after the rows, or with err. It returns false when nothing
// was sent and err should be answered as an error; otherwise err (or a failed flush)
// is logged, since the client already has the status and sees a short file.
func (r *rows) finish(s *Server, err error, what string, n int) bool {
	if err != nil && !r.started {
		return false
	}
	if !r.started {
		r.start() // no rows: the header alone, or an empty body
	}
	if r.cw != nil {
		r.cw.Flush()
	}
	if ferr := r.w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		s.log.Warn(what+" ended early", "rows", n, "err", err.Error())
	}
	return true
}

// asciiName is a file name as ASCII: the name itself when it is, else a generic one.
func asciiName(file, format string) string {
	for _, r := range file {
		if r > 0x7e || r < 0x20 || r == '"' || r == '\\' {
			return "policysearch." + format
		}
	}
	return file
}
