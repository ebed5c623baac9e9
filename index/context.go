package index

import (
	"strings"

	"policysearch"
	"policysearch/phrase"
)

// Where a paragraph stands is searchable as its words are: an exact phrase that appears
// only in a heading (第二十八章 无因管理, （三）着力建设高水平师资队伍) finds the paragraphs under
// that heading, and one in a document's title finds the document by its first paragraph
// (the title stands at its top; matching every paragraph of the document would bury the
// paragraphs that say the phrase). A paragraph found only this way has no occurrence in
// its text: its phraseHit count is 0, so KWIC and occurrence counts stay about the text.

// ctxSep separates the headings of one context: no normalised phrase contains it, so
// no match spans two headings.
const ctxSep = "\x1f"

// ctxIndex holds the distinct contexts of the corpus, each with the paragraphs under it,
// and a bigram index over their texts. Contexts are few (one per section of each
// document), so this costs little beside the paragraphs' own table.
type ctxIndex struct {
	entries []ctxEntry // by id; ords nil once the document is removed
	grams   *phrase.Postings
}

type ctxEntry struct {
	text string   // normalised headings joined by ctxSep
	ords []uint32 // the paragraphs under them
}

func newCtxIndex() *ctxIndex { return &ctxIndex{grams: phrase.New()} }

// ctxGroup is one context of a prepared document: its text and the paragraphs (by index
// in the document) under it.
type ctxGroup struct {
	text  string
	paras []int
}

// contexts groups a document's paragraphs by where they stand.
func contexts(d *policysearch.Document) []ctxGroup {
	var out []ctxGroup
	at := map[string]int{}
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		if len(p.SectionPath) == 0 {
			continue
		}
		parts := make([]string, len(p.SectionPath))
		for k, h := range p.SectionPath {
			parts[k] = policysearch.Normalize(h)
		}
		key := strings.Join(parts, ctxSep)
		g, ok := at[key]
		if !ok {
			g = len(out)
			at[key] = g
			out = append(out, ctxGroup{text: key})
		}
		out[g].paras = append(out[g].paras, i)
	}
	if t := policysearch.Normalize(d.Title); t != "" && len(d.Paragraphs) > 0 {
		out = append(out, ctxGroup{text: t, paras: []int{0}})
	}
	return out
}

// add records a document's contexts, its paragraphs already given ordinals.
func (x *ctxIndex) add(e *docEntry, groups []ctxGroup) {
	ids := make([]uint32, 0, len(groups))
	keys := make([][]uint64, 0, len(groups))
	for _, g := range groups {
		id := uint32(len(x.entries))
		ords := make([]uint32, len(g.paras))
		for k, i := range g.paras {
			ords[k] = e.ords[i]
		}
		x.entries = append(x.entries, ctxEntry{text: g.text, ords: ords})
		e.ctxIDs = append(e.ctxIDs, id)
		ids = append(ids, id)
		keys = append(keys, phrase.TextGrams(g.text, nil))
	}
	x.grams.AddBatch(ids, keys, nil)
}

// remove retires a document's contexts.
func (x *ctxIndex) remove(e *docEntry) {
	for _, id := range e.ctxIDs {
		x.entries[id] = ctxEntry{}
	}
}

// paragraphs calls fn for each paragraph whose context holds the normalised phrase.
func (x *ctxIndex) paragraphs(norm string, fn func(ord uint32)) {
	x.each(norm, func(_ string, ords []uint32) {
		for _, ord := range ords {
			fn(ord)
		}
	})
}

// each calls fn with each live context that holds the normalised phrase: its text and
// the paragraphs under it.
func (x *ctxIndex) each(norm string, fn func(text string, ords []uint32)) {
	cand, _ := x.grams.Candidates(norm)
	it := cand.Iterator()
	for it.HasNext() {
		e := &x.entries[it.Next()]
		if e.ords != nil && strings.Contains(e.text, norm) {
			fn(e.text, e.ords)
		}
	}
}
