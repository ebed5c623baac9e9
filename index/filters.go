package index

import (
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"policysearch"
	"policysearch/divisions"
)

// filterSet is a request's filters resolved to the exact values stored in the index.
// A nil slice means no filter on that field; an empty non-nil one means nothing can match.
type filterSet struct {
	regions []string // any of them in the document's region path
	levels  []string
	issuers []string
	types   []string
	units   []string
	kinds   []string
	docs    []string
	years   []string
	none    bool // some filter matches no value at all

	// status keeps documents of one status today, looked up in statuses; for bleve
	// the documents are named (statusDocs), or those to leave out when fewer
	// (statusOut).
	status     string
	statuses   *statusTable
	statusDocs []string
	statusOut  bool
	// Inclusive day ranges (YYYY-MM-DD) of 公布日期 and 施行日期; "" is open.
	published, effective [2]string
}

var levelNames = map[string]string{
	"国家": policysearch.LevelNational, "国家级": policysearch.LevelNational, "全国": policysearch.LevelNational, "中央": policysearch.LevelNational, "national": policysearch.LevelNational,
	"省": policysearch.LevelProvince, "省级": policysearch.LevelProvince, "省部级": policysearch.LevelProvince, "province": policysearch.LevelProvince,
	"市": policysearch.LevelCity, "市级": policysearch.LevelCity, "地市": policysearch.LevelCity, "地级": policysearch.LevelCity, "city": policysearch.LevelCity,
	"区县": policysearch.LevelCounty, "县": policysearch.LevelCounty, "区": policysearch.LevelCounty, "县级": policysearch.LevelCounty, "县区": policysearch.LevelCounty, "county": policysearch.LevelCounty,
}

var kindNames = map[string]bool{
	policysearch.KindPreamble: true, policysearch.KindMeasure: true, policysearch.KindBody: true,
	policysearch.KindTarget: true, policysearch.KindTableRow: true, policysearch.KindArticle: true,
}

// resolveFilters checks the filters and finds the stored values they accept. The
// caller holds ix.mu for reading.
func (ix *Index) resolveFilters(f policysearch.Filters) (*filterSet, error) {
	fs := &filterSet{}
	narrow := func(dst *[]string, vals []string) {
		*dst = vals
		if len(vals) == 0 {
			fs.none = true
		}
	}
	if v := strings.TrimSpace(f.Region); v != "" {
		if r, ok := divisions.ByName(v); ok {
			narrow(&fs.regions, []string{r.Name})
		} else {
			narrow(&fs.regions, containing(ix.values("region"), v))
		}
	}
	if v := strings.TrimSpace(f.Level); v != "" {
		l, ok := levelNames[strings.ToLower(v)]
		switch {
		case ok:
			fs.levels = []string{l}
		case legalForce[v] != 0 && strings.TrimSpace(f.Type) == "":
			// A legal force (level:司法解释, level:地方性法规) is the level of a law as
			// lawyers say it; it is stored as the document's type.
			f.Type = v
		default:
			return nil, policysearch.Errorf(policysearch.EINVALID, "level %q is not a level; use 国家, 省, 市 or 区县 (or a legal force such as 法律, 行政法规, 司法解释, 地方性法规)", v)
		}
	}
	if v := strings.TrimSpace(f.Kind); v != "" {
		if !kindNames[v] {
			return nil, policysearch.Errorf(policysearch.EINVALID, "kind %q is not a paragraph kind; use measure, body, target, preamble, table_row or article", v)
		}
		fs.kinds = []string{v}
	}
	if v := strings.TrimSpace(f.Issuer); v != "" {
		narrow(&fs.issuers, issuerValues(ix.values("issuer"), v))
	}
	if err := ix.resolveLawFilters(f, fs); err != nil {
		return nil, err
	}
	if v := strings.TrimSpace(f.Type); v != "" {
		narrow(&fs.types, containing(ix.values("type"), v))
	}
	if v := strings.TrimSpace(f.Unit); v != "" {
		narrow(&fs.units, containing(ix.values("unit"), v))
	}
	if v := strings.TrimSpace(f.Doc); v != "" {
		fs.docs = []string{v}
		if ix.c.docs[v] == nil {
			fs.none = true
		}
	}
	if f.YearFrom < 0 || f.YearTo < 0 || (f.YearFrom > 0 && f.YearTo > 0 && f.YearFrom > f.YearTo) {
		return nil, policysearch.Errorf(policysearch.EINVALID, "the year range %d..%d is not a range", f.YearFrom, f.YearTo)
	}
	if f.YearFrom > 0 || f.YearTo > 0 {
		var ys []string
		for _, y := range ix.values("year") {
			n, _ := strconv.Atoi(y)
			if (f.YearFrom == 0 || n >= f.YearFrom) && (f.YearTo == 0 || n <= f.YearTo) {
				ys = append(ys, y)
			}
		}
		narrow(&fs.years, ys)
	}
	return fs, nil
}

func (fs *filterSet) empty() bool {
	return fs.regions == nil && fs.levels == nil && fs.issuers == nil && fs.types == nil &&
		fs.units == nil && fs.kinds == nil && fs.docs == nil && fs.years == nil &&
		fs.status == "" && fs.published == [2]string{} && fs.effective == [2]string{}
}

func anyIn(have []string, want []string) bool {
	for _, h := range have {
		for _, w := range want {
			if h == w {
				return true
			}
		}
	}
	return false
}

func oneIn(have string, want []string) bool {
	for _, w := range want {
		if have == w {
			return true
		}
	}
	return false
}

// match checks a paragraph against the filters, for searches answered in memory.
func (fs *filterSet) match(pe *paraEntry) bool {
	d := pe.doc
	switch {
	case fs.none:
		return false
	case fs.regions != nil && !anyIn(d.regionPath, fs.regions):
		return false
	case fs.levels != nil && !oneIn(d.doc.Level, fs.levels):
		return false
	case fs.issuers != nil && !anyIn(d.doc.Issuers, fs.issuers):
		return false
	case fs.types != nil && !oneIn(d.doc.DocType, fs.types):
		return false
	case fs.years != nil && !oneIn(d.year, fs.years):
		return false
	case fs.docs != nil && !oneIn(d.doc.ID, fs.docs):
		return false
	case fs.kinds != nil && !oneIn(pe.p.Kind, fs.kinds):
		return false
	case fs.units != nil && !anyIn(pe.p.ResponsibleUnits, fs.units):
		return false
	case fs.status != "" && fs.statuses.of[d].status != fs.status:
		return false
	case !inRange(d.doc.Published, fs.published) || !inRange(d.doc.Effective, fs.effective):
		return false
	}
	return true
}

// bleveQuery is the filters as a bleve query (nil when there are none).
func (fs *filterSet) bleveQuery() query.Query {
	var parts []query.Query
	add := func(field string, vals []string) {
		if vals == nil {
			return
		}
		parts = append(parts, termsQuery(field, vals))
	}
	add(fRegionPath, fs.regions)
	add(fLevel, fs.levels)
	add(fIssuer, fs.issuers)
	add(fType, fs.types)
	add(fYear, fs.years)
	add(fDoc, fs.docs)
	add(fKind, fs.kinds)
	add(fUnit, fs.units)
	parts = append(parts, fs.lawQueries()...)
	if len(parts) == 0 {
		return nil
	}
	return bleve.NewConjunctionQuery(parts...)
}

// termsQuery matches any of the exact values of a keyword field.
func termsQuery(field string, vals []string) query.Query {
	if len(vals) == 1 {
		q := bleve.NewTermQuery(vals[0])
		q.SetField(field)
		return q
	}
	qs := make([]query.Query, len(vals))
	for i, v := range vals {
		t := bleve.NewTermQuery(v)
		t.SetField(field)
		qs[i] = t
	}
	return bleve.NewDisjunctionQuery(qs...)
}
