package analyzers

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/yanyiwu/gojieba"
)

func TestParseUserDictErrors(t *testing.T) {
	cases := []struct{ name, text, want string }{
		{"zero freq", "产教融合 3000 nz\n双师型 0 nz\n", "f.dict:2: freq \"0\" is not a positive integer"},
		{"negative freq", "\n\n双师型 -5\n", "f.dict:3: freq \"-5\""},
		{"two fields, second not a number", "双师型 nz\n", "f.dict:1: freq \"nz\""},
		{"freq overflows C int", "双师型 99999999999\n", "f.dict:1: freq"},
		{"four fields", "# ok\n双师 型 3 n\n", "f.dict:2: 4 fields"},
		{"bad tag", "双师型 3 n-1\n", "f.dict:1: tag \"n-1\""},
		{"invalid UTF-8", "双师型\n\xff\xfe\n", "f.dict:2: invalid UTF-8"},
		{"NUL", "双师\x00型\n", "f.dict:1: NUL byte"},
		{"separator inside", "产教，融合\n", "f.dict:1: word \"产教，融合\": contains '，'"},
		{"punctuation only", "——\n", "f.dict:1: word \"——\": has no letter or digit"},
		{"too long", strings.Repeat("长", 65) + "\n", "longer than 64 characters"},
		{"control character", "双师\u0007型\n", "control character"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseUserDict("f.dict", []byte(c.text))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestParseUserDictAccepts(t *testing.T) {
	text := "\xef\xbb\xbf# comment\r\n\r\n产教融合\r\n链长制 2000   # trailing comment\n  Web3\t500\teng\nC# 10 eng\n"
	got, err := parseUserDict("f.dict", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	want := []dictEntry{{"产教融合", 0, ""}, {"链长制", 2000, ""}, {"Web3", 500, "eng"}, {"C#", 10, "eng"}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v\nwant %+v", got, want)
	}
}

func TestBuiltInDictionaryIsValid(t *testing.T) {
	entries, err := parseUserDict(policyDictName, policyDict)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 150 {
		t.Errorf("policy dictionary has %d entries, want about 150 or more", len(entries))
	}
	seen := map[string]bool{}
	for _, e := range entries {
		if seen[e.word] {
			t.Errorf("%s listed twice", e.word)
		}
		seen[e.word] = true
	}
	for _, w := range []string{"产教融合", "产教融合型企业", "双师型", "1+X", "实训基地", "行政处罚", "不动产登记", "生产经营单位", "个人信息"} {
		if !seen[w] {
			t.Errorf("%s missing from the policy dictionary", w)
		}
	}
}

func TestUserDictionaryText(t *testing.T) {
	text, words := userDictionary([]dictEntry{
		{"产教融合", 0, ""},
		{"1+X", 3000, "nz"},
		{"Web3", 500, "eng"},
		{"web3", 7, "x"}, // an explicit lower-case entry beats the generated twin
		{"产教融合", 50, "n"},
	})
	want := "产教融合 50 n\n1+X 3000 nz\n1+x 3000 nz\nWeb3 500 eng\nweb3 7 x\n"
	if string(text) != want {
		t.Fatalf("got\n%s\nwant\n%s", text, want)
	}
	for _, w := range []string{"产教融合", "1+X", "1+x", "Web3", "web3"} {
		if _, ok := words[w]; !ok {
			t.Errorf("%s not in word set", w)
		}
	}
}

func TestIsUserWord(t *testing.T) {
	for w, want := range map[string]bool{
		"产教融合型企业": true, "双师型": true, "1+X": true, "1+x": true, // policy dictionary
		"揭榜挂帅": true, "链长制": true, "Web3": true, "web3": true, "WEB3": true, // testdata/extra.dict.utf8
		"企业": false, "": false, "产教": false,
	} {
		if got := testSeg.IsUserWord(w); got != want {
			t.Errorf("IsUserWord(%q) = %v, want %v", w, got, want)
		}
	}
}

// TestExtraUserDictInContext: 揭榜挂帅 is two words in jieba's own dictionary (揭榜, 挂帅);
// testdata/extra.dict.utf8, given as Options.UserDicts, keeps it whole.
func TestExtraUserDictInContext(t *testing.T) {
	toks := testSeg.CutExact("实行揭榜挂帅制度和产业链链长制")
	var terms []string
	for _, tk := range toks {
		terms = append(terms, tk.Term)
	}
	want := []string{"实行", "揭榜挂帅", "制度", "和", "产业链", "链长制"}
	if !reflect.DeepEqual(terms, want) {
		t.Fatalf("got %q, want %q", terms, want)
	}
	data, err := os.ReadFile(testSeg.UserDictPath())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "\n揭榜挂帅 3000 nz\n") || strings.Contains(string(data), "#") {
		t.Errorf("cleaned user dictionary lacks the default freq or kept a comment:\n%s", data)
	}
}

// TestOpenErrors: bad user files fail Open with file:line before jieba is loaded, and the
// name stays free for the next attempt.
func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.dict")
	os.WriteFile(bad, []byte("# ok\n双师型 3000 nz\n产教融合 zero\n"), 0o644)
	badSyn := filepath.Join(dir, "bad.syn")
	os.WriteFile(badSyn, []byte("双高, 双高计划\n孤单\n"), 0o644)
	cases := []struct {
		name string
		opts Options
		want []string
	}{
		{"missing user dict", Options{UserDicts: []string{filepath.Join(dir, "nope.dict")}}, []string{"user dictionary", "nope.dict", "no such file"}},
		{"malformed user dict", Options{UserDicts: []string{bad}}, []string{bad + ":3: freq \"zero\""}},
		{"missing synonyms", Options{SynonymFiles: []string{filepath.Join(dir, "nope.syn")}}, []string{"synonyms", "nope.syn"}},
		{"malformed synonyms", Options{SynonymFiles: []string{badSyn}}, []string{badSyn + ":2: a group needs at least two entries"}},
		{"explicit dict dir missing", Options{DictDir: filepath.Join(dir, "nodict")}, []string{"nodict", "--jieba-dict", EnvDictDir, "does not exist"}},
		{"explicit dict dir incomplete", Options{DictDir: dir}, []string{"missing or empty: jieba.dict.utf8, hmm_model.utf8, idf.utf8, stop_words.utf8"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for attempt := 0; attempt < 2; attempt++ {
				c.opts.Name = "open-errors"
				c.opts.CacheDir = dir
				s, err := Open(c.opts)
				if err == nil {
					s.Close()
					t.Fatal("Open succeeded")
				}
				for _, w := range c.want {
					if !strings.Contains(err.Error(), w) {
						t.Fatalf("attempt %d: error %q does not contain %q", attempt, err, w)
					}
				}
			}
		})
	}
	if _, err := Open(Options{CacheDir: dir}); err == nil || !strings.Contains(err.Error(), "already open") {
		t.Fatalf("second Open of the default segmenter: %v", err)
	}
}

// writeFakeJiebaDir writes four tiny files that pass validateJiebaFile.
func writeFakeJiebaDir(t *testing.T, dir string) {
	t.Helper()
	os.MkdirAll(dir, 0o755)
	files := map[string]string{
		"jieba.dict.utf8": "职业 100 n\n教育 100 vn\n",
		"hmm_model.utf8":  "#start\n-0.1 -1 -2 -3\n-1 -1 -1 -1\n-1 -1 -1 -1\n-1 -1 -1 -1\n-1 -1 -1 -1\n职:-1,业:-2\n职:-1\n业:-1\n教:-1\n",
		"idf.utf8":        "职业 5.0\n",
		"stop_words.utf8": "的\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLocateJiebaDict(t *testing.T) {
	root := t.TempDir()
	empty := filepath.Join(root, "empty")
	os.MkdirAll(empty, 0o755)
	partial := filepath.Join(root, "partial")
	writeFakeJiebaDir(t, partial)
	os.Remove(filepath.Join(partial, "idf.utf8"))
	good1, good2 := filepath.Join(root, "good1"), filepath.Join(root, "good2")
	writeFakeJiebaDir(t, good1)
	writeFakeJiebaDir(t, good2)

	dir, err := firstJiebaDir([]dictCandidate{{filepath.Join(root, "none"), "a"}, {empty, "b"}, {partial, "c"}, {good1, "d"}, {good2, "e"}})
	if err != nil || dir != good1 {
		t.Fatalf("got %q, %v; want the first complete candidate %s", dir, err, good1)
	}

	_, err = firstJiebaDir([]dictCandidate{{filepath.Join(root, "none"), "beside the executable"}, {empty, "system install"}, {partial, "gojieba module"}})
	if err == nil {
		t.Fatal("no error without a complete directory")
	}
	for _, w := range []string{
		"none (beside the executable): does not exist",
		"empty (system install): missing or empty: jieba.dict.utf8, hmm_model.utf8, idf.utf8, stop_words.utf8",
		"partial (gojieba module): missing or empty: idf.utf8",
		"--jieba-dict", EnvDictDir, "-tags jiebaembed",
	} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not name %q:\n%v", w, err)
		}
	}

	// A complete but malformed directory is reported, not skipped.
	broken := filepath.Join(root, "broken")
	writeFakeJiebaDir(t, broken)
	os.WriteFile(filepath.Join(broken, "jieba.dict.utf8"), []byte("职业 100 n\n教育 100\n"), 0o644)
	_, err = firstJiebaDir([]dictCandidate{{broken, "x"}, {good1, "y"}})
	if err == nil || !strings.Contains(err.Error(), filepath.Join(broken, "jieba.dict.utf8")+":2:") {
		t.Fatalf("malformed candidate: %v", err)
	}

	// The default list, in order, ends with the gojieba module source.
	c := defaultDictCandidates()
	if len(c) != 3 || filepath.Base(c[0].dir) != "dict" || c[1].dir != SystemDictDir || c[2].dir != gojieba.DICT_DIR {
		t.Errorf("default candidates %+v", c)
	}
}

// TestValidateJiebaFile covers the inputs on which cppjieba would abort the process.
func TestValidateJiebaFile(t *testing.T) {
	cases := []struct{ file, text, want string }{
		{"jieba.dict.utf8", "", "1: no entries"},
		{"jieba.dict.utf8", "a 1 n\n\nb 2 n\n", "2: want `word weight tag`"},
		{"jieba.dict.utf8", "a  1 n\n", "1: want"},
		{"jieba.dict.utf8", "a 0 n\n", "1: weight \"0\""},
		{"hmm_model.utf8", "# only comments\n", "truncated"},
		{"hmm_model.utf8", "-1 -1 -1\n", "1: want 4"},
		{"hmm_model.utf8", "1 1 1 1\n1 1 1 1\n1 1 1 1\n1 1 1 1\n1 1 1 1\n职业:1\n", "6: emission entry"},
		{"idf.utf8", "", "no positive idf"},
		{"idf.utf8", "a -1\n", "no positive idf"},
		{"stop_words.utf8", "", "1: empty"},
	}
	for _, c := range cases {
		err := validateJiebaFile(c.file, []byte(c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s %q: err = %v, want %q", c.file, c.text, err, c.want)
		}
	}
	// jieba's own files pass, whichever directory the test segmenter uses.
	if err := validateJiebaDir(testSeg.DictDir()); err != nil {
		t.Fatal(err)
	}
}

func TestCppSplit(t *testing.T) {
	for in, want := range map[string][]string{
		"":       nil,
		"a b c":  {"a", "b", "c"},
		"a b c ": {"a", "b", "c"},
		"a  b":   {"a", "", "b"},
		" a":     {"", "a"},
	} {
		if got := cppSplit(nil, in, " "); !reflect.DeepEqual(got, want) {
			t.Errorf("cppSplit(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWriteEmbeddedDict(t *testing.T) {
	files := map[string][]byte{}
	for _, name := range jiebaFiles {
		files[name] = []byte("content of " + name + "\n")
	}
	blocked := filepath.Join(t.TempDir(), "file")
	os.WriteFile(blocked, nil, 0o644) // a file where a directory should be: not writable
	root := t.TempDir()
	dir, err := writeEmbeddedDict(files, []string{blocked, root})
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(dir) != root || !strings.HasPrefix(filepath.Base(dir), "jieba-") {
		t.Fatalf("dir %s", dir)
	}
	p := filepath.Join(dir, "idf.utf8")
	old := time.Now().Add(-time.Hour)
	os.Chtimes(p, old, old)
	if again, err := writeEmbeddedDict(files, []string{root}); err != nil || again != dir {
		t.Fatalf("second write: %s, %v", again, err)
	}
	if fi, _ := os.Stat(p); !fi.ModTime().Equal(old) {
		t.Error("an intact cached file was rewritten")
	}
	os.WriteFile(p, []byte("truncat"), 0o644)
	if _, err := writeEmbeddedDict(files, []string{root}); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(p); string(data) != "content of idf.utf8\n" {
		t.Errorf("damaged cached file not repaired: %q", data)
	}
	delete(files, "idf.utf8")
	if _, err := writeEmbeddedDict(files, []string{root}); err == nil || !strings.Contains(err.Error(), "go generate") {
		t.Errorf("missing embedded file: %v", err)
	}
	if _, err := writeEmbeddedDict(map[string][]byte{"jieba.dict.utf8": nil, "hmm_model.utf8": nil, "idf.utf8": nil, "stop_words.utf8": nil}, []string{blocked}); err == nil || !strings.Contains(err.Error(), "--jieba-dict") {
		t.Errorf("no writable root: %v", err)
	}
}

// TestWriteUserDictAvoidsSeparators: cppjieba splits the user dictionary path at '|' and
// ';' and aborts on a piece it cannot open, so such directories are skipped.
func TestWriteUserDictAvoidsSeparators(t *testing.T) {
	base := t.TempDir()
	bad := filepath.Join(base, "a|b")
	good := filepath.Join(base, "ok")
	p, err := writeUserDict([]byte("双师型 3000 nz\n"), []string{bad, good})
	if err != nil || filepath.Dir(p) != good {
		t.Fatalf("got %s, %v", p, err)
	}
	if _, err := writeUserDict([]byte("x\n"), []string{filepath.Join(base, "c;d")}); err == nil || !strings.Contains(err.Error(), "'|' or ';'") {
		t.Fatalf("separator path: %v", err)
	}
}
