package index

import (
	"context"
	"sort"
	"strings"
	"unicode/utf8"

	"policysearch"
)

// Paragraph returns one paragraph with its document's metadata and its neighbours.
func (ix *Index) Paragraph(ctx context.Context, id string) (*policysearch.ParagraphView, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	ord, ok := ix.c.ordOf(id)
	if !ok {
		return nil, policysearch.Errorf(policysearch.ENOTFOUND, "no paragraph %q", id).With("no_paragraph", "id", id)
	}
	pe := ix.c.paras[ord]
	e := pe.doc
	v := &policysearch.ParagraphView{Paragraph: pe.para(), Document: ix.c.summary(e)}
	pos := int(pe.seq)
	if i := indexOf(e.ords, ord); i >= 0 {
		pos = i
	}
	if pos > 0 {
		prev := ix.c.paras[e.ords[pos-1]].para()
		v.Prev = &prev
	}
	if pos+1 < len(e.ords) {
		next := ix.c.paras[e.ords[pos+1]].para()
		v.Next = &next
	}
	return v, nil
}

func indexOf(ords []uint32, ord uint32) int {
	i := sort.Search(len(ords), func(i int) bool { return ords[i] >= ord })
	if i < len(ords) && ords[i] == ord {
		return i
	}
	return -1
}

// Documents lists every document, newest first.
func (ix *Index) Documents(ctx context.Context) ([]policysearch.DocumentSummary, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	out := make([]policysearch.DocumentSummary, 0, len(ix.c.docs))
	for _, e := range ix.c.docs {
		out = append(out, ix.c.summary(e))
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Date != out[j].Date {
			return out[i].Date > out[j].Date
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// Document returns one document's metadata and its outline: the heading tree with the
// paragraphs under each heading, in reading order.
func (ix *Index) Document(ctx context.Context, id string) (*policysearch.DocumentView, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	e := ix.c.docs[id]
	if e == nil {
		return nil, policysearch.Errorf(policysearch.ENOTFOUND, "no document %q", id).With("no_document", "id", id)
	}
	paras := make([]policysearch.Paragraph, len(e.ords))
	for i, ord := range e.ords {
		paras[i] = ix.c.paras[ord].para()
	}
	root := policysearch.NewOutline(e.doc.Title, paras)
	v := &policysearch.DocumentView{DocumentSummary: ix.c.summary(e), Outline: root}
	ix.c.history(e, &v.DocumentSummary)
	return v, nil
}

// Suggest lists up to n indexed terms that start with prefix, those in most paragraphs
// first.
func (ix *Index) Suggest(ctx context.Context, prefix string, n int) ([]policysearch.Suggestion, error) {
	prefix = strings.TrimSpace(prefix)
	if prefix == "" {
		return nil, policysearch.Errorf(policysearch.EINVALID, "prefix is empty: give the first characters of a word")
	}
	if utf8.RuneCountInString(prefix) > 32 {
		return nil, policysearch.Errorf(policysearch.EINVALID, "prefix is longer than 32 characters")
	}
	if n <= 0 || n > 50 {
		n = 10
	}
	prefix = lowerASCII(policysearch.Normalize(prefix))
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	counts := map[string]int{}
	for _, s := range ix.shards {
		d, err := s.FieldDictPrefix(fText, []byte(prefix))
		if err != nil {
			return nil, policysearch.WrapError(policysearch.EINTERNAL, err, "suggest failed")
		}
		for {
			e, err := d.Next()
			if err != nil {
				d.Close()
				return nil, policysearch.WrapError(policysearch.EINTERNAL, err, "suggest failed")
			}
			if e == nil {
				break
			}
			if e.Term != prefix && utf8.RuneCountInString(e.Term) >= 2 {
				counts[e.Term] += int(e.Count)
			}
		}
		d.Close()
	}
	top := topValues(counts, n)
	out := make([]policysearch.Suggestion, len(top))
	for i, v := range top {
		out[i] = policysearch.Suggestion{Term: v.Value, Count: v.Count}
	}
	return out, nil
}
