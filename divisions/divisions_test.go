package divisions

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
)

type testCase struct {
	Fn    string `json:"fn"`
	In    string `json:"in"`
	OK    bool   `json:"ok"`
	Name  string `json:"name"`
	Level string `json:"level"`
	Code  string `json:"code"`
	Why   string `json:"why"`
}

func TestCases(t *testing.T) {
	b, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []testCase
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	fns := map[string]func(string) (Region, bool){"Lookup": Lookup, "Find": Find, "ByName": ByName}
	for _, c := range cases {
		fn, ok := fns[c.Fn]
		if !ok {
			t.Fatalf("unknown fn %q", c.Fn)
		}
		t.Run(c.Fn+"/"+c.In, func(t *testing.T) {
			r, ok := fn(c.In)
			if ok != c.OK {
				t.Fatalf("%s(%q) ok = %v (%+v), want %v; %s", c.Fn, c.In, ok, r, c.OK, c.Why)
			}
			if !ok {
				if r != (Region{}) {
					t.Errorf("%s(%q) = %+v with ok=false, want zero Region", c.Fn, c.In, r)
				}
				return
			}
			if r.Name != c.Name || r.Level != c.Level || r.Code != c.Code {
				t.Errorf("%s(%q) = %s/%s/%q, want %s/%s/%q; %s", c.Fn, c.In, r.Name, r.Level, r.Code, c.Name, c.Level, c.Code, c.Why)
			}
		})
	}
}

func TestAncestors(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"江西省南昌市", []string{"江西省", "江西省南昌市"}},
		{"重庆市綦江区", []string{"重庆市", "重庆市綦江区"}},
		{"山东省青岛市市南区", []string{"山东省", "山东省青岛市", "山东省青岛市市南区"}},
		{"山东省", []string{"山东省"}},
		{"河南省济源市", []string{"河南省", "河南省济源市"}},
		{"香港特别行政区湾仔区", []string{"香港特别行政区", "香港特别行政区湾仔区"}},
		{"全国", []string{"全国"}},
	} {
		r, ok := ByName(tc.in)
		if !ok {
			t.Fatalf("ByName(%q) not found", tc.in)
		}
		if got := r.Ancestors(); !slices.Equal(got, tc.want) {
			t.Errorf("%s.Ancestors() = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got := (Region{}).Ancestors(); got != nil {
		t.Errorf("zero Region Ancestors() = %q, want nil", got)
	}
}

// TestData checks the invariants the matcher relies on over the whole table.
func TestData(t *testing.T) {
	ix, err := load()
	if err != nil {
		t.Fatal(err)
	}
	if len(ix.full) != len(ix.nodes) {
		t.Errorf("%d divisions but %d distinct full names", len(ix.nodes), len(ix.full))
	}
	levels := map[string]int{}
	for _, n := range ix.nodes {
		levels[n.Level]++
		// Every division is reachable by its full name, which is what gets stored
		// in the index and typed back into filters.
		r, ok := ByName(n.Name)
		if !ok || r != n.Region {
			t.Errorf("ByName(%q) = %+v, %v", n.Name, r, ok)
		}
		got := n.Ancestors()
		if got[len(got)-1] != n.Name {
			t.Errorf("%s: Ancestors() = %q", n.Name, got)
		}
		for _, a := range got {
			if _, ok := ix.full[a]; !ok {
				t.Errorf("%s: ancestor %q is not a division", n.Name, a)
			}
		}
		if n.Code != "" && n.parent >= 0 && n.Code[:2] != ix.nodes[n.parent].Code[:2] {
			t.Errorf("%s: code %s outside its province %s", n.Name, n.Code, ix.nodes[n.parent].Code)
		}
		// The full name is a complete path, so Lookup must give the division back.
		if r, ok := Lookup(n.Name); !ok || r.Name != n.Name {
			t.Errorf("Lookup(%q) = %+v, %v", n.Name, r, ok)
		}
	}
	if levels[LevelProvince] != 34 {
		t.Errorf("%d province-level divisions, want 34", levels[LevelProvince])
	}
	if levels[LevelCity] < 333 || levels[LevelCounty] < 2800 {
		t.Errorf("suspiciously few divisions: %v", levels)
	}
	// An alias must not shadow a current name, or it would make that name
	// ambiguous.
	own := map[string]bool{}
	for _, n := range ix.nodes {
		own[n.Province], own[n.City], own[n.County] = true, true, true
	}
	b, err := dataFS.ReadFile("data/names.json")
	if err != nil {
		t.Fatal(err)
	}
	var extra namesFile
	if err := json.Unmarshal(b, &extra); err != nil {
		t.Fatal(err)
	}
	for _, a := range extra.Aliases {
		if own[a.Name] {
			t.Errorf("alias %q is also the name of a current division", a.Name)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	get()
	for b.Loop() {
		Lookup("重庆市綦江区教育委员会关于印发2024年工作要点的通知")
	}
}

func BenchmarkFind(b *testing.B) {
	get()
	for b.Loop() {
		Find("关于推进南昌市职业教育高质量发展的实施意见")
	}
}
