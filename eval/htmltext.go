package eval

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// blocks are the elements that start and end a line of a page's visible text, as a
// browser lays them out by default.
var blocks = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true, atom.Body: true,
	atom.Caption: true, atom.Center: true, atom.Dd: true, atom.Details: true, atom.Dialog: true,
	atom.Dir: true, atom.Div: true, atom.Dl: true, atom.Dt: true, atom.Fieldset: true,
	atom.Figcaption: true, atom.Figure: true, atom.Footer: true, atom.Form: true, atom.H1: true,
	atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true,
	atom.Hgroup: true, atom.Hr: true, atom.Li: true, atom.Main: true, atom.Menu: true, atom.Nav: true,
	atom.Ol: true, atom.P: true, atom.Pre: true, atom.Section: true, atom.Summary: true,
	atom.Table: true, atom.Tbody: true, atom.Tfoot: true, atom.Thead: true, atom.Tr: true, atom.Ul: true,
}

// invisible are elements whose content is never shown as text.
var invisible = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Iframe: true, atom.Object: true, atom.Select: true, atom.Textarea: true,
}

// PageLines is the visible text of an HTML page split into lines the way a generic
// extractor (a browser's innerText, a text-mode browser) does, with no main-content
// detection: a line break at every block element and <br>, table cells of a row
// separated by a tab, runs of white space collapsed outside <pre>, elements with the
// hidden attribute left out. This is what a stock search box that is fed the page gets;
// the peers' paragraphs of an HTML file are these lines. The encoding is sniffed from
// a BOM or <meta charset>, and is UTF-8 when nothing says otherwise and the bytes are
// valid UTF-8.
func PageLines(raw []byte) ([]string, error) {
	enc, _, certain := charset.DetermineEncoding(raw, "text/html")
	if certain || !utf8.Valid(raw) {
		dec, err := enc.NewDecoder().Bytes(raw)
		if err == nil {
			raw = dec
		}
	}
	root, err := html.Parse(bytes.NewReader(raw))
	if err != nil {
		return nil, err
	}
	var lines []string
	var cur strings.Builder
	space := false // white space seen since the last character: one space before the next
	flush := func() {
		if l := strings.TrimSpace(cur.String()); l != "" {
			lines = append(lines, l)
		}
		cur.Reset()
		space = false
	}
	var walk func(n *html.Node, pre bool)
	walk = func(n *html.Node, pre bool) {
		switch n.Type {
		case html.TextNode:
			if pre {
				parts := strings.Split(n.Data, "\n")
				for i, p := range parts {
					if i > 0 {
						flush()
					}
					cur.WriteString(p)
				}
				return
			}
			for _, r := range n.Data {
				if isHTMLSpace(r) {
					space = cur.Len() > 0
					continue
				}
				if space {
					cur.WriteByte(' ')
					space = false
				}
				cur.WriteRune(r)
			}
			return
		case html.ElementNode:
			if invisible[n.DataAtom] || hasAttr(n, "hidden") {
				return
			}
			switch n.DataAtom {
			case atom.Br:
				flush()
				return
			case atom.Td, atom.Th:
				if cur.Len() > 0 {
					cur.WriteByte('\t') // a pending space is dropped
					space = false
				}
			}
			if blocks[n.DataAtom] {
				flush()
				defer flush()
			}
			pre = pre || n.DataAtom == atom.Pre
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, pre)
		}
	}
	walk(root, false)
	flush()
	return lines, nil
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
