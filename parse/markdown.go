package parse

import (
	"regexp"
	"strings"
)

// reMDSeparator is the line under a Markdown table's header: | --- | :---: |.
var reMDSeparator = regexp.MustCompile(`^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$`)

// isPipeRow reports whether a line is a row of a Markdown table.
func isPipeRow(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "|") && strings.Count(t, "|") >= 2
}

// pipeCells splits a Markdown table row into its cells, without the outer pipes.
func pipeCells(line string) []string {
	t := strings.TrimSpace(line)
	t = strings.TrimPrefix(t, "|")
	t = strings.TrimSuffix(t, "|")
	cells := strings.Split(t, "|")
	for i, c := range cells {
		cells[i] = squeeze(trimSpaceLike(c))
	}
	return cells
}

// markdownTable reads a Markdown table: the header row (the one above the |---| line)
// names the columns, and every row after it is one table row paragraph, its cells
// joined by tabs as in task-list tables. No pipe or dash reaches the text.
func (w *walker) markdownTable(line, next string) bool {
	if !isPipeRow(line) {
		return false
	}
	if reMDSeparator.MatchString(strings.TrimSpace(line)) {
		return true
	}
	cells := pipeCells(line)
	if reMDSeparator.MatchString(strings.TrimSpace(next)) {
		w.endTable()
		w.closePending(w.cur != nil && !w.cur.hasBody)
		t := tableHeader(cells)
		if t == nil {
			t = &table{cols: cells, noCol: -1, unitCol: -1}
		}
		t.md = true
		w.tbl = t
		return true
	}
	if w.tbl == nil || !w.tbl.md {
		// Rows without a header row: still a table.
		w.endTable()
		w.closePending(w.cur != nil && !w.cur.hasBody)
		w.tbl = &table{md: true, noCol: -1, unitCol: -1}
	}
	w.flushRow()
	w.tbl.row = cells
	w.flushRow()
	return true
}
