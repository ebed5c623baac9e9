package parse

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"policysearch"
)

// Meta is metadata given beside a document: a NAME.meta.json sidecar, an entry of the
// seeds manifest, or a line of a collection's metadata.jsonl. Every non-empty field
// overrides what was extracted from the text.
type Meta struct {
	Path      string   `json:"path,omitempty"` // the file it describes, for manifests
	ID        string   `json:"id,omitempty"`
	Title     string   `json:"title,omitempty"`
	Issuers   []string `json:"issuers,omitempty"`
	Issuer    string   `json:"issuer,omitempty"` // a single issuer, as collections give it
	DocNumber string   `json:"doc_number,omitempty"`
	Date      string   `json:"date,omitempty"`
	Region    string   `json:"region,omitempty"`
	Level     string   `json:"level,omitempty"`
	DocType   string   `json:"doc_type,omitempty"`
	Period    string   `json:"period,omitempty"`

	Published string `json:"published,omitempty"` // 公布日期
	Effective string `json:"effective,omitempty"` // 施行日期
	Status    string `json:"status,omitempty"`    // 现行有效, 已被修改, 已废止 or 尚未施行
}

// DecodeMeta reads one sidecar object and rejects unknown fields, so a typo in a
// sidecar is an error rather than a silently ignored override.
func DecodeMeta(r io.Reader) (*Meta, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var m Meta
	if err := dec.Decode(&m); err != nil {
		return nil, policysearch.WrapError(policysearch.EINVALID, err, "the metadata is not valid: %v", err)
	}
	return &m, m.validate()
}

func (m *Meta) validate() error {
	if m.Date != "" {
		if _, _, ok := findDate(m.Date); !ok {
			return policysearch.Errorf(policysearch.EINVALID, "metadata date %q is not a date (use YYYY-MM-DD)", m.Date)
		}
	}
	if m.ID != "" && !ValidID(m.ID) {
		return policysearch.Errorf(policysearch.EINVALID, "metadata id %q may only hold letters, digits, '-', '_' and '.'", m.ID)
	}
	if err := m.validateLaw(); err != nil {
		return err
	}
	switch m.Level {
	case "", policysearch.LevelNational, policysearch.LevelProvince, policysearch.LevelCity, policysearch.LevelCounty:
	default:
		return policysearch.Errorf(policysearch.EINVALID, "metadata level %q must be one of 国家, 省, 市, 区县", m.Level)
	}
	return nil
}

// collectionLine is a line of a collection's metadata.jsonl, such as the lawrefbook
// corpus's: its level is the legal force of the text (法律, 行政法规 …), which this
// service calls doc_type, and its region is a province or municipality short name.
type collectionLine struct {
	Path   string `json:"path"`
	Title  string `json:"title"`
	Sub    string `json:"subtitle"` // the part of a code in several files: 合同编
	Date   string `json:"date"`
	Issuer string `json:"issuer"`
	Region string `json:"region"`
	Level  string `json:"level"`
	Dept   string `json:"dept"`
	// ValidFrom is the effective date; Superseded marks an older version of a law.
	ValidFrom  string `json:"valid_from"`
	Superseded bool   `json:"superseded"`
	ID         string `json:"id"`
	DocNo      string `json:"doc_number"`
}

// ReadMetadataJSONL reads a collection's metadata.jsonl into Meta values keyed by their
// path (relative to the folder holding the file), mapping its fields onto the data model.
func ReadMetadataJSONL(r io.Reader) (map[string]*Meta, error) {
	out := map[string]*Meta{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var c collectionLine
		if err := json.Unmarshal([]byte(line), &c); err != nil {
			return nil, policysearch.WrapError(policysearch.EINVALID, err, "metadata.jsonl line %d is not valid JSON", n)
		}
		if c.Path == "" {
			return nil, policysearch.Errorf(policysearch.EINVALID, "metadata.jsonl line %d has no path", n)
		}
		m := &Meta{Path: c.Path, ID: c.ID, Title: JoinPart(c.Title, c.Sub), DocNumber: c.DocNo, DocType: legalForce(c.Level)}
		if _, _, ok := findDate(c.Date); ok {
			m.Date = c.Date
		}
		issuer := c.Issuer
		if issuer == "" {
			issuer = c.Dept
		}
		if issuer != "" {
			m.Issuers = []string{issuer}
		}
		m.Region = c.Region
		if date, _, ok := findDate(c.ValidFrom); ok {
			m.Effective = date
		}
		if c.Superseded {
			m.Status = policysearch.StatusAmended
		}
		if c.Region == "" && isNationalForce(c.Level) {
			m.Region = policysearch.RegionNational
			m.Level = policysearch.LevelNational
		}
		out[c.Path] = m
	}
	if err := sc.Err(); err != nil {
		return nil, policysearch.WrapError(policysearch.EINVALID, err, "cannot read metadata.jsonl: %v", err)
	}
	return out, nil
}

// legalForce maps a collection's level to a doc_type.
func legalForce(level string) string {
	switch level {
	case "宪法", "法律", "行政法规", "司法解释", "地方性法规", "部门规章", "监察法规":
		return level
	case "":
		return ""
	}
	return level
}

func isNationalForce(level string) bool {
	switch level {
	case "宪法", "法律", "行政法规", "司法解释", "部门规章", "监察法规":
		return true
	}
	return false
}

// merge applies the non-empty fields of m over d and records where each came from.
func (m *Meta) merge(d *policysearch.Document) {
	set := func(field string, dst *string, v string) {
		if v != "" {
			*dst = v
			d.Provenance[field] = "sidecar"
		}
	}
	set("id", &d.ID, m.ID)
	set("title", &d.Title, m.Title)
	set("doc_number", &d.DocNumber, m.DocNumber)
	if m.Date != "" {
		if date, _, ok := findDate(m.Date); ok {
			set("date", &d.Date, date)
		}
	}
	set("region", &d.Region, m.Region)
	set("level", &d.Level, m.Level)
	set("doc_type", &d.DocType, m.DocType)
	set("period", &d.Period, m.Period)
	for _, f := range []struct {
		field string
		dst   *string
		v     string
	}{{"published", &d.Published, m.Published}, {"effective", &d.Effective, m.Effective}} {
		if date, _, ok := findDate(f.v); ok {
			set(f.field, f.dst, date)
		}
	}
	set("status", &d.Status, m.Status)
	issuers := m.Issuers
	if len(issuers) == 0 && m.Issuer != "" {
		issuers = []string{m.Issuer}
	}
	if len(issuers) > 0 {
		d.Issuers = append([]string(nil), issuers...)
		d.Provenance["issuers"] = "sidecar"
	}
}

func (m *Meta) String() string { return fmt.Sprintf("meta(%s)", m.Path) }
