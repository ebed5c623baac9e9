package similar

import (
	"unicode"
	"unicode/utf8"

	"policysearch"
)

// skeleton is the form of a text that similarity works on: the runes of
// policysearch.Normalize(text) that are letters or digits, with ASCII letters lower-cased,
// and for each kept rune the byte offset in the ORIGINAL text where it came from.
//
// Why drop punctuation and spaces: local documents that copy a national clause often change
// only its punctuation (， for 、, ； for 。, half-width for full-width in web exports, a
// space inside "10 个"); matching on letters and digits lets a copied passage run across
// those edits, so the marked passage is the whole copied clause instead of fragments
// between commas.
//
// Why not call Normalize and then NormalizeMap: Normalize is FoldRune per rune plus space
// collapsing, and the skeleton drops every space anyway, so folding each rune of the
// original directly gives the same runes and the original byte offsets in one pass, with
// no intermediate string (this is the hot loop of Index.Add).
type skeleton struct {
	runes []rune  // kept runes, folded
	off   []int32 // off[i]: byte offset in the original text of runes[i]
	text  string  // the original text, for span ends
}

// keepRune folds r as policysearch.FoldRune does and says whether the folded rune is part
// of the skeleton.
func keepRune(r rune) (rune, bool) {
	// Fast paths for the runes that make up nearly all of the text.
	if r >= 0x4E00 && r <= 0x9FFF { // CJK Unified Ideographs
		return r, true
	}
	if r < utf8.RuneSelf {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			return r, true
		case r >= 'A' && r <= 'Z':
			return r + ('a' - 'A'), true
		}
		return r, false
	}
	r = policysearch.FoldRune(r)
	if r < utf8.RuneSelf {
		return keepRune(r)
	}
	if r == utf8.RuneError {
		return r, false
	}
	if unicode.IsLetter(r) || unicode.IsNumber(r) {
		return unicode.ToLower(r), true
	}
	return r, false
}

// makeSkeleton returns the skeleton of s. buf, when not nil, is reused.
func makeSkeleton(s string, buf *skeleton) *skeleton {
	sk := buf
	if sk == nil {
		sk = &skeleton{}
	}
	sk.text = s
	if n := utf8.RuneCountInString(s); cap(sk.runes) < n {
		sk.runes = make([]rune, 0, n)
		sk.off = make([]int32, 0, n)
	}
	sk.runes = sk.runes[:0]
	sk.off = sk.off[:0]
	for i, r := range s {
		if f, ok := keepRune(r); ok {
			sk.runes = append(sk.runes, f)
			sk.off = append(sk.off, int32(i))
		}
	}
	return sk
}

// byteRange returns the byte range of the original text covered by skeleton runes
// [from, to): from the first byte of rune from to the last byte of rune to-1, so
// punctuation around the passage is not included, but punctuation inside it is.
func (sk *skeleton) byteRange(from, to int) [2]int {
	start := int(sk.off[from])
	last := int(sk.off[to-1])
	_, size := utf8.DecodeRuneInString(sk.text[last:])
	return [2]int{start, last + size}
}

// Skeleton returns the text that matching compares: the letters and digits of
// policysearch.Normalize(text), ASCII lower-cased, with punctuation and spaces removed.
// Two spans reported by Compare have equal skeletons.
func Skeleton(text string) string {
	sk := makeSkeleton(text, nil)
	return string(sk.runes)
}
