package analyzers

import (
	_ "embed"
	"fmt"
	"os"
	"strings"
	"unicode/utf8"
)

// defaultSynonyms is the domain synonym list, compiled in; Options.SynonymFiles extend it.
//
//go:embed dict/synonyms.txt
var defaultSynonyms []byte

const synonymsName = "dict/synonyms.txt (built in)"

// Synonyms holds groups of interchangeable terms (abbreviation ↔ full name). Each group's
// first entry is its canonical form. A term may belong to several groups; lookups ignore
// ASCII case, so 1+x finds the group of 1+X. A Synonyms is read-only after construction and
// safe for concurrent use.
type Synonyms struct {
	groups [][]string
	byKey  map[string][]int // asciiLower(term) → indexes into groups
	maxKey int              // longest key, in bytes
}

// ParseSynonyms reads synonym groups in the format of dict/synonyms.txt: one group per line,
// entries separated by ',' or '，', '#' comments. name is used in error messages, which read
// `name:line: what is wrong`.
func ParseSynonyms(name string, data []byte) (*Synonyms, error) {
	s := &Synonyms{byKey: map[string][]int{}}
	if err := s.add(name, data); err != nil {
		return nil, err
	}
	return s, nil
}

// loadSynonyms builds the built-in list extended by files.
func loadSynonyms(files []string) (*Synonyms, error) {
	s, err := ParseSynonyms(synonymsName, defaultSynonyms)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("analyzers: synonyms: %w", err)
		}
		if err := s.add(f, data); err != nil {
			return nil, err
		}
	}
	return s, nil
}

func (s *Synonyms) add(name string, data []byte) error {
	return eachLine(name, data, func(lineNo int, line string) error {
		if strings.TrimSpace(line) == "" {
			return nil
		}
		parts := strings.Split(strings.ReplaceAll(line, "，", ","), ",")
		if len(parts) < 2 {
			return fmt.Errorf("%s:%d: a group needs at least two entries separated by ','", name, lineNo)
		}
		group := make([]string, 0, len(parts))
		seen := make(map[string]bool, len(parts))
		for _, p := range parts {
			p = strings.TrimSpace(p)
			if p == "" {
				return fmt.Errorf("%s:%d: empty entry", name, lineNo)
			}
			if err := checkWord(p); err != nil {
				return fmt.Errorf("%s:%d: entry %q: %v", name, lineNo, p, err)
			}
			key := asciiLower(p)
			if seen[key] {
				return fmt.Errorf("%s:%d: %q appears twice in the group", name, lineNo, p)
			}
			seen[key] = true
			group = append(group, p)
		}
		idx := len(s.groups)
		s.groups = append(s.groups, group)
		for key := range seen {
			s.byKey[key] = append(s.byKey[key], idx)
			s.maxKey = max(s.maxKey, len(key))
		}
		return nil
	})
}

// Expand returns term followed by every other member of the groups containing it, without
// duplicates. A term in no group expands to itself alone; an empty term to nil.
func (s *Synonyms) Expand(term string) []string {
	term = strings.TrimSpace(term)
	if term == "" {
		return nil
	}
	out := []string{term}
	if s == nil {
		return out
	}
	seen := map[string]bool{asciiLower(term): true}
	for _, gi := range s.byKey[asciiLower(term)] {
		for _, w := range s.groups[gi] {
			if k := asciiLower(w); !seen[k] {
				seen[k] = true
				out = append(out, w)
			}
		}
	}
	return out
}

// Find returns the entries that occur in text as byte spans [start, end), scanning
// left to right and taking the longest entry at each position, so that a query word
// such as 个保法 or 双随机一公开 can be looked up whole even where jieba cuts it apart.
// ok, when given, vetoes a span (the caller keeps only spans on its own word
// boundaries, so 高企 is not found inside 提高企业).
func (s *Synonyms) Find(text string, ok func(start, end int) bool) [][2]int {
	if s == nil || len(s.byKey) == 0 {
		return nil
	}
	lower := asciiLower(text)
	var out [][2]int
	for i := 0; i < len(lower); {
		found := 0
		for n := min(s.maxKey, len(lower)-i); n > 0; n-- {
			if !utf8.RuneStart(lower[i]) || (i+n < len(lower) && !utf8.RuneStart(lower[i+n])) {
				continue
			}
			if _, hit := s.byKey[lower[i:i+n]]; hit && (ok == nil || ok(i, i+n)) {
				found = n
				break
			}
		}
		if found > 0 {
			out = append(out, [2]int{i, i + found})
			i += found
			continue
		}
		_, size := utf8.DecodeRuneInString(lower[i:])
		i += size
	}
	return out
}

// Canonical returns the first entry of the first group containing term, or term itself.
func (s *Synonyms) Canonical(term string) string {
	if s != nil {
		if gs := s.byKey[asciiLower(strings.TrimSpace(term))]; len(gs) > 0 {
			return s.groups[gs[0]][0]
		}
	}
	return term
}

// Groups returns a copy of all groups in file order, canonical entry first, for feeding a
// synonym source (bleve v2.5+ synonym definitions) at index creation.
func (s *Synonyms) Groups() [][]string {
	if s == nil {
		return nil
	}
	out := make([][]string, len(s.groups))
	for i, g := range s.groups {
		out[i] = append([]string(nil), g...)
	}
	return out
}
