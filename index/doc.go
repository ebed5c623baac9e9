// Package index stores and searches the paragraphs with bleve. It owns the bleve
// mapping, ingest (a document's paragraphs are replaced all at once), ranked search with
// facets, exact phrases, highlighting, suggestions and document outlines. Nothing here
// knows about HTTP.
//
// Two structures serve a query:
//
//   - bleve shards under one IndexAlias hold the jieba-analysed text (ranking), keyword
//     fields for filters and facets, and the stored source of every document with its
//     paragraphs, in the document's own record (a paragraph's record stores only its
//     id, which every search hit reads): the record, from which everything else can
//     be rebuilt;
//   - a table (corpus) holds every paragraph's normalised text and its document's
//     metadata, and a character-bigram index over that text. An exact phrase is found
//     by intersecting bigram posting lists and verifying each candidate as a literal
//     substring, so it is exact whatever jieba does with the phrase in context.
//
// The table's texts and bigram postings are not kept on the Go heap once an index has
// been closed and opened again: Close writes them to the table file (table.go), and
// Open maps that file and uses it in place, so that the resident set follows what
// queries touch. Postings and texts added since live on the heap beside it until the
// next Close writes a new file. A missing, stale or damaged file costs a rebuild from
// the stored sources, nothing else.
package index
