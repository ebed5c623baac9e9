//go:build jiebaembed

package analyzers

import "embed"

// jiebaDict holds jieba's dictionaries (about 11 MB) for release builds. They are not in git
// (no large data files in the repository): `go generate ./analyzers` copies them from the
// gojieba module into dict/jieba/, which is git-ignored. Without that step this build fails
// with "pattern dict/jieba/...: no matching files found", which is the intent: a release
// binary must not be built without its dictionaries.
//
//go:embed dict/jieba/jieba.dict.utf8 dict/jieba/hmm_model.utf8 dict/jieba/idf.utf8 dict/jieba/stop_words.utf8
var jiebaDict embed.FS

// embeddedJiebaFiles returns the compiled-in dictionaries by file name.
func embeddedJiebaFiles() map[string][]byte {
	files := make(map[string][]byte, len(jiebaFiles))
	for _, name := range jiebaFiles {
		// go:embed above names every file, so the build fails before a read can; a missing
		// one would still be reported by writeEmbeddedDict rather than crash here.
		if data, err := jiebaDict.ReadFile("dict/jieba/" + name); err == nil {
			files[name] = data
		}
	}
	return files
}
