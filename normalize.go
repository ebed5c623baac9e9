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

// Invisible reports a rune that carries no text of its own and is dropped for
// matching, on the documents' side and the query's alike: format characters (zero-width
// space, joiners, word joiner, byte-order mark, soft hyphen, bidi embeddings, overrides,
// isolates and marks, tag characters), variation selectors, and control characters other
// than the whitespace ones (BEL, ESC, NUL …). A word with one of these inside, whether
// typed, pasted from a web page or stored in a document, matches the word without it.
func Invisible(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == '\v' || r == '\f':
		return false // whitespace: folded to a space, not dropped
	case r < 0x20 || (r >= 0x7F && r <= 0x9F):
		return true
	case r >= 0xFE00 && r <= 0xFE0F, r >= 0xE0100 && r <= 0xE01EF: // variation selectors
		return true
	case r == 0x180B || r == 0x180C || r == 0x180D || r == 0x180F: // Mongolian selectors
		return true
	case r < 0xAD:
		return false
	}
	return unicode.Is(unicode.Cf, r)
}

// StripInvisible returns s without its Invisible runes; s itself when it has none, as
// nearly every text has.
func StripInvisible(s string) string {
	i := strings.IndexFunc(s, Invisible)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if !Invisible(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// lineBreak reports the line and paragraph separators, which stand where a line of a
// paragraph was broken: between two Chinese characters they join the characters, as a
// broken line does when a document is parsed; elsewhere they are a space.
func lineBreak(r rune) bool { return r == 0x2028 || r == 0x2029 }

// normalized walks the normalised form of s: emit receives each rune of the result with
// the byte offset in s it came from, and stops the walk by returning false. It is the
// one definition of the normalisation;
// Normalize and NormalizeMap only collect its output.
func normalized(s string, emit func(r rune, from int) bool) {
	space := true     // drops leading spaces and collapses runs
	pending := -1     // offset of a space not yet written: trailing spaces are trimmed
	joinable := false // the last rune written is Chinese, so a line break may join
	lineOnly := false // the pending space comes only from line separators
	for i, r := range s {
		if Invisible(r) {
			continue
		}
		f := FoldRune(r)
		if f == ' ' {
			if pending < 0 && !space {
				pending, lineOnly = i, true
			}
			lineOnly = lineOnly && lineBreak(r)
			space = true
			continue
		}
		if pending >= 0 {
			if !(lineOnly && joinable && unicode.Is(unicode.Han, f)) {
				if !emit(' ', pending) {
					return
				}
			}
			pending = -1
		}
		space = false
		joinable = unicode.Is(unicode.Han, f)
		if !emit(f, i) {
			return
		}
	}
}

// Normalize returns the text used for matching: invisible runes dropped, the rest
// folded with FoldRune, runs of spaces collapsed to one and the ends trimmed; a line
// separator between two Chinese characters joins them. Exact phrases match as
// substrings of Normalize(text); the original text is kept for display. Documents and
// queries go through this one function, so a phrase matches however it was typed.
func Normalize(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	normalized(s, func(r rune, _ int) bool { b.WriteRune(r); return true })
	return b.String()
}

// isPlain reports text that normalisation leaves as it is: printable ASCII and Chinese
// without leading, trailing or doubled spaces, which is most paragraphs; it saves the
// copy.
func isPlain(s string) bool {
	prevSpace := true
	for _, r := range s {
		switch {
		case r == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
			continue
		case r > 0x20 && r < 0x7F, r >= 0x4E00 && r <= 0x9FFF:
		default:
			return false
		}
		prevSpace = false
	}
	return !prevSpace || s == ""
}

// NormalizeMap is Normalize that also returns, for every byte offset of the result and
// one past its end, the byte offset in s where that normalised byte came from. The
// highlighter uses it to mark matches found in normalised text on the original text.
func NormalizeMap(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	offs := make([]int, 0, len(s)+1)
	end := 0
	normalized(s, func(r rune, from int) bool {
		n := utf8.RuneLen(r)
		if n < 0 { // invalid rune: written as U+FFFD
			n = 3
		}
		for k := 0; k < n; k++ {
			offs = append(offs, from)
		}
		b.WriteRune(r)
		_, size := utf8.DecodeRuneInString(s[from:])
		end = from + size
		return true
	})
	return b.String(), append(offs, end)
}

// SourceOffset is the byte offset in s of the rune that byte n of Normalize(s) came
// from, or len(s) when n is at or past its end. Unlike NormalizeMap it allocates
// nothing and stops at n, for placing one position in a very long text.
func SourceOffset(s string, n int) int {
	at, written := len(s), 0
	normalized(s, func(r rune, from int) bool {
		size := utf8.RuneLen(r)
		if size < 0 {
			size = 3
		}
		if written+size > n {
			at = from
			return false
		}
		written += size
		return true
	})
	return at
}
