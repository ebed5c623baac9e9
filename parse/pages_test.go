package parse_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"policysearch"
	"policysearch/parse"
)

// pageExpect is what a reader of a fixture page knows about it (testdata/pages/NAME.
// expect.json beside NAME.html or NAME.txt). The pages are small, written in the
// styles of CMS templates the corpus lacks (大汉 Hanweb article/zoom, TRS_Editor, 集约化
// pages_content, layout tables) and of a full 北大法宝 export, so that extraction is
// shown to be general rather than fitted to the gov.cn template. Fields left out of a
// file are not checked.
type pageExpect struct {
	Title             *string               `json:"title"`
	NoticeTitle       *string               `json:"notice_title"`
	Issuers           []string              `json:"issuers"`
	DocNumber         *string               `json:"doc_number"`
	Date              *string               `json:"date"`
	Published         *string               `json:"published"`
	Effective         *string               `json:"effective"`
	Region            *string               `json:"region"`
	Level             *string               `json:"level"`
	Inferred          []string              `json:"inferred"`
	DocType           *string               `json:"doc_type"`
	Measures          []string              `json:"measures"`
	Units             map[string][][]string `json:"units"`
	TableRows         []pageRow             `json:"table_rows"`
	Kinds             map[string]int        `json:"kinds"`
	Fields            map[string]string     `json:"fields"`
	ParagraphContains []string              `json:"paragraph_contains"`
	Absent            []string              `json:"absent"`
}

type pageRow struct {
	No   string   `json:"no"`
	Path string   `json:"path"`
	Lead []string `json:"lead"`
	Coop []string `json:"coop"`
}

func TestPageFixtures(t *testing.T) {
	files, err := filepath.Glob("testdata/pages/*.expect.json")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, ef := range files {
		base := strings.TrimSuffix(ef, ".expect.json")
		src := base + ".html"
		if _, err := os.Stat(src); err != nil {
			src = base + ".txt"
		}
		t.Run(filepath.Base(base), func(t *testing.T) {
			var e pageExpect
			if err := json.Unmarshal(readFile(t, ef), &e); err != nil {
				t.Fatal(err)
			}
			d := mustParse(t, filepath.Base(src), readFile(t, src))
			checkPage(t, d, e)
		})
	}
}

func checkPage(t *testing.T, d *policysearch.Document, e pageExpect) {
	t.Helper()
	str := func(field string, got string, want *string) {
		if want != nil && got != *want {
			t.Errorf("%s = %q, want %q", field, got, *want)
		}
	}
	str("title", d.Title, e.Title)
	str("notice_title", d.NoticeTitle, e.NoticeTitle)
	str("doc_number", d.DocNumber, e.DocNumber)
	str("date", d.Date, e.Date)
	str("published", d.Published, e.Published)
	str("effective", d.Effective, e.Effective)
	str("region", d.Region, e.Region)
	str("level", d.Level, e.Level)
	str("doc_type", d.DocType, e.DocType)
	if e.Issuers != nil && !sameList(d.Issuers, e.Issuers) {
		t.Errorf("issuers = %v, want %v", d.Issuers, e.Issuers)
	}
	if e.Inferred != nil && !reflect.DeepEqual(d.Inferred, e.Inferred) {
		t.Errorf("inferred = %v, want %v", d.Inferred, e.Inferred)
	}
	var measures []string
	kinds := map[string]int{}
	var rows []pageRow
	all := d.Title + "\n" + d.NoticeTitle + "\n"
	for _, p := range d.Paragraphs {
		kinds[p.Kind]++
		all += p.Text + "\n" + strings.Join(p.SectionPath, "\n") + "\n"
		switch p.Kind {
		case policysearch.KindMeasure:
			measures = append(measures, p.MeasureNo)
			if u, ok := e.Units[p.MeasureNo]; ok {
				if !sameList(p.ResponsibleUnits, u[0]) || !sameList(p.CooperatingUnits, u[1]) {
					t.Errorf("measure %s units = %v / %v, want %v / %v", p.MeasureNo, p.ResponsibleUnits, p.CooperatingUnits, u[0], u[1])
				}
			}
		case policysearch.KindTableRow:
			rows = append(rows, pageRow{No: p.MeasureNo, Path: strings.Join(p.SectionPath, " > "), Lead: p.ResponsibleUnits, Coop: p.CooperatingUnits})
		}
	}
	if e.Measures != nil && strings.Join(measures, " ") != strings.Join(e.Measures, " ") {
		t.Errorf("measures = %v, want %v", measures, e.Measures)
	}
	if e.TableRows != nil {
		if len(rows) != len(e.TableRows) {
			t.Errorf("%d table rows, want %d: %+v", len(rows), len(e.TableRows), rows)
		} else {
			for i, w := range e.TableRows {
				g := rows[i]
				if g.No != w.No || g.Path != w.Path || !sameList(g.Lead, w.Lead) || !sameList(g.Coop, w.Coop) {
					t.Errorf("table row %d = %+v, want %+v", i, g, w)
				}
			}
		}
	}
	for k, n := range e.Kinds {
		if kinds[k] != n {
			t.Errorf("%d paragraphs of kind %s, want %d (%v)", kinds[k], k, n, kinds)
		}
	}
	for k, v := range e.Fields {
		if d.Fields[k] != v {
			t.Errorf("field %s = %q, want %q", k, d.Fields[k], v)
		}
	}
	for _, s := range e.ParagraphContains {
		found := false
		for _, p := range d.Paragraphs {
			found = found || strings.Contains(p.Text, s)
		}
		if !found {
			t.Errorf("no paragraph contains %q", s)
		}
	}
	for _, s := range e.Absent {
		if strings.Contains(all, s) {
			t.Errorf("%q is page furniture or metadata but reached the text:\n%s", s, all)
		}
	}
}

func sameList(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return reflect.DeepEqual(a, b)
}

// TestHTMLMatchesText parses fixture pages beside a text version of the same document
// (testdata/twins/NAME.txt: a 北大法宝 export, a plain copy) and asserts what a user
// expects of the HTML: the same title and notice, and at least 80% of the text
// version's measures with the same numbers, titles and units.
func TestHTMLMatchesText(t *testing.T) {
	texts, _ := filepath.Glob("testdata/twins/*.txt")
	if len(texts) == 0 {
		t.Fatal("no twins")
	}
	for _, tp := range texts {
		hp := filepath.Join("testdata", "pages", strings.TrimSuffix(filepath.Base(tp), ".txt")+".html")
		t.Run(filepath.Base(hp), func(t *testing.T) {
			h := mustParse(t, filepath.Base(hp), readFile(t, hp))
			x := mustParse(t, filepath.Base(tp), readFile(t, tp))
			if h.Title != x.Title || h.NoticeTitle != x.NoticeTitle {
				t.Errorf("HTML title %q / %q, text %q / %q", h.Title, h.NoticeTitle, x.Title, x.NoticeTitle)
			}
			key := func(p policysearch.Paragraph) string {
				return p.MeasureNo + "|" + p.MeasureTitle + "|" + strings.Join(p.ResponsibleUnits, "、") + "|" + strings.Join(p.CooperatingUnits, "、")
			}
			inHTML := map[string]bool{}
			for _, p := range h.Paragraphs {
				if p.Kind == policysearch.KindMeasure {
					inHTML[key(p)] = true
				}
			}
			want, found := 0, 0
			for _, p := range x.Paragraphs {
				if p.Kind != policysearch.KindMeasure {
					continue
				}
				want++
				if inHTML[key(p)] {
					found++
				} else {
					t.Logf("measure %s of the text version not in the HTML parse", key(p))
				}
			}
			t.Logf("HTML gives %d of the text version's %d measures", found, want)
			if want == 0 || found*5 < want*4 {
				t.Errorf("HTML gives %d of the text version's %d measures, want 80%%", found, want)
			}
		})
	}
}

// TestSidecarDates: a sidecar can give the three dates and the notice title, and a
// date that is not one is refused.
func TestSidecarDates(t *testing.T) {
	m, err := parse.DecodeMeta(strings.NewReader(`{"date":"2023-05-08","published":"2023-05-10","effective":"2023-06-01","notice_title":"某市教育局关于印发《某方案》的通知"}`))
	if err != nil {
		t.Fatal(err)
	}
	d, err := parse.Parse("plan.txt", []byte("某方案\n一、任务\n1.建设基地。内容。"), m)
	if err != nil {
		t.Fatal(err)
	}
	if d.Date != "2023-05-08" || d.Published != "2023-05-10" || d.Effective != "2023-06-01" || d.NoticeTitle == "" {
		t.Errorf("date %q published %q effective %q notice %q", d.Date, d.Published, d.Effective, d.NoticeTitle)
	}
	if d.Provenance["published"] != "sidecar" {
		t.Errorf("published provenance = %q", d.Provenance["published"])
	}
	if _, err := parse.DecodeMeta(strings.NewReader(`{"published":"下周"}`)); policysearch.ErrorCode(err) != policysearch.EINVALID {
		t.Errorf("a published date that is no date: %v", err)
	}
}
