package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"policysearch"
)

// maxIDRunes bounds a document id; paragraph ids add a short suffix.
const maxIDRunes = 80

// idRune reports the runes an id may hold: ASCII letters and digits, '-', '_', '.', and
// Chinese characters, so that ids read as what they name (民法典-合同编-2020-05-28)
// and still need no quoting in a path segment beyond the usual percent-encoding.
func idRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' ||
		unicode.Is(unicode.Han, r)
}

// readableID names a document whose file name says nothing readable (a Chinese or
// hashed name): its 发文字号 (教职成〔2020〕7号 → 教职成-2020-7号), else its title and
// date (中华人民共和国民法典·合同编, 2020-05-28 → 民法典-合同编-2020-05-28). The same
// document read again, by any command, gets the same id; two versions of one law get
// different ids. It returns "" when the document has neither.
func readableID(d *policysearch.Document) string {
	if d.DocNumber != "" && reDocNo.MatchString(d.DocNumber) {
		if id := slugID(d.DocNumber, maxIDRunes); id != "" {
			return id
		}
	}
	title := strings.TrimPrefix(d.Title, "中华人民共和国")
	slug := slugID(title, maxIDRunes-11)
	if slug == "" {
		return ""
	}
	if d.Date != "" {
		slug += "-" + d.Date
	}
	return slug
}

// slugID keeps the id runes of s, every run of others becoming one '-', cut to n runes.
func slugID(s string, n int) string {
	var b strings.Builder
	dash := false
	count := 0
	for _, r := range s {
		if count >= n {
			break
		}
		if !idRune(r) || r == '.' || r == '_' {
			dash = b.Len() > 0
			continue
		}
		if dash {
			b.WriteByte('-')
			count++
			dash = false
		}
		b.WriteRune(r)
		count++
	}
	return strings.Trim(b.String(), "-")
}

// ValidID reports whether s can be a document id: 1–80 letters, digits, Chinese
// characters, '-', '_' and '.', not starting with '.' nor holding "..", so ids are safe
// in URLs and file names.
func ValidID(s string) bool { return validID(s, maxIDRunes) }

// ValidParagraphID is ValidID for paragraph ids: a document id and a short suffix.
func ValidParagraphID(s string) bool { return validID(s, maxIDRunes+20) }

func validID(s string, max int) bool {
	if s == "" || utf8.RuneCountInString(s) > max || s[0] == '.' || strings.Contains(s, "..") || !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if !idRune(r) {
			return false
		}
	}
	return true
}
