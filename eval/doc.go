// Package eval measures ranked-search quality on judged query sets (see README.md in
// this folder): it reads the judgments, indexes a corpus the way a user's
// `policysearch index` would, sends every query through the search the API runs, and
// scores the top 10 with nDCG@10 and recall@10. The same scorer scores the stored
// results of stock engines (Lucene CJK and smartcn, run by RunPeers), so the figures
// can be set side by side, and a recorded baseline guards against regressions.
//
// A judgment names a passage by its file and a short verbatim key rather than by an
// engine's paragraph id, so any engine's paragraphs can be scored: a hit matches when it
// comes from the judged file and its normalised text contains the normalised key.
package eval
