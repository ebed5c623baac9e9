package index_test

import (
	"context"
	"strings"
	"testing"

	"policysearch"
	"policysearch/index"
	"policysearch/seeds"
)

// Invisible characters inside a word, in a document or in the query, hide nothing: a
// phrase finds exactly the paragraphs whose normalised text contains it (a literal
// scan decides), a word query finds the marked paragraphs, and a query typed with a
// zero-width space finds what the plain query finds.
func TestInvisibleCharacters(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	marked := []string{
		"推进产\u200b教融合，深化校企合作。",             // zero-width space
		"推进产教\u00ad融合，深化校企合作。",             // soft hyphen
		"推进\u202b产教融合\u202c，深化校企合作。",       // bidi embedding
		"推进产教\u200f融合\u2066，深化校企合作。",       // bidi mark, isolate
		"推进产教\ufe0f融合，深化校企合作。",             // variation selector 16
		"推进产教\U000E0041融合，深化校企合作。",         // tag character
		"推进产\a教\x1b融合，深化校企合作。",             // BEL, ESC
		"推进产教\u2028融合，深化校企合作。",             // a line separator inside the word
		"推进产\u200d教\u2060融\ufeff合，深化校企合作。", // joiner, word joiner, BOM
	}
	d := &policysearch.Document{ID: "invisible-test", Title: "隐形字符测试", Region: "全国", Level: "国家", Date: "2024-01-01"}
	for i, text := range marked {
		d.Paragraphs = append(d.Paragraphs, policysearch.Paragraph{ID: d.ID + "-p" + string(rune('a'+i)), DocID: d.ID, Seq: i, Kind: "body", Text: text})
	}
	if err := ix.Index(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	// A phrase matches a paragraph's text, one of its headings, or (for its first
	// paragraph) its document's title.
	want := 0
	has := func(s string) bool { return strings.Contains(policysearch.Normalize(s), "产教融合") }
	for _, sd := range append(docs, d) {
		for i, p := range sd.Paragraphs {
			in := has(p.Text) || (i == 0 && has(sd.Title))
			for _, h := range p.SectionPath {
				in = in || has(h)
			}
			if in {
				want++
			}
		}
	}
	for _, q := range []string{`"产教融合"`, "\"产教\u200b融合\"", "“产\u00ad教融合”"} {
		if got := search(t, ix, policysearch.SearchRequest{Query: q, Size: 1}).Total; got != want {
			t.Errorf("%q: %d paragraphs; a literal scan of the normalised texts, headings and titles finds %d", q, got, want)
		}
	}
	for _, q := range []string{`"产教融合"`, "产教融合", "产教\u200b融合"} {
		res := search(t, ix, policysearch.SearchRequest{Query: q, Filters: policysearch.Filters{Doc: []string{d.ID}}, Size: 50})
		if res.Total != len(marked) {
			t.Errorf("%q in the marked document: %d of %d paragraphs", q, res.Total, len(marked))
		}
		for _, h := range res.Hits {
			if !strings.Contains(h.Highlight, "<mark>") {
				t.Errorf("%q: %s not highlighted: %q", q, h.ID, h.Highlight)
			}
		}
	}
	plain := search(t, ix, policysearch.SearchRequest{Query: "产教融合 实训基地", Size: 1}).Total
	if typed := search(t, ix, policysearch.SearchRequest{Query: "产教\u200b融合 实训\u200c基地", Size: 1}).Total; typed != plain || plain == 0 {
		t.Errorf("with zero-width characters typed: %d hits; without: %d", typed, plain)
	}
}
