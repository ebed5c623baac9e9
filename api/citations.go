package api

import (
	"context"

	"github.com/gin-gonic/gin"

	"policysearch"
	"policysearch/parse"
)

// citationRoutes registers the citation network's routes, when the searcher has one.
func (s *Server) citationRoutes(v1 *gin.RouterGroup) {
	if s.citer == nil {
		return
	}
	v1.GET("/documents/:id/citations", s.citations)
	v1.GET("/documents/:id/diffusion", s.diffusion)
	v1.GET("/citations/edges", s.edges)
}

// citations is GET /api/v1/documents/:id/citations: what the document cites and what
// cites it.
func (s *Server) citations(c *gin.Context) {
	id, ok := s.bareID(c, documentID)
	if !ok {
		return
	}
	answer(s, c, func(ctx context.Context) (*policysearch.Citations, error) { return s.citer.Citations(ctx, id) })
}

// diffusion is GET /api/v1/documents/:id/diffusion: the documents of other regions
// citing it, by region and year, with the wording they share.
func (s *Server) diffusion(c *gin.Context) {
	id, ok := s.bareID(c, documentID)
	if !ok {
		return
	}
	answer(s, c, func(ctx context.Context) (*policysearch.Diffusion, error) { return s.citer.Diffusion(ctx, id) })
}

var edgeParams = []string{"doc", "format"}

// edges is GET /api/v1/citations/edges: the citation edges, of one document (doc=ID)
// or of the corpus, as CSV (policysearch.EdgeColumns) or JSON lines, for network tools.
func (s *Server) edges(c *gin.Context) {
	v, err := queryParams(c, edgeParams)
	if err != nil {
		s.writeError(c, err)
		return
	}
	doc := v.Get("doc")
	if doc != "" && !parse.ValidID(doc) {
		s.writeError(c, errorf(policysearch.EINVALID, "doc %q is not a document id", clip(doc)))
		return
	}
	format, ok := s.rowFormat(c, v)
	if !ok {
		return
	}
	ctx, cancel := exportContext(c)
	defer cancel()
	name := "citations"
	if doc != "" {
		name += "-" + doc
	}
	out := newRows(c, name, format, policysearch.EdgeColumns)
	n := 0
	err = s.citer.Edges(ctx, doc, func(e policysearch.Edge) error {
		n++
		return out.write(policysearch.EdgeRow(e), e)
	})
	if !out.finish(s, err, "edge export", n) {
		s.writeError(c, err)
	}
}
