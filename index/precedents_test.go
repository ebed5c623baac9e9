package index_test

import (
	"context"
	"encoding/json"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"

	"policysearch"
	"policysearch/index"
)

type pairFile struct {
	Pairs []struct {
		LocalDoc    string `json:"local_doc"`
		Local       string `json:"local"`
		NationalDoc string `json:"national_doc"`
		National    string `json:"national"`
		Shared      string `json:"shared"`
	} `json:"pairs"`
}

// paragraphWith finds the one paragraph of a document holding a phrase.
func paragraphWith(t *testing.T, ix *index.Index, doc, phrase string) policysearch.Hit {
	t.Helper()
	res := search(t, ix, policysearch.SearchRequest{Query: `"` + phrase + `" doc:` + doc})
	if res.Total != 1 {
		t.Fatalf("%s in %s: %d paragraphs, want 1", phrase, doc, res.Total)
	}
	return res.Hits[0]
}

var reMark = regexp.MustCompile(`<mark>(.*?)</mark>`)

// marked returns the passages in <mark> of an HTML-escaped text, unescaped.
func marked(s string) []string {
	var out []string
	for _, m := range reMark.FindAllStringSubmatch(s, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

// skeleton keeps letters and digits of the normalised text, which is what shared
// passages are compared on (punctuation inside them may differ).
func skeleton(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || strings.ContainsRune("，。、；：！？“”‘’（）《》()[],.;:!?\"'—…-·", r) {
			return -1
		}
		return r
	}, policysearch.Normalize(s))
}

// TestPrecedents runs the hand-checked pairs of ../similar/testdata/pairs.json through
// the index: the national paragraph a local one follows is its top precedent from
// another document and the start of its lineage, and every marked passage really occurs
// in both texts.
func TestPrecedents(t *testing.T) {
	raw, err := os.ReadFile("../similar/testdata/pairs.json")
	if err != nil {
		t.Fatal(err)
	}
	var pf pairFile
	if err := json.Unmarshal(raw, &pf); err != nil {
		t.Fatal(err)
	}
	if len(pf.Pairs) < 8 {
		t.Fatalf("only %d pairs", len(pf.Pairs))
	}
	ix := seedIndex(t, index.Options{})
	ctx := context.Background()
	for _, p := range pf.Pairs {
		local := paragraphWith(t, ix, p.LocalDoc, p.Local)
		national := paragraphWith(t, ix, p.NationalDoc, p.National)
		res, err := ix.Similar(ctx, local.ID, 5, "")
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) == 0 || res.Hits[0].ID != national.ID {
			var got []string
			for _, h := range res.Hits {
				got = append(got, h.ID)
			}
			t.Errorf("%s: precedents %v, want %s first", local.ID, got, national.ID)
			continue
		}
		top := res.Hits[0]
		for _, h := range res.Hits {
			if h.DocID == local.DocID {
				t.Errorf("%s: scope other_docs returned %s of the same document", local.ID, h.ID)
			}
			if h.Similarity < 0.05 {
				t.Errorf("%s: %s listed with similarity %.3f, under the 0.05 threshold", local.ID, h.ID, h.Similarity)
			}
		}
		for _, m := range marked(top.Marked) {
			if !strings.Contains(skeleton(local.Text), skeleton(m)) || len([]rune(skeleton(m))) < 8 {
				t.Errorf("%s: passage %q marked in %s is not in the local text", local.ID, m, top.ID)
			}
		}
		for _, m := range marked(top.SourceMarked) {
			if !strings.Contains(skeleton(national.Text), skeleton(m)) {
				t.Errorf("%s: passage %q marked in the source is not in %s", local.ID, m, top.ID)
			}
		}
		if !strings.Contains(skeleton(strings.Join(marked(top.Marked), "|")), skeleton(p.Shared)) {
			t.Errorf("%s: the shared passage %q is not marked", local.ID, p.Shared)
		}
		lin, err := ix.Lineage(ctx, local.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(lin.Chain) == 0 || lin.Chain[0].DocID != p.NationalDoc {
			t.Errorf("%s: lineage %+v does not start at the national plan", local.ID, lin.Chain)
		}
		for i := 1; i < len(lin.Chain); i++ {
			if lin.Chain[i].Date < lin.Chain[i-1].Date {
				t.Errorf("%s: lineage not oldest first", local.ID)
			}
		}
	}
}

func TestSimilarTextAndCompare(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	ctx := context.Background()
	pasted := "加强主流媒体、新兴媒体对职业教育的宣传力度，打造一批形式多样的职业教育宣传品牌。"
	res, err := ix.SimilarText(ctx, pasted, 5)
	if err != nil || len(res.Hits) < 2 {
		t.Fatalf("pasted clause: %v, %+v", err, res)
	}
	for _, bad := range []string{"职业教育", strings.Repeat("职", 6000)} {
		if _, err := ix.SimilarText(ctx, bad, 5); err == nil {
			t.Errorf("%d characters: no error", len([]rune(bad)))
		}
	}
	for _, local := range []string{"qijiang-2023-ssfa", "jiamusi-2022-fzgh", "nanchang-2021-ssfa"} {
		c, err := ix.Compare(ctx, "moe-2020-tzpy", local)
		if err != nil {
			t.Fatal(err)
		}
		if c.Coverage <= 0 || c.Coverage >= 1 || c.CoveredChars > c.TotalChars || len(c.Pairs) == 0 {
			t.Errorf("%s: coverage %.3f (%d/%d), %d pairs", local, c.Coverage, c.CoveredChars, c.TotalChars, len(c.Pairs))
		}
		for _, p := range c.Pairs {
			if p.A.DocID != "moe-2020-tzpy" || p.B.DocID != local {
				t.Errorf("pair %s/%s from the wrong documents", p.A.ID, p.B.ID)
			}
		}
	}
	if _, err := ix.Compare(ctx, "moe-2020-tzpy", "moe-2020-tzpy"); policysearch.ErrorCode(err) != policysearch.EINVALID {
		t.Errorf("self-compare: %v", err)
	}
	if _, err := ix.Similar(ctx, "nope", 5, ""); policysearch.ErrorCode(err) != policysearch.ENOTFOUND {
		t.Errorf("unknown paragraph: %v", err)
	}
}

// TestPrecedentsPersist: signatures stored with the index give the same precedents
// after reopening.
func TestPrecedentsPersist(t *testing.T) {
	dir := t.TempDir()
	ix := seedIndex(t, index.Options{Dir: dir})
	before, _ := ix.Similar(context.Background(), "qijiang-2023-ssfa-m18", 5, "")
	ix.Close()
	re, err := index.Open(index.Options{Dir: dir, Segmenter: seg})
	if err != nil {
		t.Fatal(err)
	}
	defer re.Close()
	after, _ := re.Similar(context.Background(), "qijiang-2023-ssfa-m18", 5, "")
	if len(before.Hits) == 0 || len(after.Hits) != len(before.Hits) || after.Hits[0].ID != before.Hits[0].ID {
		t.Errorf("before %+v\nafter %+v", before.Hits, after.Hits)
	}
}
