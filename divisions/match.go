package divisions

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

type mode uint8

const (
	modeLookup mode = iota // issuer or title start
	modeFind               // anywhere in prose
	modeByName             // a value typed on purpose: nothing is suspicious
)

// runeOffsets returns the byte offset of every rune of s plus len(s), so that
// candidate keys can be sliced out of s without allocating.
func runeOffsets(s string) []int {
	off := make([]int, 0, len(s)/3+1)
	for i := range s {
		off = append(off, i)
	}
	return append(off, len(s))
}

// chain reads a path of division names starting at rune pos, each name inside
// the previous one ("山东省" "青岛市" "市南区"), and returns the divisions the
// last name may denote and the rune position after it; end == pos when no name
// starts at pos. ctx, a region named earlier in the text, only narrows the
// reading of the first name.
func (ix *index) chain(s string, off []int, pos int, ctx int32, m mode) (cands []int32, end int) {
	n := len(off) - 1
	end = pos
	for next := pos; next < n; {
		var keep []int32
		l := min(ix.maxRunes, n-next)
		for ; l >= 2; l-- {
			key := s[off[next]:off[next+l]]
			ids, ok := ix.names[key]
			if !ok || beforeWord(key, s[off[next+l]:]) {
				continue
			}
			for _, id := range ids {
				if cands == nil && ix.weak(key, id, m) {
					continue
				}
				if cands != nil && !ix.insideAny(id, cands) {
					continue
				}
				keep = append(keep, id)
			}
			if keep != nil {
				break
			}
		}
		if keep == nil {
			break
		}
		if cands == nil && ctx >= 0 && len(keep) > 1 {
			keep = ix.narrow(keep, ctx)
		}
		cands = keep
		next += l
		end = next
		// Tolerate "江西省 南昌市"; end stays before the gap if nothing follows.
		for next < n && isSpace(s[off[next]:]) {
			next++
		}
	}
	return cands, end
}

// beforeWord rejects a district or county name that is really the first half of
// 区域 (region) or 县域 (county-wide): "河北区域协调发展" is about 河北, not
// Tianjin's 河北区.
func beforeWord(key, rest string) bool {
	if !strings.HasPrefix(rest, "域") {
		return false
	}
	return strings.HasSuffix(key, "区") || strings.HasSuffix(key, "县")
}

func isSpace(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

// weak reports whether key, read as division id, is too likely to be an
// ordinary word to stand on its own; such names count only right after their
// province or city.
func (ix *index) weak(key string, id int32, m mode) bool {
	if m == modeByName {
		return false
	}
	if ix.generic[key] {
		return true
	}
	if m != modeFind {
		return false
	}
	// Former names matter in issuers, which Lookup reads; in prose they collide
	// with phrases ("新建县城" is a new county seat, not 新建县).
	if ix.former[key] {
		return true
	}
	nd := &ix.nodes[id]
	return nd.depth == 2 && (nd.outside || utf8.RuneCountInString(key) <= 2) ||
		nd.depth == 1 && utf8.RuneCountInString(key) <= 2
}

// narrow keeps the readings related to ctx (inside it or containing it), or all
// of them when none is, so that an unrelated region still ends a Find.
func (ix *index) narrow(ids []int32, ctx int32) []int32 {
	var out []int32
	for _, id := range ids {
		if ix.within(id, ctx) || ix.within(ctx, id) {
			out = append(out, id)
		}
	}
	if out == nil {
		return ids
	}
	return out
}

// within reports whether a is b or lies inside it.
func (ix *index) within(a, b int32) bool {
	for ; a >= 0; a = ix.nodes[a].parent {
		if a == b {
			return true
		}
	}
	return false
}

// insideAny reports whether id lies strictly inside one of ancestors.
func (ix *index) insideAny(id int32, ancestors []int32) bool {
	p := ix.nodes[id].parent
	for _, a := range ancestors {
		if p >= 0 && ix.within(p, a) {
			return true
		}
	}
	return false
}

// resolve picks the division a set of readings denotes: the only one, or the
// deepest division containing all of them (朝阳区 in 北京 and 长春 share none,
// so -1; 桥西区 in 石家庄 and 张家口 gives 河北省). Never an arbitrary pick.
func (ix *index) resolve(ids []int32) int32 {
	if len(ids) == 0 {
		return -1
	}
	common := ix.path(ids[0])
	for _, id := range ids[1:] {
		p := ix.path(id)
		i := 0
		for i < len(common) && i < len(p) && common[i] == p[i] {
			i++
		}
		common = common[:i]
	}
	if len(common) == 0 {
		return -1
	}
	return common[len(common)-1]
}

// path lists id's ancestors from the province down to id.
func (ix *index) path(id int32) []int32 {
	var p []int32
	for ; id >= 0; id = ix.nodes[id].parent {
		p = append(p, id)
	}
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// whole resolves s only if it is entirely a path of division names with a
// single reading. Unlike Lookup it does not fall back to a common ancestor: a
// filter typed as 桥西区 must not silently widen to all of 河北省.
func (ix *index) whole(s string) int32 {
	off := runeOffsets(s)
	cands, end := ix.chain(s, off, 0, -1, modeByName)
	if end != len(off)-1 || len(cands) != 1 {
		return -1
	}
	return cands[0]
}
