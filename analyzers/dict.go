package analyzers

//go:generate go run ./internal/copydict -out dict/jieba

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yanyiwu/gojieba"
)

// EnvDictDir is the environment variable a command reads for the jieba dictionary directory
// (the same setting as its --jieba-dict flag). This package does not read it itself: the
// caller resolves flag and environment and passes the result as Options.DictDir, so that
// there is one place where configuration is decided.
const EnvDictDir = "POLICYSEARCH_JIEBA_DICT"

// SystemDictDir is where packages (deb/rpm/Docker images) install the jieba dictionaries.
const SystemDictDir = "/usr/share/policysearch/jieba"

// DefaultFreq is the frequency given to dictionary entries written without one. jieba's own
// default for such lines is its median word weight (freq 3), too weak to keep a domain word
// whole next to common words; see the header of dict/policy.dict.utf8 for the measurements.
const DefaultFreq = 3000

// defaultTag is the part-of-speech tag of entries written without one (nz: other proper noun).
const defaultTag = "nz"

// maxFreq keeps a frequency inside the C int that cppjieba's atoi parses it into.
const maxFreq = 100_000_000

// maxWordRunes bounds a dictionary word or synonym: longer entries are nearly always a
// missing separator, and cppjieba ignores words longer than 512 runes anyway.
const maxWordRunes = 64

// jiebaFiles are the files cppjieba loads besides the user dictionary, in the order
// gojieba.NewJieba takes them (the user dictionary goes between hmm_model and idf).
var jiebaFiles = [4]string{"jieba.dict.utf8", "hmm_model.utf8", "idf.utf8", "stop_words.utf8"}

// unusedIDF and unusedStopWords stand in for idf.utf8 and stop_words.utf8 when jieba is
// loaded: cppjieba loads them for keyword extraction, which nothing here uses, and the
// full idf table costs 16.5 MB of resident memory in every process (measured:
// 138.1 MB after NewJieba with the real files, 121.6 MB with these).
var (
	unusedIDF       = []byte("的 1.0\n")
	unusedStopWords = []byte("的\n")
)

// policyDict is the domain user dictionary; it is small, so it is always compiled in.
//
//go:embed dict/policy.dict.utf8
var policyDict []byte

const policyDictName = "dict/policy.dict.utf8 (built in)"

// dictEntry is one validated user-dictionary line.
type dictEntry struct {
	word string
	freq int // 0: not given, DefaultFreq is used
	tag  string
}

// cacheRoots lists the directories, best first, where Open may write files for jieba: the
// embedded dictionaries (jiebaembed builds) and the cleaned user dictionary. cppjieba only
// takes paths, so these files must exist on disk.
func cacheRoots(explicit string) []string {
	if explicit != "" {
		return []string{explicit}
	}
	var roots []string
	if dir, err := os.UserCacheDir(); err == nil {
		roots = append(roots, filepath.Join(dir, "policysearch"))
	}
	return append(roots, filepath.Join(os.TempDir(), "policysearch"))
}

// locateJiebaDict returns the directory holding the four jieba files. An explicit directory
// must work: falling back to another dictionary than the one asked for would silently
// change how every document is segmented.
func locateJiebaDict(explicit string, roots []string) (string, error) {
	if explicit != "" {
		if err := checkJiebaDir(explicit); err != nil {
			return "", fmt.Errorf("analyzers: jieba dictionary directory %s (from --jieba-dict or %s): %w", explicit, EnvDictDir, err)
		}
		return explicit, nil
	}
	if files := embeddedJiebaFiles(); files != nil {
		return writeEmbeddedDict(files, roots)
	}
	return firstJiebaDir(defaultDictCandidates())
}

// dictCandidate is one place Open looks for the jieba dictionaries.
type dictCandidate struct {
	dir, what string
}

func defaultDictCandidates() []dictCandidate {
	var c []dictCandidate
	if exe, err := os.Executable(); err == nil {
		if real, err := filepath.EvalSymlinks(exe); err == nil {
			exe = real
		}
		c = append(c, dictCandidate{filepath.Join(filepath.Dir(exe), "dict"), "beside the executable"})
	}
	c = append(c, dictCandidate{SystemDictDir, "system install"})
	// gojieba computes DICT_DIR from its source path at build time; it exists on the machine
	// that built the binary (go run, go test), rarely anywhere else.
	c = append(c, dictCandidate{gojieba.DICT_DIR, "gojieba module source, present where the binary was built"})
	return c
}

// firstJiebaDir returns the first candidate holding all four files. A candidate that has
// the files but a malformed one is an error rather than a reason to try the next: that is a
// broken installation, and cppjieba would abort the process on it.
func firstJiebaDir(cands []dictCandidate) (string, error) {
	var looked []string
	for _, c := range cands {
		err := checkJiebaFilesPresent(c.dir)
		if err == nil {
			if err := validateJiebaDir(c.dir); err != nil {
				return "", fmt.Errorf("analyzers: jieba dictionary directory %s (%s): %w", c.dir, c.what, err)
			}
			return c.dir, nil
		}
		looked = append(looked, fmt.Sprintf("  - %s (%s): %v", c.dir, c.what, err))
	}
	return "", fmt.Errorf("analyzers: no jieba dictionary directory found; looked in:\n%s\n"+
		"fix: pass --jieba-dict DIR or set %s to a directory holding %s; "+
		"or install them to %s; or build with `go generate ./analyzers && go build -tags jiebaembed` "+
		"to ship them inside the binary",
		strings.Join(looked, "\n"), EnvDictDir, strings.Join(jiebaFiles[:], ", "), SystemDictDir)
}

// checkJiebaDir checks presence and content of the four files in dir.
func checkJiebaDir(dir string) error {
	if err := checkJiebaFilesPresent(dir); err != nil {
		return err
	}
	return validateJiebaDir(dir)
}

func checkJiebaFilesPresent(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return errors.New("does not exist")
		}
		return err
	}
	if !fi.IsDir() {
		return errors.New("is not a directory")
	}
	var missing []string
	for _, name := range jiebaFiles {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || !fi.Mode().IsRegular() || fi.Size() == 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing or empty: %s", strings.Join(missing, ", "))
	}
	return nil
}

// validateJiebaDir reads the four files and applies the checks cppjieba would otherwise
// make with XCHECK/assert, which abort the whole process (see validateJiebaFile).
func validateJiebaDir(dir string) error {
	for _, name := range jiebaFiles {
		p := filepath.Join(dir, name)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := validateJiebaFile(name, data); err != nil {
			return fmt.Errorf("%s:%w", p, err)
		}
	}
	return nil
}

// validateJiebaFile mirrors what cppjieba (deps/cppjieba/include/cppjieba) accepts, because
// everything it rejects aborts the process instead of returning an error:
//   - jieba.dict.utf8 (DictTrie::LoadDict): every line, empty ones included, must split on
//     single spaces into exactly 3 fields, and the weight must be > 0 (assert in
//     CalculateWeight); at least one line (XCHECK in SetStaticWordWeights).
//   - hmm_model.utf8 (HMMModel::LoadModel): after blank and '#' lines are skipped, one line of
//     4 start probabilities, 4 lines of 4 transition probabilities, 4 emission lines of
//     comma-separated "rune:prob" pairs.
//   - idf.utf8 (KeywordExtractor::LoadIdfDict): at least one line and a positive mean idf.
//   - stop_words.utf8: at least one line.
//
// It runs on every start that loads dictionaries from disk, so it scans without allocating
// per line (about 20 ms for the 11 MB of jieba's files). Errors read "N: what" so the
// caller can prefix the file name.
func validateJiebaFile(name string, data []byte) error {
	text := string(data)
	var f []string // reused field buffer
	lines, hmmLines := 0, 0
	idfSum := 0.0
	for rest := strings.TrimSuffix(text, "\n"); text != ""; {
		var line string
		var more bool
		line, rest, more = strings.Cut(rest, "\n")
		lines++
		switch name {
		case "jieba.dict.utf8":
			if f = cppSplit(f[:0], line, " "); len(f) != 3 {
				return fmt.Errorf("%d: want `word weight tag` separated by single spaces, got %q", lines, line)
			}
			if w, err := strconv.ParseFloat(f[1], 64); err != nil || !(w > 0) {
				return fmt.Errorf("%d: weight %q is not a positive number", lines, f[1])
			}
		case "hmm_model.utf8":
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				break
			}
			if hmmLines < 5 {
				if f = cppSplit(f[:0], line, " "); len(f) != 4 {
					return fmt.Errorf("%d: want 4 space-separated probabilities", lines)
				}
			} else if hmmLines < 9 {
				for _, pair := range cppSplit(nil, line, ",") {
					kv := cppSplit(f[:0], pair, ":")
					if len(kv) != 2 || !utf8.ValidString(kv[0]) || utf8.RuneCountInString(kv[0]) != 1 {
						return fmt.Errorf("%d: emission entry %q is not `rune:prob`", lines, pair)
					}
				}
			}
			hmmLines++
		case "idf.utf8":
			if f = cppSplit(f[:0], line, " "); len(f) == 2 {
				v, _ := strconv.ParseFloat(f[1], 64)
				idfSum += v
			}
		}
		if !more {
			break
		}
	}
	switch {
	case name == "jieba.dict.utf8" && lines == 0:
		return fmt.Errorf("1: no entries")
	case name == "hmm_model.utf8" && hmmLines < 9:
		return fmt.Errorf("%d: truncated: %d of 9 model lines", lines, hmmLines)
	case name == "idf.utf8" && !(lines > 0 && idfSum/float64(lines) > 0):
		return fmt.Errorf("1: no positive idf values")
	case name == "stop_words.utf8" && lines == 0:
		return fmt.Errorf("1: empty")
	}
	return nil
}

// cppSplit is limonp::Split, appending to dst: any byte of sep separates, consecutive
// separators give empty fields, a trailing separator does not, and an empty string gives
// no fields.
func cppSplit(dst []string, s, sep string) []string {
	start := 0
	for start < len(s) {
		i := strings.IndexAny(s[start:], sep)
		if i < 0 {
			return append(dst, s[start:])
		}
		dst = append(dst, s[start:start+i])
		start += i + 1
	}
	return dst
}

// writeEmbeddedDict writes the compiled-in jieba files to <root>/jieba-<sha256 prefix>/ and
// returns that directory. A directory already holding identical files is reused, so only
// the first start after an upgrade pays for the write; the content hash in the name keeps
// two versions of the binary from fighting over one directory.
func writeEmbeddedDict(files map[string][]byte, roots []string) (string, error) {
	h := sha256.New()
	for _, name := range jiebaFiles {
		data, ok := files[name]
		if !ok {
			return "", fmt.Errorf("analyzers: embedded jieba dictionaries lack %s (rerun go generate ./analyzers)", name)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(data))
		h.Write(data)
	}
	sub := "jieba-" + hex.EncodeToString(h.Sum(nil))[:12]
	var errs []string
	for _, root := range roots {
		dir := filepath.Join(root, sub)
		err := func() error {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			for _, name := range jiebaFiles {
				if err := writeFileIfDifferent(filepath.Join(dir, name), files[name]); err != nil {
					return err
				}
			}
			return nil
		}()
		if err == nil {
			return dir, nil
		}
		errs = append(errs, fmt.Sprintf("  - %s: %v", dir, err))
	}
	return "", fmt.Errorf("analyzers: cannot write the embedded jieba dictionaries to a cache directory:\n%s\n"+
		"fix: make one of them writable, or pass --jieba-dict DIR with the dictionaries unpacked", strings.Join(errs, "\n"))
}

// writeFileIfDifferent leaves path alone when it already holds data (the intact cache of an
// earlier start), else writes data to a temporary file and renames it into place, so that a
// process starting at the same moment never loads a half-written dictionary.
func writeFileIfDifferent(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// writeUserDict writes the cleaned, merged user dictionary where cppjieba can read it and
// returns its path. The name carries a content hash, so processes with different --dict
// files never share one.
//
// The path must not contain '|' or ';': cppjieba (DictTrie::LoadUserDict) splits the user
// dictionary argument on both to allow several files, and aborts when a piece fails to open.
func writeUserDict(data []byte, roots []string) (string, error) {
	return writeCacheFile("userdict", data, roots)
}

// writeCacheFile writes data under a name made of prefix and its hash in the first
// writable root, and returns the path.
func writeCacheFile(prefix string, data []byte, roots []string) (string, error) {
	sum := sha256.Sum256(data)
	name := prefix + "-" + hex.EncodeToString(sum[:])[:12] + ".utf8"
	var errs []string
	for _, root := range roots {
		p := filepath.Join(root, name)
		if strings.ContainsAny(p, "|;") {
			errs = append(errs, fmt.Sprintf("  - %s: jieba cannot load a user dictionary whose path contains '|' or ';'", p))
			continue
		}
		err := os.MkdirAll(root, 0o755)
		if err == nil {
			err = writeFileIfDifferent(p, data)
		}
		if err == nil {
			return p, nil
		}
		errs = append(errs, fmt.Sprintf("  - %s: %v", p, err))
	}
	return "", fmt.Errorf("analyzers: cannot write %s (jieba reads its files by path):\n%s\nfix: make one of these directories writable or set Options.CacheDir", prefix, strings.Join(errs, "\n"))
}

// readUserDict reads and validates one --dict file.
func readUserDict(path string) ([]dictEntry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("analyzers: user dictionary: %w", err)
	}
	return parseUserDict(path, data)
}

// parseUserDict validates a user dictionary in Go before jieba sees it: cppjieba has no
// comments, reads a two-field line as `word tag` (not `word freq`), turns freq 0 into log(0)
// and a negative freq into NaN, silently drops undecodable words and inserts an empty word
// for lines of four or more fields. Every such line is an error here, reported as
// `file:line: what is wrong`.
func parseUserDict(name string, data []byte) ([]dictEntry, error) {
	var out []dictEntry
	err := eachLine(name, data, func(lineNo int, line string) error {
		f := strings.Fields(line)
		if len(f) == 0 {
			return nil
		}
		if len(f) > 3 {
			return fmt.Errorf("%s:%d: %d fields, want `word [freq [tag]]` (words cannot contain blanks)", name, lineNo, len(f))
		}
		e := dictEntry{word: f[0]}
		if err := checkWord(e.word); err != nil {
			return fmt.Errorf("%s:%d: word %q: %v", name, lineNo, e.word, err)
		}
		if len(f) > 1 {
			n, err := strconv.Atoi(f[1])
			if err != nil || n <= 0 || n > maxFreq {
				return fmt.Errorf("%s:%d: freq %q is not a positive integer up to %d", name, lineNo, f[1], maxFreq)
			}
			e.freq = n
		}
		if len(f) > 2 {
			e.tag = f[2]
			if !isTag(e.tag) {
				return fmt.Errorf("%s:%d: tag %q is not a part-of-speech tag (ASCII letters, such as n, nz, v)", name, lineNo, e.tag)
			}
		}
		out = append(out, e)
		return nil
	})
	return out, err
}

// eachLine walks data line by line for the two text formats of this package: it rejects
// invalid UTF-8 and NUL bytes (both would be cut short or dropped on the way into C), strips
// a UTF-8 byte-order mark (Windows editors add one), "\r" and comments, and calls fn with
// 1-based line numbers.
func eachLine(name string, data []byte, fn func(lineNo int, line string) error) error {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), len(data)+1)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if !utf8.ValidString(line) {
			return fmt.Errorf("%s:%d: invalid UTF-8 (save the file as UTF-8)", name, n)
		}
		if strings.IndexByte(line, 0) >= 0 {
			return fmt.Errorf("%s:%d: NUL byte", name, n)
		}
		if err := fn(n, stripComment(strings.TrimSuffix(line, "\r"))); err != nil {
			return err
		}
	}
	return sc.Err()
}

// stripComment cuts a line at a '#' that starts it or follows a blank, so that words such
// as C# stay possible.
func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t') {
			return line[:i]
		}
	}
	return line
}

// checkWord rejects entries that could never match a token.
func checkWord(w string) error {
	if n := utf8.RuneCountInString(w); n > maxWordRunes {
		return fmt.Errorf("longer than %d characters", maxWordRunes)
	}
	hasLetterOrDigit := false
	for _, r := range w {
		switch {
		case unicode.IsControl(r) || r == utf8.RuneError:
			return fmt.Errorf("contains control character %U", r)
		case r == '，' || r == '。':
			// cppjieba splits every input at these (SPECIAL_SEPARATORS) before looking
			// words up, so a word containing one can never be found.
			return fmt.Errorf("contains %q, where jieba always splits text", r)
		case unicode.IsLetter(r) || unicode.IsNumber(r):
			hasLetterOrDigit = true
		}
	}
	if !hasLetterOrDigit {
		return errors.New("has no letter or digit (punctuation-only tokens are dropped from the index)")
	}
	return nil
}

func isTag(s string) bool {
	if len(s) == 0 || len(s) > 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// userDictionary merges entries (later files override earlier ones, as in jieba) into the
// text handed to cppjieba, `word freq tag` per line, and the set of words IsUserWord knows.
//
// Words with ASCII capitals also get a lower-case twin (1+X → 1+x): the analyzer lowercases
// tokens after jieba has cut them, but jieba's lookup is case-sensitive, so without the twin
// a text writing 1+x would be cut into 1 / + / x and never meet the query 1+X.
func userDictionary(entries []dictEntry) (text []byte, words map[string]struct{}) {
	order := make([]string, 0, len(entries))
	byWord := make(map[string]dictEntry, len(entries))
	add := func(e dictEntry) {
		if _, seen := byWord[e.word]; !seen {
			order = append(order, e.word)
		}
		byWord[e.word] = e
	}
	for _, e := range entries {
		if e.freq == 0 {
			e.freq = DefaultFreq
		}
		if e.tag == "" {
			e.tag = defaultTag
		}
		add(e)
		if lower := asciiLower(e.word); lower != e.word {
			if _, explicit := byWord[lower]; !explicit {
				add(dictEntry{word: lower, freq: e.freq, tag: e.tag})
			}
		}
	}
	var b bytes.Buffer
	words = make(map[string]struct{}, len(order))
	for _, w := range order {
		e := byWord[w]
		fmt.Fprintf(&b, "%s %d %s\n", e.word, e.freq, e.tag)
		words[w] = struct{}{}
	}
	return b.Bytes(), words
}

// asciiLower lowercases ASCII letters only; that is all the twin entries need, and it keeps
// the byte length, so offsets never move.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if 'A' <= b[j] && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
