package parse

import (
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"policysearch"
	"policysearch/divisions"
)

// reCentral marks bodies of the central government: 国务院, 中共中央, 国家… , the
// ministries and commissions (…部, …委, …总局, …署) named without a place, and the
// national academies.
var reCentral = regexp.MustCompile(`^(国务院|中共中央|中央|全国|最高人民|国家|中华人民共和国|中国科学院|中国工程院|中国社会科学院|中国人民银行|海关总署|审计署)|^[^省市县区州盟旗]{1,12}(部|委|总局|署)$`)

// isCentral reports a central body, with its 办公厅/办公室 ("税务总局办公厅").
func isCentral(issuer string) bool {
	s := strings.TrimSuffix(strings.TrimSuffix(issuer, "办公厅"), "办公室")
	return reCentral.MatchString(s) || strings.Contains(s, "中央")
}

func issuerRegion(is string) (divisions.Region, bool) {
	is = strings.TrimPrefix(strings.TrimPrefix(is, "中国共产党"), "中共")
	return divisions.Lookup(is)
}

// resolveRegion fills region and level with the administrative-division table.
//
//   - A region given by metadata (a collection files 杭州's regulations under 浙江) is
//     refined by a narrower one the issuers or title name inside it; one outside it
//     does not overrule it.
//   - Otherwise the issuers or the title name the region (namedRegion); failing
//     them, the place names of the text do, and the region is marked inferred
//     (Document.Inferred).
func resolveRegion(d *policysearch.Document) {
	if d.Region != "" {
		if r, ok := divisions.ByName(d.Region); ok {
			if fine, level, ok := namedRegion(d); ok && refines(fine, r) {
				if d.Level == "" || d.Level == r.Level {
					d.Level = level
					d.Provenance["level"] = "text"
				}
				r = fine
				d.Provenance["region"] = "text"
			}
			d.Region, d.RegionCode = r.Name, r.Code
			if d.Level == "" {
				d.Level = r.Level
				d.Provenance["level"] = d.Provenance["region"]
			}
		}
		return
	}
	if r, level, ok := namedRegion(d); ok {
		setRegion(d, r, level)
		return
	}
	if r, ok := textRegion(d); ok {
		setRegion(d, r, r.Level)
		d.Inferred = append(d.Inferred, "region")
		d.Provenance["region"] = "inferred"
		if d.Provenance["level"] == "text" {
			d.Inferred = append(d.Inferred, "level")
			d.Provenance["level"] = "inferred"
		}
	}
}

// namedRegion is the region a document's issuers or title name, and the level it
// takes:
//
//   - The lead issuer (the first) sets the level. Joint issuers whose regions nest
//     (上海市科委 and 上海市杨浦区人民政府) give the narrowest region, the area the
//     document is about.
//   - A central lead issuer makes the document national.
//   - Failing the lead, another issuer names the region (a law's
//     杭州市人民代表大会常务委员会 → 浙江省杭州市); failing issuers, the title does
//     (杭州市企业工资集体协商条例).
func namedRegion(d *policysearch.Document) (divisions.Region, string, bool) {
	if len(d.Issuers) > 0 {
		if lead, ok := issuerRegion(d.Issuers[0]); ok {
			region := lead
			for _, is := range d.Issuers[1:] {
				if r, ok := issuerRegion(is); ok && within(r, region) {
					region = r
				}
			}
			return region, lead.Level, true
		}
		if isCentral(d.Issuers[0]) {
			return divisions.Nation, policysearch.LevelNational, true
		}
		for _, is := range d.Issuers[1:] {
			if r, ok := issuerRegion(is); ok {
				return r, r.Level, true
			}
		}
	}
	if r, ok := divisions.Lookup(d.Title); ok {
		return r, r.Level, true
	}
	if r, ok := divisions.Find(d.Title); ok {
		return r, r.Level, true
	}
	return divisions.Region{}, "", false
}

// refines reports whether fine lies strictly inside coarse: 浙江省杭州市 inside 浙江省.
func refines(fine, coarse divisions.Region) bool {
	return coarse.Province != "" && fine.Name != coarse.Name && within(fine, coarse)
}

// within reports whether r lies inside (or is) outer.
func within(r, outer divisions.Region) bool {
	for _, a := range r.Ancestors() {
		if a == outer.Name {
			return true
		}
	}
	return false
}

func setRegion(d *policysearch.Document, r divisions.Region, level string) {
	d.Region, d.RegionCode = r.Name, r.Code
	d.Provenance["region"] = "text"
	if d.Level == "" {
		d.Level = level
		d.Provenance["level"] = "text"
	}
}

// maxRegionVotes bounds the paragraphs textRegion reads.
const maxRegionVotes = 500

// textRegion infers the region a document is about from the place names in its
// paragraphs: each paragraph votes for the region it names first (divisions.Find),
// and a vote also counts for every region above it. The deepest region that most
// paragraphs agree on wins, when it holds at least half of the votes and two of
// them: a text that names many provinces alike (a national document) gets none.
func textRegion(d *policysearch.Document) (divisions.Region, bool) {
	votes := map[string]int{}
	regions := map[string]divisions.Region{}
	total := 0
	for i, p := range d.Paragraphs {
		if i >= maxRegionVotes {
			break
		}
		text := p.Text
		if len(text) > 600 {
			// A paragraph's place names come early; the bound keeps huge texts cheap.
			cut := 600
			for cut > 0 && !utf8.RuneStart(text[cut]) {
				cut--
			}
			text = text[:cut]
		}
		r, ok := divisions.Find(text)
		if !ok || r.Name == divisions.Nation.Name {
			continue
		}
		total++
		for _, a := range r.Ancestors() {
			votes[a]++
		}
		regions[r.Name] = r
	}
	if total < 2 {
		return divisions.Region{}, false
	}
	names := make([]string, 0, len(votes))
	for n := range votes {
		names = append(names, n)
	}
	// Deepest first (longest full name), then most votes.
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		if votes[n]*2 >= total && votes[n] >= 2 {
			if r, ok := regions[n]; ok {
				return r, true
			}
			if r, ok := divisions.ByName(n); ok {
				return r, true
			}
		}
	}
	return divisions.Region{}, false
}
