package policysearch

import "context"

// Limits of a search request. They are part of the API contract.
const (
	MaxQueryRunes   = 256
	DefaultPageSize = 10
	MaxPageSize     = 100
	MaxPage         = 1000
)

// Sort orders. SortMatches orders documents by how many of their paragraphs match, so
// it needs GroupDocument.
const (
	SortRelevance = "relevance"
	SortDate      = "date"
	SortMatches   = "matches"
	// SortDocument lists the hits of one document (a doc filter) in reading order:
	// a law's articles by number.
	SortDocument = "document"
	// SortCited puts first the hits whose document is cited by the most documents
	// (then the articles cited most), relevance after.
	SortCited = "cited"
)

// Groupings of a result: a list of paragraphs (the default), or of documents with their
// matching paragraphs nested.
const (
	GroupParagraph = "paragraph"
	GroupDocument  = "document"
)

// ScopeTitle limits a search's words to the document title (with ScopeAll, the
// default, they may stand anywhere: text, headings, titles).
const ScopeTitle = "title"

// Filters narrow a search to paragraphs whose document has the given metadata. Several
// values of one field are alternatives (region 江西 or 重庆); fields combine (a region
// and a level). Each is also expressible in the query language (region:江西,重庆,
// level:市, year:2020..2023 …); a field given both ways must name the same values.
type Filters struct {
	Region []string `json:"region,omitempty"` // hierarchical: 山东 matches every city under 山东省
	Level  []string `json:"level,omitempty"`
	Issuer []string `json:"issuer,omitempty"`
	Type   []string `json:"type,omitempty"`
	Unit   []string `json:"unit,omitempty"`
	Kind   []string `json:"kind,omitempty"`
	Doc    []string `json:"doc,omitempty"`
	// Year lists single years (2021 or 2023); YearFrom and YearTo bound a range. Both
	// apply when both are given.
	Year     []int `json:"year,omitempty"`
	YearFrom int   `json:"year_from,omitempty"`
	YearTo   int   `json:"year_to,omitempty"`

	// Status keeps documents of one status (现行有效, 尚未施行, 已被修改, 已废止) on the day
	// of the search.
	Status string `json:"status,omitempty"`
	// Date ranges of 公布日期 and 施行日期, YYYY-MM-DD or YYYY, inclusive; either end may
	// be open.
	PublishedFrom string `json:"published_from,omitempty"`
	PublishedTo   string `json:"published_to,omitempty"`
	EffectiveFrom string `json:"effective_from,omitempty"`
	EffectiveTo   string `json:"effective_to,omitempty"`

	// Cites keeps the paragraphs that cite a document (a document citing it in its
	// title passes whole): a document id, or a title or 文号, which takes in every
	// version and references to documents outside the corpus.
	Cites string `json:"cites,omitempty"`
}

// Limits of filters, part of the API contract.
const (
	MaxFilterValues = 50  // values of one field
	MaxFilterRunes  = 100 // characters of one value
	MinYear         = 1
	MaxYear         = 9999
)

// SearchRequest is one query with its filters, order and page.
type SearchRequest struct {
	Query string `json:"q"`
	// Within is a second query ANDed with the first: a search within its results.
	Within  string  `json:"within,omitempty"`
	Filters Filters `json:"filters"`
	// Scope is ScopeAll (or empty) or ScopeTitle.
	Scope string `json:"scope,omitempty"`
	// Group is GroupParagraph (or empty) or GroupDocument; Page and Size then count
	// documents.
	Group string `json:"group,omitempty"`
	Sort  string `json:"sort,omitempty"`
	Page  int    `json:"page,omitempty"` // from 1
	Size  int    `json:"size,omitempty"`
	// NoFacets skips facet counting when the caller does not show them.
	NoFacets bool `json:"-"`
}

// Hit is one matching paragraph with its document's metadata.
type Hit struct {
	ID               string   `json:"id"`
	DocID            string   `json:"doc_id"`
	DocTitle         string   `json:"doc_title"`
	Issuers          []string `json:"issuers"`
	Region           string   `json:"region"`
	Level            string   `json:"level"`
	Date             string   `json:"date"`
	DocNumber        string   `json:"doc_number"`
	DocType          string   `json:"doc_type"`
	SectionPath      []string `json:"section_path"`
	MeasureNo        string   `json:"measure_no"`
	MeasureTitle     string   `json:"measure_title"`
	Kind             string   `json:"kind"`
	ResponsibleUnits []string `json:"responsible_units"`
	Text             string   `json:"text"`
	// Highlight is Text, HTML-escaped, with <mark> around every occurrence of the
	// query's words and phrases.
	Highlight string  `json:"highlight"`
	Score     float64 `json:"score"`
	// Match is MatchAll for a paragraph that holds every clause of the query, and
	// MatchPartial for a related one shown after them (see SearchResult.Related).
	Match string `json:"match"`

	// Status is the document's status on the day of the search; for an older version
	// (已被修改) CurrentID names the version in force, or the newest one.
	Status    string `json:"status,omitempty"`
	CurrentID string `json:"current_id,omitempty"`
	Published string `json:"published,omitempty"`
	Effective string `json:"effective,omitempty"`
	// Truncated is set when the paragraph is longer than MaxHitRunes: Text and
	// Highlight are then a window of it around the first match, Length is the whole
	// paragraph's length in characters, and GET /paragraphs/{id} has the full text.
	Truncated bool `json:"truncated,omitempty"`
	Length    int  `json:"length,omitempty"`
}

// Values of Hit.Match.
const (
	MatchAll     = "all"
	MatchPartial = "partial"
)

// MaxHitRunes bounds the text a hit carries. Real paragraphs stay under it (a policy
// page parsed as one paragraph runs to several thousand characters, and the judged
// passages of the evaluation lie anywhere in them: a bound of 2,000 cost 0.08 nDCG);
// a 10 MB line without breaks made a 19.8 MB answer with 150k marks.
const MaxHitRunes = 20000

// FacetValue is one value of a facet with the number of matching paragraphs, or of
// matching documents in a grouped result. A facet's counts are taken without the
// facet's own filter, so each says what choosing that value (alone, or beside the
// values already chosen) gives.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
	// Label names a value that is a key rather than a name (the cites facet: the
	// title of the cited document).
	Label string `json:"label,omitempty"`
}

// FilterMiss is a filter value that no indexed document has, with the known values
// closest to it (or, when none is close, the most common ones).
type FilterMiss struct {
	Field string   `json:"field"`
	Value string   `json:"value"`
	Known []string `json:"known"`
}

// DocumentGroup is one document of a grouped result: its metadata, how many of its
// paragraphs match, and the best of them in result order.
type DocumentGroup struct {
	DocID     string   `json:"doc_id"`
	DocTitle  string   `json:"doc_title"`
	Issuers   []string `json:"issuers"`
	Region    string   `json:"region"`
	Level     string   `json:"level"`
	Date      string   `json:"date"`
	DocNumber string   `json:"doc_number"`
	DocType   string   `json:"doc_type"`
	// Matches counts the document's matching paragraphs; Hits holds the first of them.
	Matches int   `json:"matches"`
	Hits    []Hit `json:"hits"`
	// Match is MatchAll, or MatchPartial when the result is relaxed (no paragraph holds
	// every clause, so documents are grouped from the related matches).
	Match string `json:"match"`
}

// GroupHits is how many of a document's matching paragraphs a group lists.
const GroupHits = 3

// Facet names, in the order they are shown.
// cites counts the documents the hits cite, by TitleKey or DocNumberKey (a cites:
// filter value).
var FacetNames = []string{"issuer", "region", "level", "year", "type", "unit", "cites"}

// SearchResult is one page of hits with the total and facet counts over all hits.
type SearchResult struct {
	Total  int                     `json:"total"`
	TookMS float64                 `json:"took_ms"`
	Page   int                     `json:"page"`
	Size   int                     `json:"size"`
	Hits   []Hit                   `json:"hits"`
	Facets map[string][]FacetValue `json:"facets"`
	// Related counts the paragraphs that hold only part of the query. They follow the
	// Total strict matches when those end before the page does, each with Match
	// MatchPartial; they are not in Total or the facets.
	Related int `json:"related"`
	// Relaxed is true when no paragraph had all the words and the hits are all
	// related ones.
	Relaxed bool `json:"relaxed"`
	// Terms are the words and phrases the query matched on, as highlighted.
	Terms []string `json:"terms,omitempty"`
	// Documents, Groups: in a grouped result, the number of documents over all pages
	// and this page of them (Hits is then empty).
	Documents int             `json:"documents,omitempty"`
	Groups    []DocumentGroup `json:"groups,omitempty"`
	// Unmatched lists the filter values no document has.
	Unmatched []FilterMiss `json:"unmatched,omitempty"`
}

// Trends are counts of a query's hits per bucket of a metadata field.
type Trends struct {
	By        string        `json:"by"`
	Total     int           `json:"total"`     // paragraphs
	Documents int           `json:"documents"` // documents with at least one hit
	Phrases   []string      `json:"phrases"`   // the quoted phrases counted
	Buckets   []TrendBucket `json:"buckets"`
	Relaxed   bool          `json:"relaxed"`
	TookMS    float64       `json:"took_ms"`
	NoValue   int           `json:"no_value"` // paragraphs whose document has no value for By
}

// TrendBucket is one value of the field with its counts.
type TrendBucket struct {
	Value       string         `json:"value"`
	Paragraphs  int            `json:"paragraphs"`
	Documents   int            `json:"documents"`
	Occurrences map[string]int `json:"occurrences,omitempty"` // per quoted phrase
}

// TrendFields are the fields trends can be counted by.
var TrendFields = []string{"year", "region", "province", "level", "issuer", "type"}

// TrendsRequest asks for a query's hits counted per value of a field.
type TrendsRequest struct {
	SearchRequest
	By string `json:"by"` // one of TrendFields; empty: year
}

// KWICRequest asks for every occurrence of a query's quoted phrases (or, without
// phrases, of its words) with context on each side, taken from the original text.
type KWICRequest struct {
	SearchRequest
	Width int `json:"width"` // characters of context on each side; 0: DefaultKWICWidth
	// Order is doc (document order, the default), left (by the context just before the
	// match, read backwards, as concordancers sort) or right.
	Order  string `json:"order"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"` // lines; 0: DefaultKWICLines
}

// KWICLine is one occurrence of a phrase with its context.
type KWICLine struct {
	ParagraphID string `json:"paragraph_id"`
	DocID       string `json:"doc_id"`
	DocTitle    string `json:"doc_title"`
	Date        string `json:"date"`
	Region      string `json:"region"`
	// Kind, MeasureNo and MeasureTitle say where in the document the line stands: the
	// article (第12条) or the measure (3. 深化产教融合).
	Kind         string `json:"kind"`
	MeasureNo    string `json:"measure_no,omitempty"`
	MeasureTitle string `json:"measure_title,omitempty"`
	Left         string `json:"left"`
	Match        string `json:"match"`
	Right        string `json:"right"`
}

// KWICResult is a page of keyword-in-context lines.
type KWICResult struct {
	Total  int        `json:"total"` // occurrences
	Lines  []KWICLine `json:"lines"`
	TookMS float64    `json:"took_ms"`
}

// KWIC limits.
const (
	MaxKWICWidth = 100
	MaxKWICLines = 10000
	// DefaultKWICWidth and DefaultKWICLines are a concordance's width and page when the
	// request leaves them out.
	DefaultKWICWidth = 20
	DefaultKWICLines = 500
	// MaxKWICWindow bounds offset+limit of a concordance sorted by context: the lines
	// of the window are what such a request keeps in memory.
	MaxKWICWindow = 20000
)

// Analyst counts and lists what researchers take away: trends per year or region,
// every occurrence in context, and every hit for export.
type Analyst interface {
	Trends(ctx context.Context, req *TrendsRequest) (*Trends, error)
	KWIC(ctx context.Context, req *KWICRequest) (*KWICResult, error)
	// Export calls fn for every hit of the query, in result order, without building the
	// whole result in memory. It fails with ETOOLARGE before the first call when the
	// query has more than limit hits.
	Export(ctx context.Context, req *SearchRequest, limit int, fn func(Hit) error) (int, error)
}
