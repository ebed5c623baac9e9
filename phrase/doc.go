// Package phrase finds exact phrases in normalised paragraph texts, the index's own
// engine beside bleve's: the postings of every pair of adjacent characters (bigram) by
// paragraph ordinal, with the paragraphs that hold a pair more than once and the bits
// of how many times (so that a pair's count in any paragraph is read from bitmaps,
// never from its text); a phrase's candidates from them; their verification and the
// counting of occurrences, which ranking uses.
//
// Postings are added in memory (striped by first character, so that a batch fills
// them on every core) and can also stand in a file, read in place from a mapping of it
// (Frozen, Write, Open): a key's postings are the two together. The package knows
// nothing of documents, paragraphs' metadata or the file around its sections; the
// index package owns those, the live set, and the texts Find verifies against.
package phrase
