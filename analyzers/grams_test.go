package analyzers

import (
	"reflect"
	"testing"
)

func TestGrams(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"实训基地", []string{"实训", "训基", "基地"}},
		{"建设实训基地，推进1+X证书", []string{"建设", "设实", "实训", "训基", "基地", "推进", "1", "x", "证书"}},
		{"A级景区", []string{"a", "级景", "景区"}},
		{"A级", []string{"a", "级"}},
		{"５Ｇ网络", []string{"5g", "网络"}},
		{"“双师型”教师", []string{"双师", "师型", "教师"}},
		{"第一条 本法", []string{"第一", "一条", "本法"}},
		{"", nil},
		{"，。！", nil},
		{"法", []string{"法"}},
	} {
		if got := Grams(c.in); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Grams(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestGramOffsets(t *testing.T) {
	text := "推进ＡＢ实训"
	EachGram(text, func(g string, start, end int) {
		if start < 0 || end > len(text) || start >= end {
			t.Fatalf("%q: bad offsets %d..%d", g, start, end)
		}
	})
	var spans []string
	EachGram(text, func(g string, start, end int) { spans = append(spans, text[start:end]) })
	if want := []string{"推进", "ＡＢ", "实训"}; !reflect.DeepEqual(spans, want) {
		t.Errorf("spans %q, want %q", spans, want)
	}
}
