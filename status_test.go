package policysearch_test

import (
	"testing"

	"policysearch"
)

func TestStatusOn(t *testing.T) {
	for _, c := range []struct {
		doc  policysearch.Document
		day  string
		want string
	}{
		{policysearch.Document{Effective: "2021-01-01"}, "2020-12-31", policysearch.StatusNotYet},
		{policysearch.Document{Effective: "2021-01-01"}, "2021-01-01", policysearch.StatusInForce},
		{policysearch.Document{Status: policysearch.StatusNotYet, Effective: "2021-01-01"}, "2022-05-01", policysearch.StatusInForce},
		{policysearch.Document{Status: policysearch.StatusAmended, Effective: "2021-01-01"}, "2020-01-01", policysearch.StatusAmended},
		{policysearch.Document{Status: policysearch.StatusRepealed}, "2020-01-01", policysearch.StatusRepealed},
		{policysearch.Document{Status: policysearch.StatusInForce}, "2020-01-01", policysearch.StatusInForce},
		{policysearch.Document{}, "2020-01-01", ""},
	} {
		if got := policysearch.StatusOn(&c.doc, c.day); got != c.want {
			t.Errorf("StatusOn(%+v, %s) = %q, want %q", c.doc, c.day, got, c.want)
		}
	}
}

func TestDayBound(t *testing.T) {
	for _, c := range []struct {
		in         string
		start, end string
	}{
		{"2020", "2020-01-01", "2020-12-31"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2021年5月", "2021-05-01", "2021-05-31"},
		{"2021-5-28", "2021-05-28", "2021-05-28"},
		{"2021-02-30", "", ""},
		{"20", "", ""},
		{"明年", "", ""},
	} {
		s, err1 := policysearch.DayBound(c.in, false)
		e, err2 := policysearch.DayBound(c.in, true)
		if c.start == "" {
			if err1 == nil || err2 == nil || policysearch.ErrorCode(err1) != policysearch.EINVALID {
				t.Errorf("DayBound(%q) accepted: %s %s", c.in, s, e)
			}
			continue
		}
		if s != c.start || e != c.end || err1 != nil || err2 != nil {
			t.Errorf("DayBound(%q) = %s..%s (%v %v), want %s..%s", c.in, s, e, err1, err2, c.start, c.end)
		}
	}
	if v, err := policysearch.ParseStatus("有效"); v != policysearch.StatusInForce || err != nil {
		t.Errorf("ParseStatus(有效) = %q %v", v, err)
	}
	if _, err := policysearch.ParseStatus("valid-ish"); err == nil {
		t.Error("ParseStatus accepts anything")
	}
}
