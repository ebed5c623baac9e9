package api

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"policysearch"
	"policysearch/parse"
)

var similarParams = []string{"size", "scope"}

// maxSimilarSize mirrors the index's limit, so the parameter error names it.
const maxSimilarSize = 50

// similarParagraph is GET /api/v1/paragraphs/:id/similar: clauses of other documents
// that share the paragraph's wording.
func (s *Server) similarParagraph(c *gin.Context) {
	v, err := queryParams(c, similarParams)
	if err != nil {
		s.writeError(c, err)
		return
	}
	id, err := paragraphID(c)
	if err != nil {
		s.writeError(c, err)
		return
	}
	size, err := intParam(v, "size", 1, maxSimilarSize)
	if err != nil {
		s.writeError(c, err)
		return
	}
	answer(s, c, func(ctx context.Context) (*policysearch.SimilarResult, error) {
		return s.precedents.Similar(ctx, id, size, v.Get("scope"))
	})
}

// SimilarRequest is the body of POST /api/v1/similar.
type SimilarRequest struct {
	Text string `json:"text"`
	Size int    `json:"size,omitempty"`
}

// similarText is POST /api/v1/similar: precedents of a pasted clause. It reads but
// never changes the index, so it needs no key.
func (s *Server) similarText(c *gin.Context) {
	if _, err := queryParams(c, nil); err != nil {
		s.writeError(c, err)
		return
	}
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	if mt != "application/json" {
		s.writeError(c, errorf(policysearch.EUNSUPPORTED, `send the text as JSON: Content-Type: application/json, body {"text": "…"}`))
		return
	}
	dec := json.NewDecoder(c.Request.Body)
	dec.DisallowUnknownFields()
	var req SimilarRequest
	if err := dec.Decode(&req); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			s.writeError(c, errorf(policysearch.ETOOLARGE, "the body is larger than %d KB", maxBody>>10))
			return
		}
		s.writeError(c, errorf(policysearch.EINVALID, `the body is not {"text": "…", "size": n}: %s`, clip(err.Error())))
		return
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		s.writeError(c, errorf(policysearch.EINVALID, "the body holds more than one JSON object"))
		return
	}
	if strings.TrimSpace(req.Text) == "" {
		s.writeError(c, errorf(policysearch.EINVALID, "text is empty: paste the clause to find precedents for").With("text_empty"))
		return
	}
	if req.Size < 0 || req.Size > maxSimilarSize {
		s.writeError(c, errorf(policysearch.EINVALID, "size must be from 1 to %d", maxSimilarSize))
		return
	}
	answer(s, c, func(ctx context.Context) (*policysearch.SimilarResult, error) {
		return s.precedents.SimilarText(ctx, req.Text, req.Size)
	})
}

// lineage is GET /api/v1/paragraphs/:id/lineage.
func (s *Server) lineage(c *gin.Context) {
	id, ok := s.bareID(c, paragraphID)
	if !ok {
		return
	}
	answer(s, c, func(ctx context.Context) (*policysearch.Lineage, error) { return s.precedents.Lineage(ctx, id) })
}

// compare is GET /api/v1/documents/:id/compare/:other: what document :other takes
// from document :id.
func (s *Server) compare(c *gin.Context) {
	a, ok := s.bareID(c, documentID)
	if !ok {
		return
	}
	b := c.Param("other")
	if !parse.ValidID(b) {
		s.writeError(c, errorf(policysearch.EINVALID, "document id %q is not an id", clip(b)))
		return
	}
	answer(s, c, func(ctx context.Context) (*policysearch.Comparison, error) { return s.precedents.Compare(ctx, a, b) })
}
