package parse

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"policysearch"
)

// Limits that keep a hostile .docx (a zip bomb, a huge XML part) from exhausting memory.
const (
	maxDocxXML   = 64 << 20 // uncompressed word/document.xml
	maxDocxRatio = 200      // uncompressed/compressed for parts above 1 MB
)

// docxLines reads the body of a .docx (Office Open XML) file as text lines: one per
// paragraph, table rows as tab-separated cells. Word's automatic list numbering is not
// part of the text and is not reconstructed.
func docxLines(data []byte) ([]string, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, policysearch.WrapError(policysearch.EUNSUPPORTED, err, "the file is not a valid .docx (zip) archive")
	}
	var part *zip.File
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			part = f
			break
		}
	}
	if part == nil {
		return nil, policysearch.Errorf(policysearch.EUNSUPPORTED, "the archive has no word/document.xml; it is not a Word document")
	}
	if part.UncompressedSize64 > maxDocxXML ||
		(part.UncompressedSize64 > 1<<20 && part.CompressedSize64 > 0 && part.UncompressedSize64/part.CompressedSize64 > maxDocxRatio) {
		return nil, policysearch.Errorf(policysearch.ETOOLARGE, "the document body expands to more than the allowed size")
	}
	rc, err := part.Open()
	if err != nil {
		return nil, policysearch.WrapError(policysearch.EUNSUPPORTED, err, "cannot open the document body")
	}
	defer rc.Close()
	// The declared size can lie; the limited reader enforces it.
	lr := &io.LimitedReader{R: rc, N: maxDocxXML + 1}
	lines, err := docxXMLLines(lr)
	if lr.N <= 0 {
		return nil, policysearch.Errorf(policysearch.ETOOLARGE, "the document body expands to more than the allowed size")
	}
	if err != nil {
		return nil, policysearch.WrapError(policysearch.EUNSUPPORTED, err, "the document body is not well-formed XML")
	}
	return lines, nil
}

// docxXMLLines walks WordprocessingML: w:p paragraphs, w:t text, w:tab, w:br, and w:tbl
// tables whose rows (w:tr) become lines of cells (w:tc) joined by tabs.
func docxXMLLines(r io.Reader) ([]string, error) {
	dec := xml.NewDecoder(r)
	var (
		lines    []string
		para     strings.Builder
		inText   bool
		tblDepth int
		cells    [][]string // one slice of cells per open table row
		cell     []string   // paragraphs of the innermost open cell
	)
	endPara := func() {
		s := para.String()
		para.Reset()
		if tblDepth > 0 && len(cells) > 0 {
			cell = append(cell, strings.TrimSpace(strings.ReplaceAll(s, "\t", " ")))
			return
		}
		lines = append(lines, strings.Split(s, "\n")...)
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return lines, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = true
			case "tab":
				para.WriteByte('\t')
			case "br", "cr":
				para.WriteByte('\n')
			case "tbl":
				tblDepth++
			case "tr":
				cells = append(cells, nil)
			case "tc":
				cell = nil
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				endPara()
			case "tc":
				if len(cells) > 0 {
					cells[len(cells)-1] = append(cells[len(cells)-1], strings.Join(nonEmpty(cell), " "))
				}
				cell = nil
			case "tr":
				if len(cells) > 0 {
					row := cells[len(cells)-1]
					cells = cells[:len(cells)-1]
					lines = append(lines, strings.Join(row, "\t"))
				}
			case "tbl":
				tblDepth--
			}
		case xml.CharData:
			if inText {
				para.Write(t)
			}
		}
	}
	return lines, nil
}

func nonEmpty(ss []string) []string {
	out := ss[:0:0]
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
