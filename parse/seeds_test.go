package parse_test

import (
	"encoding/json"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"policysearch"
	"policysearch/seeds"
)

// seedExpect is what a person reading a seed document knows about it, written down
// independently of the parser in testdata/seeds_expect.json.
type seedExpect struct {
	ID             string   `json:"id"`
	Title          string   `json:"title"`
	Issuers        []string `json:"issuers"`
	DocNumber      string   `json:"doc_number"`
	Date           string   `json:"date"`
	Region         string   `json:"region"`
	Level          string   `json:"level"`
	DocType        string   `json:"doc_type"`
	Period         string   `json:"period"`
	ArabicMeasures int      `json:"arabic_measures"`
	TableRows      int      `json:"table_rows"`
	FromSidecar    []string `json:"from_sidecar"`
}

// artefacts must not survive into any paragraph.
var artefacts = []string{"[bookmark", "_Toc", "发布者", "浏览次数", "打印本页", "关闭窗口", "此件主动公开", "信息索引", "印发给你们"}

func TestSeedsExpected(t *testing.T) {
	raw, err := os.ReadFile("testdata/seeds_expect.json")
	if err != nil {
		t.Fatal(err)
	}
	var want []seedExpect
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*policysearch.Document{}
	for _, d := range docs {
		byID[d.ID] = d
	}
	for _, w := range want {
		d := byID[w.ID]
		if d == nil {
			t.Errorf("seed %s missing", w.ID)
			continue
		}
		check := func(field, got, want string) {
			if got != want {
				t.Errorf("%s %s = %q, want %q", w.ID, field, got, want)
			}
		}
		check("title", d.Title, w.Title)
		check("doc_number", d.DocNumber, w.DocNumber)
		check("date", d.Date, w.Date)
		check("region", d.Region, w.Region)
		check("level", d.Level, w.Level)
		check("doc_type", d.DocType, w.DocType)
		check("period", d.Period, w.Period)
		if !reflect.DeepEqual(d.Issuers, w.Issuers) {
			t.Errorf("%s issuers = %v, want %v", w.ID, d.Issuers, w.Issuers)
		}
		for _, f := range w.FromSidecar {
			if d.Provenance[f] != "sidecar" {
				t.Errorf("%s %s provenance = %q, want sidecar", w.ID, f, d.Provenance[f])
			}
		}

		// Every Arabic-numbered measure 1..N appears exactly once, as a measure, and
		// begins with its own number.
		seen := map[int]int{}
		rows := 0
		ids := map[string]bool{}
		for _, p := range d.Paragraphs {
			if ids[p.ID] {
				t.Errorf("%s: duplicate paragraph id %s", w.ID, p.ID)
			}
			ids[p.ID] = true
			for _, a := range artefacts {
				if strings.Contains(p.Text, a) {
					t.Errorf("%s %s: artefact %q left in text", w.ID, p.ID, a)
				}
			}
			if strings.TrimSpace(p.Text) == "" {
				t.Errorf("%s %s: empty paragraph", w.ID, p.ID)
			}
			switch p.Kind {
			case policysearch.KindMeasure:
				if n, err := strconv.Atoi(p.MeasureNo); err == nil {
					seen[n]++
					if !strings.HasPrefix(p.Text, p.MeasureNo) {
						t.Errorf("%s %s: measure %d text starts %q", w.ID, p.ID, n, firstRunes(p.Text, 10))
					}
				}
			case policysearch.KindTableRow:
				rows++
				if len(p.ResponsibleUnits) == 0 {
					t.Errorf("%s %s: table row without responsible units", w.ID, p.ID)
				}
			}
		}
		if len(seen) != w.ArabicMeasures {
			t.Errorf("%s: %d distinct numbered measures, want %d", w.ID, len(seen), w.ArabicMeasures)
		}
		for n := 1; n <= w.ArabicMeasures; n++ {
			if seen[n] != 1 {
				t.Errorf("%s: measure %d appears %d times, want once", w.ID, n, seen[n])
			}
		}
		if rows != w.TableRows {
			t.Errorf("%s: %d table rows, want %d", w.ID, rows, w.TableRows)
		}
	}
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r)
}
