// Package similar finds precedent clauses: paragraphs of other documents that share
// wording with a given paragraph, ranked, with exactly the shared passages marked.
//
// Local plans copy sentences of national plans almost word for word, with small edits
// (职业学校 becomes 职业院校, a clause is dropped, punctuation changes). Staff drafting a
// plan want to see, for a clause, where its wording came from and how others worded it.
//
// # How
//
// Text is compared on its skeleton: policysearch.Normalize without punctuation and spaces
// (see Skeleton), so that copies that change only punctuation or width still match as one
// passage. Offsets are kept back to the original text, so results mark the original.
//
// Finding candidates without comparing all pairs: Index is an inverted index of anchors,
// winnowed 7-character shingles of the skeleton. Winnowing keeps one shingle hash in every
// window of 8, chosen by content alone, so any passage of 14 characters that two texts
// share gives them a common anchor, however long the rest of either text is; that suits
// containment ("a 300-character local measure quotes a 60-character national clause"),
// where MinHash with LSH, which estimates Jaccard similarity, would need a threshold so low
// that it returns everything. Candidates counts shared anchors per paragraph.
//
// Ranking exactly: Compare finds the maximal common passages of at least MinPassage
// characters of two texts with a hash table of 8-grams, and tiles them greedily, longest
// first, so that every character is in at most one passage. Similarity is the Dice
// coefficient over characters (2·shared/(lenA+lenB)); Similar re-ranks the best
// candidates with it and drops those below DefaultMinSimilarity.
//
// # Use
//
//	x := similar.New(similar.Options{})
//	x.Add(ordinal, paragraph.Text)          // or AddSignature with a stored Signature
//	x.Compact()                             // after a bulk load
//	res := x.Similar(text, 10, otherDoc, textOf)
//	html := similar.Mark(textOf(res[0].ID), res[0].SpansB())
//
// Measured on the lawrefbook corpus (365k lines, 54 MB, one core of a shared 2-core
// machine; BenchmarkCorpus): build 1.2–1.4 s (about 40 MB/s, Compact included), 67 MB of
// heap, Candidates p50 7 µs / p99 0.1 ms, Similar p50 47 µs / p99 0.2 ms. A quote of 20
// or more characters of any corpus line, inserted into a 300-character paragraph, is
// found in the top 5 for 97–100% of queries (TestCorpusQuotes). On the seeds, each of 14
// hand-checked local paragraphs finds the national paragraph it follows first
// (TestPairsRanking).
//
// # Frozen form
//
// WriteFrozen writes the index as pointer-free little-endian arrays (anchors ascending
// with a directory on their top bits, offsets, postings, and per paragraph its id and
// anchor count; layout in frozen.go), and LoadFrozen uses such a buffer in place. The
// index package keeps it in its mmapped table file, so opening an index costs no
// rebuild and almost no heap: on the corpus, 608 bytes and under 2 ms instead of
// 67 MB, for 30 MB of file pages that queries touch only where they look, at the same
// Candidates speed. A frozen index takes Add and Remove as usual (additions go to the
// heap delta; a merge, after 65536 recent postings, rebuilds the frozen arrays on the
// heap: 29 MB for the corpus) and never writes into the buffer. LoadFrozen checks the
// small arrays; Verify checks the rest.
//
//	n, err := x.WriteFrozen(w, newOrdinal)       // at an 8-byte-aligned file offset
//	y, err := similar.LoadFrozen(mapped[off:off+n], similar.Options{}) // mapped stays
//
// The package is pure Go with no I/O; the index package owns persistence and locking.
package similar
