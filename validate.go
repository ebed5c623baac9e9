package policysearch

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Paragraph kinds a kind filter accepts.
var Kinds = []string{KindMeasure, KindBody, KindTarget, KindBackground, KindPreamble, KindTableRow, KindArticle}

// Empty reports whether no filter is set.
func (f *Filters) Empty() bool {
	return len(f.Region) == 0 && len(f.Level) == 0 && len(f.Issuer) == 0 && len(f.Type) == 0 &&
		len(f.Unit) == 0 && len(f.Kind) == 0 && len(f.Doc) == 0 && len(f.Year) == 0 &&
		f.YearFrom == 0 && f.YearTo == 0 && f.Status == "" &&
		f.PublishedFrom == "" && f.PublishedTo == "" && f.EffectiveFrom == "" && f.EffectiveTo == "" &&
		f.Cites == ""
}

// Fields lists the text filters by name, for code that treats them alike.
func (f *Filters) Fields() []struct {
	Name   string
	Values *[]string
} {
	return []struct {
		Name   string
		Values *[]string
	}{
		{"region", &f.Region}, {"level", &f.Level}, {"issuer", &f.Issuer}, {"type", &f.Type},
		{"unit", &f.Unit}, {"kind", &f.Kind}, {"doc", &f.Doc},
	}
}

// Validate checks the filters and tidies them: values are trimmed, empty and repeated
// ones dropped. It is the one place their limits are checked; the query language's
// filters are checked here too once merged.
func (f *Filters) Validate() error {
	for _, fd := range f.Fields() {
		var kept []string
		for _, v := range *fd.Values {
			v = strings.TrimSpace(v)
			if v == "" || contains(kept, v) {
				continue
			}
			if !utf8.ValidString(v) {
				return Errorf(EINVALID, "%s is not valid UTF-8 text", fd.Name).With("bad_utf8", "field", fd.Name)
			}
			if n := utf8.RuneCountInString(v); n > MaxFilterRunes {
				return Errorf(EINVALID, "a %s value has %d characters; the limit is %d", fd.Name, n, MaxFilterRunes).
					With("filter_too_long", "field", fd.Name, "max", strconv.Itoa(MaxFilterRunes))
			}
			if fd.Name == "kind" && !contains(Kinds, v) {
				return Errorf(EINVALID, "kind %q is not a paragraph kind; use %s", v, strings.Join(Kinds, ", ")).
					With("bad_kind", "value", v)
			}
			kept = append(kept, v)
		}
		if len(kept) > MaxFilterValues {
			return Errorf(EINVALID, "%s has %d values; give at most %d", fd.Name, len(kept), MaxFilterValues).
				With("too_many_values", "field", fd.Name, "max", strconv.Itoa(MaxFilterValues))
		}
		*fd.Values = kept
	}
	if len(f.Year) > MaxFilterValues {
		return Errorf(EINVALID, "year has %d values; give at most %d", len(f.Year), MaxFilterValues).
			With("too_many_values", "field", "year", "max", strconv.Itoa(MaxFilterValues))
	}
	for _, y := range append(append([]int(nil), f.Year...), f.YearFrom, f.YearTo) {
		if y != 0 && (y < MinYear || y > MaxYear) {
			return Errorf(EINVALID, "year %d is not a year from %d to %d", y, MinYear, MaxYear).
				With("bad_year", "value", strconv.Itoa(y))
		}
	}
	if f.YearFrom > 0 && f.YearTo > 0 && f.YearFrom > f.YearTo {
		return Errorf(EINVALID, "year_from %d is after year_to %d", f.YearFrom, f.YearTo).
			With("year_backwards", "from", strconv.Itoa(f.YearFrom), "to", strconv.Itoa(f.YearTo))
	}
	return nil
}

// Validate checks a search request and fills in its defaults (page 1, DefaultPageSize,
// relevance order), so that every caller, HTTP or CLI, gets the same answer to the same
// mistake.
func (r *SearchRequest) Validate() error {
	for _, q := range []struct{ name, text string }{{"q", r.Query}, {"within", r.Within}} {
		if !utf8.ValidString(q.text) {
			return Errorf(EINVALID, "%s is not valid UTF-8 text", q.name).With("bad_utf8", "field", q.name)
		}
		if n := utf8.RuneCountInString(q.text); n > MaxQueryRunes {
			return Errorf(EINVALID, "the query has %d characters; the limit is %d. Shorten it or use fewer words", n, MaxQueryRunes).
				With("query_too_long", "max", strconv.Itoa(MaxQueryRunes))
		}
	}
	switch r.Group {
	case "", GroupParagraph, GroupDocument:
	default:
		return Errorf(EINVALID, "group must be %s or %s, not %q", GroupParagraph, GroupDocument, Clip(r.Group)).
			With("bad_group", "value", Clip(r.Group))
	}
	switch r.Sort {
	case "":
		r.Sort = SortRelevance
	case SortRelevance, SortDate, SortCited:
	case SortDocument:
		if r.Group == GroupDocument {
			return Errorf(EINVALID, "sort=document lists one document's paragraphs in reading order; leave out group=document").
				With("sort_document_grouped")
		}
	case SortMatches:
		if r.Group != GroupDocument {
			return Errorf(EINVALID, "sort=matches orders documents by their matching paragraphs; use it with group=document").
				With("sort_needs_group")
		}
	default:
		return Errorf(EINVALID, "sort must be %s, %s, %s, %s or %s, not %q", SortRelevance, SortDate, SortMatches, SortDocument, SortCited, Clip(r.Sort)).
			With("bad_sort", "value", Clip(r.Sort))
	}
	switch r.Scope {
	case "", ScopeAll, ScopeTitle:
	default:
		return Errorf(EINVALID, "scope must be %s or %s, not %q", ScopeAll, ScopeTitle, Clip(r.Scope)).
			With("bad_scope", "value", Clip(r.Scope))
	}
	if r.Page == 0 {
		r.Page = 1
	}
	if r.Size == 0 {
		r.Size = DefaultPageSize
	}
	if r.Page < 1 || r.Page > MaxPage {
		return Errorf(EINVALID, "page must be between 1 and %d", MaxPage).With("bad_page", "max", strconv.Itoa(MaxPage))
	}
	if r.Size < 1 || r.Size > MaxPageSize {
		return Errorf(EINVALID, "size must be between 1 and %d", MaxPageSize).With("bad_size", "max", strconv.Itoa(MaxPageSize))
	}
	return r.Filters.Validate()
}

// ValidatePerParagraph is Validate for the calls that count, list or export every
// matching paragraph (trends, KWIC, export): they have no document grouping nor an
// order by matches.
func (r *SearchRequest) ValidatePerParagraph() error {
	if err := r.Validate(); err != nil {
		return err
	}
	if r.Sort == SortMatches || r.Grouped() {
		return Errorf(EINVALID, "counts, contexts and exports are per paragraph: leave out group and sort=matches").
			With("needs_paragraphs")
	}
	return nil
}

// Validate checks a trends request and fills in its default field (year).
func (r *TrendsRequest) Validate() error {
	if r.By == "" {
		r.By = "year"
	}
	if !slices.Contains(TrendFields, r.By) {
		return Errorf(EINVALID, "by must be one of %s, not %q", strings.Join(TrendFields, ", "), Clip(r.By)).
			With("bad_by", "value", Clip(r.By))
	}
	return r.SearchRequest.ValidatePerParagraph()
}

// Validate checks a concordance request and fills in its defaults (DefaultKWICWidth,
// DefaultKWICLines, document order).
func (r *KWICRequest) Validate() error {
	if r.Width == 0 {
		r.Width = DefaultKWICWidth
	}
	if r.Width < 0 || r.Width > MaxKWICWidth {
		return Errorf(EINVALID, "width must be 1–%d characters", MaxKWICWidth).With("bad_width", "max", strconv.Itoa(MaxKWICWidth))
	}
	if r.Limit == 0 {
		r.Limit = DefaultKWICLines
	}
	if r.Limit < 0 || r.Limit > MaxKWICLines || r.Offset < 0 {
		return Errorf(EINVALID, "limit must be 1–%d and offset not negative", MaxKWICLines).With("bad_limit", "max", strconv.Itoa(MaxKWICLines))
	}
	switch r.Order {
	case "":
		r.Order = "doc"
	case "doc", "left", "right":
	default:
		return Errorf(EINVALID, "sort must be doc, left or right, not %q", Clip(r.Order)).With("bad_kwic_sort", "value", Clip(r.Order))
	}
	if r.Order != "doc" && r.Offset+r.Limit > MaxKWICWindow {
		return Errorf(EINVALID,
			"a sorted concordance shows its first %d lines; offset + limit is %d. Narrow the query with filters", MaxKWICWindow, r.Offset+r.Limit).
			With("kwic_window", "max", strconv.Itoa(MaxKWICWindow))
	}
	return r.SearchRequest.ValidatePerParagraph()
}

// Grouped reports whether the request asks for documents rather than paragraphs.
func (r *SearchRequest) Grouped() bool { return r.Group == GroupDocument }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Clip shortens client-supplied text quoted back in a message, so that an error about a
// 10 KB parameter is not itself 10 KB.
func Clip(s string) string {
	const n = 64
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.ToValidUTF8(s[:cut], "") + "…"
}
