package parse

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// readCases reads a tab-separated case file, skipping blank and # lines.
func readCases(t *testing.T, path string, fields int) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out [][]string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < fields {
			t.Fatalf("%s:%d: want %d tab-separated fields, got %d", path, n, fields, len(cols))
		}
		out = append(out, cols)
	}
	return out
}

var styleNames = map[style]string{
	styleCN: "cn", styleParenCN: "paren", styleArabic: "arabic", styleArticle: "article",
	styleChapter: "chapter", styleSection: "section", stylePart: "part", styleSubPart: "subpart",
}

func TestHeadingCases(t *testing.T) {
	for _, c := range readCases(t, "testdata/headings.tsv", 5) {
		line, wantStyle, no, title, body := c[0], c[1], c[2], c[3], c[4]
		laws := wantStyle == "article" || wantStyle == "chapter" || wantStyle == "section"
		h, ok := parseHeading(line, false, laws)
		if wantStyle == "-" {
			if ok {
				t.Errorf("%q: read as a heading %+v, want plain text", line, h)
			}
			continue
		}
		if !ok {
			t.Errorf("%q: not read as a heading, want %s", line, wantStyle)
			continue
		}
		if styleNames[h.style] != wantStyle || h.no != no || h.title != title || h.body != body {
			t.Errorf("%q:\n got  style=%s no=%q title=%q body=%q\n want style=%s no=%q title=%q body=%q",
				line, styleNames[h.style], h.no, h.title, h.body, wantStyle, no, title, body)
		}
	}
}

func TestDateCases(t *testing.T) {
	for _, c := range readCases(t, "testdata/dates.tsv", 3) {
		in, want, whole := c[0], c[1], c[2] == "yes"
		got, _, ok := findDate(in)
		if want == "-" {
			if ok {
				t.Errorf("findDate(%q) = %s, want none", in, got)
			}
		} else if got != want {
			t.Errorf("findDate(%q) = %q, want %q", in, got, want)
		}
		if _, ok := dateLine(in); ok != whole {
			t.Errorf("dateLine(%q) = %v, want %v", in, ok, whole)
		}
	}
}

func TestUnitsClause(t *testing.T) {
	cases := []struct{ in, want string }{
		{"…实施方案。［责任单位：市教育局、市人社局，各县（区）人民政府、开发区管委会］", "市教育局|市人社局|各县（区）人民政府|开发区管委会"},
		{"…出台相关措施。（责任单位：市教育局、市发改委，监督部门：市纪委市监委）", "市教育局|市发改委|市纪委市监委"},
		{"…。（牵头单位：市教育局；配合单位：市财政局(配合)、市人社局等）", "市教育局|市财政局|市人社局"},
		{"…完善制度。责任单位：市教育局、市财政局。", "市教育局|市财政局"},
		{"各级政府要明确责任单位：并加强协调。", ""},
		{"建立健全工作机制（2021年底前完成）", ""},
	}
	for _, c := range cases {
		if got := strings.Join(unitsClause(c.in), "|"); got != c.want {
			t.Errorf("unitsClause(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestSplitUnits(t *testing.T) {
	got := strings.Join(splitUnits("市教育局,各县(市)区政府、市人社局、市退役军人事务局、总工会等"), "|")
	want := "市教育局|各县（市）区政府|市人社局|市退役军人事务局|总工会"
	if got != want {
		t.Errorf("splitUnits = %q, want %q", got, want)
	}
}
