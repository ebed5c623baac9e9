package analyzers

import (
	"fmt"
	"path/filepath"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/yanyiwu/gojieba"
)

// DefaultSegmenter is the segmenter name used when Options.Name is empty, and the one the
// registered "jieba" tokenizer and analyzer use when their config names none.
const DefaultSegmenter = "default"

// Options configure Open. Paths are taken as given; commands map their flags onto them.
type Options struct {
	// Name registers the segmenter for the bleve tokenizer (config key "segmenter").
	// Empty means DefaultSegmenter.
	Name string
	// DictDir is the jieba dictionary directory (--jieba-dict / POLICYSEARCH_JIEBA_DICT).
	// Empty means: the dictionaries compiled into a jiebaembed build, else dict/ beside
	// the executable, SystemDictDir, and the gojieba module source, in that order.
	DictDir string
	// UserDicts are extra user dictionaries (--dict FILE, repeatable), `word [freq [tag]]`
	// per line, applied after the built-in policy dictionary; a later entry for the same
	// word wins.
	UserDicts []string
	// SynonymFiles extend the built-in synonym list (--synonyms FILE, repeatable).
	SynonymFiles []string
	// CacheDir is where files for cppjieba are written (the cleaned user dictionary, and
	// the dictionaries of a jiebaembed build). Empty means os.UserCacheDir()/policysearch,
	// falling back to os.TempDir()/policysearch.
	CacheDir string
}

// Mode selects how text is cut.
type Mode int

const (
	// Search is jieba's search mode (CutForSearch with HMM): the precise cut plus the
	// dictionary words of 2 and 3 characters inside longer words, plus (added here) the
	// user-dictionary words of 4 or more characters inside longer words, so that
	// 产教融合型企业 also yields 产教融合. Used for indexing and for query terms.
	Search Mode = iota
	// Exact is jieba's default (precise) mode with HMM: one non-overlapping cut, used to
	// parse queries into words.
	Exact
)

func (m Mode) String() string {
	if m == Exact {
		return "exact"
	}
	return "search"
}

// Token is one word cut from a text.
type Token struct {
	// Term is the text exactly as in the input, text[Start:End]; the jieba analyzer
	// lowercases it afterwards (see IndexTerm).
	Term       string
	Start, End int // byte offsets into the input
	// Position counts kept tokens from 1. In Search mode a word and its sub-words take
	// consecutive positions, so positions do not measure distance in the text.
	Position int
	Type     analysis.TokenType
}

// Segmenter owns the process's jieba instance and the dictionaries around it.
//
// Open it once per process: cppjieba keeps its dictionaries in memory (about 160 MB of RSS),
// and every index and query shares the one instance through the name registry below.
//
// Concurrency: a Segmenter is safe for concurrent use. The C++ side was read for this
// (gojieba v1.4.7, deps/cppjieba/include/cppjieba): Cut and CutForSearch are const methods
// of cppjieba::Jieba; each call builds its own PreFilter, DAG, Viterbi tables and result
// vectors on the stack, and only reads shared state (the dictionary trie, an
// unordered_map::find per rune, the HMM model, the separator set). The only writers are
// InsertUserWord/DeleteUserWord/ResetSeparators, which this package never calls after
// construction, and error logging, which uses localtime_r. gojieba's Go wrapper copies the
// input into a fresh C string per call and frees its own result. What is not safe is Free
// while a cut is running (use after free), so cuts hold a read lock and Close the write lock.
// TestConcurrentCut checks 8 goroutines against serial output under -race.
type Segmenter struct {
	name      string
	mu        sync.RWMutex // read: a cut is using jieba; write: Close
	jieba     *gojieba.Jieba
	userWords map[string]struct{}
	synonyms  *Synonyms
	dictDir   string
	userDict  string
}

// The process-level registry of open segmenters, by name. bleve builds tokenizers from a
// config map that is stored as JSON inside the index (so it must serialise) and rebuilt when
// the index is reopened, so a *Segmenter cannot travel in it. The config carries the name
// instead ({"type":"jieba","segmenter":"default"}); Open registers, Close unregisters. This
// keeps the registry explicit and owned by Open/Close rather than a package variable set in
// init, and lets tests open separately named segmenters.
var registered = struct {
	sync.Mutex
	byName map[string]*Segmenter
}{byName: map[string]*Segmenter{}}

// lookupSegmenter returns the open segmenter registered under name.
func lookupSegmenter(name string) (*Segmenter, error) {
	registered.Lock()
	defer registered.Unlock()
	if s := registered.byName[name]; s != nil {
		return s, nil
	}
	return nil, fmt.Errorf("analyzers: no open jieba segmenter named %q: call analyzers.Open (with Options.Name %q) before opening an index that uses the jieba analyzer", name, name)
}

// Open validates the dictionaries, loads jieba and registers the segmenter under
// opts.Name. Errors name the file (and line) at fault and say how to fix it; Open never
// panics and never falls back silently to other dictionaries than the ones asked for.
func Open(opts Options) (*Segmenter, error) {
	name := opts.Name
	if name == "" {
		name = DefaultSegmenter
	}
	// Reserve the name first, so a second Open of the same name fails before loading
	// another 160 MB dictionary.
	registered.Lock()
	if _, taken := registered.byName[name]; taken {
		registered.Unlock()
		return nil, fmt.Errorf("analyzers: a jieba segmenter named %q is already open (open one per process and share it)", name)
	}
	registered.byName[name] = nil
	registered.Unlock()

	s, err := open(name, opts)
	registered.Lock()
	if err != nil {
		delete(registered.byName, name)
	} else {
		registered.byName[name] = s
	}
	registered.Unlock()
	return s, err
}

func open(name string, opts Options) (*Segmenter, error) {
	// Everything that can be wrong in the user's files is checked before the slow load.
	entries, err := parseUserDict(policyDictName, policyDict)
	if err != nil {
		return nil, err
	}
	for _, p := range opts.UserDicts {
		more, err := readUserDict(p)
		if err != nil {
			return nil, err
		}
		entries = append(entries, more...)
	}
	syn, err := loadSynonyms(opts.SynonymFiles)
	if err != nil {
		return nil, err
	}
	roots := cacheRoots(opts.CacheDir)
	dir, err := locateJiebaDict(opts.DictDir, roots)
	if err != nil {
		return nil, err
	}
	text, words := userDictionary(entries)
	userDict, err := writeUserDict(text, roots)
	if err != nil {
		return nil, err
	}
	idf, err := writeCacheFile("idf-unused", unusedIDF, roots)
	if err != nil {
		return nil, err
	}
	stop, err := writeCacheFile("stopwords-unused", unusedStopWords, roots)
	if err != nil {
		return nil, err
	}
	j, err := newJieba(dir, userDict, idf, stop)
	if err != nil {
		return nil, err
	}
	return &Segmenter{name: name, jieba: j, userWords: words, synonyms: syn, dictDir: dir, userDict: userDict}, nil
}

// newJieba loads cppjieba. gojieba panics when a file vanished since it was checked; that is
// turned into an error. (Malformed content would abort in C++; validateJiebaFile and
// parseUserDict have excluded it.)
func newJieba(dir, userDict, idf, stopWords string) (j *gojieba.Jieba, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("analyzers: loading jieba from %s: %v", dir, r)
		}
	}()
	return gojieba.NewJieba(
		filepath.Join(dir, jiebaFiles[0]),
		filepath.Join(dir, jiebaFiles[1]),
		userDict,
		idf,
		stopWords,
	), nil
}

// Close frees jieba's memory and unregisters the segmenter. It waits for running cuts,
// is idempotent, and always returns nil. Using the segmenter afterwards panics (see cut).
func (s *Segmenter) Close() error {
	s.mu.Lock()
	j := s.jieba
	s.jieba = nil
	s.mu.Unlock()
	if j == nil {
		return nil
	}
	j.Free()
	registered.Lock()
	if registered.byName[s.name] == s {
		delete(registered.byName, s.name)
	}
	registered.Unlock()
	return nil
}

// Name is the registry name (Options.Name or DefaultSegmenter).
func (s *Segmenter) Name() string { return s.name }

// DictDir is the directory the jieba dictionaries were loaded from, for start-up logs.
func (s *Segmenter) DictDir() string { return s.dictDir }

// UserDictPath is the cleaned, merged user dictionary handed to jieba.
func (s *Segmenter) UserDictPath() string { return s.userDict }

// Synonyms returns the built-in synonym groups extended by Options.SynonymFiles.
func (s *Segmenter) Synonyms() *Synonyms { return s.synonyms }

// IsUserWord reports whether w is an entry of the policy dictionary or of a --dict file
// (ASCII case ignored), i.e. a word a query should match whole.
func (s *Segmenter) IsUserWord(w string) bool {
	_, ok := s.userWords[w]
	if !ok {
		_, ok = s.userWords[asciiLower(w)]
	}
	return ok
}

// Cut cuts text in Search mode, dropping whitespace and punctuation.
func (s *Segmenter) Cut(text string) []Token { return s.mustCut(text, Search) }

// CutExact cuts text in Exact (precise) mode, dropping whitespace and punctuation.
func (s *Segmenter) CutExact(text string) []Token { return s.mustCut(text, Exact) }

func (s *Segmenter) mustCut(text string, mode Mode) []Token {
	toks := make([]Token, 0, estimateTokens(text, mode))
	ok := s.each(text, mode, func(term string, start, end int) {
		toks = append(toks, Token{Term: term, Start: start, End: end, Position: len(toks) + 1, Type: tokenType(term)})
	})
	if !ok {
		panic(fmt.Sprintf("analyzers: Cut on closed jieba segmenter %q", s.name))
	}
	return toks
}

// estimateTokens sizes result slices: about one token per 4 bytes of Chinese (a word of
// 1.5 characters), a third more in Search mode for sub-words. Growing them from zero was a
// third of the bytes BenchmarkTokenize allocated.
func estimateTokens(text string, mode Mode) int {
	n := len(text)/4 + 1
	if mode == Search {
		n += n / 3
	}
	return n
}

// each calls emit for every kept token of text, in order, with byte offsets into text and
// the term as it stands there. It returns false, calling nothing, when s is closed.
//
// cppjieba gets C strings, which end at the first NUL, and it discards a whole input that
// does not decode as UTF-8 (PreFilter logs "UTF-8 decode failed" and yields nothing); its
// decoder also does not check continuation bytes. So text is fed in maximal runs of valid
// UTF-8 without NUL, and offsets are shifted back by each run's start: a stray byte costs
// only itself, and offsets stay exact.
func (s *Segmenter) each(text string, mode Mode, emit func(term string, start, end int)) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.jieba == nil {
		return false
	}
	jmode := gojieba.SearchMode
	if mode == Exact {
		jmode = gojieba.DefaultMode
	}
	eachValidRun(text, func(off int, run string) {
		for _, w := range s.jieba.Tokenize(run, jmode, true) {
			if !keepToken(w.Str) {
				continue
			}
			if mode == Search {
				s.userSubwords(w.Str, off+w.Start, emit)
			}
			emit(w.Str, off+w.Start, off+w.End)
		}
	})
	return true
}

// userSubwords emits the user-dictionary words of 4+ characters found inside word (which
// starts at byte off). jieba's search mode only emits sub-words of 2 and 3 characters, so
// without this 产教融合型企业 would not be found by 产教融合, nor
// 实习实训基地 by 实训基地. They go before the word, as jieba orders its own sub-words.
func (s *Segmenter) userSubwords(word string, off int, emit func(term string, start, end int)) {
	const minRunes = 4
	if len(word) <= minRunes || utf8.RuneCountInString(word) <= minRunes {
		return
	}
	for i := 0; i < len(word); {
		// j walks rune ends from i; candidates are word[i:j] with 4 ≤ runes < whole word.
		n := 0
		for j := i; j < len(word); {
			_, size := utf8.DecodeRuneInString(word[j:])
			j += size
			n++
			if n > maxWordRunes {
				break
			}
			if n >= minRunes && !(i == 0 && j == len(word)) {
				if _, ok := s.userWords[word[i:j]]; ok {
					emit(word[i:j], off+i, off+j)
				}
			}
		}
		_, size := utf8.DecodeRuneInString(word[i:])
		i += size
	}
}

// eachValidRun calls fn for each maximal run of text that is valid UTF-8 and free of NUL,
// with the run's byte offset.
func eachValidRun(text string, fn func(off int, run string)) {
	start := 0
	flush := func(end int) {
		if end > start {
			fn(start, text[start:end])
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c != 0 && c < utf8.RuneSelf {
			i++
			continue
		}
		size := 1
		if c != 0 {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			if r != utf8.RuneError || size != 1 {
				i += size
				continue
			}
		}
		flush(i)
		i += size
		start = i
	}
	flush(len(text))
}

// keepToken drops what jieba emits for whitespace and punctuation (it returns every
// character, including " ", "，", "——", "《", "、", "+"): a token is kept when it has at
// least one letter or digit, so 1+X, 5G and 2020 stay and a lone "+" or "—" goes.
func keepToken(t string) bool {
	for _, r := range t {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			return true
		}
	}
	return false
}

// tokenType classifies a token the way bleve's own tokenizers do: Ideographic when it has a
// CJK character, Numeric when it is a number (digits with '.' or ','), else AlphaNumeric.
func tokenType(t string) analysis.TokenType {
	digits, other := 0, 0
	for _, r := range t {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			return analysis.Ideographic
		case unicode.IsDigit(r):
			digits++
		case r == '.' || r == ',':
		default:
			other++
		}
	}
	if digits > 0 && other == 0 {
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}
