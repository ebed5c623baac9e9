package index

import (
	"strings"
	"unicode/utf8"

	"policysearch/analyzers"
)

// stopWords are question and function words. Inside a question typed as one run of
// Chinese (如何推进校企合作), requiring them would leave almost nothing to match.
var stopWords = wordSet(`如何 怎么 怎样 怎么样 怎么办 什么 哪些 哪个 哪里 哪儿 哪 多少 多长 多长时间 多久 多大 几 几个 几年 几天
	何时 什么时候 谁 是否 能否 可否 有没有 是不是 能不能 不能 可不可以 会不会 要不要 该不该 算不算 行不行
	吗 呢 吧 啊 呀 嘛 么 的 地 得 了 着 过 和 与 及 以及 或 或者 在 对 对于 关于 有关 把 被 让 给 从 向 为 为了 是 有 要
	应 应该 应当 需要 可以 能 会 该 这 那 这些 那些 其 之 等 中 上 下 里 内 时 后 前 到 才 我 我们 你 你们 他们 它 请问 一下`)

// questionWords open a "how to" question; a one-character verb right after one (怎么算,
// 怎么写, 谁办) belongs to the question, not to what is asked about.
var questionWords = wordSet(`如何 怎么 怎样 怎么样 谁`)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// word is one unquoted query word analysed for search.
type word struct {
	raw   string
	terms []term // content terms, in order
	min   int    // how many terms must match
}

// term is one content term with the forms that count as it.
type term struct {
	text string   // lowercased, as indexed
	subs []string // when the term is one long dictionary word: its parts, all required
	syns []string // synonyms, each matched whole
}

// analyzeWord cuts an unquoted word into content terms with jieba (precise mode, so a
// dictionary word stays whole), drops question and function words, and attaches parts
// and synonyms.
func analyzeWord(seg *analyzers.Segmenter, raw string) word {
	w := word{raw: raw}
	toks := seg.CutExact(raw)
	all := mergeSynonymSpans(seg.Synonyms(), raw, toks)
	kept := make([]string, 0, len(all))
	for i, t := range all {
		if stopWords[t] || (i > 0 && questionWords[all[i-1]] && utf8.RuneCountInString(t) == 1) {
			continue
		}
		kept = append(kept, t)
	}
	if len(kept) == 0 {
		kept = all // a query made only of function words means them
	}
	syn := seg.Synonyms()
	seen := map[string]bool{}
	for _, t := range kept {
		lt := analyzers.IndexTerm(t)
		if seen[lt] {
			continue
		}
		seen[lt] = true
		tm := term{text: lt}
		// Parts catch a policy compound interrupted in the text ("双师型"教师 for
		// 双师型教师). Only dictionary compounds of the domain get them: for a common
		// word (人民政府) the parts are common too, and matching them would walk
		// posting lists of hundreds of thousands of paragraphs to find nothing new.
		if utf8.RuneCountInString(t) >= 4 && seg.IsUserWord(t) {
			tm.subs = parts(seg, t)
		}
		if syn != nil {
			for _, s := range syn.Expand(t) {
				if ls := analyzers.IndexTerm(s); ls != lt {
					tm.syns = append(tm.syns, ls)
				}
			}
		}
		w.terms = append(w.terms, tm)
	}
	w.min = minShould(len(w.terms))
	return w
}

// mergeSynonymSpans returns the terms of a cut word, with each synonym-list entry that
// spans whole tokens kept as one term: jieba cuts 个保法 into 个/保法 and 双随机一公开 into
// four, and only the whole is in the list. An entry that starts or ends inside a token
// (高企 in 提高/企业) is not the word the user meant, and is left as cut.
func mergeSynonymSpans(syn *analyzers.Synonyms, raw string, toks []analyzers.Token) []string {
	starts, ends := map[int]int{}, map[int]int{}
	for i, t := range toks {
		starts[t.Start] = i
		ends[t.End] = i
	}
	spans := syn.Find(raw, func(a, b int) bool {
		i, okA := starts[a]
		j, okB := ends[b]
		return okA && okB && j > i // more than one token: one token needs no merging
	})
	out := make([]string, 0, len(toks))
	k := 0
	for i := 0; i < len(toks); i++ {
		if k < len(spans) && toks[i].Start == spans[k][0] {
			out = append(out, raw[spans[k][0]:spans[k][1]])
			for i+1 < len(toks) && toks[i+1].End <= spans[k][1] {
				i++
			}
			k++
			continue
		}
		out = append(out, toks[i].Term)
	}
	return out
}

// minShould is how many of n content terms a paragraph must hold: all of one or two,
// then all but about a third, so a question still finds the paragraph that answers it.
func minShould(n int) int {
	switch {
	case n <= 2:
		return n
	case n <= 4:
		return n - 1
	}
	return n - n/3
}

// parts splits a long word into the largest dictionary words inside it (双师型教师 →
// 双师型 + 教师), for paragraphs where the word is interrupted ("双师型"教师).
func parts(seg *analyzers.Segmenter, w string) []string {
	toks := seg.Cut(w)
	var subs []analyzers.Token
	for _, t := range toks {
		if t.Term != w && utf8.RuneCountInString(t.Term) >= 2 {
			subs = append(subs, t)
		}
	}
	var out []string
	for i, t := range subs {
		inside := false
		for j, u := range subs {
			if i != j && u.Start <= t.Start && t.End <= u.End && (u.End-u.Start) > (t.End-t.Start) {
				inside = true
				break
			}
		}
		if !inside {
			out = append(out, analyzers.IndexTerm(t.Term))
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// adjacency scores how closely a paragraph keeps the word's terms together: the share
// of neighbouring term pairs that appear side by side in its text (lowercased).
func (w word) adjacency(lowerNorm string) float64 {
	if len(w.terms) < 2 {
		return 0
	}
	whole := ""
	for _, t := range w.terms {
		whole += t.text
	}
	if strings.Contains(lowerNorm, whole) {
		return 1
	}
	n := 0
	for i := 1; i < len(w.terms); i++ {
		if strings.Contains(lowerNorm, w.terms[i-1].text+w.terms[i].text) {
			n++
		}
	}
	return float64(n) / float64(len(w.terms)-1) * 0.75
}
