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

// ExportRow is a hit as a CSV row in ExportColumns order.
func ExportRow(h Hit) []string {
	year := ""
	if len(h.Date) >= 4 {
		year = h.Date[:4]
	}
	return []string{h.ID, h.DocID, h.DocTitle, strings.Join(h.Issuers, "；"), h.Region, h.Level, h.Date, year, h.DocNumber,
		h.DocType, strings.Join(h.SectionPath, " > "), h.MeasureNo, h.MeasureTitle, h.Kind,
		strings.Join(h.ResponsibleUnits, "；"), strconv.FormatFloat(h.Score, 'f', 4, 64), h.Text}
}
