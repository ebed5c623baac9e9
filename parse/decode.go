package parse

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"policysearch"
)

// decodeText returns the text of data as UTF-8. GB18030 (a superset of GBK and GB2312,
// still common in files from Chinese government sites) is converted; binary data and
// text in neither encoding are refused with EUNSUPPORTED.
func decodeText(data []byte) (string, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if len(bytes.TrimSpace(data)) == 0 {
		return "", policysearch.Errorf(policysearch.EINVALID, "the file is empty")
	}
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return "", policysearch.Errorf(policysearch.EUNSUPPORTED, "UTF-16 text is not supported; save the file as UTF-8")
	}
	if looksBinary(data) {
		return "", policysearch.Errorf(policysearch.EUNSUPPORTED, "the file looks binary, not text")
	}
	if utf8.Valid(data) {
		return string(data), nil
	}
	dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil || !mostlyText(string(dec)) {
		return "", policysearch.Errorf(policysearch.EUNSUPPORTED, "the text is neither UTF-8 nor GBK/GB18030")
	}
	return string(dec), nil
}

// looksBinary reports NUL bytes or many control characters in the first 8 KB, which
// text files never have.
func looksBinary(data []byte) bool {
	n := min(len(data), 8192)
	ctl := 0
	for _, c := range data[:n] {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v':
			ctl++
		}
	}
	return ctl*20 > n
}

// mostlyText reports whether a decoded string is plausible text: mostly letters, CJK,
// digits, punctuation and spaces, with few replacement or private-use characters.
func mostlyText(s string) bool {
	total, bad := 0, 0
	for _, r := range s {
		total++
		if r == utf8.RuneError || unicode.Is(unicode.Co, r) || (unicode.IsControl(r) && !unicode.IsSpace(r)) {
			bad++
		}
	}
	return total > 0 && bad*50 <= total
}
