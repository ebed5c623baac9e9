package policysearch_test

import (
	"strings"
	"testing"

	"policysearch"
)

// TestValidate: each mistake in a request is refused with its reason; a good request
// gets its defaults and tidied filters.
func TestValidate(t *testing.T) {
	for _, c := range []struct {
		req    policysearch.SearchRequest
		reason string
	}{
		{policysearch.SearchRequest{Query: "a", Sort: "newest"}, "bad_sort"},
		{policysearch.SearchRequest{Query: "a", Sort: policysearch.SortMatches}, "sort_needs_group"},
		{policysearch.SearchRequest{Query: "a", Group: "docs"}, "bad_group"},
		{policysearch.SearchRequest{Query: "a", Scope: "body"}, "bad_scope"},
		{policysearch.SearchRequest{Query: "a", Page: -1}, "bad_page"},
		{policysearch.SearchRequest{Query: "a", Size: 101}, "bad_size"},
		{policysearch.SearchRequest{Query: "a", Within: strings.Repeat("职", 257)}, "query_too_long"},
		{policysearch.SearchRequest{Query: "a", Filters: policysearch.Filters{Kind: []string{"poem"}}}, "bad_kind"},
		{policysearch.SearchRequest{Query: "a", Filters: policysearch.Filters{YearFrom: 2023, YearTo: 2020}}, "year_backwards"},
		{policysearch.SearchRequest{Query: "a", Filters: policysearch.Filters{Year: []int{20000}}}, "bad_year"},
		{policysearch.SearchRequest{Query: "a", Filters: policysearch.Filters{Region: []string{strings.Repeat("省", 101)}}}, "filter_too_long"},
	} {
		err := c.req.Validate()
		if r, _ := policysearch.ErrorReason(err); policysearch.ErrorCode(err) != policysearch.EINVALID || r != c.reason {
			t.Errorf("%+v: %v (reason %q), want reason %q", c.req, err, r, c.reason)
		}
	}
	req := policysearch.SearchRequest{Query: "a", Group: policysearch.GroupDocument, Sort: policysearch.SortMatches,
		Filters: policysearch.Filters{Region: []string{" 江西 ", "", "江西", "重庆"}}}
	if err := req.Validate(); err != nil {
		t.Fatal(err)
	}
	if req.Page != 1 || req.Size != policysearch.DefaultPageSize || strings.Join(req.Filters.Region, ",") != "江西,重庆" {
		t.Errorf("after Validate: page %d size %d regions %q", req.Page, req.Size, req.Filters.Region)
	}
}

// TestNearest: close values first (containing, then sharing characters), the most
// common known values when nothing is close.
func TestNearest(t *testing.T) {
	known := map[string]int{"江西省": 3, "江西省南昌市": 1, "重庆市": 2, "全国": 5, "吉林省": 1}
	for _, c := range []struct {
		in   string
		want string
	}{
		{"江西", "江西省,江西省南昌市,全国"},
		{"南昌", "江西省南昌市,全国,江西省"},
		{"重庆", "重庆市,全国,江西省"},
		{"火星", "全国,江西省,重庆市"},
		{"ＪＸ", "全国,江西省,重庆市"},
	} {
		if got := strings.Join(policysearch.Nearest(c.in, known, 3), ","); got != c.want {
			t.Errorf("Nearest(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

// TestValidateAnalytics: the trends and concordance requests are checked in one place,
// their own parameters and the search request under them, and get their defaults.
func TestValidateAnalytics(t *testing.T) {
	q := policysearch.SearchRequest{Query: `"产教融合"`}
	grouped := policysearch.SearchRequest{Query: "a", Group: policysearch.GroupDocument}
	for _, c := range []struct {
		name   string
		err    error
		reason string
	}{
		{"trends by colour", (&policysearch.TrendsRequest{SearchRequest: q, By: "colour"}).Validate(), "bad_by"},
		{"trends grouped", (&policysearch.TrendsRequest{SearchRequest: grouped}).Validate(), "needs_paragraphs"},
		{"trends bad size", (&policysearch.TrendsRequest{SearchRequest: policysearch.SearchRequest{Query: "a", Size: -1}}).Validate(), "bad_size"},
		{"kwic wide", (&policysearch.KWICRequest{SearchRequest: q, Width: policysearch.MaxKWICWidth + 1}).Validate(), "bad_width"},
		{"kwic negative width", (&policysearch.KWICRequest{SearchRequest: q, Width: -1}).Validate(), "bad_width"},
		{"kwic long", (&policysearch.KWICRequest{SearchRequest: q, Limit: policysearch.MaxKWICLines + 1}).Validate(), "bad_limit"},
		{"kwic negative offset", (&policysearch.KWICRequest{SearchRequest: q, Offset: -1}).Validate(), "bad_limit"},
		{"kwic order", (&policysearch.KWICRequest{SearchRequest: q, Order: "up"}).Validate(), "bad_kwic_sort"},
		{"kwic sorted window", (&policysearch.KWICRequest{SearchRequest: q, Order: "left", Offset: policysearch.MaxKWICWindow, Limit: 10}).Validate(), "kwic_window"},
		{"kwic grouped", (&policysearch.KWICRequest{SearchRequest: grouped}).Validate(), "needs_paragraphs"},
		{"export grouped", grouped.ValidatePerParagraph(), "needs_paragraphs"},
	} {
		if r, _ := policysearch.ErrorReason(c.err); policysearch.ErrorCode(c.err) != policysearch.EINVALID || r != c.reason {
			t.Errorf("%s: %v (reason %q), want reason %q", c.name, c.err, r, c.reason)
		}
	}
	tr := policysearch.TrendsRequest{SearchRequest: q}
	kr := policysearch.KWICRequest{SearchRequest: q, Offset: policysearch.MaxKWICWindow} // doc order: no window
	if err := tr.Validate(); err != nil || tr.By != "year" || tr.Page != 1 {
		t.Errorf("trends defaults: %v, by %q, page %d", err, tr.By, tr.Page)
	}
	if err := kr.Validate(); err != nil || kr.Width != policysearch.DefaultKWICWidth || kr.Limit != policysearch.DefaultKWICLines || kr.Order != "doc" {
		t.Errorf("kwic defaults: %v, %+v", err, kr)
	}
}
