// Package analyzers cuts Chinese policy text into words with jieba (gojieba, cgo) and plugs
// that into bleve v2 as the tokenizer and analyzer named "jieba". gojieba ships an adapter
// for bleve v1 only, so this package has its own.
//
// # Use
//
//	seg, err := analyzers.Open(analyzers.Options{DictDir: flagOrEnv, UserDicts: dictFlags})
//	if err != nil { ... }          // says which file/line is wrong and how to fix it
//	defer seg.Close()
//	fieldMapping.Analyzer = analyzers.Name // index side: search mode + lowercase
//	words := seg.CutExact(query)          // query side: precise cut, offsets into query
//	seg.Synonyms().Expand("双高")          // [双高 双高计划 中国特色高水平高职学校和专业建设计划]
//
// Open loads about 160 MB of dictionaries: call it once per process and share the
// Segmenter; it is safe for concurrent use (see Segmenter for what was checked in cppjieba).
//
// # How the tokenizer finds jieba
//
// bleve builds tokenizers from a config map stored as JSON in the index, so the map cannot
// carry a pointer. Open registers the Segmenter under a name (default "default"); the
// config names it ({"type":"jieba","segmenter":"default","mode":"search"}), and the
// constructor looks it up. Close unregisters it. The only work done in init is registering
// the two constructors with bleve, as bleve's own analyzers do.
//
// # Tokens
//
//   - Start/End are byte offsets into the input, Position counts emitted tokens from 1.
//   - Search mode (the index) is jieba's CutForSearch with HMM: the precise cut plus every
//     dictionary word of 2–3 characters inside a longer word, plus, added here, the user
//     dictionary words of 4+ characters inside a longer word (产教融合 in 产教融合型企业).
//     Sub-words come before their word and take their own positions.
//   - Exact mode is jieba's precise cut with HMM, for parsing queries.
//   - Tokens without a letter or digit (whitespace, ， 。 、 —— “” 《》, ASCII punctuation)
//     are dropped. 1+X stays one token because it is in the policy dictionary (plain jieba
//     cuts 1 / + / X); 2020—2023 becomes 2020 and 2023; 5G becomes 5 and G, as in jieba.
//   - Types: Ideographic for tokens with CJK characters, Numeric for numbers (2020, 3.5),
//     AlphaNumeric otherwise.
//   - The tokenizer keeps case; the analyzer lowercases (bleve's to_lower), so x and X
//     match while offsets and Cut output show the text as written. User words with ASCII
//     capitals get a lower-case twin in jieba's dictionary, so 1+x is cut like 1+X.
//   - Full-width letters and digits (ＡＢＣ１２３) are cut one per character, because jieba's
//     letter and number rules are ASCII-only; parse normalises width before indexing.
//   - NUL bytes and invalid UTF-8 (which cppjieba would cut short or discard whole) split
//     the input into runs that are cut separately; the bad bytes are skipped.
//
// # Dictionaries
//
// jieba's own dictionaries (11 MB) are not in git. A normal build finds them on disk:
// Options.DictDir (--jieba-dict / POLICYSEARCH_JIEBA_DICT), dict/ beside the executable,
// /usr/share/policysearch/jieba, then the gojieba module source (present wherever the
// binary was built, so go run and go test need nothing). Release builds embed them:
//
//	go generate ./analyzers                  # copies them into analyzers/dict/jieba (git-ignored)
//	go build -tags jiebaembed ./cmd/policysearch
//
// and write them once to a cache directory at start, because cppjieba takes paths.
//
// The policy dictionary (dict/policy.dict.utf8) and the synonym list (dict/synonyms.txt)
// are compiled in; Options.UserDicts and Options.SynonymFiles extend them without a rebuild.
// Both formats are validated in Go first, with errors as file:line: cppjieba aborts the
// process on malformed dictionaries and misreads some lines silently (see parseUserDict and
// validateJiebaFile).
package analyzers
