package index

import (
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"policysearch"
)

// issuerValues are the indexed issuers an issuer filter accepts: the body named, and
// its own organs (最高人民检察院 takes in 最高人民检察院检察委员会, 国务院 its 办公厅), whose
// names start with it; failing those, every issuer containing the words.
func issuerValues(values []string, s string) []string {
	want := policysearch.Normalize(s)
	var out []string
	for _, v := range values {
		if strings.HasPrefix(policysearch.Normalize(v), want) {
			out = append(out, v)
		}
	}
	if len(out) > 0 {
		return out
	}
	return containing(values, s)
}

// resolveLawFilters resolves the status and date filters. The caller holds ix.mu for
// reading.
func (ix *Index) resolveLawFilters(f policysearch.Filters, fs *filterSet) error {
	if v := strings.TrimSpace(f.Status); v != "" {
		st, err := policysearch.ParseStatus(v)
		if err != nil {
			return err
		}
		fs.status = st
		fs.statuses = ix.c.links.statuses(ix.c.docs)
		var in, out []string
		for e, s := range fs.statuses.of {
			if s.status == st {
				in = append(in, e.doc.ID)
			} else {
				out = append(out, e.doc.ID)
			}
		}
		switch {
		case len(in) == 0:
			fs.none = true
		case len(out) < len(in):
			fs.statusDocs, fs.statusOut = out, true
		default:
			fs.statusDocs = in
		}
	}
	for _, r := range []struct {
		name     string
		from, to string
		dst      *[2]string
	}{{"published", f.PublishedFrom, f.PublishedTo, &fs.published}, {"effective", f.EffectiveFrom, f.EffectiveTo, &fs.effective}} {
		var err error
		if strings.TrimSpace(r.from) != "" {
			if r.dst[0], err = policysearch.DayBound(r.from, false); err != nil {
				return policysearch.Errorf(policysearch.EINVALID, "%s_from: %s", r.name, policysearch.ErrorMessage(err))
			}
		}
		if strings.TrimSpace(r.to) != "" {
			if r.dst[1], err = policysearch.DayBound(r.to, true); err != nil {
				return policysearch.Errorf(policysearch.EINVALID, "%s_to: %s", r.name, policysearch.ErrorMessage(err))
			}
		}
		if r.dst[0] != "" && r.dst[1] != "" && r.dst[0] > r.dst[1] {
			return policysearch.Errorf(policysearch.EINVALID, "the %s range %s..%s runs backwards; write the earlier date first", r.name, r.dst[0], r.dst[1])
		}
	}
	return nil
}

// inRange reports whether a day lies in an inclusive range; a document without the
// date is outside every range that is set.
func inRange(day string, r [2]string) bool {
	if r == [2]string{} {
		return true
	}
	return day != "" && (r[0] == "" || day >= r[0]) && (r[1] == "" || day <= r[1])
}

// lawQueries are the status and date filters as bleve queries.
func (fs *filterSet) lawQueries() []query.Query {
	var parts []query.Query
	if fs.status != "" {
		q := termsQuery(fDoc, fs.statusDocs)
		if fs.statusOut {
			b := bleve.NewBooleanQuery()
			b.AddMustNot(q)
			q = b
		}
		parts = append(parts, q)
	}
	for _, r := range []struct {
		field string
		r     [2]string
	}{{fPublished, fs.published}, {fEffective, fs.effective}} {
		if r.r == [2]string{} {
			continue
		}
		from, to := r.r[0], r.r[1]
		if to == "" {
			to = "9999-12-31"
		}
		if from == "" {
			from = "0000-01-01"
		}
		yes := true
		q := bleve.NewTermRangeInclusiveQuery(from, to, &yes, &yes)
		q.SetField(r.field)
		parts = append(parts, q)
	}
	return parts
}
