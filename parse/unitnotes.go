package parse

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Documents name who carries out a measure in many forms:
//
//	（人力资源社会保障部、财政部负责）           units, then 负责
//	（省商务厅牵头，省发展改革委、省财政厅按职责分工配合） lead and cooperating units
//	（牵头单位：市教育局；配合单位：市财政局）       keys
//	［责任单位：市科委、市经济信息化委］             keys in square brackets
//	（5月底取得成效，牵头考核单位：市审批服务局）    a key after other words
//	（税务总局、财政部负责，排在第一位的部门为牵头部门，下同） the first listed leads, here
//	                                            and in the notes after it
//
// unitNotes reads every such note of a paragraph and keeps lead (or plainly
// responsible) units apart from cooperating ones.

// unitRole is what a key or a verb says of the units it names.
type unitRole int

const (
	roleNone unitRole = iota
	roleLead
	roleCoop
)

// unitKeyRoles are the keys of responsibility notes with the role of their units.
var unitKeyRoles = map[string]unitRole{
	"责任单位": roleLead, "牵头单位": roleLead, "责任部门": roleLead, "牵头部门": roleLead, "负责部门": roleLead,
	"负责单位": roleLead, "主责单位": roleLead, "责任主体": roleLead, "责任处室": roleLead, "牵头考核单位": roleLead,
	"牵头处室": roleLead, "主办单位": roleLead, "牵头及责任单位": roleLead, "指导部门": roleLead, "指导单位": roleLead,
	"监督部门": roleLead, "监督单位": roleLead,
	"配合单位": roleCoop, "配合部门": roleCoop, "参与单位": roleCoop, "参与部门": roleCoop, "协办单位": roleCoop,
	"协同单位": roleCoop, "协助单位": roleCoop, "协同部门": roleCoop, "配合处室": roleCoop,
	"支撑单位": roleCoop, "支撑部门": roleCoop, "支持单位": roleCoop, "支持部门": roleCoop, "协作单位": roleCoop,
}

var (
	reUnitKeyAny = regexp.MustCompile(`(牵头及责任单位|牵头考核单位|(?:责任|牵头|负责|主责|配合|参与|协办|协同|协助|监督|指导|主办|支撑|支持|协作)(?:单位|部门|处室)|责任主体)\s*[:：]`)
	// Another label after a list of units ends it: "责任部门：市交通委、市公安局。时间节点：
	// 2025年3月", "牵头单位：区经委，完成时限：年底".
	reNoteLabel = regexp.MustCompile(`[，,。；;\s]\s*[^，,。；;：:\s]{2,8}\s*[:：]`)
	// A segment that ends with what its units do.
	reUnitVerb = regexp.MustCompile(`^(.+?)(?:等)?(?:按照?职责分工|按职能分工|按职责|分别|共同|会同)?(牵头负责|牵头落实|牵头|负责落实|负责|配合|参与|协助|协同)$`)
	// "排在第一位的部门为牵头部门", "列第一位者为牵头单位", "排名第一的为牵头单位".
	reFirstLeads = regexp.MustCompile(`(?:排在|列|排名|位列)?(?:第一位|首位|第一)(?:的|者)?(?:部门|单位)?(?:为|是)牵头(?:部门|单位)`)
)

// unitNotes returns the lead and cooperating units a paragraph's notes name.
// firstLeads carries "the first listed unit leads" from an earlier note that said
// 下同; the third result says whether this paragraph sets it for those after it.
func unitNotes(text string, firstLeads bool) (lead, coop []string, setsFirstLeads bool) {
	if !strings.ContainsAny(text, "）)］]】") {
		return nil, nil, false
	}
	for _, note := range bracketNotes(text) {
		l, c, first, sets := readNote(note)
		if first && len(l)+len(c) == 0 {
			// "（列第一位者为牵头单位）" alone states the rule for the notes that follow.
			sets = true
		}
		if sets {
			setsFirstLeads = true
			firstLeads = true
		}
		if first || (firstLeads && len(c) == 0 && len(l) > 1 && !strings.Contains(note, "牵头")) {
			// The first unit listed leads; the others cooperate.
			if len(l) > 1 {
				c = append(l[1:], c...)
				l = l[:1]
			}
		}
		lead = appendNew(lead, l...)
		coop = appendNew(coop, c...)
	}
	// A unit that leads one part of a measure and helps with another leads.
	kept := coop[:0]
	for _, u := range coop {
		if !contains(lead, u) {
			kept = append(kept, u)
		}
	}
	return lead, kept, setsFirstLeads
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		if !contains(list, it) {
			list = append(list, it)
		}
	}
	return list
}

// bracketNotes lists the contents of the bracketed spans of text that may be unit
// notes: （…）, (…), ［…］, […], 【…】, with brackets inside names (各县（区）) kept.
func bracketNotes(text string) []string {
	var notes []string
	depth, start := 0, 0
	for i, r := range text {
		switch r {
		case '（', '(', '［', '[', '【':
			if depth == 0 {
				start = i + utf8.RuneLen(r)
			}
			depth++
		case '）', ')', '］', ']', '】':
			if depth == 0 {
				continue
			}
			depth--
			if depth == 0 {
				if n := text[start:i]; utf8.RuneCountInString(n) <= 400 && reNoteHint.MatchString(n) {
					notes = append(notes, n)
				}
			}
		}
	}
	return notes
}

var reNoteHint = regexp.MustCompile(`负责|牵头|配合|参与|协助|协同|单位|部门|处室|责任主体`)

// readNote reads one note: its keyed values, or its segments that end in a verb.
func readNote(note string) (lead, coop []string, firstLeads, setsFirstLeads bool) {
	if reFirstLeads.MatchString(note) {
		firstLeads = true
		setsFirstLeads = strings.Contains(note, "下同")
		note = reFirstLeads.ReplaceAllString(note, "")
	}
	if locs := reUnitKeyAny.FindAllStringSubmatchIndex(note, -1); locs != nil {
		for i, loc := range locs {
			end := len(note)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			key := compact(note[loc[2]:loc[3]])
			value := note[loc[1]:end]
			if m := reNoteLabel.FindStringIndex(value); m != nil {
				value = value[:m[0]]
			}
			// The key says these are units: no need to check their names.
			units := splitUnits(strings.Trim(value, "，,；; 。"))
			if unitKeyRoles[key] == roleCoop {
				coop = appendNew(coop, units...)
			} else {
				lead = appendNew(lead, units...)
			}
		}
		return lead, coop, firstLeads, setsFirstLeads
	}
	for _, seg := range strings.FieldsFunc(note, func(r rune) bool { return strings.ContainsRune("，,；;。", r) }) {
		seg = strings.TrimSpace(seg)
		m := reUnitVerb.FindStringSubmatch(seg)
		if m == nil {
			continue
		}
		units := unitList(m[1])
		if len(units) == 0 {
			continue
		}
		switch m[2] {
		case "配合", "参与", "协助", "协同":
			coop = appendNew(coop, units...)
		default:
			lead = appendNew(lead, units...)
		}
	}
	return lead, coop, firstLeads, setsFirstLeads
}

// unitList splits a list of units, keeping it only when every part reads as the name
// of a body: a list that holds a clause ("加快建设、完善机制") is not a note.
func unitList(s string) []string {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "等"))
	if s == "" {
		return nil
	}
	units := splitUnits(strings.ReplaceAll(s, "等和", "、"))
	for _, u := range units {
		if !unitName(u) {
			return nil
		}
	}
	return units
}

// reUnitEnd ends the names of bodies, in full or abbreviated (发展改革委, 扶贫办, 全国妇联,
// 合肥海关, 各省级人民政府, 申康医院发展中心, 各区政府).
var reUnitEnd = regexp.MustCompile(`(部|委|局|厅|办|署|院|会|室|处|科|所|站|队|行|司|联|关|社|台|馆|中心|政府|集团|公司|学校|高校|大学|组委|中央|机构|部门|单位|企业|园区|街道|乡镇|镇|县|区|市|省|旗)$`)

func unitName(u string) bool {
	n := utf8.RuneCountInString(u)
	if n < 2 || n > 40 || strings.ContainsAny(u, "。；;：:") {
		return false
	}
	return reUnitEnd.MatchString(u)
}

// reBareDivision is a list item that names only a kind of division ("各区", "县级市"),
// which shares the name that ends the list item after it: "各区、县级市人民政府".
var reBareDivision = regexp.MustCompile(`^各?(区|县|市|县级市|旗|镇|乡|乡镇|街道|省|自治区|直辖市|州|盟)$`)
