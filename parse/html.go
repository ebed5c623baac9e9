package parse

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlLines flattens an HTML page to text lines: block elements end a line, table rows
// become tab-separated cells, and scripts, styles, navigation and forms are dropped.
// Nothing of the markup survives, so hostile HTML cannot reach the index as markup.
func htmlLines(data []byte) ([]string, map[string]string, error) {
	doc, err := html.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, nil, err
	}
	w := &htmlWalker{hints: map[string]string{}}
	w.walk(doc)
	w.flush()
	return w.lines, w.hints, nil
}

type htmlWalker struct {
	lines []string
	cur   strings.Builder
	hints map[string]string
}

func (w *htmlWalker) flush() {
	if s := strings.TrimSpace(w.cur.String()); s != "" {
		w.lines = append(w.lines, s)
	}
	w.cur.Reset()
}

var htmlSkip = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Embed: true, atom.Svg: true, atom.Math: true,
	atom.Nav: true, atom.Footer: true, atom.Aside: true, atom.Form: true, atom.Button: true,
	atom.Select: true, atom.Textarea: true, atom.Input: true, atom.Canvas: true, atom.Video: true,
	atom.Audio: true,
}

var htmlBlock = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Section: true, atom.Article: true, atom.Header: true,
	atom.Main: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true,
	atom.Dd: true, atom.Blockquote: true, atom.Pre: true, atom.Table: true, atom.Tbody: true,
	atom.Thead: true, atom.Tfoot: true, atom.Center: true, atom.Hr: true, atom.Figure: true,
	atom.Figcaption: true, atom.Address: true, atom.Caption: true,
}

func (w *htmlWalker) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(strings.ReplaceAll(n.Data, "\n", " "))
		return
	case html.ElementNode:
		if htmlSkip[n.DataAtom] {
			return
		}
		switch n.DataAtom {
		case atom.Title:
			w.hints["title"] = strings.TrimSpace(textOf(n))
			return
		case atom.Meta:
			w.meta(n)
			return
		case atom.Head:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				w.walk(c)
			}
			return
		case atom.Br:
			w.flush()
			return
		case atom.Tr:
			w.flush()
			var cells []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
					cells = append(cells, strings.Join(strings.Fields(cellText(c)), " "))
				}
			}
			if line := strings.Join(cells, "\t"); strings.TrimSpace(line) != "" {
				w.lines = append(w.lines, line)
			}
			return
		}
	}
	block := n.Type == html.ElementNode && htmlBlock[n.DataAtom]
	if block {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.flush()
	}
}

// meta keeps the article metadata that Chinese government CMSs put in meta tags.
func (w *htmlWalker) meta(n *html.Node) {
	var name, content string
	for _, a := range n.Attr {
		switch strings.ToLower(a.Key) {
		case "name":
			name = a.Val
		case "content":
			content = strings.TrimSpace(a.Val)
		}
	}
	switch name {
	case "ArticleTitle":
		w.hints["title"] = content
	case "PubDate":
		w.hints["发布日期"] = content
	case "ContentSource":
		w.hints["来源"] = content
	}
}

// textOf is the text of a node's subtree, skipping what htmlSkip skips.
func textOf(n *html.Node) string {
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			return
		}
		if n.Type == html.ElementNode && htmlSkip[n.DataAtom] {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// cellText is a table cell's text with its block children separated by spaces.
func cellText(n *html.Node) string {
	w := &htmlWalker{hints: map[string]string{}}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	w.flush()
	return strings.Join(w.lines, " ")
}
