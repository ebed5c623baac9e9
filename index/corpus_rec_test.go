package index

import (
	"reflect"
	"testing"

	"policysearch"
)

// TestParagraphRecords checks that a paragraph survives its compact entry: every field
// comes back from newParaEntry's fields and rec, and a damaged rec decodes to a prefix
// of its fields rather than panicking.
func TestParagraphRecords(t *testing.T) {
	e := &docEntry{doc: policysearch.Document{ID: "d1"}}
	cases := []policysearch.Paragraph{
		{ID: "d1-p0", DocID: "d1", Kind: policysearch.KindPreamble, Text: "前言"},
		{ID: "d1-p1", DocID: "d1", Seq: 1, Kind: policysearch.KindArticle, MeasureNo: "第一条", SectionPath: []string{"第一章 总则"}, Text: "为了……"},
		{ID: "d1-p2", DocID: "d1", Seq: 2, Kind: policysearch.KindMeasure, MeasureNo: "（三）", MeasureTitle: "深化产教融合",
			SectionPath: []string{"三、主要任务", "（一）体系"}, ResponsibleUnits: []string{"市教育局", "市人社局"},
			CooperatingUnits: []string{"各区政府"}, Continued: true, Text: "推进……"},
		{ID: "d1-p3", DocID: "d1", Seq: 3, Kind: "custom-kind", CooperatingUnits: []string{"市财政局"}, Text: "x"},
	}
	for _, p := range cases {
		pe := newParaEntry(&p, e, policysearch.Normalize(p.Text), 1)
		if got := pe.para(); !reflect.DeepEqual(got, p) {
			t.Errorf("%s: round trip\n got %+v\nwant %+v", p.ID, got, p)
		}
		if (len(p.ResponsibleUnits) > 0) != (pe.responsibleUnits() != nil) {
			t.Errorf("%s: responsibleUnits %v", p.ID, pe.responsibleUnits())
		}
		for n := range len(pe.rec) {
			f := decodeRec(pe.rec[:n]) // must not panic
			if len(f.cooperating) > len(p.CooperatingUnits) {
				t.Errorf("%s: truncated rec gave %v", p.ID, f.cooperating)
			}
		}
	}
}
