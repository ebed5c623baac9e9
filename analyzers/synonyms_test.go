package analyzers

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestSynonymsExpand(t *testing.T) {
	syn := testSeg.Synonyms()
	cases := []struct {
		term string
		want []string
	}{
		{"双高", []string{"双高", "双高计划", "中国特色高水平高职学校和专业建设计划"}},
		{"中国特色高水平高职学校和专业建设计划", []string{"中国特色高水平高职学校和专业建设计划", "双高", "双高计划"}},
		{"诊改", []string{"诊改", "诊断与改进", "教学诊断与改进", "教学工作诊断与改进"}},
		{"职业教育", []string{"职业教育", "职教"}},
		{"中职", []string{"中职", "中等职业教育", "中等职业学校", "中职学校"}},
		{"国际化", []string{"国际化", "对外开放", "走出去"}},
		{" 1+x ", []string{"1+x", "1+X证书", "学历证书+若干职业技能等级证书"}}, // ASCII case and blanks ignored
		{"揭榜制", []string{"揭榜制", "揭榜挂帅"}},                       // testdata/extra.synonyms.txt, full-width comma
		{"链长制", []string{"链长制", "产业链链长制"}},
		{"企业", []string{"企业"}},
		{"", nil},
	}
	for _, c := range cases {
		if got := syn.Expand(c.term); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Expand(%q) = %q, want %q", c.term, got, c.want)
		}
	}
	if got := syn.Canonical("高职院校"); got != "高职" {
		t.Errorf("Canonical(高职院校) = %q", got)
	}
	if got := syn.Canonical("企业"); got != "企业" {
		t.Errorf("Canonical(企业) = %q", got)
	}
}

func TestSynonymsOverlappingGroups(t *testing.T) {
	syn, err := ParseSynonyms("s.txt", []byte("a, b\nb, c\n# comment\n\nd,e"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := syn.Expand("b"), []string{"b", "a", "c"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Expand(b) = %q, want %q", got, want)
	}
	if got, want := syn.Expand("a"), []string{"a", "b"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Expand(a) = %q, want %q (groups are not merged transitively)", got, want)
	}
	groups := syn.Groups()
	groups[0][0] = "changed"
	if syn.Groups()[0][0] != "a" {
		t.Error("Groups returned internal storage")
	}
}

func TestParseSynonymsErrors(t *testing.T) {
	cases := []struct{ text, want string }{
		{"双高, 双高计划\n孤单\n", "s.txt:2: a group needs at least two entries"},
		{"双高,,双高计划\n", "s.txt:1: empty entry"},
		{"双高, 双高计划, 双高\n", "s.txt:1: \"双高\" appears twice"},
		{"# c\n双高, \xff\n", "s.txt:2: invalid UTF-8"},
		{"双高, 双\x00高计划\n", "s.txt:1: NUL byte"},
		{"双高, ……\n", "s.txt:1: entry \"……\": has no letter or digit"},
	}
	for _, c := range cases {
		_, err := ParseSynonyms("s.txt", []byte(c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err = %v, want %q", c.text, err, c.want)
		}
	}
}

// TestBuiltInSynonyms: the shipped list parses, has about 40 groups or more, and no entry
// sits in two groups (an entry in two groups silently links both, which is how unrelated
// terms end up expanding into each other).
func TestBuiltInSynonyms(t *testing.T) {
	syn, err := ParseSynonyms(synonymsName, defaultSynonyms)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(syn.Groups()); n < 40 {
		t.Errorf("%d groups", n)
	}
	for key, groups := range syn.byKey {
		if len(groups) > 1 {
			t.Errorf("%q is in %d groups", key, len(groups))
		}
	}
}

func TestSynonymsFind(t *testing.T) {
	syn, err := ParseSynonyms("test", []byte("个人信息保护法, 个保法\n高新技术企业, 高企\n1+X, 1+X证书\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		veto [2]int // a span the caller refuses
		want [][2]int
	}{
		{"个保法规定", [2]int{}, [][2]int{{0, 9}}},
		{"违反个人信息保护法的", [2]int{}, [][2]int{{6, 27}}},
		{"提高企业竞争力", [2]int{3, 9}, nil},
		{"1+x证书制度", [2]int{}, [][2]int{{0, 9}}}, // ASCII case folds, longest entry wins
		{"", [2]int{}, nil},
	} {
		got := syn.Find(c.text, func(a, b int) bool { return [2]int{a, b} != c.veto })
		if fmt.Sprint(got) != fmt.Sprint(c.want) {
			t.Errorf("Find(%q) = %v, want %v", c.text, got, c.want)
		}
	}
	var none *Synonyms
	if got := none.Find("个保法", nil); got != nil {
		t.Errorf("nil list found %v", got)
	}
}
