package eval

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"policysearch"
)

// Types are the query types of README.md, in the order tables show them.
var Types = []string{"short", "topical", "question", "synonym", "split_word", "legal_term", "precedent", "heading", "filtered"}

// Judgment is one judged passage: the file it is in (relative to the corpus root), a
// key that identifies it within that file, and its grade (2 answers the need, 1 is
// relevant, 0 is not relevant and is ignored).
type Judgment struct {
	Doc   string `json:"doc"`
	Key   string `json:"key"`
	Grade int    `json:"grade"`
}

// Query is one judged query.
type Query struct {
	ID        string     `json:"id"`
	Type      string     `json:"type"`
	Q         string     `json:"q"`
	Need      string     `json:"need"`
	Judgments []Judgment `json:"judgments"`
}

// Set is a judged file: its queries and the SHA-256 of its bytes, which the baseline
// keeps so that a changed set is never compared with figures from another.
type Set struct {
	Path    string
	Hash    string
	Queries []Query
}

// ReadSet reads a judged .jsonl file. A malformed line, an unknown type, a duplicate
// id or judgment, or a grade outside 0..2 is an error naming the line: a set with a
// broken judgment would silently score lower, which is worse than stopping.
func ReadSet(path string) (*Set, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	set := &Set{Path: path, Hash: hex.EncodeToString(sum[:])}
	known := map[string]bool{}
	for _, t := range Types {
		known[t] = true
	}
	ids := map[string]int{}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		bad := func(format string, a ...any) error {
			return policysearch.Errorf(policysearch.EINVALID, "%s:%d: %s", path, n, fmt.Sprintf(format, a...))
		}
		var q Query
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&q); err != nil {
			return nil, bad("%v", err)
		}
		switch {
		case q.ID == "":
			return nil, bad("the query has no id")
		case ids[q.ID] > 0:
			return nil, bad("id %s is also on line %d", q.ID, ids[q.ID])
		case !known[q.Type]:
			return nil, bad("type %q is not one of %s", q.Type, strings.Join(Types, ", "))
		case strings.TrimSpace(q.Q) == "":
			return nil, bad("query %s has no q", q.ID)
		}
		ids[q.ID] = n
		seen := map[[2]string]bool{}
		for _, j := range q.Judgments {
			k := [2]string{j.Doc, policysearch.Normalize(j.Key)}
			switch {
			case j.Doc == "" || k[1] == "":
				return nil, bad("query %s: a judgment needs a doc and a key", q.ID)
			case j.Grade < 0 || j.Grade > 2:
				return nil, bad("query %s: grade %d of %q is not 0, 1 or 2", q.ID, j.Grade, j.Key)
			case seen[k]:
				return nil, bad("query %s judges %q in %s twice", q.ID, j.Key, j.Doc)
			}
			seen[k] = true
		}
		set.Queries = append(set.Queries, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return set, nil
}

// Problem is a judgment that cannot work as README.md defines it.
type Problem struct {
	Query  string `json:"query"`
	Doc    string `json:"doc"`
	Key    string `json:"key"`
	Reason string `json:"reason"`
}

// Check reads every judged file under root and reports keys that no hit could ever
// match (not on one line of the file, or the file missing) and keys that occur more
// than once in the file, which would let another passage take the judgment. Key lengths
// outside 8–30 characters are reported too. These are the judges' to fix; the
// evaluation still runs.
func (s *Set) Check(root string) []Problem {
	var out []Problem
	lines := map[string][]string{} // doc -> its normalised lines, nil when unreadable
	for _, q := range s.Queries {
		for _, j := range q.Judgments {
			ls, ok := lines[j.Doc]
			if !ok {
				if raw, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(j.Doc))); err == nil {
					for _, l := range strings.Split(string(raw), "\n") {
						// keys never include Markdown emphasis or heading marks
						l = strings.TrimLeft(strings.ReplaceAll(l, "**", ""), "# ")
						ls = append(ls, policysearch.Normalize(l))
					}
				}
				lines[j.Doc] = ls
			}
			p := Problem{Query: q.ID, Doc: j.Doc, Key: j.Key}
			if ls == nil {
				p.Reason = "the file is missing"
				out = append(out, p)
				continue
			}
			key, n := policysearch.Normalize(j.Key), 0
			for _, l := range ls {
				n += strings.Count(l, key)
			}
			switch r := utf8.RuneCountInString(key); {
			case n == 0:
				p.Reason = "the key is on no line of the file"
			case n > 1:
				p.Reason = fmt.Sprintf("the key occurs %d times in the file", n)
			case r < 8 || r > 30:
				p.Reason = fmt.Sprintf("the key has %d characters (8–30)", r)
			default:
				continue
			}
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, k int) bool { return out[i].Query < out[k].Query })
	return out
}
