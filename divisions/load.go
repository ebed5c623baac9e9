package divisions

import (
	"embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

//go:embed data/pca-code.json data/HK-MO-TW.json data/names.json
var dataFS embed.FS

// node is a Region plus its place in the tree. Parents skip the pseudo levels
// of the source (市辖区, 省直辖县级行政区划...), so a municipality district's
// parent is the municipality itself.
type node struct {
	Region
	parent int32 // -1 for a province
	depth  uint8 // 0 province, 1 city, 2 county
	// outside marks divisions below the province in HK/MO/TW, whose names (中山区,
	// 太平区, 成功镇) collide with mainland places and everyday words.
	outside bool
}

type index struct {
	nodes    []node
	names    map[string][]int32 // every accepted spelling → divisions
	full     map[string]int32   // full name → division
	generic  map[string]bool    // names that are also everyday words
	former   map[string]bool    // names from the renamed aliases
	maxRunes int                // longest key in names, bounds the match loop
}

var (
	loadOnce sync.Once
	loaded   *index
	loadErr  error
)

// get returns the shared index. The data is embedded, so a parse failure is a
// build defect that the tests catch; panicking beats silently resolving nothing.
func get() *index {
	loadOnce.Do(func() { loaded, loadErr = load() })
	if loadErr != nil {
		panic("divisions: " + loadErr.Error())
	}
	return loaded
}

type pcaEntry struct {
	Code     string     `json:"code"`
	Name     string     `json:"name"`
	Children []pcaEntry `json:"children"`
}

type namesFile struct {
	Aliases []struct {
		Name   string `json:"name"`
		Target string `json:"target"`
		Kind   string `json:"kind"` // short, abbrev or renamed
	} `json:"aliases"`
	Generic       []string          `json:"generic"`
	ProvinceCodes map[string]string `json:"provinceCodes"`
}

func load() (*index, error) {
	var pca []pcaEntry
	var hmt map[string]map[string][]string
	var extra namesFile
	for _, f := range []struct {
		path string
		v    any
	}{{"data/pca-code.json", &pca}, {"data/HK-MO-TW.json", &hmt}, {"data/names.json", &extra}} {
		b, err := dataFS.ReadFile(f.path)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, f.v); err != nil {
			return nil, fmt.Errorf("%s: %w", f.path, err)
		}
	}

	ix := &index{
		names:   make(map[string][]int32, 4096),
		full:    make(map[string]int32, 4096),
		generic: make(map[string]bool, len(extra.Generic)),
		former:  make(map[string]bool),
	}
	for _, p := range pca {
		pid := ix.addProvince(p.Name, p.Code, false)
		for _, c := range p.Children {
			parent := pid
			if !isPseudoCity(c.Name) {
				parent = ix.add(pid, c.Name, c.Code, 1, false)
			}
			for _, k := range c.Children {
				// 东莞, 中山, 儋州 and 嘉峪关 have no county level; the source lists
				// their towns (9-digit codes) instead, which are too fine-grained
				// and too often homonymous to resolve.
				if len(k.Code) != 6 {
					continue
				}
				ix.add(parent, k.Name, k.Code, 2, false)
			}
		}
	}

	for _, pname := range sortedKeys(hmt) {
		code, ok := extra.ProvinceCodes[pname]
		if !ok {
			return nil, fmt.Errorf("names.json: no provinceCodes entry for %s", pname)
		}
		pid := ix.addProvince(pname, code, true)
		for _, cname := range sortedKeys(hmt[pname]) {
			// Taiwan lists cities and counties; Hong Kong and Macao list
			// geographic groupings (九龙, 澳门半岛) that are not divisions, so
			// their districts hang directly under the province.
			parent := pid
			if strings.HasSuffix(cname, "市") || strings.HasSuffix(cname, "县") {
				parent = ix.add(pid, cname, "", 1, true)
			}
			for _, k := range hmt[pname][cname] {
				ix.add(parent, k, "", 2, true)
			}
		}
	}

	for _, a := range extra.Aliases {
		id, ok := ix.full[a.Target]
		if !ok {
			return nil, fmt.Errorf("names.json: alias %s: unknown target %s", a.Name, a.Target)
		}
		ix.addName(a.Name, id)
		if a.Kind == "renamed" {
			ix.former[a.Name] = true
		}
	}
	for _, g := range extra.Generic {
		ix.generic[g] = true
	}
	return ix, nil
}

func isPseudoCity(name string) bool {
	return name == "市辖区" || name == "县" || strings.HasSuffix(name, "直辖县级行政区划")
}

func (ix *index) addProvince(name, code string, outside bool) int32 {
	id := ix.add(-1, name, code, 0, outside)
	// Documents say 山东, 黑龙江, 北京, 香港 as often as the full name; the
	// autonomous regions' short names (广西, 新疆) are not a plain suffix strip and
	// come from names.json.
	for _, suffix := range []string{"特别行政区", "省", "市"} {
		if short, ok := strings.CutSuffix(name, suffix); ok && utf8.RuneCountInString(short) >= 2 {
			ix.addName(short, id)
			break
		}
	}
	return id
}

// add records a division; depth is given rather than derived from the parent
// because counties of municipalities and of 省直辖县级行政区划 sit directly
// under their province.
func (ix *index) add(parent int32, name, code string, depth uint8, outside bool) int32 {
	// Macao parishes carry their island in brackets: 嘉模堂区（氹仔）.
	if i := strings.Index(name, "（"); i > 0 {
		name = name[:i]
	}
	n := node{Region: Region{Code: code}, parent: parent, depth: depth, outside: outside}
	switch depth {
	case 0:
		n.Level, n.Province = LevelProvince, name
	case 1:
		n.Level, n.Province, n.City = LevelCity, ix.nodes[parent].Province, name
	default:
		p := ix.nodes[parent]
		n.Level, n.Province, n.City, n.County = LevelCounty, p.Province, p.City, name
	}
	n.Name = n.Province + n.City + n.County
	id := int32(len(ix.nodes))
	ix.nodes = append(ix.nodes, n)
	ix.full[n.Name] = id
	ix.addName(name, id)
	return id
}

func (ix *index) addName(name string, id int32) {
	if slices.Contains(ix.names[name], id) {
		return
	}
	ix.names[name] = append(ix.names[name], id)
	ix.maxRunes = max(ix.maxRunes, utf8.RuneCountInString(name))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// region converts a node id into the public value; -1 means not found.
func (ix *index) region(id int32) (Region, bool) {
	if id < 0 {
		return Region{}, false
	}
	return ix.nodes[id].Region, true
}
