// Package index stores and searches the paragraphs with bleve. It owns the bleve
// mapping, ingest (a document's paragraphs are replaced all at once), ranked search with
// facets, exact phrases, highlighting, suggestions and document outlines. Nothing here
// knows about HTTP.
//
// Two structures serve a query:
//
//   - bleve shards under one IndexAlias hold the jieba-analysed text (ranking), keyword
//     fields for filters and facets, and the stored source of every paragraph and
//     document, from which everything else is rebuilt when an index is reopened;
//   - an in-memory table (corpus) holds every paragraph's normalised text and its
//     document's metadata, and a character-bigram index over that text. An exact phrase
//     is found by intersecting bigram posting lists and verifying each candidate as a
//     literal substring, so it is exact whatever jieba does with the phrase in context.
package index
