package parse

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"

	"policysearch"
)

// Limits that keep a hostile .docx (a zip bomb, a huge XML part) from exhausting memory.
const (
	maxDocxXML   = 64 << 20 // uncompressed word/document.xml
	maxDocxRatio = 200      // uncompressed/compressed for parts above 1 MB
)

// docxLines reads the body of a .docx (Office Open XML) file as text lines: one per
// paragraph, table rows as tab-separated cells. Word's automatic list numbering
// (w:numPr, set on the paragraph or by its style, defined in numbering.xml) is not part
// of the text: it is rebuilt into the labels a reader sees (一、 （一） 1.), so headings
// numbered by Word's list feature keep their numbers. Headers, footers, footnotes and
// comments live in parts of their own and are not read.
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
	num := readNumbering(zr)
	// The declared size can lie; the limited reader enforces it.
	lr := &io.LimitedReader{R: rc, N: maxDocxXML + 1}
	lines, err := docxXMLLines(lr, num)
	if lr.N <= 0 {
		return nil, policysearch.Errorf(policysearch.ETOOLARGE, "the document body expands to more than the allowed size")
	}
	if err != nil {
		return nil, policysearch.WrapError(policysearch.EUNSUPPORTED, err, "the document body is not well-formed XML")
	}
	return lines, nil
}

// docxXMLLines walks WordprocessingML: w:p paragraphs, w:t text, w:tab, w:br, and w:tbl
// tables whose rows (w:tr) become lines of cells (w:tc) joined by tabs. A table nested
// in a cell is read into that cell, so every cell keeps its text; a cell merged across
// columns (w:gridSpan) leaves empty cells, so the row keeps its columns. num (may be
// nil) rebuilds the labels of numbered paragraphs.
func docxXMLLines(r io.Reader, num *numbering) ([]string, error) {
	dec := xml.NewDecoder(r)
	var (
		lines  []string
		para   strings.Builder
		inText bool
		inPPr  bool
		numID  string
		ilvl   int
		style  string
		rows   [][]string // cells of each open table row, innermost last
		cells  [][]string // paragraphs of each open cell, innermost last
		spans  []int      // gridSpan of each open cell
	)
	endPara := func() {
		s := para.String()
		para.Reset()
		if num != nil {
			if label := num.label(numID, ilvl, style); label != "" {
				s = label + s
			}
		}
		numID, ilvl, style = "", 0, ""
		if len(cells) > 0 {
			cells[len(cells)-1] = append(cells[len(cells)-1], strings.TrimSpace(strings.ReplaceAll(s, "\t", " ")))
			return
		}
		lines = append(lines, strings.Split(s, "\n")...)
	}
	attrVal := func(t xml.StartElement) string {
		for _, a := range t.Attr {
			if a.Name.Local == "val" {
				return a.Value
			}
		}
		return ""
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
				if !inPPr {
					para.WriteByte('\t')
				}
			case "br", "cr":
				para.WriteByte('\n')
			case "pPr":
				inPPr = true
			case "numId":
				if inPPr {
					numID = attrVal(t)
				}
			case "ilvl":
				if inPPr {
					ilvl, _ = strconv.Atoi(attrVal(t))
				}
			case "pStyle":
				if inPPr {
					style = attrVal(t)
				}
			case "gridSpan":
				if len(spans) > 0 {
					if n, err := strconv.Atoi(attrVal(t)); err == nil && n > 1 && n < 64 {
						spans[len(spans)-1] = n
					}
				}
			case "tr":
				rows = append(rows, nil)
			case "tc":
				cells = append(cells, nil)
				spans = append(spans, 1)
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "pPr":
				inPPr = false
			case "p":
				endPara()
			case "tc":
				if len(cells) == 0 {
					break
				}
				text := strings.Join(nonEmpty(cells[len(cells)-1]), " ")
				span := spans[len(spans)-1]
				cells, spans = cells[:len(cells)-1], spans[:len(spans)-1]
				if len(rows) > 0 {
					rows[len(rows)-1] = append(rows[len(rows)-1], text)
					for k := 1; k < span; k++ {
						rows[len(rows)-1] = append(rows[len(rows)-1], "")
					}
				}
			case "tr":
				if len(rows) == 0 {
					break
				}
				row := rows[len(rows)-1]
				rows = rows[:len(rows)-1]
				if len(cells) > 0 {
					// A row of a table nested in a cell is text of that cell.
					cells[len(cells)-1] = append(cells[len(cells)-1], strings.Join(nonEmpty(row), " "))
				} else {
					lines = append(lines, joinCells(row))
				}
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
