package divisions

import (
	"strings"
	"unicode"
)

// Levels of a Region.
const (
	LevelNation   = "国家"
	LevelProvince = "省"  // provinces, autonomous regions, municipalities, HK/MO/TW
	LevelCity     = "市"  // prefecture-level cities, 地区, 盟, 自治州
	LevelCounty   = "区县" // county-level divisions, including municipality districts
)

// Region is one administrative division, or the whole country.
type Region struct {
	Name     string // full name, e.g. "江西省南昌市", "重庆市綦江区", "山东省", "全国"
	Code     string // GB/T 2260 code, e.g. "3601", "500110"; "" for 全国 and below province level in HK/MO/TW
	Level    string // LevelProvince, LevelCity, LevelCounty or LevelNation
	Province string // "江西省"; "" for 全国
	City     string // "南昌市"; "" for a province and for counties directly under a province
	County   string // "綦江区"; "" above county level
}

// Nation is the region of documents that apply to the whole country.
var Nation = Region{Name: "全国", Level: LevelNation}

// Ancestors returns the full names from the province down to r itself, so a
// document can be indexed under every region a filter might name:
// 山东省青岛市市南区 → ["山东省", "山东省青岛市", "山东省青岛市市南区"];
// 重庆市綦江区 → ["重庆市", "重庆市綦江区"]; 全国 → ["全国"]. The zero Region has
// none.
func (r Region) Ancestors() []string {
	if r.Province == "" {
		if r.Name == "" {
			return nil
		}
		return []string{r.Name}
	}
	out := []string{r.Province}
	if r.City != "" {
		out = append(out, r.Province+r.City)
	}
	if r.County != "" {
		out = append(out, r.Province+r.City+r.County)
	}
	return out
}

// Lookup finds the most specific division named at the start of s, an issuer or
// a title: "南昌市人民政府" → 江西省南昌市, "重庆市綦江区教育委员会" → 重庆市綦江区,
// "吉林市…" → 吉林省吉林市, "教育部" → ok=false. Leading spaces and punctuation
// are skipped.
//
// Names are matched longest first, and consecutive names are read as a path
// down the hierarchy ("山东省青岛市市南区"); a following name that is not inside
// the region read so far ends the match. Provinces may be named without their
// suffix ("山东", "广西"); cities and counties need their full name, an
// autonomous prefecture abbreviation ("恩施州") or a former name listed in
// data/names.json.
//
// Ambiguity rule: when a name fits several divisions (朝阳区 in 北京 and in 长春),
// only those inside the province or city named before it are kept; if several
// remain, the result is their deepest common ancestor (桥西区 alone → 河北省,
// 江苏省鼓楼区 → 江苏省), and ok=false when they share none (朝阳区 alone).
// Division names that are also everyday words (城区, 矿区, 新城区) count only
// right after their province or city, and a name ending in 区 or 县 right
// before 域 is read as 区域/县域 ("河北区域…" is 河北, not Tianjin's 河北区).
func Lookup(s string) (Region, bool) {
	ix := get()
	s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
	off := runeOffsets(s)
	cands, end := ix.chain(s, off, 0, -1, modeLookup)
	if end == 0 {
		return Region{}, false
	}
	return ix.region(ix.resolve(cands))
}

// Find is Lookup for names anywhere in s, a fallback for titles such as
// "关于推进南昌市职业教育…" (→ 江西省南昌市). Texts like "各县（区）人民政府" give
// ok=false.
//
// The first region named wins; later names refine it when they lie inside it
// ("江西省关于推进南昌市…" → 江西省南昌市) and end the search when they do not.
// Earlier names also disambiguate later ones as in Lookup. Because titles are
// prose, Find is stricter than Lookup about names that occur inside ordinary
// words: two-character city and county names (范县 in 示范县, 兴县 in 振兴县域),
// former names (新建县 in 新建县城) and the districts of Hong Kong, Macao and
// Taiwan count only right after their city or province.
func Find(s string) (Region, bool) {
	ix := get()
	off := runeOffsets(s)
	n := len(off) - 1
	ctx := int32(-1)
	for pos := 0; pos < n; {
		cands, end := ix.chain(s, off, pos, ctx, modeFind)
		if end == pos {
			pos++
			continue
		}
		pos = end
		id := ix.resolve(cands)
		switch {
		case id < 0:
		case ctx < 0 || ix.within(id, ctx):
			ctx = id
		case ix.within(ctx, id):
			// A broader restatement ("南昌市…江西省") adds nothing.
		default:
			return ix.region(ctx)
		}
	}
	return ix.region(ctx)
}

// ByName resolves a region filter value typed by a user: "山东" or "山东省" →
// 山东省; "南昌" or "南昌市" → 江西省南昌市; "江西省南昌市" → itself; "全国" →
// Nation; unknown or ambiguous names → ok=false.
//
// The whole value must be a path of division names as in Lookup, with exactly
// one reading: 桥西区 gives ok=false rather than Lookup's 河北省. A bare stem
// ("南昌", "綦江", "恩施") is tried with the usual suffixes, and the highest
// level wins (南昌市 over 南昌县), provided it is unique at that level.
func ByName(name string) (Region, bool) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Region{}, false
	}
	if name == Nation.Name {
		return Nation, true
	}
	ix := get()
	if id, ok := ix.full[name]; ok {
		return ix.region(id)
	}
	if id := ix.whole(name); id >= 0 {
		return ix.region(id)
	}
	best := int32(-1)
	ambiguous := false
	for _, suffix := range stemSuffixes {
		id := ix.whole(name + suffix)
		switch {
		case id < 0 || id == best:
		case best < 0 || ix.nodes[id].depth < ix.nodes[best].depth:
			best, ambiguous = id, false
		case ix.nodes[id].depth == ix.nodes[best].depth:
			ambiguous = true
		}
	}
	if ambiguous {
		return Region{}, false
	}
	return ix.region(best)
}

// stemSuffixes complete a bare name typed into a filter (浦东 → 浦东新区); 州
// reaches the autonomous prefecture abbreviations (恩施 → 恩施州).
var stemSuffixes = []string{"市", "地区", "盟", "州", "区", "新区", "县", "旗"}
