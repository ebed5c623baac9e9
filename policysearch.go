// Package policysearch holds the domain of the policy search service: the documents and
// measure paragraphs it indexes, the search request and result, the interfaces the HTTP
// API and the CLI program against, and the one error type every package returns.
//
// The package has no dependencies beyond the standard library. Each dependency lives in
// its own package: parse (source files), analyzers (jieba), index (bleve), api (gin).
package policysearch

import (
	"context"
	"time"
)

// Paragraph kinds. A paragraph is the unit of retrieval; its kind says what part of a
// document it came from.
const (
	KindPreamble = "preamble" // text between the title and the first heading
	KindMeasure  = "measure"  // a numbered measure: heading and body as one unit
	KindBody     = "body"     // an unnumbered paragraph inside a section
	KindTarget   = "target"   // goals and indicators (建设目标, 主要目标 …)
	// KindBackground is what a plan says of where things stand before it acts
	// (发展基础, 现实基础, 面临形势): a researcher counting measures leaves it out.
	KindBackground = "background"
	KindTableRow   = "table_row" // one row of a task-list table (序号/工作任务/责任单位)
	KindArticle    = "article"   // 第X条 of a law or regulation
)

// Administrative levels of an issuer.
const (
	LevelNational = "国家"
	LevelProvince = "省"
	LevelCity     = "市"
	LevelCounty   = "区县"
)

// RegionNational is the region of documents issued by central government bodies.
const RegionNational = "全国"

// Document is one policy document: its metadata and its paragraphs in reading order.
type Document struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// NoticeTitle is the title of the cover notice that encloses the document
	// (关于印发…的通知), when it has one; Title is the enclosed document's own title.
	NoticeTitle string   `json:"notice_title,omitempty"`
	Issuers     []string `json:"issuers,omitempty"`
	DocNumber   string   `json:"doc_number,omitempty"`
	Date        string   `json:"date,omitempty"`      // signing date (成文日期), YYYY-MM-DD
	Published   string   `json:"published,omitempty"` // publication date (发布日期), YYYY-MM-DD
	Effective   string   `json:"effective,omitempty"` // date it takes effect (施行日期), YYYY-MM-DD
	Region      string   `json:"region,omitempty"`
	RegionCode  string   `json:"region_code,omitempty"` // GB/T 2260 code when resolved
	Level       string   `json:"level,omitempty"`
	DocType     string   `json:"doc_type,omitempty"`
	Period      string   `json:"period,omitempty"` // planning period, e.g. 2021-2025
	Source      string   `json:"source,omitempty"` // file name it was parsed from
	// Notice is the text of the cover notice (…现印发给你们，请认真贯彻执行。), kept
	// apart from the paragraphs of the document it encloses.
	Notice string `json:"notice,omitempty"`
	// Fields are the other metadata the source states, by their own labels: 索引号,
	// 主题分类, 时效性, 效力级别, 原文链接, 附件 ….
	Fields map[string]string `json:"fields,omitempty"`

	// Status is one of the Status constants as the document itself states it (see
	// StatusOn); the index gives the status of the day, with what other documents say.
	Status string `json:"status,omitempty"`
	// Repeals names the documents this one repeals (《…》同时废止), by title.
	Repeals []string `json:"repeals,omitempty"`
	// Amends names the law an amendment (修正案, 关于修改《…》的决定) amends, by title.
	Amends string `json:"amends,omitempty"`

	// Provenance says, per metadata field, whether the value was extracted from the
	// text ("text"), or given by a sidecar or manifest ("sidecar").
	Provenance map[string]string `json:"provenance,omitempty"`
	// Inferred names the fields whose value was not stated by the document but
	// inferred from its text (a region read from the place names it mentions).
	Inferred   []string    `json:"inferred,omitempty"`
	Paragraphs []Paragraph `json:"paragraphs,omitempty"`
}

// Year is the year of the document's date, or 0 when the date is unknown.
func (d *Document) Year() int {
	if len(d.Date) < 4 {
		return 0
	}
	y := 0
	for _, c := range d.Date[:4] {
		if c < '0' || c > '9' {
			return 0
		}
		y = y*10 + int(c-'0')
	}
	return y
}

// Paragraph is one indexed unit of a document.
type Paragraph struct {
	ID           string   `json:"id"`
	DocID        string   `json:"doc_id"`
	Seq          int      `json:"seq"` // position in the document, from 0
	SectionPath  []string `json:"section_path,omitempty"`
	MeasureNo    string   `json:"measure_no,omitempty"`
	MeasureTitle string   `json:"measure_title,omitempty"`
	Kind         string   `json:"kind"`
	// ResponsibleUnits are the units that lead (牵头) or are responsible (负责) for the
	// paragraph; CooperatingUnits those that only cooperate (配合, 参与).
	ResponsibleUnits []string `json:"responsible_units,omitempty"`
	CooperatingUnits []string `json:"cooperating_units,omitempty"`
	// Continued marks a paragraph that continues the one before it: a run of text
	// without breaks, split so that no paragraph exceeds a bounded length.
	Continued bool `json:"continued,omitempty"`
	// Text is the original text, kept for display. Matching uses Normalize(Text).
	Text string `json:"text"`
}

// DocumentSummary is a document's metadata without its paragraphs, as listed.
type DocumentSummary struct {
	Document
	ParagraphCount int `json:"paragraph_count"`
	MeasureCount   int `json:"measure_count"`

	// CurrentID names the version in force (or the newest) when this document is an
	// older version of a law; Status is then 已被修改.
	CurrentID string `json:"current_id,omitempty"`
	// Versions is the law's chain (修订沿革), oldest first, this document included;
	// Related are the documents it is linked to otherwise: the amendments (修正案) of
	// it, the law it amends, what it repeals and what repealed it. Both are given for
	// one document, not in lists.
	Versions []Version `json:"versions,omitempty"`
	Related  []Version `json:"related,omitempty"`
}

// Relations of a Version to the document it is listed for.
const (
	RelVersion    = "version"     // another version of the same law
	RelAmendment  = "amendment"   // a 修正案 or 修改决定 of this law
	RelAmends     = "amends"      // the law this amendment amends
	RelRepeals    = "repeals"     // a document this one repealed
	RelRepealedBy = "repealed_by" // the document that repealed this one
)

// Version is one document in a law's history, as listed beside another.
type Version struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Date      string `json:"date,omitempty"`
	Published string `json:"published,omitempty"`
	Effective string `json:"effective,omitempty"`
	Status    string `json:"status,omitempty"`
	Relation  string `json:"relation"`
	Self      bool   `json:"self,omitempty"` // the document it is listed for
}

// OutlineNode is one heading of a document's outline, with the paragraphs directly under
// it and its sub-headings.
type OutlineNode struct {
	Heading    string         `json:"heading"`
	Paragraphs []OutlineEntry `json:"paragraphs,omitempty"`
	Children   []*OutlineNode `json:"children,omitempty"`
}

// OutlineEntry names one paragraph in an outline.
type OutlineEntry struct {
	ID           string `json:"id"`
	Kind         string `json:"kind"`
	MeasureNo    string `json:"measure_no,omitempty"`
	MeasureTitle string `json:"measure_title,omitempty"`
	Snippet      string `json:"snippet"`
}

// DocumentView is one document with its outline.
type DocumentView struct {
	DocumentSummary
	Outline *OutlineNode `json:"outline"`
}

// ParagraphView is one paragraph with its document's metadata and its neighbours.
type ParagraphView struct {
	Paragraph Paragraph       `json:"paragraph"`
	Document  DocumentSummary `json:"document"`
	Prev      *Paragraph      `json:"prev,omitempty"`
	Next      *Paragraph      `json:"next,omitempty"`
}

// IndexStats describes what an index holds.
type IndexStats struct {
	Documents  int `json:"documents"`
	Paragraphs int `json:"paragraphs"`
}

// Indexer adds and removes documents. Adding a document whose ID is already indexed
// replaces all of its paragraphs at once: a reader sees the old version or the new one,
// never a mix.
type Indexer interface {
	Index(ctx context.Context, docs ...*Document) error
	Delete(ctx context.Context, docID string) error
}

// Searcher answers queries over the indexed paragraphs.
type Searcher interface {
	Search(ctx context.Context, req *SearchRequest) (*SearchResult, error)
	Paragraph(ctx context.Context, id string) (*ParagraphView, error)
	Documents(ctx context.Context) ([]DocumentSummary, error)
	Document(ctx context.Context, id string) (*DocumentView, error)
	Suggest(ctx context.Context, prefix string, n int) ([]Suggestion, error)
	Stats(ctx context.Context) (IndexStats, error)
}

// Suggestion is one completion of a prefix with the number of paragraphs holding it.
type Suggestion struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// Duration in milliseconds with sub-millisecond precision, for took_ms.
func Millis(d time.Duration) float64 {
	return float64(d.Microseconds()) / 1000
}

// Precedent is a paragraph that shares wording with another (the source): its hit, how
// much they share, and both texts with the shared passages marked.
type Precedent struct {
	Hit
	// Similarity in [0, 1]: shared characters over the two texts' lengths (Dice).
	Similarity float64 `json:"similarity"`
	// Containment in [0, 1]: shared characters over the shorter text's length.
	Containment float64 `json:"containment"`
	SharedChars int     `json:"shared_chars"`
	// Marked is the precedent's text (this hit), HTML-escaped, with the shared passages
	// in <mark>.
	Marked string `json:"marked"`
	// SourceMarked is the source's text, HTML-escaped, with the passages it shares with
	// this paragraph in <mark>.
	SourceMarked string `json:"source_marked"`
}

// SimilarResult lists the precedents of a paragraph or of a pasted text.
type SimilarResult struct {
	Source *Hit        `json:"source,omitempty"` // nil for pasted text
	Hits   []Precedent `json:"hits"`
	TookMS float64     `json:"took_ms"`
}

// Lineage is the chain of earlier paragraphs, in other documents, that a paragraph's
// wording descends from, oldest first, ending with the paragraph itself.
type Lineage struct {
	Paragraph Hit         `json:"paragraph"`
	Chain     []Precedent `json:"chain"` // oldest first; each shares wording with the next
	TookMS    float64     `json:"took_ms"`
}

// ComparePair is a paragraph of document B and the paragraph of document A it shares
// the most wording with.
type ComparePair struct {
	A           Hit     `json:"a"`
	B           Hit     `json:"b"`
	Similarity  float64 `json:"similarity"`
	SharedChars int     `json:"shared_chars"`
	MarkedA     string  `json:"marked_a"`
	MarkedB     string  `json:"marked_b"`
}

// Comparison is what two documents share: the pairs of paragraphs, and how much of B's
// text comes from A.
type Comparison struct {
	A DocumentSummary `json:"a"`
	B DocumentSummary `json:"b"`
	// Coverage in [0, 1]: the share of B's characters (letters and digits) inside
	// passages it shares with A.
	Coverage     float64       `json:"coverage"`
	CoveredChars int           `json:"covered_chars"`
	TotalChars   int           `json:"total_chars"`
	Pairs        []ComparePair `json:"pairs"`
	TookMS       float64       `json:"took_ms"`
}

// Scopes of a similar-clause search.
const (
	ScopeOtherDocs = "other_docs"
	ScopeAll       = "all"
)

// Precedents finds shared wording across documents.
type Precedents interface {
	Similar(ctx context.Context, paragraphID string, size int, scope string) (*SimilarResult, error)
	SimilarText(ctx context.Context, text string, size int) (*SimilarResult, error)
	Lineage(ctx context.Context, paragraphID string) (*Lineage, error)
	Compare(ctx context.Context, docA, docB string) (*Comparison, error)
}

// MaxParagraphs is the most paragraphs one document may have. A change to a document
// is one atomic batch, applied while searches wait, and its memory and that wait grow
// with its paragraphs (about 7 KB and 35 µs each): a 16 MB text of a million short
// lines took 35 s and 7.5 GB. The longest real documents (codes of law, task lists)
// have a few thousand; a file with more is a collection to split.
const MaxParagraphs = 20000
