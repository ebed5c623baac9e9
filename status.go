package policysearch

import "time"

// Statuses of a law or regulation, as the national law database (国家法律法规数据库)
// names them. A document's status is a fact of a day: a law passed today and taking
// effect next year is 尚未施行 until then.
const (
	StatusInForce  = "现行有效" // in force
	StatusAmended  = "已被修改" // an older version: the law has been amended since
	StatusRepealed = "已废止"  // repealed
	StatusNotYet   = "尚未施行" // published, not yet in effect
)

// Statuses lists the statuses in the order they are shown.
var Statuses = []string{StatusInForce, StatusNotYet, StatusAmended, StatusRepealed}

// StatusOn is a document's own status on a day (YYYY-MM-DD): an amended or repealed
// status given by its metadata stands; otherwise it is 尚未施行 before its effective
// date and 现行有效 from then on. It is "" for a document that states neither (a policy
// document without an effective date). What other documents say about it (a newer
// version, a repeal) is the index's to add.
func StatusOn(d *Document, day string) string {
	switch d.Status {
	case StatusAmended, StatusRepealed:
		return d.Status
	}
	if d.Effective != "" && d.Effective > day {
		return StatusNotYet
	}
	if d.Status != "" || d.Effective != "" {
		return StatusInForce
	}
	return ""
}

// china is the time zone documents are dated in.
var china = time.FixedZone("CST", 8*3600)

// Today is the current day in China, YYYY-MM-DD: the day statuses are computed for.
func Today() string { return time.Now().In(china).Format("2006-01-02") }
