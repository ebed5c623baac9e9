package parse_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/net/html"

	"policysearch"
	"policysearch/parse"
)

// policiesDir is the development corpus of real documents as published (gov.cn pages,
// 北大法宝 exports, crawler Markdown), shared beside the repository.
const policiesDir = "../../shared/corpus/policies"

// policyExpect is one line of the corpus's expected.jsonl: what a person reading the
// file knows about it. null fields are documents that do not state the value.
type policyExpect struct {
	Path            string   `json:"path"`
	Title           *string  `json:"title"`
	NoticeTitle     *string  `json:"notice_title"`
	Issuers         []string `json:"issuers"`
	DocNumber       *string  `json:"doc_number"`
	Date            *string  `json:"date"`
	PublicationDate *string  `json:"publication_date"`
	Region          *string  `json:"region"`
	Level           *string  `json:"level"`
	DocType         *string  `json:"doc_type"`
}

// policyFields are the metadata fields scored, in the order the table prints them.
var policyFields = []string{"title", "notice_title", "issuers", "doc_number", "date", "publication_date", "region", "level", "doc_type"}

// needCorpus returns the folder of a shared corpus, skipping the test when it is
// absent, except under CI where its absence is a failure.
func needCorpus(t testing.TB, dir string) string {
	t.Helper()
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("corpus %s is missing (CI=true: nothing may skip): %v", dir, err)
		}
		t.Skipf("corpus %s is absent; check out ../shared beside the repository to run this test", dir)
	}
	return dir
}

func loadPolicyExpect(t testing.TB) []policyExpect {
	dir := needCorpus(t, policiesDir)
	f, err := os.Open(filepath.Join(dir, "expected.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []policyExpect
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var e policyExpect
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) != 36 {
		t.Fatalf("expected.jsonl has %d entries, want 36", len(out))
	}
	return out
}

func parsePolicy(t testing.TB, rel string) (*policysearch.Document, error) {
	t.Helper()
	path := filepath.Join(policiesDir, rel)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return parse.Parse(filepath.Base(path), data, nil)
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// policyValues are the scored fields of a parsed document and of its expectation,
// as comparable strings.
func policyValues(d *policysearch.Document, e policyExpect) (got, want map[string]string) {
	got = map[string]string{
		"title": d.Title, "notice_title": d.NoticeTitle, "issuers": strings.Join(d.Issuers, "、"),
		"doc_number": d.DocNumber, "date": d.Date, "publication_date": d.Published,
		"region": d.Region, "level": d.Level, "doc_type": d.DocType,
	}
	want = map[string]string{
		"title": str(e.Title), "notice_title": str(e.NoticeTitle), "issuers": strings.Join(e.Issuers, "、"),
		"doc_number": str(e.DocNumber), "date": str(e.Date), "publication_date": str(e.PublicationDate),
		"region": str(e.Region), "level": str(e.Level), "doc_type": str(e.DocType),
	}
	return got, want
}

// minPolicyFieldsRight is the share of metadata fields that must be right on the
// corpus: a ratchet raised as the parser improves, never lowered.
const minPolicyFieldsRight = 0.99

// TestPolicyCorpusMetadata parses every file of ../shared/corpus/policies and scores
// its metadata against expected.jsonl. It prints the per-field table (go test -v) and
// lists every wrong field, and fails when the share right falls below the ratchet.
func TestPolicyCorpusMetadata(t *testing.T) {
	exp := loadPolicyExpect(t)
	right := map[string]int{}
	var wrong []string
	for _, e := range exp {
		d, err := parsePolicy(t, e.Path)
		if err != nil {
			// Every field of a file that does not parse is wrong.
			t.Logf("%s: %v", e.Path, err)
			d = &policysearch.Document{}
		}
		got, want := policyValues(d, e)
		for _, f := range policyFields {
			if got[f] == want[f] {
				right[f]++
				continue
			}
			wrong = append(wrong, fmt.Sprintf("%s %s = %q, want %q", filepath.Base(e.Path), f, got[f], want[f]))
		}
	}
	var b strings.Builder
	total := 0
	fmt.Fprintf(&b, "%-17s %s\n", "field", "right")
	for _, f := range policyFields {
		fmt.Fprintf(&b, "%-17s %2d/%d\n", f, right[f], len(exp))
		total += right[f]
	}
	all := len(exp) * len(policyFields)
	fmt.Fprintf(&b, "%-17s %3d/%d (%.1f%%)\n", "all", total, all, 100*float64(total)/float64(all))
	t.Log("\n" + b.String())
	sort.Strings(wrong)
	for _, w := range wrong {
		t.Log(w)
	}
	if share := float64(total) / float64(all); share < minPolicyFieldsRight {
		t.Errorf("%.1f%% of metadata fields right, below the %.0f%% floor", 100*share, 100*minPolicyFieldsRight)
	}
}

// furniturePhrases are page furniture a page shows around a document; the coverage
// test does not ask for them in the parse. Everything else must be kept.
var furniturePhrases = []string{"扫一扫在手机打开当前页", "打印本页", "关闭窗口", "用手机扫描二维码"}

// collectorHeadings are the headings a collector puts around the text it saved.
var collectorHeadings = map[string]bool{"基本信息": true, "政策全文": true}

// processLabels are labels a crawler writes about its own run (when it fetched the
// page, which keywords found it), not about the document.
var processLabels = []string{"检索时间", "检索关键词", "更新时间"}

var (
	reBareLabel   = regexp.MustCompile(`^\p{Han}{2,8}[:：]$|^【\p{Han}{2,8}】$`)
	reLabelPrefix = regexp.MustCompile(`^(?:【(\p{Han}{2,8})】|(\p{Han}{2,8})\s*[:：])\s*`)
	reOuterParens = regexp.MustCompile(`^[（(](.*)[）)]$`)
	reStrayEntity = regexp.MustCompile(`&[a-zA-Z][a-zA-Z0-9]{1,7};`)
	reMDSyntax    = regexp.MustCompile(`^\s*(#{1,6}\s+|[-*+]\s+|>\s*)`)
	reMDLinkFmt   = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
)

// sourceFragments lists the content of a source file as a reader sees it: the text
// nodes of an HTML page, the lines of a text file with their Markdown syntax removed.
// Fragments with fewer than four Chinese characters (labels, numbers, dates in
// parts) are left out: they cannot be checked by containment.
func sourceFragments(t *testing.T, path string) []string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw []string
	if strings.HasSuffix(path, ".html") {
		z := html.NewTokenizer(strings.NewReader(string(data)))
		skip := 0
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			switch tt {
			case html.StartTagToken:
				if n, _ := z.TagName(); string(n) == "script" || string(n) == "style" {
					skip++
				}
			case html.EndTagToken:
				if n, _ := z.TagName(); (string(n) == "script" || string(n) == "style") && skip > 0 {
					skip--
				}
			case html.TextToken:
				if skip == 0 {
					raw = append(raw, html.UnescapeString(string(z.Text())))
				}
			}
		}
	} else {
		for _, l := range strings.Split(string(data), "\n") {
			l = reMDSyntax.ReplaceAllString(l, "")
			l = reMDLinkFmt.ReplaceAllString(l, "$1")
			raw = append(raw, strings.ReplaceAll(l, "**", ""))
		}
	}
	var out []string
next:
	for _, r := range raw {
		f := strings.TrimSpace(r)
		han := 0
		for _, c := range f {
			if unicode.Is(unicode.Han, c) {
				han++
			}
		}
		if han < 4 {
			continue
		}
		for _, p := range furniturePhrases {
			if strings.Contains(f, p) {
				continue next
			}
		}
		for _, l := range processLabels {
			if strings.HasPrefix(f, l) {
				continue next
			}
		}
		if collectorHeadings[f] || reBareLabel.MatchString(strings.Join(strings.Fields(f), "")) {
			continue // a label alone says nothing; its value is checked on its own
		}
		out = append(out, f)
	}
	return out
}

// foldAll is the form the coverage test compares in: normalised width and dashes
// (a title printed twice, once with 2021—2023 and once with 2021-2023, is one title),
// no blanks.
func foldAll(s string) string {
	s = strings.NewReplacer("—", "-", "–", "-", "－", "-").Replace(s)
	return strings.Join(strings.Fields(policysearch.Normalize(s)), "")
}

// haystack is everything the parse keeps of a document, folded.
func haystack(d *policysearch.Document) string {
	var b strings.Builder
	add := func(s string) { b.WriteString(foldAll(s)); b.WriteByte('\x00') }
	add(d.Title)
	add(d.NoticeTitle)
	add(d.Notice)
	add(d.DocNumber)
	for _, s := range d.Issuers {
		add(s)
	}
	for k, v := range d.Fields {
		add(k)
		add(v)
	}
	for _, p := range d.Paragraphs {
		add(p.Text)
		add(p.MeasureTitle)
		for _, s := range p.SectionPath {
			add(s)
		}
	}
	return b.String()
}

// kept reports whether a source fragment is in the parse: as it is, as the value of a
// "label：value" or "【label】value" line (the label being kept with it as a field, or
// naming a field of the data model), without the brackets a 文号 is printed in, or, for a
// date line, as one of the document's dates.
func kept(hay string, d *policysearch.Document, f string) bool {
	f = reStrayEntity.ReplaceAllString(f, "")
	if strings.Contains(hay, foldAll(f)) {
		return true
	}
	if m := reLabelPrefix.FindStringSubmatch(f); m != nil {
		if v := strings.TrimSpace(f[len(m[0]):]); v != "" && kept(hay, d, v) {
			return true
		}
	}
	if m := reOuterParens.FindStringSubmatch(strings.TrimSpace(f)); m != nil && strings.Contains(hay, foldAll(m[1])) {
		return true
	}
	// A heading's full stop ("（一）指导思想。") is not kept in its section path.
	if t := strings.TrimRight(strings.TrimSpace(f), "。"); t != strings.TrimSpace(f) && strings.Contains(hay, foldAll(t)) {
		return true
	}
	if date, ok := parse.DateLine(f); ok {
		return date == d.Date || date == d.Published || date == d.Effective || strings.Contains(hay, date)
	}
	// A line that sets two parts apart with a wide gap ("第一章　总则　　第一条…") may
	// be kept as two: a heading and a paragraph.
	if parts := reWideGap.Split(strings.TrimSpace(f), -1); len(parts) > 1 {
		for _, p := range parts {
			if !kept(hay, d, p) {
				return false
			}
		}
		return true
	}
	return false
}

var reWideGap = regexp.MustCompile(`[\s\p{Z}]{2,}`)

// TestPolicyCorpusCoverage asserts that nothing of a source is lost: every content
// fragment of every corpus file ends up in a paragraph, a heading or a metadata field.
func TestPolicyCorpusCoverage(t *testing.T) {
	exp := loadPolicyExpect(t)
	total, lost := 0, 0
	for _, e := range exp {
		d, err := parsePolicy(t, e.Path)
		if err != nil {
			t.Errorf("%s: %v", e.Path, err)
			continue
		}
		hay := haystack(d)
		for _, f := range sourceFragments(t, filepath.Join(policiesDir, e.Path)) {
			total++
			if !kept(hay, d, f) {
				lost++
				t.Errorf("%s: lost %q", filepath.Base(e.Path), firstRunes(f, 60))
			}
		}
	}
	t.Logf("%d of %d content fragments kept (%.2f%%)", total-lost, total, 100*float64(total-lost)/float64(max(total, 1)))
}

// reNamesUnits finds paragraphs that name responsible units in a bracketed note, by
// a looser rule than the parser's: the test counts what the parser should read.
var reNamesUnits = regexp.MustCompile(`[（(［\[【][^（()）］\]【】]{0,120}(负责|牵头|配合|单位[:：]|部门[:：])[^（()）］\]【】]{0,120}[）)］\]】]`)

// TestPolicyCorpusUnits counts the paragraphs of the corpus that name responsible
// units and asserts the parser read units from (nearly) all of them.
func TestPolicyCorpusUnits(t *testing.T) {
	exp := loadPolicyExpect(t)
	naming, got, coop := 0, 0, 0
	for _, e := range exp {
		d, err := parsePolicy(t, e.Path)
		if err != nil {
			t.Errorf("%s: %v", e.Path, err)
			continue
		}
		for _, p := range d.Paragraphs {
			if p.Kind == policysearch.KindTableRow || !reNamesUnits.MatchString(p.Text) {
				continue
			}
			note := reNamesUnits.FindString(p.Text)
			if strings.Contains(note, "包括牵头单位") {
				continue // 包括牵头单位自身: about units, naming none
			}
			naming++
			if len(p.ResponsibleUnits)+len(p.CooperatingUnits) > 0 {
				got++
			} else {
				t.Logf("%s %s: no units from %q", filepath.Base(e.Path), p.ID, firstRunes(note, 50))
			}
			if len(p.CooperatingUnits) > 0 {
				coop++
			}
		}
	}
	t.Logf("units read from %d of %d paragraphs that name them (%d with cooperating units)", got, naming, coop)
	if got*100 < naming*95 {
		t.Errorf("units read from %d of %d paragraphs that name them, want 95%%", got, naming)
	}
}

// TestPolicyCorpusGolden compares a readable rendering of each corpus file's parse
// (metadata, then one line per paragraph) with testdata/policies/<file>.golden, which
// a reviewer reads to check the parse; -update rewrites them.
func TestPolicyCorpusGolden(t *testing.T) {
	exp := loadPolicyExpect(t)
	for _, e := range exp {
		name := filepath.Base(e.Path)
		t.Run(name, func(t *testing.T) {
			d, err := parsePolicy(t, e.Path)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "policies", strings.TrimSuffix(name, filepath.Ext(name))+".golden")
			checkGolden(t, path, name, renderPolicy(d))
		})
	}
}

// renderPolicy is render with the fields the seeds' goldens predate.
func renderPolicy(d *policysearch.Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "notice_title: %s\npublished: %s\neffective: %s\ninferred: %s\n", d.NoticeTitle, d.Published, d.Effective, strings.Join(d.Inferred, ","))
	keys := make([]string, 0, len(d.Fields))
	for k := range d.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "field %s: %s\n", k, firstRunes(d.Fields[k], 60))
	}
	out := render(d)
	// Cooperating units after the responsible ones, on the paragraph lines.
	coop := map[string]string{}
	for _, p := range d.Paragraphs {
		if len(p.CooperatingUnits) > 0 {
			coop[strings.TrimPrefix(p.ID, d.ID+"-")] = strings.Join(p.CooperatingUnits, "、")
		}
	}
	lines := strings.Split(out, "\n")
	for j, l := range lines {
		if c, ok := coop[strings.SplitN(l, "\t", 2)[0]]; ok && strings.Contains(l, "\t") {
			lines[j] = l + "\tcoop=" + c
		}
	}
	return b.String() + strings.Join(lines, "\n")
}
