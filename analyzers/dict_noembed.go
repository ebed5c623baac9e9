//go:build !jiebaembed

package analyzers

// embeddedJiebaFiles returns nil: this build does not carry the jieba dictionaries and looks
// for them on disk (see locateJiebaDict). Release builds use -tags jiebaembed.
func embeddedJiebaFiles() map[string][]byte { return nil }
