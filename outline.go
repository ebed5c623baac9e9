package policysearch

import (
	"strings"
	"unicode/utf8"
)

// NewOutline builds a document's outline: the heading tree of its paragraphs' section
// paths, each heading with the paragraphs directly under it, in reading order. The
// root is the title, holding the paragraphs before the first heading.
func NewOutline(title string, paras []Paragraph) *OutlineNode {
	root := &OutlineNode{Heading: title}
	for i := range paras {
		p := &paras[i]
		node := root
		for _, h := range p.SectionPath {
			var child *OutlineNode
			if n := len(node.Children); n > 0 && node.Children[n-1].Heading == h {
				child = node.Children[n-1]
			} else {
				child = &OutlineNode{Heading: h}
				node.Children = append(node.Children, child)
			}
			node = child
		}
		node.Paragraphs = append(node.Paragraphs, OutlineEntry{
			ID: p.ID, Kind: p.Kind, MeasureNo: p.MeasureNo, MeasureTitle: p.MeasureTitle, Snippet: Snippet(p.Text, 60),
		})
	}
	return root
}

// Count is the number of paragraphs under the node and all its sub-headings.
func (n *OutlineNode) Count() int {
	c := len(n.Paragraphs)
	for _, ch := range n.Children {
		c += ch.Count()
	}
	return c
}

// Snippet is the first n characters of a text on one line.
func Snippet(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
