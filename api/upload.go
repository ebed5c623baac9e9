package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"policysearch"
	"policysearch/divisions"
	"policysearch/parse"
)

// Form fields of an upload besides file and meta: the metadata fields of parse.Meta.
var metaFields = []string{"id", "title", "issuers", "doc_number", "date", "region", "level", "doc_type", "period"}

// uploadFields is every field an upload may have, in the order the error message lists
// them.
var uploadFields = append([]string{"file", "meta"}, metaFields...)

// maxField bounds one metadata field or the meta part; metadata is a few lines.
const maxField = 64 << 10

// UploadResult is the answer of POST /api/v1/documents.
type UploadResult struct {
	Document   policysearch.DocumentSummary `json:"document"`
	Paragraphs int                          `json:"paragraphs"`
	// Replaced is true when a document with the same id was indexed before; its
	// paragraphs were replaced all at once.
	Replaced bool `json:"replaced"`
}

// upload is POST /api/v1/documents: one file, parsed and indexed. Nothing is written
// until the file has parsed, so a refused upload leaves the index as it was.
func (s *Server) upload(c *gin.Context) {
	if _, err := queryParams(c, nil); err != nil {
		s.writeError(c, err)
		return
	}
	u, err := readUpload(c.Request, s.cfg.MaxUpload)
	if err == nil {
		err = s.checkMeta(c.Request.Context(), u.meta)
	}
	if err != nil {
		s.writeError(c, err)
		return
	}
	doc, err := parse.Parse(u.name, u.data, u.meta)
	if err != nil {
		s.writeError(c, err)
		return
	}

	ctx := c.Request.Context()
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	_, err = s.searcher.Document(ctx, doc.ID)
	replaced := err == nil
	if err != nil && policysearch.ErrorCode(err) != policysearch.ENOTFOUND {
		s.writeError(c, err)
		return
	}
	if err := s.indexer.Index(ctx, doc); err != nil {
		s.writeError(c, err)
		return
	}
	// Answer with the document as the index has it, the same as GET would show.
	v, err := s.searcher.Document(ctx, doc.ID)
	if err != nil {
		s.writeError(c, err)
		return
	}
	s.log.Info("document indexed", "id", doc.ID, "source", doc.Source, "paragraphs", v.ParagraphCount,
		"replaced", replaced, "request_id", c.GetString(keyRequestID))
	status := http.StatusOK
	if !replaced {
		status = http.StatusCreated
		c.Header("Location", routeDocuments+"/"+doc.ID)
	}
	s.writeJSON(c, status, UploadResult{Document: v.DocumentSummary, Paragraphs: v.ParagraphCount, Replaced: replaced})
}

// checkMeta refuses metadata that filters could never find: a region that is no
// administrative division (region=火星) would be stored without a level and match no
// region filter. The answer names the corpus's regions closest to it.
func (s *Server) checkMeta(ctx context.Context, m *parse.Meta) error {
	if m == nil || strings.TrimSpace(m.Region) == "" {
		return nil
	}
	v := strings.TrimSpace(m.Region)
	if _, ok := divisions.ByName(v); ok {
		return nil
	}
	docs, err := s.searcher.Documents(ctx)
	if err != nil {
		return err
	}
	counts := map[string]int{policysearch.RegionNational: 0}
	for _, d := range docs {
		if d.Region != "" {
			counts[d.Region]++
		}
	}
	known := policysearch.Nearest(v, counts, 5)
	return errorf(policysearch.EINVALID, "region %q is not an administrative division; the known regions closest to it: %s",
		clip(v), strings.Join(known, ", ")).With("bad_region", "field", "region", "value", clip(v), "known", strings.Join(known, "、"))
}

// upload is what a request carried: the file and its metadata.
type upload struct {
	name string
	data []byte
	meta *parse.Meta
}

// readUpload reads a multipart/form-data body part by part, without spooling parts
// to disk as ParseMultipartForm would, holding at most maxFile bytes of file.
func readUpload(r *http.Request, maxFile int64) (*upload, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		got := r.Header.Get("Content-Type")
		if got == "" {
			got = "no content type"
		}
		return nil, errorf(policysearch.EUNSUPPORTED,
			"send the document as multipart/form-data with the file in a field named file (curl -F file=@policy.docx), not %s", clip(got))
	}
	if params["boundary"] == "" {
		return nil, errorf(policysearch.EINVALID, "the multipart/form-data content type has no boundary")
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	u := &upload{}
	var (
		hasFile  bool
		metaPart *parse.Meta
		form     = map[string][]string{}
	)
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, bodyError(err, maxFile)
		}
		name := part.FormName()
		switch {
		case name == "file":
			if hasFile {
				return nil, errorf(policysearch.EINVALID, "give one file per request")
			}
			hasFile = true
			if u.name = part.FileName(); u.name == "" {
				return nil, errorf(policysearch.EINVALID, "the file field must be a file with a name: its extension (.txt, .md, .html, .docx) tells the format")
			}
			// A name that is not UTF-8 would be mangled in JSON; make the damage visible.
			u.name = strings.ToValidUTF8(u.name, "_")
			if u.data, err = readLimited(part, maxFile); err != nil {
				return nil, bodyError(err, maxFile)
			}
			if int64(len(u.data)) > maxFile {
				return nil, errorf(policysearch.ETOOLARGE, "the file is larger than the limit of %s", sizeText(maxFile))
			}
			if len(u.data) == 0 {
				return nil, errorf(policysearch.EINVALID, "the file %s is empty", clip(u.name))
			}
		case name == "meta":
			if metaPart != nil {
				return nil, errorf(policysearch.EINVALID, "give one meta part per request")
			}
			b, err := readLimited(part, maxField)
			if err != nil {
				return nil, bodyError(err, maxFile)
			}
			if len(b) > maxField {
				return nil, errorf(policysearch.ETOOLARGE, "the meta part is larger than %s", sizeText(maxField))
			}
			if metaPart, err = parse.DecodeMeta(bytes.NewReader(b)); err != nil {
				return nil, err
			}
		case slices.Contains(metaFields, name):
			b, err := readLimited(part, maxField)
			if err != nil {
				return nil, bodyError(err, maxFile)
			}
			if len(b) > maxField || !utf8.Valid(b) {
				return nil, errorf(policysearch.EINVALID, "the field %s must be UTF-8 text of at most %s", name, sizeText(maxField))
			}
			form[name] = append(form[name], strings.TrimSpace(string(b)))
		default:
			return nil, errorf(policysearch.EINVALID, "unknown form field %q; accepted fields: %s", clip(name), strings.Join(uploadFields, ", "))
		}
		part.Close()
	}
	if !hasFile {
		return nil, errorf(policysearch.EINVALID, "the form has no file: send the document in a field named file (curl -F file=@policy.docx)")
	}
	switch {
	case metaPart != nil && len(form) > 0:
		return nil, errorf(policysearch.EINVALID, "give the metadata as form fields or as a meta JSON part, not both")
	case metaPart != nil:
		u.meta = metaPart
	case len(form) > 0:
		if u.meta, err = formMeta(form); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// readLimited reads up to n+1 bytes, so the caller can tell "exactly n" from "more".
func readLimited(r io.Reader, n int64) ([]byte, error) {
	return io.ReadAll(io.LimitReader(r, n+1))
}

// bodyError describes a failure to read the request body: the body limit, or a body
// that is not well-formed multipart.
func bodyError(err error, maxFile int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errorf(policysearch.ETOOLARGE, "the upload is larger than the limit of %s", sizeText(maxFile))
	}
	return policysearch.WrapError(policysearch.EINVALID, err, "the multipart/form-data body cannot be read: %v", err)
}

// formMeta turns metadata form fields into a parse.Meta. issuers may repeat or list
// several names separated by commas or 、, as joint documents name them.
func formMeta(form map[string][]string) (*parse.Meta, error) {
	m := &parse.Meta{}
	one := map[string]*string{
		"id": &m.ID, "title": &m.Title, "doc_number": &m.DocNumber, "date": &m.Date,
		"region": &m.Region, "level": &m.Level, "doc_type": &m.DocType, "period": &m.Period,
	}
	for name, vals := range form {
		if name == "issuers" {
			for _, v := range vals {
				for _, is := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
					if is = strings.TrimSpace(is); is != "" {
						m.Issuers = append(m.Issuers, is)
					}
				}
			}
			continue
		}
		if len(vals) > 1 {
			return nil, errorf(policysearch.EINVALID, "the field %s is given %d times; give it once", name, len(vals))
		}
		*one[name] = vals[0]
	}
	return m, nil
}
