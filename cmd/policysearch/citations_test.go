package main

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"policysearch"
)

// The citations command lists a seed's citations both ways, as text and JSON, and the
// edge export is CSV a network tool reads.
func TestCitationsCommand(t *testing.T) {
	out, _, err := run(t, "citations", "moe-2020-tzpy")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "本篇引用 cites: 7 documents") || !strings.Contains(out, "国家职业教育改革实施方案 ") {
		t.Errorf("citations output:\n%s", out)
	}
	out, _, err = run(t, "citations", "--json", "nanchang-2021-ssfa")
	if err != nil {
		t.Fatal(err)
	}
	var c policysearch.Citations
	if err := json.Unmarshal([]byte(out), &c); err != nil || len(c.Cites) != 1 || c.Cites[0].Document.DocNumber != "赣府发〔2020〕16号" {
		t.Errorf("citations --json: %v %+v", err, c.Cites)
	}
	out, stderr, err := run(t, "citations", "--edges")
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(out, "\ufeff"))).ReadAll()
	if err != nil || len(rows) < 10 || strings.Join(rows[0], ",") != strings.Join(policysearch.EdgeColumns, ",") {
		t.Errorf("edges: %v, %d rows, header %v", err, len(rows), rows[:min(1, len(rows))])
	}
	if !strings.Contains(stderr, "edges") {
		t.Errorf("edges stderr: %q", stderr)
	}
	if _, _, err := run(t, "citations"); err == nil {
		t.Error("citations without an id or --edges succeeds")
	}
	if _, _, err := run(t, "citations", "no-such-doc"); err == nil {
		t.Error("citations of an unknown document succeeds")
	}
}
