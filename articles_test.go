package policysearch_test

import (
	"testing"

	"policysearch"
)

func TestArticleNumber(t *testing.T) {
	for _, c := range []struct {
		in     string
		n, sub int
	}{
		{"1077", 1077, 0}, {"第一千零七十七条", 1077, 0}, {"第1077条", 1077, 0}, {"一千零七十七", 1077, 0},
		{"291之二", 291, 2}, {"291-2", 291, 2}, {"第二百九十一条之二", 291, 2}, {"第十条", 10, 0}, {"第一百零五条", 105, 0},
		{"abc", -1, 0}, {"0", -1, 0}, {"第条", -1, 0}, {"12之x", -1, 0},
	} {
		n, sub, ok := policysearch.ArticleNumber(c.in)
		if c.n < 0 {
			if ok {
				t.Errorf("ArticleNumber(%q) = %d, %d; want not a number", c.in, n, sub)
			}
			continue
		}
		if !ok || n != c.n || sub != c.sub {
			t.Errorf("ArticleNumber(%q) = %d, %d, %v; want %d, %d", c.in, n, sub, ok, c.n, c.sub)
		}
	}
	if got := policysearch.CNNumeral("二〇二〇"); got != 2020 {
		t.Errorf("CNNumeral(二〇二〇) = %d", got)
	}
}
