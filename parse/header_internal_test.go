package parse

import (
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
