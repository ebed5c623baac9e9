package index

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"policysearch"
	"policysearch/divisions"
)

// filterSet is a request's filters resolved to the exact values stored in the index.
// A nil slice means no filter on that field; an empty non-nil one means nothing can match.
// Values within a field are alternatives, fields are all required.
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
	// misses are the values no document has, said back to the user.
	misses []policysearch.FilterMiss

	// status keeps documents of one status today, looked up in statuses; for bleve
	// the documents are named (statusDocs), or those to leave out when fewer
	// (statusOut).
	status     string
	statuses   *statusTable
	statusDocs []string
	statusOut  bool
	// Inclusive day ranges (YYYY-MM-DD) of 公布日期 and 施行日期; "" is open.
	published, effective [2]string
	cites                *citeFilter // the paragraphs citing a document (cites:)
}

var levelNames = map[string]string{
	"国家": policysearch.LevelNational, "国家级": policysearch.LevelNational, "全国": policysearch.LevelNational, "中央": policysearch.LevelNational, "national": policysearch.LevelNational,
	"省": policysearch.LevelProvince, "省级": policysearch.LevelProvince, "省部级": policysearch.LevelProvince, "province": policysearch.LevelProvince,
	"市": policysearch.LevelCity, "市级": policysearch.LevelCity, "地市": policysearch.LevelCity, "地级": policysearch.LevelCity, "city": policysearch.LevelCity,
	"区县": policysearch.LevelCounty, "县": policysearch.LevelCounty, "区": policysearch.LevelCounty, "县级": policysearch.LevelCounty, "县区": policysearch.LevelCounty, "county": policysearch.LevelCounty,
}

// missKnown is how many known values a FilterMiss suggests.
const missKnown = 5

// resolveFilters finds the stored values the filters accept (the filters were checked
// by Validate). A value no document has is noted in misses, with the known values
// closest to it; the other values of its field still apply. The caller holds ix.mu
// for reading.
func (ix *Index) resolveFilters(f policysearch.Filters) (*filterSet, error) {
	fs := &filterSet{}
	// resolve gathers the stored values of one field's alternatives into dst.
	resolve := func(field string, dst *[]string, vals []string, find func(v string, stored map[string]int, sorted []string) []string) {
		if len(vals) == 0 {
			return
		}
		stored, sorted := ix.valueCounts(field)
		out := []string{}
		for _, v := range vals {
			got := find(v, stored, sorted)
			if len(got) == 0 {
				fs.misses = append(fs.misses, policysearch.FilterMiss{Field: field, Value: v, Known: policysearch.Nearest(v, stored, missKnown)})
			}
			for _, g := range got {
				if !slices.Contains(out, g) {
					out = append(out, g)
				}
			}
		}
		*dst = out
	}
	byContaining := func(v string, _ map[string]int, sorted []string) []string { return containing(sorted, v) }
	exact := func(v string, stored map[string]int, _ []string) []string {
		if stored[v] > 0 {
			return []string{v}
		}
		return nil
	}

	resolve("region", &fs.regions, f.Region, func(v string, stored map[string]int, sorted []string) []string {
		if r, ok := divisions.ByName(v); ok {
			return exact(r.Name, stored, sorted)
		}
		return containing(sorted, v)
	})
	var levels []string
	types := f.Type
	for _, v := range f.Level {
		l, ok := levelNames[strings.ToLower(v)]
		switch {
		case ok:
			levels = append(levels, l)
		case legalForce[v] != 0 && len(f.Type) == 0:
			// A legal force (level:司法解释, level:地方性法规) is the level of a law as
			// lawyers say it; it is stored as the document's type.
			types = append(types, v)
		default:
			return nil, policysearch.Errorf(policysearch.EINVALID, "level %q is not a level; use 国家, 省, 市 or 区县 (or a legal force such as 法律, 行政法规, 司法解释, 地方性法规)", v).
				With("bad_level", "value", v)
		}
	}
	resolve("level", &fs.levels, levels, exact)
	if len(f.Kind) > 0 {
		fs.kinds = f.Kind
	}
	resolve("issuer", &fs.issuers, f.Issuer, func(v string, _ map[string]int, sorted []string) []string { return issuerValues(sorted, v) })
	if err := ix.resolveLawFilters(f, fs); err != nil {
		return nil, err
	}
	if fs.status != "" && fs.lawNothing() {
		known := map[string]int{}
		for _, st := range fs.statuses.of {
			known[st.status]++
		}
		fs.misses = append(fs.misses, policysearch.FilterMiss{Field: "status", Value: f.Status, Known: policysearch.Nearest(f.Status, known, missKnown)})
	}
	resolve("type", &fs.types, types, byContaining)
	resolve("unit", &fs.units, f.Unit, byContaining)
	resolve("doc", &fs.docs, f.Doc, func(v string, _ map[string]int, _ []string) []string {
		if ix.c.docs[v] != nil {
			return []string{v}
		}
		return nil
	})
	if len(f.Year) > 0 {
		years := make([]string, len(f.Year))
		for i, y := range f.Year {
			years[i] = strconv.Itoa(y)
		}
		resolve("year", &fs.years, years, exact)
	}
	if f.YearFrom > 0 || f.YearTo > 0 {
		label := fmt.Sprintf("%d..%d", f.YearFrom, f.YearTo)
		switch {
		case f.YearFrom == f.YearTo:
			label = strconv.Itoa(f.YearFrom)
		case f.YearTo == 0:
			label = fmt.Sprintf("%d..", f.YearFrom)
		case f.YearFrom == 0:
			label = fmt.Sprintf("..%d", f.YearTo)
		}
		inRange := func(_ string, _ map[string]int, sorted []string) []string {
			var ys []string
			for _, y := range sorted {
				n, _ := strconv.Atoi(y)
				if (f.YearFrom == 0 || n >= f.YearFrom) && (f.YearTo == 0 || n <= f.YearTo) && (fs.years == nil || slices.Contains(fs.years, y)) {
					ys = append(ys, y)
				}
			}
			return ys
		}
		resolve("year", &fs.years, []string{label}, inRange)
	}
	if v := strings.TrimSpace(f.Cites); v != "" {
		ix.resolveCites(v, fs)
	}
	fs.none = fs.matchesNothing()
	return fs, nil
}

// lawNothing reports whether the status filter keeps no document.
func (fs *filterSet) lawNothing() bool {
	return fs.status != "" && len(fs.statusDocs) == 0 && !fs.statusOut
}

// matchesNothing reports whether some field's alternatives all matched no value.
func (fs *filterSet) matchesNothing() bool {
	if fs.lawNothing() {
		return true
	}
	for _, l := range [][]string{fs.regions, fs.levels, fs.issuers, fs.types, fs.units, fs.kinds, fs.docs, fs.years} {
		if l != nil && len(l) == 0 {
			return true
		}
	}
	return false
}

// without is the filter set less the filter of one facet, for counting that facet's
// values as a click on them would find them (OR within the facet, AND across).
func (fs *filterSet) without(facet string) *filterSet {
	out := *fs
	switch facet {
	case "issuer":
		out.issuers = nil
	case "region":
		out.regions = nil
	case "level":
		out.levels = nil
	case "year":
		out.years = nil
	case "type":
		out.types = nil
	case "unit":
		out.units = nil
	}
	out.none = out.matchesNothing()
	return &out
}

// has reports whether the facet's field is filtered.
func (fs *filterSet) has(facet string) bool {
	switch facet {
	case "issuer":
		return fs.issuers != nil
	case "region":
		return fs.regions != nil
	case "level":
		return fs.levels != nil
	case "year":
		return fs.years != nil
	case "type":
		return fs.types != nil
	case "unit":
		return fs.units != nil
	}
	return false
}

func (fs *filterSet) empty() bool {
	return fs.regions == nil && fs.levels == nil && fs.issuers == nil && fs.types == nil &&
		fs.units == nil && fs.kinds == nil && fs.docs == nil && fs.years == nil &&
		fs.status == "" && fs.published == [2]string{} && fs.effective == [2]string{} && fs.cites == nil
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
	case fs.kinds != nil && !oneIn(pe.kind, fs.kinds):
		return false
	case fs.units != nil && !anyIn(pe.responsibleUnits(), fs.units):
		return false
	case fs.status != "" && fs.statuses.of[d].status != fs.status:
		return false
	case !inRange(d.doc.Published, fs.published) || !inRange(d.doc.Effective, fs.effective):
		return false
	case fs.cites != nil && !fs.cites.match(pe):
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
	if fs.cites != nil && !fs.none {
		parts = append(parts, fs.cites.query())
	}
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
