package parse

import (
	"reflect"
	"strings"
	"testing"
)

func TestPageTitle(t *testing.T) {
	for in, want := range map[string]string{
		"某市人民政府办公室关于印发某市数字政府建设实施方案的通知_政策文件_某市人民政府": "某市人民政府办公室关于印发某市数字政府建设实施方案的通知",
		"某县人民政府关于加强耕地保护工作的意见 - 某县人民政府门户网站":         "某县人民政府关于加强耕地保护工作的意见",
		"首页 | 某市人民政府关于做好防汛工作的通知":                   "某市人民政府关于做好防汛工作的通知",
	} {
		if got := pageTitle(in); got != want {
			t.Errorf("pageTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTitleWithDocNumber(t *testing.T) {
	lines := []string{"某市人民政府关于加强安全生产工作的通知（某府发〔2023〕8号）", "各县（区）人民政府：", "为加强安全生产工作，现通知如下。", "一、落实责任。各地要落实属地责任。"}
	h := readHeader(lines, 3, map[string]string{})
	if h.title != "某市人民政府关于加强安全生产工作的通知" || h.docNumber != "某府发〔2023〕8号" {
		t.Errorf("title %q, doc number %q", h.title, h.docNumber)
	}
}

func TestIssuerAboveTitle(t *testing.T) {
	lines := []string{"某府发〔2023〕8号", "某市人民政府", "关于加强耕地保护工作的意见", "各县（区）人民政府：", "为加强耕地保护，现提出以下意见。", "一、落实责任。各地要落实属地责任。"}
	h := readHeader(lines, 5, map[string]string{})
	if h.title != "某市人民政府关于加强耕地保护工作的意见" || h.docNumber != "某府发〔2023〕8号" || strings.Join(h.issuers, ",") != "某市人民政府" {
		t.Errorf("title %q, doc number %q, issuers %v", h.title, h.docNumber, h.issuers)
	}
}

// TestFullIssuers: a signature's short names take the title's full ones only when each
// short name is a shortening of one of them; a body is not taken for its own office.
func TestFullIssuers(t *testing.T) {
	cases := []struct {
		signers []string
		title   string
		want    []string
	}{
		{[]string{"市交通委", "市公安局"}, "上海市交通委员会 上海市公安局关于印发《某方案》的通知", []string{"上海市交通委员会", "上海市公安局"}},
		{[]string{"奉贤区柘林镇人民政府"}, "上海市奉贤区柘林镇人民政府关于印发《某办法》的通知", []string{"上海市奉贤区柘林镇人民政府"}},
		{[]string{"国务院"}, "国务院办公厅关于印发《某方案》的通知", []string{"国务院"}},
		{[]string{"市政府"}, "某市人民政府办公室关于印发《某方案》的通知", []string{"市政府"}},
		{[]string{"市财政局", "市教育局"}, "某市教育局关于印发《某办法》的通知", []string{"市财政局", "市教育局"}},
	}
	for _, c := range cases {
		if got := fullIssuers(c.signers, c.title); !reflect.DeepEqual(got, c.want) {
			t.Errorf("fullIssuers(%v, %q) = %v, want %v", c.signers, c.title, got, c.want)
		}
	}
}
