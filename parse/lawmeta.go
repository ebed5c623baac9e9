package parse

import (
	"regexp"
	"strings"

	"policysearch"
	"policysearch/divisions"
)

var (
	// The events of a law's history or a header line: the word that publishes it
	// ("1995年12月12日 中华人民共和国国务院令第188号发布"), that puts it in force
	// ("2021年1月1日 施行"), and the others, which date only themselves.
	reEvent = regexp.MustCompile(`公布|发布|颁布|施行|生效|通过|批准|修正|修订|印发`)
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
// 12-09) when no other event stands between them: in "已经2021年9月22日…常务会议审议
// 通过，现予公布" the date is the meeting's, and the publication is undated. Events
// written together ("公告公布施行") share their date.
func infoDates(lines []string) (published, effective string) {
	for _, l := range lines {
		dates, spans := allDates(l)
		events := reEvent.FindAllStringIndex(l, -1)
		date := "" // the date of the event being read
		for i, ev := range events {
			// The event's date is the last one before it, if it was written after the
			// previous event or that event runs straight into this one.
			if i > 0 && events[i-1][1] != ev[0] {
				date = ""
			}
			for k, sp := range spans {
				if e := sp[1]; e <= ev[0] && (i == 0 || e > events[i-1][1]) {
					date = dates[k]
				}
			}
			if date == "" {
				continue
			}
			switch l[ev[0]:ev[1]] {
			case "公布", "发布", "颁布":
				published = date
			case "施行", "生效":
				effective = date
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
	for _, p := range d.Paragraphs {
		if p.Kind == policysearch.KindArticle {
			isLaw = true
			break
		}
	}
	date, clause := effectiveClause(d)
	for _, s := range reRepealSentence.FindAllString(clause, -1) {
		for _, m := range reGuillemet.FindAllStringSubmatch(s, -1) {
			if t := reInnerQuote.ReplaceAllString(m[1], "$1"); !contains(d.Repeals, t) {
				d.Repeals = append(d.Repeals, t)
			}
		}
	}
	if d.Effective == "" && date != "" {
		d.Effective = date
		d.Provenance["effective"] = "text"
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

// validateStatus checks a sidecar's status (its dates are checked with the others).
func (m *Meta) validateStatus() error {
	switch m.Status {
	case "", policysearch.StatusInForce, policysearch.StatusAmended, policysearch.StatusRepealed, policysearch.StatusNotYet:
		return nil
	}
	return policysearch.Errorf(policysearch.EINVALID, "metadata status %q must be one of %s", m.Status, strings.Join(policysearch.Statuses, ", "))
}
