package policysearch

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// FoldRune maps one rune to the form used for matching: full-width ASCII to ASCII, every
// kind of space to ' ', and the small-form brackets of some typesetting (﹝﹞) to 〔〕.
// It never changes the number of runes, so offsets can be mapped back one to one.
func FoldRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFF01 + 0x21
	case r == 0x3000 || r == 0xA0 || r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
		return ' '
	case r == 0xFE5D:
		return '〔'
	case r == 0xFE5E:
		return '〕'
	case r == utf8.RuneError:
		return r
	case unicode.IsSpace(r):
		return ' '
	}
	return r
}

// Normalize returns the text used for matching: runes folded with FoldRune, runs of
// spaces collapsed to one and the ends trimmed. Exact phrases match as substrings of
// Normalize(text); the original text is kept for display.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // drops leading spaces
	for _, r := range s {
		r = FoldRune(r)
		if r == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		b.WriteRune(r)
	}
	out := b.String()
	return strings.TrimRight(out, " ")
}

// NormalizeMap is Normalize that also returns, for every byte offset of the result and
// one past its end, the byte offset in s where that normalised byte came from. The
// highlighter uses it to mark matches found in normalised text on the original text.
func NormalizeMap(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	offs := make([]int, 0, len(s)+1)
	space := true
	for i, r := range s {
		f := FoldRune(r)
		if f == ' ' {
			if space {
				continue
			}
			space = true
		} else {
			space = false
		}
		n := utf8.RuneLen(f)
		if n < 0 { // invalid rune: written as U+FFFD
			n = 3
		}
		for k := 0; k < n; k++ {
			offs = append(offs, i)
		}
		b.WriteRune(f)
	}
	out := b.String()
	trimmed := strings.TrimRight(out, " ")
	offs = append(offs[:len(trimmed)], len(strings.TrimRightFunc(s, isFoldedSpace)))
	return trimmed, offs
}

func isFoldedSpace(r rune) bool { return FoldRune(r) == ' ' }
