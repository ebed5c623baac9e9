package index

import (
	"github.com/blevesearch/bleve/v2/mapping"

	"policysearch/analyzers"
)

// Field names in bleve.
const (
	fText       = "text"        // jieba search-mode terms of the paragraph
	fRec        = "rec"         // "p" for a paragraph, "d" for a document record
	fDoc        = "doc"         // document id
	fIssuer     = "issuer"      // every issuer of the document
	fRegion     = "region"      // the document's region, full name (facet)
	fRegionPath = "region_path" // the region and every region above it (filter)
	fLevel      = "level"
	fType       = "type"
	fYear       = "year"
	fUnit       = "unit"
	fKind       = "kind"
	fSection    = "section"
	fDate       = "date"
	fTitle      = "mtitle"   // jieba terms of the measure title
	fHeadings   = "headings" // jieba terms of the enclosing headings
	fDocTitle   = "dtitle"   // jieba terms of the document's title
	fGrams      = "grams"    // character bigrams of the paragraph (analyzers.GramName)
	fCites      = "cites"    // keys of the documents the paragraph (or its title) cites, for the facet
	fSrc        = "_src"     // the document and its paragraphs as JSON (format 2: each paragraph's own), stored only
	fSig        = "_sig"     // format 2 only: the paragraph's similar-clause signature, base64, stored
)

// Fields of the dates of laws, YYYY-MM-DD, for range filters.
const (
	fPublished = "published" // 公布日期
	fEffective = "effective" // 施行日期
)

// docPrefix starts the bleve id of a document record; paragraph ids never contain ':'.
const docPrefix = "d:"

// newMapping builds the bleve mapping. Text is analysed by the jieba analyzer of the
// process's segmenter; it has no term vectors and is not stored, because highlighting
// and exact phrases work on the in-memory text, and the stored JSON source carries the
// text for reopening. Metadata are keyword fields with doc values for facets. The _all
// field is disabled outright: nothing searches it, and even empty (every field has
// IncludeInAll off) bleve would still build and persist it per paragraph, about a tenth
// of the build's CPU on lawrefbook.
func newMapping(seg *analyzers.Segmenter, scoring string) (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	if err := seg.AddAnalyzer(im, "policy_jieba", analyzers.Search); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = "policy_jieba"
	im.DefaultField = fText
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	im.ScoringModel = scoring

	text := mapping.NewTextFieldMapping()
	text.Analyzer = "policy_jieba"
	text.Store = false
	text.IncludeTermVectors = false
	text.IncludeInAll = false
	text.DocValues = false

	keyword := func(docValues bool) *mapping.FieldMapping {
		f := mapping.NewKeywordFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = docValues
		return f
	}
	src := mapping.NewTextFieldMapping()
	src.Index = false
	src.Store = true
	src.IncludeInAll = false
	src.IncludeTermVectors = false
	src.DocValues = false

	grams := mapping.NewTextFieldMapping()
	grams.Analyzer = analyzers.GramName
	grams.Store = false
	grams.IncludeTermVectors = false
	grams.IncludeInAll = false
	grams.DocValues = false

	dm := mapping.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt(fText, text)
	// A paragraph's words are also where it stands: the measure title, the headings above
	// it and its document's title name what it is about, often in words the paragraph
	// never repeats (a chapter 无因管理 over articles that say 管理人). They are matched
	// like the text, weighted below it.
	dm.AddFieldMappingsAt(fTitle, text)
	dm.AddFieldMappingsAt(fHeadings, text)
	dm.AddFieldMappingsAt(fDocTitle, text)
	// Bigrams beside jieba's words, so that a word jieba cuts one way in the query and
	// another in the text still meets (see analyzers.GramName).
	dm.AddFieldMappingsAt(fGrams, grams)
	dm.AddFieldMappingsAt(fRec, keyword(false))
	dm.AddFieldMappingsAt(fDoc, keyword(false))
	for _, f := range []string{fIssuer, fRegion, fLevel, fType, fYear, fUnit, fKind, fDate, fCites} {
		dm.AddFieldMappingsAt(f, keyword(true))
	}
	dm.AddFieldMappingsAt(fRegionPath, keyword(false))
	dm.AddFieldMappingsAt(fPublished, keyword(false))
	dm.AddFieldMappingsAt(fEffective, keyword(false))
	dm.AddFieldMappingsAt(fSection, keyword(false))
	dm.AddFieldMappingsAt(fSrc, src)
	dm.AddSubDocumentMapping("_all", mapping.NewDocumentDisabledMapping())
	im.DefaultMapping = dm
	return im, nil
}
