package policysearch

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

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

// statusNames are the words accepted for each status in filters.
var statusNames = map[string]string{
	StatusInForce: StatusInForce, "有效": StatusInForce, "现行": StatusInForce, "现行有效的": StatusInForce, "in_force": StatusInForce, "current": StatusInForce,
	StatusAmended: StatusAmended, "已修改": StatusAmended, "已修正": StatusAmended, "修改": StatusAmended, "旧版": StatusAmended, "amended": StatusAmended,
	StatusRepealed: StatusRepealed, "废止": StatusRepealed, "失效": StatusRepealed, "已失效": StatusRepealed, "repealed": StatusRepealed,
	StatusNotYet: StatusNotYet, "尚未生效": StatusNotYet, "未施行": StatusNotYet, "not_yet": StatusNotYet, "pending": StatusNotYet,
}

// ParseStatus reads a status filter value: one of the four statuses or a common
// other name for it (有效, 废止, amended …).
func ParseStatus(s string) (string, error) {
	if v, ok := statusNames[strings.ToLower(strings.TrimSpace(s))]; ok {
		return v, nil
	}
	return "", Errorf(EINVALID, "status %q is not a status; use 现行有效, 尚未施行, 已被修改 or 已废止", s)
}

var reDay = regexp.MustCompile(`^(\d{4})(?:[-./年](\d{1,2})(?:[-./月](\d{1,2})日?)?月?)?$`)

// DayBound reads one end of a date range: YYYY, YYYY-MM or YYYY-MM-DD (also 2020年5月).
// A partial date stands for its first day as a start and its last day as an end, so
// published:2020..2020 is the whole of 2020.
func DayBound(s string, end bool) (string, error) {
	m := reDay.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return "", Errorf(EINVALID, "%q is not a date; use YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	y, _ := strconv.Atoi(m[1])
	mo, d := 1, 1
	if end {
		mo, d = 12, 31
	}
	if m[2] != "" {
		mo, _ = strconv.Atoi(m[2])
		if end {
			d = time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC).Day()
		}
	}
	if m[3] != "" {
		d, _ = strconv.Atoi(m[3])
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2100 || mo < 1 || mo > 12 || t.Day() != d {
		return "", Errorf(EINVALID, "%q is not a date between 1900 and 2100", s)
	}
	return t.Format("2006-01-02"), nil
}
