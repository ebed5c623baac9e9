package policysearch

import (
	"context"
	"strconv"
)

// Kinds of a Reference.
const (
	// RefTitle names a document by its title in 《》, with or without its 文号 and a
	// version date after it: 根据《中华人民共和国职业教育法》, 《…意见》（赣府发〔2020〕16号）.
	RefTitle = "title"
	// RefNumber names a document by its 文号 alone: 国发〔2019〕4号, 国务院令第588号.
	RefNumber = "number"
	// RefArticle names an article of another document: 《…》第十条, 民法典第一千零五十一条
	// (a short name the document uses for a title), 该法第三条.
	RefArticle = "article"
	// RefSelf names an article of the citing document itself: 本法第二十条.
	RefSelf = "self"
	// RefClause names a clause of the article it stands in: 前款, 前两款, 本条第一款.
	RefClause = "clause"
)

// Reference is one mention of a document, or of an article, in a document's title or a
// paragraph's text, as extracted from the text alone.
type Reference struct {
	Kind string `json:"kind"`
	// Paragraph is the id of the paragraph holding the reference; "" for the
	// document's title (北京市实施《中华人民共和国职业教育法》办法).
	Paragraph string `json:"paragraph"`
	// Start and End are byte offsets of the reference in the paragraph's Text (or the
	// title): Text[Start:End] is the reference as written.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Title is the title named, without 《》 and with inner 〈〉 as written; for a short
	// name (民法典第…) the full title the document gave it.
	Title string `json:"title,omitempty"`
	// DocNumber is the 文号 named, its brackets folded to 〔〕.
	DocNumber string `json:"doc_number,omitempty"`
	// Version is a version the reference names: a year (2018 of （2018年修正）) or a
	// day, YYYY or YYYY-MM-DD.
	Version string `json:"version,omitempty"`
	// Part is a part of the title named after it (《民法典》婚姻家庭编 → 婚姻家庭编).
	Part string `json:"part,omitempty"`
	// Article is the article named, as written (第一千零五十一条), with its number
	// and the N of an inserted article (第二百九十一条之二); 0 for none.
	Article    string `json:"article,omitempty"`
	ArticleNo  int    `json:"article_no,omitempty"`
	ArticleSub int    `json:"article_sub,omitempty"`
}

// Key is what references to one document have in common, whatever their wording: the
// normalised title (no 中华人民共和国, no 《》, no version), or else the 文号. Self and
// clause references have none.
func (r *Reference) Key() string {
	switch r.Kind {
	case RefSelf, RefClause:
		return ""
	}
	if r.Title != "" {
		return TitleKey(r.Title)
	}
	return DocNumberKey(r.DocNumber)
}

// CitedDocument is the other end of a citation: a document of the corpus (ID set) or,
// when it is not in the corpus, what the reference says of it.
type CitedDocument struct {
	ID        *string  `json:"id"` // null when the document is not in the corpus
	Title     string   `json:"title"`
	DocNumber string   `json:"doc_number,omitempty"`
	Date      string   `json:"date,omitempty"`
	Issuers   []string `json:"issuers,omitempty"`
	Level     string   `json:"level,omitempty"`
	Region    string   `json:"region,omitempty"`
	DocType   string   `json:"doc_type,omitempty"`
	Status    string   `json:"status,omitempty"`
}

// Mention is one reference in a citation: where it stands in the citing document, and
// the article it names, found in the cited document when that is in the corpus.
type Mention struct {
	Reference
	// CitedParagraph is the paragraph of the cited article (or, for a clause, the
	// article the clause belongs to); "" when unresolved.
	CitedParagraph string `json:"cited_paragraph,omitempty"`
	// CitedDoc is the id of the document cited; "" when it is not in the corpus.
	CitedDoc string `json:"cited_doc,omitempty"`
}

// Citation is what one document cites of another, or is cited by it: the other
// document, the citing paragraphs and every mention.
type Citation struct {
	Document   CitedDocument `json:"document"`
	Paragraphs []string      `json:"paragraphs"` // citing paragraph ids, in reading order; "" is the title
	Articles   []string      `json:"articles"`   // the articles cited (第十条 …), in order of first mention
	Mentions   []Mention     `json:"mentions"`
	Count      int           `json:"count"` // mentions
}

// Citations is a document's place in the citation network: what it cites and who
// cites it, each grouped by the other document; Internal lists its references to its
// own articles and clauses, for links in its text.
type Citations struct {
	ID           string     `json:"id"`
	Cites        []Citation `json:"cites"`
	CitedBy      []Citation `json:"cited_by"`
	CitesCount   int        `json:"cites_count"`    // documents cited
	CitedByCount int        `json:"cited_by_count"` // documents citing it
	Internal     []Mention  `json:"internal"`
	TookMS       float64    `json:"took_ms"`
}

// Edge is one citation edge for network tools: a citing paragraph naming a document
// (and perhaps one of its articles).
type Edge struct {
	Citing         string `json:"citing"`           // citing document id
	Cited          string `json:"cited"`            // cited document id; "" when not in the corpus
	CitedTitle     string `json:"cited_title"`      // as the reference names it when unresolved
	Paragraph      string `json:"paragraph"`        // citing paragraph id; "" for the title
	Article        string `json:"article"`          // the article named, as written
	CitedParagraph string `json:"cited_paragraph"`  // the cited article's paragraph
	CitedDocNumber string `json:"cited_doc_number"` // 文号 named
	ReferenceText  string `json:"text"`             // the reference as written
	ReferenceKind  string `json:"kind"`
}

// EdgeColumns are the columns of the citation edge CSV, the same from the API and the
// CLI.
var EdgeColumns = []string{"citing", "cited", "paragraph", "article", "cited_paragraph", "cited_title", "cited_doc_number", "kind", "text"}

// EdgeRow is an edge as a CSV row in EdgeColumns order.
func EdgeRow(e Edge) []string {
	return []string{e.Citing, e.Cited, e.Paragraph, e.Article, e.CitedParagraph, e.CitedTitle, e.CitedDocNumber, e.ReferenceKind, e.ReferenceText}
}

// DiffusionCiter is a document citing the national one, with how much wording it
// shares with it (the compare figure: the share of its text inside passages shared).
type DiffusionCiter struct {
	DocumentSummary
	Province    string   `json:"province"`
	Paragraphs  []string `json:"paragraphs"` // its paragraphs citing the document
	Coverage    float64  `json:"coverage"`
	SharedChars int      `json:"shared_chars"`
}

// DiffusionCell counts the citing documents of one region in one year.
type DiffusionCell struct {
	Region   string  `json:"region"` // a province, or 全国 for national citers
	Year     string  `json:"year"`   // "" when the citer has no date
	Count    int     `json:"count"`
	Coverage float64 `json:"coverage"` // mean coverage of the cell's citers
}

// Diffusion is how a document spread: the documents citing it, by region and year,
// each with the wording it shares.
type Diffusion struct {
	Document DocumentSummary  `json:"document"`
	Total    int              `json:"total"` // citing documents
	Regions  []string         `json:"regions"`
	Years    []string         `json:"years"`
	Cells    []DiffusionCell  `json:"cells"`
	Citers   []DiffusionCiter `json:"citers"`
	TookMS   float64          `json:"took_ms"`
}

// Citer answers questions about the citation network.
type Citer interface {
	Citations(ctx context.Context, id string) (*Citations, error)
	Diffusion(ctx context.Context, id string) (*Diffusion, error)
	// Edges calls fn for every citation edge, of one document (citing or cited) or of
	// the whole corpus when docID is "".
	Edges(ctx context.Context, docID string, fn func(Edge) error) error
}

// ArticleLabel writes an article number as laws do: 1051 → 第一千零五十一条,
// (291, 2) → 第二百九十一条之二. It is used where a reference names no article text.
func ArticleLabel(n, sub int) string {
	s := "第" + CNNumber(n) + "条"
	if sub > 0 {
		s += "之" + CNNumber(sub)
	}
	return s
}

// CNNumber writes n (1..9999) in Chinese numerals as laws number their articles.
func CNNumber(n int) string {
	if n <= 0 || n > 9999 {
		return strconv.Itoa(n)
	}
	digits := []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	units := []string{"千", "百", "十", ""}
	vals := []int{1000, 100, 10, 1}
	out := ""
	zero := false
	for i, v := range vals {
		d := n / v % 10
		if d == 0 {
			if out != "" {
				zero = true
			}
			continue
		}
		if zero {
			out += "零"
			zero = false
		}
		if !(d == 1 && v == 10 && out == "") {
			out += digits[d]
		}
		out += units[i]
	}
	return out
}
