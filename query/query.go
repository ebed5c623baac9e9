package query

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"policysearch"
)

// Term is one word or exact phrase.
type Term struct {
	Text   string `json:"text"`
	Phrase bool   `json:"phrase,omitempty"`
}

// Clause is a set of alternatives of which one must match (or, when Negated, none may).
type Clause struct {
	Any     []Term `json:"any"`
	Negated bool   `json:"negated,omitempty"`
}

// Query is a parsed query: clauses that must all hold, and the filters it named.
type Query struct {
	Clauses []Clause             `json:"clauses"`
	Filters policysearch.Filters `json:"filters"`
	// All is set by "*": every paragraph (within the filters), e.g. for an export.
	All bool `json:"all,omitempty"`
}

// Positive reports whether the query has a clause that selects paragraphs (rather than
// only excluding them).
func (q *Query) Positive() bool {
	for _, c := range q.Clauses {
		if !c.Negated {
			return true
		}
	}
	return false
}

// fieldAliases maps the names accepted before ':' to filter fields.
var fieldAliases = map[string]string{
	"region": "region", "地区": "region", "地域": "region",
	"level": "level", "级别": "level", "层级": "level",
	"issuer": "issuer", "发文机关": "issuer", "发文单位": "issuer",
	"year": "year", "年份": "year", "年度": "year",
	"type": "type", "类型": "type", "文种": "type",
	"unit": "unit", "责任单位": "unit",
	"kind": "kind",
	"doc":  "doc",
	// Citations: the paragraphs citing a document.
	"cites": "cites", "引用": "cites",
	// Laws: validity and their dates.
	"status": "status", "状态": "status", "效力": "status", "时效性": "status",
	"published": "published", "公布日期": "published", "公布": "published",
	"effective": "effective", "施行日期": "effective", "施行": "effective",
}

// FieldNames lists the filter fields, for error messages.
const FieldNames = "region, level, issuer, year, type, unit, kind, doc, status, published, effective, cites"

var quotes = map[rune]rune{'"': '"', '“': '”', '”': '“', '「': '」', '『': '』'}

// Parse reads a query. It returns an *policysearch.Error with code invalid, and a
// message that says what to fix, for an empty, over-long or malformed query.
func Parse(s string) (*Query, error) {
	if !utf8.ValidString(s) {
		return nil, invalid("the query is not valid UTF-8 text").With("bad_utf8", "field", "q")
	}
	if n := utf8.RuneCountInString(s); n > policysearch.MaxQueryRunes {
		return nil, invalid("the query has %d characters; the limit is %d. Shorten it or use fewer words", n, policysearch.MaxQueryRunes).
			With("query_too_long", "max", strconv.Itoa(policysearch.MaxQueryRunes))
	}
	s = strings.Map(func(r rune) rune {
		if r == 0x3000 || unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) || policysearch.Invisible(r) {
			// Dropped as Normalize drops them from documents: "产教\u200b融合" pasted
			// from a web page is the word 产教融合.
			return -1
		}
		return r
	}, s)
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	q := &Query{}
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.or {
			return nil, invalid("OR must stand between two words or phrases").With("or_alone")
		}
		if !t.phrase && !t.negated && (t.text == "*" || t.text == "＊") {
			q.All = true
			continue
		}
		if !t.phrase && !t.negated {
			if field, value, ok := splitField(t.text); ok {
				if err := q.setFilter(field, value); err != nil {
					return nil, err
				}
				continue
			}
		}
		c := Clause{Any: []Term{{Text: policysearch.Normalize(t.text), Phrase: t.phrase}}, Negated: t.negated}
		for i+2 < len(toks) && toks[i+1].or {
			alt := toks[i+2]
			if alt.or || alt.negated || t.negated {
				return nil, invalid("OR joins two words or phrases; it cannot join exclusions").With("or_exclusion")
			}
			if _, _, ok := splitField(alt.text); ok && !alt.phrase {
				return nil, invalid("OR cannot join a filter such as %s", alt.text).With("or_filter", "value", alt.text)
			}
			c.Any = append(c.Any, Term{Text: policysearch.Normalize(alt.text), Phrase: alt.phrase})
			i += 2
		}
		if i+1 < len(toks) && toks[i+1].or {
			return nil, invalid("OR must stand between two words or phrases").With("or_alone")
		}
		q.Clauses = append(q.Clauses, c)
	}
	if len(q.Clauses) == 0 && q.Filters.Empty() && !q.All {
		return nil, invalid("the query is empty: type a word, or a phrase in quotes such as \"产教融合\"").With("query_empty")
	}
	if len(q.Clauses) > 0 && !q.Positive() {
		return nil, invalid("the query only excludes; add a word or phrase to search for").With("only_excludes")
	}
	return q, nil
}

type token struct {
	text    string
	phrase  bool
	negated bool
	or      bool
}

func tokenize(s string) ([]token, error) {
	var toks []token
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if rs[i] == ' ' {
			i++
			continue
		}
		neg := false
		if (rs[i] == '-' || rs[i] == '－') && i+1 < len(rs) && rs[i+1] != ' ' {
			neg = true
			i++
		}
		if closeQ, ok := quotes[rs[i]]; ok {
			// Close at the matching quote; failing that, at the other kind of double
			// quote, since users mix "…” and “…" when switching input methods.
			j := indexRune(rs, i+1, closeQ)
			if j < 0 && (rs[i] == '"' || rs[i] == '“') {
				alt := '”'
				if rs[i] == '“' {
					alt = '"'
				}
				j = indexRune(rs, i+1, alt)
			}
			if j < 0 {
				j = len(rs)
			}
			if j >= len(rs) {
				return nil, invalid("a quote is not closed: end the phrase with %c", closeQ).With("unclosed_quote", "quote", string(closeQ))
			}
			text := strings.TrimSpace(string(rs[i+1 : j]))
			if text == "" {
				return nil, invalid("an empty phrase \"\" was given; put the words between the quotes").With("empty_phrase")
			}
			toks = append(toks, token{text: text, phrase: true, negated: neg})
			i = j + 1
			continue
		}
		j := i
		for j < len(rs) && rs[j] != ' ' {
			if _, isQuote := quotes[rs[j]]; isQuote && j > i {
				break
			}
			j++
		}
		text := string(rs[i:j])
		i = j
		if !neg && (text == "OR" || text == "|" || text == "或") {
			toks = append(toks, token{or: true})
			continue
		}
		if strings.Trim(text, "-－") == "" {
			continue // a stray dash
		}
		toks = append(toks, token{text: text, negated: neg})
	}
	return toks, nil
}

func indexRune(rs []rune, from int, r rune) int {
	for j := from; j < len(rs); j++ {
		if rs[j] == r {
			return j
		}
	}
	return -1
}

// splitField recognises field:value (ASCII or full-width colon for Chinese names).
func splitField(s string) (field, value string, ok bool) {
	i := strings.IndexAny(s, ":：")
	if i <= 0 {
		return "", "", false
	}
	name := s[:i]
	sep := ":"
	if strings.HasPrefix(s[i:], "：") {
		sep = "："
	}
	value = s[i+len(sep):]
	if f, known := fieldAliases[strings.ToLower(name)]; known {
		return f, value, true
	}
	// An ASCII word before ':' is meant as a field; Chinese text with a colon is text.
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_') {
			return "", "", false
		}
	}
	if sep != ":" {
		return "", "", false
	}
	return strings.ToLower(name), value, true
}

func (q *Query) setFilter(field, value string) error {
	value = strings.TrimSpace(value)
	if _, known := fieldAliases[field]; !known {
		return invalid("unknown filter field %q; use one of %s", field, FieldNames).With("unknown_field", "field", field, "fields", FieldNames)
	}
	f := &q.Filters
	// Several values separated by commas are alternatives: region:江西,重庆.
	var vals []string
	for _, v := range strings.FieldsFunc(value, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(vals, v) {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		return invalid("the filter %s: has no value, e.g. %s", field, example(field)).With("filter_no_value", "field", field, "example", example(field))
	}
	set := func(dst *[]string) error {
		if len(*dst) > 0 && !slices.Equal(*dst, vals) {
			return invalid("the filter %s: is given twice (%s and %s); give it once", field, strings.Join(*dst, ","), value).
				With("filter_twice", "field", field)
		}
		*dst = vals
		return nil
	}
	switch field {
	case "region":
		return set(&f.Region)
	case "level":
		return set(&f.Level)
	case "issuer":
		return set(&f.Issuer)
	case "type":
		return set(&f.Type)
	case "unit":
		return set(&f.Unit)
	case "kind":
		return set(&f.Kind)
	case "doc":
		return set(&f.Doc)
	case "cites":
		// One document at a time: cites:A,B has no reading a user would expect
		// (citing both? either?), so it is refused rather than guessed.
		if len(vals) > 1 {
			return invalid("the filter cites: takes one document id, not %d", len(vals)).With("filter_one_value", "field", field)
		}
		if f.Cites != "" && f.Cites != vals[0] {
			return invalid("the filter %s: is given twice (%s and %s); give it once", field, f.Cites, value).
				With("filter_twice", "field", field)
		}
		f.Cites = vals[0]
		return nil
	case "year":
		if len(vals) > 1 {
			// year:2021,2023: any of the years named.
			for _, v := range vals {
				y, _, err := YearRange(v)
				if err != nil {
					return err
				}
				if !slices.Contains(f.Year, y) {
					f.Year = append(f.Year, y)
				}
			}
			return nil
		}
		from, to, err := YearRange(value)
		if err != nil {
			return err
		}
		f.YearFrom, f.YearTo = from, to
	case "status":
		st, err := policysearch.ParseStatus(value)
		if err != nil {
			return err
		}
		// 有效 and 现行有效 are one filter; a status is one value.
		if f.Status != "" && f.Status != st {
			return invalid("the filter %s: is given twice (%s and %s); give it once", field, f.Status, st).With("filter_twice", "field", field)
		}
		f.Status = st
	case "published", "effective":
		from, to, err := DateRange(field, value)
		if err != nil {
			return err
		}
		if field == "published" {
			f.PublishedFrom, f.PublishedTo = from, to
		} else {
			f.EffectiveFrom, f.EffectiveTo = from, to
		}
	}
	return nil
}

// DateRange reads a range of days for the published: and effective: filters:
// 2020, 2020-05, 2020-01-01..2020-06-30, 2020.. or ..2021 (also 至 and ~ between).
// A single value is the whole year, month or day it names.
func DateRange(field, s string) (from, to string, err error) {
	s = strings.TrimSpace(s)
	a, b := s, s
	for _, sep := range []string{"..", "至", "~", "～"} {
		if x, y, ok := strings.Cut(s, sep); ok {
			a, b = strings.TrimSpace(x), strings.TrimSpace(y)
			break
		}
	}
	if a == "" && b == "" {
		return "", "", invalid("the range %q of %s: names no date, e.g. %s", s, field, example(field))
	}
	if a != "" {
		if from, err = policysearch.DayBound(a, false); err != nil {
			return "", "", invalid("%s: %s, e.g. %s", field, policysearch.ErrorMessage(err), example(field))
		}
	}
	if b != "" {
		if to, err = policysearch.DayBound(b, true); err != nil {
			return "", "", invalid("%s: %s, e.g. %s", field, policysearch.ErrorMessage(err), example(field))
		}
	}
	if from != "" && to != "" && from > to {
		return "", "", invalid("the %s range %q runs backwards; write the earlier date first", field, s)
	}
	return from, to, nil
}

// YearRange reads 2021, 2020..2023, 2020-2023, 2020.. or ..2023.
func YearRange(s string) (from, to int, err error) {
	s = strings.TrimSpace(s)
	sep := ""
	for _, cand := range []string{"..", "－", "-", "~", "至"} {
		if strings.Contains(s, cand) {
			sep = cand
			break
		}
	}
	parse := func(x string) (int, error) {
		x = strings.TrimSuffix(strings.TrimSpace(x), "年")
		if x == "" {
			return 0, nil
		}
		y, err := strconv.Atoi(x)
		if err != nil || y < 1900 || y > 2100 {
			return 0, invalid("year %q is not a year between 1900 and 2100, e.g. year:2020..2023", x).With("bad_year", "value", x)
		}
		return y, nil
	}
	if sep == "" {
		y, err := parse(s)
		if err != nil {
			return 0, 0, err
		}
		if y == 0 {
			return 0, 0, invalid("the filter year: has no value, e.g. year:2020..2023").With("filter_no_value", "field", "year", "example", "year:2020..2023")
		}
		return y, y, nil
	}
	parts := strings.SplitN(s, sep, 2)
	if from, err = parse(parts[0]); err != nil {
		return 0, 0, err
	}
	if to, err = parse(parts[1]); err != nil {
		return 0, 0, err
	}
	if from == 0 && to == 0 {
		return 0, 0, invalid("the year range %q names no year, e.g. year:2020..2023", s).With("bad_year", "value", s)
	}
	if from != 0 && to != 0 && from > to {
		return 0, 0, invalid("the year range %q runs backwards; write the earlier year first", s).With("year_backwards", "value", s)
	}
	return from, to, nil
}

func example(field string) string {
	switch field {
	case "region":
		return "region:山东"
	case "level":
		return "level:市"
	case "year":
		return "year:2020..2023"
	case "type":
		return "type:实施方案"
	case "unit":
		return "unit:市教育局"
	case "issuer":
		return "issuer:教育部"
	case "status":
		return "status:现行有效"
	case "published", "effective":
		return field + ":2020-01-01..2021-12-31"
	}
	return field + ":…"
}

func invalid(format string, args ...any) *policysearch.Error {
	return policysearch.Errorf(policysearch.EINVALID, format, args...)
}
