package parse

import "testing"

// TestInfoDates checks the publication and effective dates read from header lines:
// an event is dated by the date before it only when no other event stands between.
func TestInfoDates(t *testing.T) {
	for _, c := range readCases(t, "testdata/infodates.tsv", 3) {
		want := func(s string) string {
			if s == "-" {
				return ""
			}
			return s
		}
		p, e := infoDates([]string{c[0]})
		if p != want(c[1]) || e != want(c[2]) {
			t.Errorf("%s: published %q effective %q, want %q %q", c[0], p, e, want(c[1]), want(c[2]))
		}
	}
}
