package index

import (
	"strings"

	"policysearch"
)

// scopeToTitles turns a plan into a search of document titles: the documents whose
// title holds every clause and no exclusion become a document filter, and the clauses
// are dropped, so that every paragraph of those documents (within the other filters)
// is a hit, newest document first. Titles are few and short, so they are matched in
// memory as substrings: a word holds when enough of its terms (or their synonyms, or
// all of a compound's parts) stand in the title, however jieba would cut it there.
func (ix *Index) scopeToTitles(p *plan) {
	if len(p.slots) == 0 {
		return
	}
	docs := []string{}
	for id, d := range ix.c.docs {
		if p.filters.docs != nil && !oneIn(id, p.filters.docs) {
			continue
		}
		title := strings.ToLower(policysearch.Normalize(d.doc.Title))
		ok := true
		for _, s := range p.slots {
			if !s.inTitle(title) {
				ok = false
				break
			}
		}
		for _, s := range p.excluded {
			if ok && s.inTitle(title) {
				ok = false
			}
		}
		if ok {
			docs = append(docs, id)
		}
	}
	p.filters.docs = docs
	p.filters.none = p.filters.matchesNothing()
	p.slots, p.excluded = nil, nil
}

// inTitle reports whether one of the clause's alternatives stands in a normalised,
// lowercased title.
func (s slot) inTitle(title string) bool {
	for _, a := range s.alts {
		if a.word == nil {
			if strings.Contains(title, strings.ToLower(a.phrase)) {
				return true
			}
			continue
		}
		n := 0
		for _, t := range a.word.terms {
			if t.inTitle(title) {
				n++
			}
		}
		if n >= max(1, a.word.min) {
			return true
		}
	}
	return false
}

func (t term) inTitle(title string) bool {
	if strings.Contains(title, t.text) {
		return true
	}
	for _, s := range t.syns {
		if strings.Contains(title, s) {
			return true
		}
	}
	if len(t.subs) == 0 {
		return false
	}
	for _, s := range t.subs {
		if !strings.Contains(title, s) {
			return false
		}
	}
	return true
}
