package index

import (
	"html"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"policysearch"
)

// marks are what a query's hits are highlighted with: exact phrases (matched as
// written, after normalisation) and word terms (matched ignoring ASCII case).
type marks struct {
	phrases []string
	terms   []string
}

func (m *marks) addWord(w word) {
	for _, t := range w.terms {
		m.terms = append(m.terms, t.text)
		m.terms = append(m.terms, t.subs...)
		m.terms = append(m.terms, t.syns...)
	}
}

// list is every phrase and term, for the response's "terms".
func (m *marks) list() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range append(append([]string{}, m.phrases...), m.terms...) {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Highlight returns text HTML-escaped, with <mark> around every occurrence of the
// phrases and terms. Matching runs on the normalised text and is mapped back to the
// original, so full-width and half-width forms and runs of spaces are marked alike.
// One-character terms are marked only when nothing longer is asked for: marking every
// 教 in a paragraph helps no one.
func Highlight(text string, phrases, terms []string) string {
	norm, offs := policysearch.NormalizeMap(text)
	lower := lowerASCII(norm)
	type span struct{ a, b int }
	var spans []span
	long := false
	for _, t := range append(append([]string{}, phrases...), terms...) {
		if utf8.RuneCountInString(t) > 1 {
			long = true
		}
	}
	find := func(hay, needle string) {
		if needle == "" || (long && utf8.RuneCountInString(needle) < 2) {
			return
		}
		for from := 0; from < len(hay); {
			i := strings.Index(hay[from:], needle)
			if i < 0 {
				return
			}
			a := from + i
			spans = append(spans, span{a, a + len(needle)})
			from = a + len(needle)
		}
	}
	for _, p := range phrases {
		find(norm, policysearch.Normalize(p))
	}
	for _, t := range terms {
		find(lower, lowerASCII(policysearch.Normalize(t)))
	}
	if len(spans) == 0 {
		return html.EscapeString(text)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].a < spans[j].a })
	merged := spans[:1]
	for _, s := range spans[1:] {
		last := &merged[len(merged)-1]
		if s.a <= last.b {
			last.b = max(last.b, s.b)
			continue
		}
		merged = append(merged, s)
	}
	var b strings.Builder
	b.Grow(len(text) + 13*len(merged))
	prev := 0
	for _, s := range merged {
		a, e := offs[s.a], offs[s.b]
		if a < prev {
			a = prev
		}
		if e <= a {
			continue
		}
		b.WriteString(html.EscapeString(text[prev:a]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[a:e]))
		b.WriteString("</mark>")
		prev = e
	}
	b.WriteString(html.EscapeString(text[prev:]))
	return b.String()
}

// lowerASCII lowercases ASCII letters only, keeping byte offsets, as the analyzer's
// lowercasing does for the terms that matter here.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// hit builds a search hit from a paragraph; the caller holds the read lock.
func (ix *Index) hit(pe *paraEntry, score float64, m *marks) policysearch.Hit {
	return hitOf(ix.c.statuses(), pe, score, m)
}

// hitOf builds a search hit from a paragraph and the laws' standings it is shown with:
// its record, and the window of its text with the query marked.
func hitOf(statuses *statusTable, pe *paraEntry, score float64, m *marks) policysearch.Hit {
	full := pe.displayText()
	h := recordOf(statuses, pe, full, score)
	text, cut := hitWindow(pe, full, m)
	h.Highlight = Highlight(text, m.phrases, m.terms)
	if cut {
		h.Text, h.Truncated, h.Length = text, true, utf8.RuneCountInString(full)
		if text != full[:len(text)] {
			h.Highlight = "…" + h.Highlight
		}
		if !strings.HasSuffix(full, text) {
			h.Highlight += "…"
		}
	}
	return h
}

// recordOf is a paragraph's full record as a hit, with text as its whole text, however
// long, and no highlight. It reads neither the corpus (so it may run outside the lock,
// as Export does) nor the text: an export that writes only ids (the peers harness's
// recall listing) leaves the texts of a common phrase's hundred thousand paragraphs
// unread, where marking each one read them all and paged them into the resident set.
func recordOf(statuses *statusTable, pe *paraEntry, text string, score float64) policysearch.Hit {
	d := &pe.doc.doc
	f := decodeRec(pe.rec)
	h := policysearch.Hit{
		ID:               pe.id,
		DocID:            d.ID,
		DocTitle:         d.Title,
		Issuers:          nonNil(d.Issuers),
		Region:           d.Region,
		Level:            d.Level,
		Date:             d.Date,
		DocNumber:        d.DocNumber,
		DocType:          d.DocType,
		SectionPath:      nonNil(f.sectionPath),
		MeasureNo:        f.measureNo,
		MeasureTitle:     f.measureTitle,
		Kind:             pe.kind,
		ResponsibleUnits: nonNil(f.responsible),
		Text:             text,
		Score:            score,
		Match:            policysearch.MatchAll,
		Published:        d.Published,
		Effective:        d.Effective,
	}
	if st := statuses.of[pe.doc]; st.status != "" {
		h.Status = st.status
		if st.current != nil && st.current != pe.doc {
			h.CurrentID = st.current.doc.ID
		}
	}
	return h
}

// hitWindow is the part of a paragraph a hit carries: all of it when it has at most
// MaxHitRunes characters, else a window of that many around the first match of the
// query (or the paragraph's start), so that the work and the answer stay bounded
// however long the paragraph. text is pe's displayText. cut reports a window.
func hitWindow(pe *paraEntry, text string, m *marks) (string, bool) {
	if len(text) <= policysearch.MaxHitRunes || utf8.RuneCountInString(text) <= policysearch.MaxHitRunes {
		return text, false
	}
	first := -1
	lower := ""
	for _, t := range append(append([]string{}, m.phrases...), m.terms...) {
		n := policysearch.Normalize(t)
		hay := pe.norm
		if !slices.Contains(m.phrases, t) {
			if lower == "" {
				lower = lowerASCII(pe.norm)
			}
			hay, n = lower, lowerASCII(n)
		}
		if n == "" {
			continue
		}
		if i := strings.Index(hay, n); i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	start := 0
	if first > 0 {
		// A fifth of the window before the match gives it its context.
		at := policysearch.SourceOffset(text, first)
		start = at - len(lastRunes(text[:at], policysearch.MaxHitRunes/5))
	}
	return firstRunes(text[start:], policysearch.MaxHitRunes), true
}

// nonNil makes absent lists encode as [] rather than null.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
