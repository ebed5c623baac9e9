package parse

import (
	"regexp"
	"strings"

	"policysearch"
	"policysearch/divisions"
)

var (
	// An info or header line that publishes the text: "1995年12月12日 中华人民共和国国务院令
	// 第188号发布", "…常务委员会公告公布施行".
	rePublishLine = regexp.MustCompile(`公布|发布|颁布`)
	// A line that puts it in force: "2021年1月1日 施行", "…公告公布施行".
	reInForceLine = regexp.MustCompile(`施行|生效`)
	// The clause that puts a text in force: 本法自2021年1月1日起施行, 本条例自公布之日起施行.
	reEffective = regexp.MustCompile(`本(?:法|条例|规定|办法|解释|决定|细则|规则|准则|意见|通知|方案|规划|计划|措施|标准|修正案)?(?:自|从)\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|公布之日|发布之日|颁布之日|印发之日)\s*起\s*(?:施行|实施|执行|生效)`)
	// A sentence that repeals earlier texts: "…通过的《上海市排水管理条例》同时废止".
	reRepealSentence = regexp.MustCompile(`[^。；]*同时(?:废止|失效)`)
	// An amendment's own title: 中华人民共和国刑法修正案（十一）, or a decision to amend:
	// 全国人民代表大会常务委员会关于修改《中华人民共和国教育法》的决定.
	reAmendment = regexp.MustCompile(`^(.+?)修正案(?:[（(][一二三四五六七八九十]+[）)])?$`)
	reAmendDec  = regexp.MustCompile(`关于修改《([^》]+)》`)
	// Names inside a title quoted with 〈〉 within 《》 ("《关于修改〈上海市…条例〉的决定》").
	reInnerQuote = regexp.MustCompile(`[〈<]([^〉>]+)[〉>]`)
)

// legalForces are the doc types of laws and regulations, whose documents always have a
// status.
var legalForces = map[string]bool{"宪法": true, "法律": true, "行政法规": true, "监察法规": true, "司法解释": true,
	"地方性法规": true, "部门规章": true, "地方政府规章": true, "自治条例": true, "单行条例": true}

// infoDates reads the publication and effective dates of a law from its header lines
// (the info lines of a Markdown law, or the lines between title and body of a page):
// the last event that publishes it, and the last that puts it in force, each dated by
// the date written before it ("…2013年11月22日…批准2013年12月9日…公布" is published on
// 12-09).
func infoDates(lines []string) (published, effective string) {
	for _, l := range lines {
		var dates []string
		var ends []int
		for off := 0; off < len(l); {
			d, at, ok := findDate(l[off:])
			if !ok {
				break
			}
			dates, ends = append(dates, d), append(ends, off+at[1])
			off += at[1]
		}
		dateBefore := func(pos int) string {
			got := ""
			for i, e := range ends {
				if e <= pos {
					got = dates[i]
				}
			}
			return got
		}
		for _, m := range rePublishLine.FindAllStringIndex(l, -1) {
			if d := dateBefore(m[0]); d != "" {
				published = d
			}
		}
		for _, m := range reInForceLine.FindAllStringIndex(l, -1) {
			if d := dateBefore(m[0]); d != "" {
				effective = d
			}
		}
	}
	return published, effective
}

// completeIssuers names the division of an issuer that a law's own text calls only
// 市 or 省 ("市十二届人民代表大会常务委员会" in a 杭州 regulation), once the region is known.
func completeIssuers(d *policysearch.Document) {
	r, ok := divisions.ByName(d.Region)
	if !ok {
		return
	}
	for i, is := range d.Issuers {
		is = reTermOfOffic.ReplaceAllString(is, "")
		switch {
		case strings.HasPrefix(is, "市") && r.City != "":
			is = r.City + strings.TrimPrefix(is, "市")
		case strings.HasPrefix(is, "省") && r.Province != "":
			is = r.Province + strings.TrimPrefix(is, "省")
		default:
			continue
		}
		d.Issuers[i] = is
	}
}

// lawText fills what a law says of itself, where nothing more authoritative has:
// its effective date (本法自…起施行, the last such clause: earlier ones are quoted), the
// titles it repeals (…同时废止), the law an amendment amends, and its status.
func lawText(d *policysearch.Document) {
	isLaw := legalForces[d.DocType]
	var clause []string
	for i := len(d.Paragraphs) - 1; i >= 0; i-- {
		p := d.Paragraphs[i]
		if p.Kind == policysearch.KindArticle {
			isLaw = true
		}
		if clause == nil {
			clause = reEffective.FindStringSubmatch(p.Text)
			if clause != nil {
				for _, s := range reRepealSentence.FindAllString(p.Text, -1) {
					for _, m := range reGuillemet.FindAllStringSubmatch(s, -1) {
						if t := reInnerQuote.ReplaceAllString(m[1], "$1"); !contains(d.Repeals, t) {
							d.Repeals = append(d.Repeals, t)
						}
					}
				}
			}
		}
	}
	if d.Effective == "" && clause != nil {
		if date, _, ok := findDate(clause[1]); ok {
			d.Effective = date
		} else if d.Published != "" {
			d.Effective = d.Published // 自公布之日起施行
		}
		if d.Effective != "" {
			d.Provenance["effective"] = "text"
		}
	}
	if d.Amends == "" {
		if m := reAmendment.FindStringSubmatch(d.Title); m != nil {
			d.Amends = m[1]
		} else if m := reAmendDec.FindStringSubmatch(d.Title); m != nil {
			d.Amends = reInnerQuote.ReplaceAllString(m[1], "$1")
		}
	}
	switch d.Status {
	case policysearch.StatusAmended, policysearch.StatusRepealed:
		return // stated by metadata: no text overrules it
	}
	if isLaw || d.Effective != "" {
		d.Status = policysearch.StatusInForce
		d.Status = policysearch.StatusOn(d, policysearch.Today())
		if d.Provenance["status"] == "" {
			d.Provenance["status"] = "text"
		}
	}
}

// splitJoint splits a joint issuer written as one value ("最高人民法院、最高人民检察院",
// "最高人民法院 最高人民检察院") into its bodies, when every part is an issuing body.
func splitJoint(s string) []string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return isSpaceLike(r) || strings.ContainsRune("、，,；;/", r) })
	if len(parts) < 2 {
		return []string{s}
	}
	for _, p := range parts {
		if !isOrgName(p) {
			return []string{s}
		}
	}
	return parts
}

// issuerRegion is the division the first issuer that names one names:
// 杭州市人民代表大会常务委员会 → 浙江省杭州市. Failing that, a title that starts with a
// division's name names it (杭州市企业工资集体协商条例).
func issuerRegion(issuers []string, title string) (divisions.Region, bool) {
	for _, is := range issuers {
		is = strings.TrimPrefix(strings.TrimPrefix(is, "中国共产党"), "中共")
		if r, ok := divisions.Lookup(is); ok {
			return r, true
		}
	}
	return divisions.Lookup(title)
}

// refines reports whether fine lies strictly inside coarse: 浙江省杭州市 inside 浙江省.
func refines(fine, coarse divisions.Region) bool {
	if coarse.Province == "" || fine.Name == coarse.Name {
		return false
	}
	for _, a := range fine.Ancestors() {
		if a == coarse.Name {
			return true
		}
	}
	return false
}

// validateLaw checks the law fields of a sidecar.
func (m *Meta) validateLaw() error {
	for _, f := range []struct{ name, v string }{{"published", m.Published}, {"effective", m.Effective}} {
		if f.v == "" {
			continue
		}
		if _, _, ok := findDate(f.v); !ok {
			return policysearch.Errorf(policysearch.EINVALID, "metadata %s %q is not a date (use YYYY-MM-DD)", f.name, f.v)
		}
	}
	switch m.Status {
	case "", policysearch.StatusInForce, policysearch.StatusAmended, policysearch.StatusRepealed, policysearch.StatusNotYet:
		return nil
	}
	return policysearch.Errorf(policysearch.EINVALID, "metadata status %q must be one of %s", m.Status, strings.Join(policysearch.Statuses, ", "))
}
