package parse

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
)

// numbering is a .docx file's list definitions (word/numbering.xml) and the numbering
// its paragraph styles carry (word/styles.xml), with the counters of the lists as
// the body is read.
type numbering struct {
	nums     map[string]*numInstance // numId → instance
	styleNum map[string]numRef       // paragraph style id → its numbering
}

type numRef struct {
	numID string
	ilvl  int
}

type numInstance struct {
	levels   [9]numLevel
	counters [9]int
	started  [9]bool
}

type numLevel struct {
	format string // decimal, chineseCounting, upperLetter …
	text   string // "%1、", "（%1）", "%1.%2"
	start  int
}

// Limits on the list parts, like those on the body.
const maxNumberingXML = 8 << 20

// readNumbering reads numbering.xml and styles.xml; a file without them, or with
// parts that cannot be read, has no numbering (nil), which is not an error.
func readNumbering(zr *zip.Reader) *numbering {
	var numPart, stylePart *zip.File
	for _, f := range zr.File {
		switch f.Name {
		case "word/numbering.xml":
			numPart = f
		case "word/styles.xml":
			stylePart = f
		}
	}
	if numPart == nil {
		return nil
	}
	n := &numbering{nums: map[string]*numInstance{}, styleNum: map[string]numRef{}}
	abstract := map[string][9]numLevel{}
	type override struct {
		abstractID string
		starts     map[int]int
	}
	var instances = map[string]*override{}
	err := walkPart(numPart, func(dec *xml.Decoder, t xml.StartElement) error {
		switch t.Name.Local {
		case "abstractNum":
			var a struct {
				ID   string `xml:"abstractNumId,attr"`
				Lvls []struct {
					Ilvl   int `xml:"ilvl,attr"`
					Start  val `xml:"start"`
					NumFmt val `xml:"numFmt"`
					Text   val `xml:"lvlText"`
				} `xml:"lvl"`
			}
			if err := dec.DecodeElement(&a, &t); err != nil {
				return err
			}
			var lv [9]numLevel
			for _, l := range a.Lvls {
				if l.Ilvl < 0 || l.Ilvl > 8 {
					continue
				}
				start, err := strconv.Atoi(l.Start.Val)
				if err != nil {
					start = 1
				}
				lv[l.Ilvl] = numLevel{format: l.NumFmt.Val, text: l.Text.Val, start: start}
			}
			abstract[a.ID] = lv
		case "num":
			var m struct {
				ID        string `xml:"numId,attr"`
				Abstract  val    `xml:"abstractNumId"`
				Overrides []struct {
					Ilvl  int `xml:"ilvl,attr"`
					Start val `xml:"startOverride"`
				} `xml:"lvlOverride"`
			}
			if err := dec.DecodeElement(&m, &t); err != nil {
				return err
			}
			o := &override{abstractID: m.Abstract.Val, starts: map[int]int{}}
			for _, ov := range m.Overrides {
				if s, err := strconv.Atoi(ov.Start.Val); err == nil && ov.Ilvl >= 0 && ov.Ilvl <= 8 {
					o.starts[ov.Ilvl] = s
				}
			}
			instances[m.ID] = o
		}
		return nil
	})
	if err != nil {
		return nil
	}
	for id, o := range instances {
		lv, ok := abstract[o.abstractID]
		if !ok {
			continue
		}
		for l, s := range o.starts {
			lv[l].start = s
		}
		n.nums[id] = &numInstance{levels: lv}
	}
	if stylePart != nil {
		_ = walkPart(stylePart, func(dec *xml.Decoder, t xml.StartElement) error {
			if t.Name.Local != "style" {
				return nil
			}
			var st struct {
				ID  string `xml:"styleId,attr"`
				PPr struct {
					NumPr struct {
						NumID val `xml:"numId"`
						Ilvl  val `xml:"ilvl"`
					} `xml:"numPr"`
				} `xml:"pPr"`
			}
			if err := dec.DecodeElement(&st, &t); err != nil {
				return err
			}
			if st.PPr.NumPr.NumID.Val != "" {
				l, _ := strconv.Atoi(st.PPr.NumPr.Ilvl.Val)
				n.styleNum[st.ID] = numRef{numID: st.PPr.NumPr.NumID.Val, ilvl: l}
			}
			return nil
		})
	}
	return n
}

type val struct {
	Val string `xml:"val,attr"`
}

// walkPart calls fn for every start element of a part, within the size limit.
func walkPart(f *zip.File, fn func(*xml.Decoder, xml.StartElement) error) error {
	if f.UncompressedSize64 > maxNumberingXML {
		return errors.New("part too large")
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	dec := xml.NewDecoder(&io.LimitedReader{R: rc, N: maxNumberingXML})
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if t, ok := tok.(xml.StartElement); ok {
			if err := fn(dec, t); err != nil {
				return err
			}
		}
	}
}

// label advances the list of a numbered paragraph and returns the label Word shows
// for it ("一、", "（二）", "3."), or "" for a paragraph without numbering. A paragraph
// with no numId of its own takes its style's.
func (n *numbering) label(numID string, ilvl int, style string) string {
	if numID == "" {
		ref, ok := n.styleNum[style]
		if !ok {
			return ""
		}
		numID, ilvl = ref.numID, ref.ilvl
	}
	inst, ok := n.nums[numID]
	if !ok || numID == "0" || ilvl < 0 || ilvl > 8 {
		return ""
	}
	lv := inst.levels[ilvl]
	if lv.format == "none" || lv.format == "bullet" || lv.text == "" {
		return ""
	}
	if !inst.started[ilvl] {
		inst.counters[ilvl] = lv.start
		inst.started[ilvl] = true
	} else {
		inst.counters[ilvl]++
	}
	// A level's number restarts under each new number of the levels above it.
	for l := ilvl + 1; l < 9; l++ {
		inst.started[l] = false
	}
	text := lv.text
	for l := 0; l <= ilvl; l++ {
		ph := "%" + strconv.Itoa(l+1)
		if !strings.Contains(text, ph) {
			continue
		}
		c := inst.counters[l]
		if !inst.started[l] {
			c = inst.levels[l].start
		}
		text = strings.ReplaceAll(text, ph, formatNumber(c, inst.levels[l].format))
	}
	return text
}

// formatNumber writes n in a Word number format.
func formatNumber(n int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
		"japaneseCounting", "taiwaneseCounting", "taiwaneseCountingThousand":
		if format == "ideographTraditional" && n >= 1 && n <= 10 {
			return string([]rune("甲乙丙丁戊己庚辛壬癸")[n-1])
		}
		return chineseNumeral(n)
	case "upperLetter", "lowerLetter":
		if n < 1 {
			return strconv.Itoa(n)
		}
		s := ""
		for k := n; k > 0; k = (k - 1) / 26 {
			s = string(rune('A'+(k-1)%26)) + s
		}
		if format == "lowerLetter" {
			s = strings.ToLower(s)
		}
		return s
	case "upperRoman", "lowerRoman":
		s := roman(n)
		if format == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		return strings.Map(func(r rune) rune { return r - '0' + '０' }, strconv.Itoa(n))
	}
	return strconv.Itoa(n)
}

// chineseNumeral writes 1–9999 as 一, 十, 十一, 二十, 一百零五.
func chineseNumeral(n int) string {
	if n <= 0 || n > 9999 {
		return strconv.Itoa(n)
	}
	digits := []rune("零一二三四五六七八九")
	units := []string{"", "十", "百", "千"}
	s := strconv.Itoa(n)
	var b strings.Builder
	zero := false
	for i, c := range s {
		d := int(c - '0')
		pos := len(s) - 1 - i
		if d == 0 {
			zero = true
			continue
		}
		if zero && b.Len() > 0 {
			b.WriteRune('零')
		}
		zero = false
		if !(d == 1 && pos == 1 && i == 0) { // 十一, not 一十一
			b.WriteRune(digits[d])
		}
		b.WriteString(units[pos])
	}
	return b.String()
}

func roman(n int) string {
	if n <= 0 || n >= 4000 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}
