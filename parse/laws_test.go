package parse_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policysearch/parse"
)

// TestLawsGolden parses each law in testdata/laws and compares the rendering (see
// render) with its .golden file: the article units, section paths 编 › 章 › 节 and
// titles of laws. -update rewrites the golden files.
func TestLawsGolden(t *testing.T) {
	inputs, err := filepath.Glob(filepath.Join("testdata", "laws", "*.*"))
	if err != nil || len(inputs) < 3 {
		t.Fatalf("want the law cases in testdata/laws, got %v %v", inputs, err)
	}
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden") {
			continue
		}
		t.Run(filepath.Base(in), func(t *testing.T) {
			data, err := os.ReadFile(in)
			if err != nil {
				t.Fatal(err)
			}
			d, err := parse.Parse(filepath.Base(in), data, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := render(d)
			path := strings.TrimSuffix(in, filepath.Ext(in)) + ".golden"
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./parse -run LawsGolden -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("parse of %s differs from %s:\n%s", in, path, diff(string(want), got))
			}
		})
	}
}

// TestLawMetadata checks the metadata a law gets from its text and a collection's
// coarser metadata: the city from the issuer inside the given province, the issuer
// completed from the region, dates kept apart, the status of the day, repeals.
func TestLawMetadata(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "laws", "city.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name       string
		meta       *parse.Meta
		region     string
		level      string
		issuers    string
		status     string
		published  string
		effective  string
		repealsTwo bool
	}{
		{"text only", nil, "浙江省杭州市", "市", "杭州市人民代表大会常务委员会", "尚未施行", "2098-10-08", "2099-01-01", true},
		{"province refined by the issuer", &parse.Meta{Region: "浙江"}, "浙江省杭州市", "市", "杭州市人民代表大会常务委员会", "尚未施行", "2098-10-08", "2099-01-01", true},
		{"a contradicting region overrules", &parse.Meta{Region: "山东"}, "山东省", "省", "市人民代表大会常务委员会", "尚未施行", "2098-10-08", "2099-01-01", true},
		{"joint issuers split", &parse.Meta{Issuer: "最高人民法院、最高人民检察院", Region: "全国"}, "全国", "国家", "最高人民法院|最高人民检察院", "尚未施行", "2098-10-08", "2099-01-01", true},
		{"metadata status and dates", &parse.Meta{Status: "已被修改", Effective: "2098-12-01", Published: "2098-10-09"}, "浙江省杭州市", "市", "杭州市人民代表大会常务委员会", "已被修改", "2098-10-09", "2098-12-01", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			d, err := parse.Parse("city.md", data, c.meta)
			if err != nil {
				t.Fatal(err)
			}
			if d.Region != c.region || d.Level != c.level || strings.Join(d.Issuers, "|") != c.issuers {
				t.Errorf("region %s level %s issuers %v; want %s %s %s", d.Region, d.Level, d.Issuers, c.region, c.level, c.issuers)
			}
			if d.Status != c.status || d.Published != c.published || d.Effective != c.effective {
				t.Errorf("status %s published %s effective %s; want %s %s %s", d.Status, d.Published, d.Effective, c.status, c.published, c.effective)
			}
			if got := strings.Join(d.Repeals, "|"); got != "杭州市西溪湿地保护管理办法|杭州市湿地保护管理规定" {
				t.Errorf("repeals %q", got)
			}
		})
	}
	if _, err := parse.DecodeMeta(strings.NewReader(`{"status":"有效"}`)); err == nil {
		t.Error("a status outside the four is accepted")
	}
}

// TestPageLaw checks a law as a web page or a .docx prints it: the bracketed history
// under the title is read as info (issuer, date), not taken into the title; a line
// broken before "第十条规定的…" continues its article.
func TestPageLaw(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "laws", "page-law.txt"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := parse.Parse("page-law.txt", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Title != "某省实训基地管理条例" || d.Date != "2021-09-29" || len(d.Issuers) != 1 || d.Effective != "2022-01-01" {
		t.Errorf("title %q date %s issuers %v effective %s", d.Title, d.Date, d.Issuers, d.Effective)
	}
	if len(d.Paragraphs) != 4 || !strings.Contains(d.Paragraphs[1].Text, "第十条规定的条件和程序办理") {
		t.Errorf("第二条 = %q (of %d paragraphs)", d.Paragraphs[1].Text, len(d.Paragraphs))
	}
}
