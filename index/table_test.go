package index_test

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"policysearch"
	"policysearch/index"
	"policysearch/seeds"
)

// tableQueries touch every part of the table: one-, two- and many-character phrases
// (bigram postings, verification against normalised texts), words (bleve, with the
// table's texts for highlights), filters and facets (document metadata), a heading
// phrase (contexts) and every paragraph.
var tableQueries = []string{
	`"产"`, `"融合"`, `"产教融合"`, `"实训基地"`, `"1+X"`, "双师型教师", "实训基地 level:市",
	`"产教融合" region:江西`, `"组织保障"`, "*", `"乡村振兴" OR 课程思政`, "校企合作 -乡村",
}

// snapshot is everything the queries answer, as JSON, for comparing two indexes.
func snapshot(t *testing.T, ix *index.Index) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, q := range tableQueries {
		res := search(t, ix, policysearch.SearchRequest{Query: q, Size: 50})
		res.TookMS = 0
		j, _ := json.Marshal(res)
		b.WriteString(q + "\t" + string(j) + "\n")
	}
	docs, err := ix.Documents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	j, _ := json.Marshal(docs)
	b.Write(j)
	for _, d := range docs {
		v, err := ix.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(v)
		b.Write(j)
		c, err := ix.Citations(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.TookMS = 0
		j, _ = json.Marshal(c)
		b.Write(j)
	}
	sim, err := ix.SimilarText(ctx, "鼓励职业院校与乡镇共建乡村人才培养基地", 5)
	if err != nil {
		t.Fatal(err)
	}
	sim.TookMS = 0
	j, _ = json.Marshal(sim)
	b.Write(j)
	return b.String()
}

func openDir(t *testing.T, dir string) *index.Index {
	t.Helper()
	ix, err := index.Open(index.Options{Dir: dir, Segmenter: seg})
	if err != nil {
		t.Fatal(err)
	}
	return ix
}

// rebuilt opens a copy of dir without its table file: the table rebuilt from the
// stored sources, as every open did before there was a file.
func rebuilt(t *testing.T, dir string) string {
	t.Helper()
	cp := t.TempDir()
	if err := os.CopyFS(cp, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(cp, "table"))
	os.Remove(filepath.Join(cp, "policysearch.lock"))
	ix := openDir(t, cp)
	defer ix.Close()
	if used, _ := index.TableState(ix); used {
		t.Fatal("a folder without a table file was opened from one")
	}
	return snapshot(t, ix)
}

// TestTableFile: an index reopened from its table file answers exactly as one rebuilt
// from the stored sources, after a build, after changes made on top of the file
// (deleted, replaced and added documents, whose postings live beside the file's), and
// it is not used when it is stale or damaged.
func TestTableFile(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	ix := seedIndex(t, index.Options{Dir: dir, Shards: 2})
	built := snapshot(t, ix)
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	// A write killed half-way leaves a temporary file; opening removes it.
	stray := filepath.Join(dir, "table.123.tmp")
	os.WriteFile(stray, []byte("half a table"), 0o644)
	re := reopenFromTable(t, dir, built, "after the build")
	if _, err := os.Stat(stray); err == nil {
		t.Errorf("the temporary file of an unfinished table write is still there after opening")
	}

	// Changes on top of the file: one document deleted, one replaced with other
	// text, one new.
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	if err := re.Delete(ctx, docs[0].ID); err != nil {
		t.Fatal(err)
	}
	changed := *docs[1]
	changed.Paragraphs = append([]policysearch.Paragraph(nil), docs[1].Paragraphs...)
	changed.Paragraphs[1].Text = "推进产教融合试验田建设，打造区域协同新高地。"
	fresh := *docs[2]
	fresh.ID, fresh.Title = "table-test-new", "关于试验田建设的通知"
	fresh.Paragraphs = []policysearch.Paragraph{{ID: "table-test-new-p0", DocID: "table-test-new", Kind: policysearch.KindMeasure, Text: "建设产教融合试验田，每县一处。"}}
	if err := re.Index(ctx, &changed, &fresh); err != nil {
		t.Fatal(err)
	}
	res := search(t, re, policysearch.SearchRequest{Query: `"试验田"`})
	if res.Total != 2 {
		t.Errorf(`"试验田" after the changes: %d hits, want 2 (the replaced and the new document)`, res.Total)
	}
	if n := search(t, re, policysearch.SearchRequest{Query: "*", Filters: policysearch.Filters{Doc: []string{docs[0].ID}}}).Total; n != 0 {
		t.Errorf("deleted document %s still has %d paragraphs found", docs[0].ID, n)
	}
	live := snapshot(t, re)
	if want := rebuilt(t, dir); live != want {
		t.Errorf("after changes on top of the table file the answers differ from a rebuild:\n%s", firstDiff(live, want))
	}
	saved, err := os.ReadFile(filepath.Join(dir, "table"))
	if err != nil {
		t.Fatal(err)
	}
	if err := re.Close(); err != nil {
		t.Fatal(err)
	}

	// The file written after those changes (renumbered past the deleted paragraphs).
	reopenFromTable(t, dir, live, "written after changes").Close()

	// A stale file (from before the changes) and damaged ones are not used.
	cases := map[string]func([]byte) []byte{
		"stale":     func(b []byte) []byte { return saved },
		"truncated": func(b []byte) []byte { return b[:len(b)/2] },
		"metadata byte flipped": func(b []byte) []byte {
			c := append([]byte(nil), b...)
			off, n := tableSection(t, c, "meta")
			c[off+n/2] ^= 0x55
			return c
		},
		"key byte flipped": func(b []byte) []byte {
			c := append([]byte(nil), b...)
			off, _ := tableSection(t, c, "grams.keys")
			c[off+3] ^= 0x55
			return c
		},
		"paragraph record byte flipped": func(b []byte) []byte {
			c := append([]byte(nil), b...)
			off, n := tableSection(t, c, "paras")
			c[off+n/2] ^= 0x55
			return c
		},
		"similar header byte flipped": func(b []byte) []byte {
			c := append([]byte(nil), b...)
			off, _ := tableSection(t, c, "similar")
			c[off+17] ^= 0x55 // the paragraph count
			return c
		},
		"empty": func(b []byte) []byte { return nil },
	}
	good, _ := os.ReadFile(filepath.Join(dir, "table"))
	if faults, err := index.Check(dir); err != nil || len(faults) > 0 {
		t.Fatalf("check of a sound index: %v %v", faults, err)
	}
	// Damage in the texts is not seen on open (that would read every page of the
	// file); check sees it.
	textsDamaged := append([]byte(nil), good...)
	off, _ := tableSection(t, good, "texts")
	textsDamaged[off+16] ^= 0x01
	os.WriteFile(filepath.Join(dir, "table"), textsDamaged, 0o644)
	if faults, err := index.Check(dir); err != nil || len(faults) != 1 || !strings.Contains(faults[0], "table is damaged") {
		t.Errorf("check with a damaged text in the table file: %q %v", faults, err)
	}
	// Nor in the similar-clause postings (the end of its section).
	simDamaged := append([]byte(nil), good...)
	soff, sn := tableSection(t, good, "similar")
	simDamaged[soff+sn-2] ^= 0x01
	os.WriteFile(filepath.Join(dir, "table"), simDamaged, 0o644)
	if faults, err := index.Check(dir); err != nil || len(faults) != 1 || !strings.Contains(faults[0], "similar-clause") {
		t.Errorf("check with a damaged similar-clause posting in the table file: %q %v", faults, err)
	}
	for name, damage := range cases {
		if err := os.WriteFile(filepath.Join(dir, "table"), damage(good), 0o644); err != nil {
			t.Fatal(err)
		}
		ix := openDir(t, dir)
		used, why := index.TableState(ix)
		got := snapshot(t, ix)
		ix.Close() // writes a sound file again
		if used {
			t.Errorf("%s table file was used", name)
		} else if why == nil {
			t.Errorf("%s table file: no reason given for not using it", name)
		}
		if got != live {
			t.Errorf("%s table file: the answers differ from the index's:\n%s", name, firstDiff(got, live))
		}
	}
}

// tableSection reads where a section of a table file starts and its length (or count)
// from the file's footer: JSON before its length and the magic.
func tableSection(t *testing.T, file []byte, name string) (int64, int64) {
	t.Helper()
	n := int(binary.LittleEndian.Uint64(file[len(file)-16:]))
	raw := json.RawMessage(file[len(file)-16-n : len(file)-16])
	for _, part := range strings.Split(name, ".") { // "grams.keys": a nested section
		var ft map[string]json.RawMessage
		if err := json.Unmarshal(raw, &ft); err != nil {
			t.Fatal(err)
		}
		raw = ft[part]
	}
	var sec [2]int64
	if err := json.Unmarshal(raw, &sec); err != nil {
		t.Fatalf("section %s: %v", name, err)
	}
	return sec[0], sec[1]
}

// reopenFromTable opens dir, which must be opened from its table file and answer as
// want.
func reopenFromTable(t *testing.T, dir, want, when string) *index.Index {
	t.Helper()
	ix := openDir(t, dir)
	if used, why := index.TableState(ix); !used {
		t.Fatalf("table file %s: not used (%v)", when, why)
	}
	if got := snapshot(t, ix); got != want {
		t.Errorf("table file %s: the answers differ:\n%s", when, firstDiff(got, want))
	}
	return ix
}

// firstDiff shows where two snapshots part.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return "got  …" + a[lo:min(len(a), i+200)] + "\nwant …" + b[lo:min(len(b), i+200)]
}

// TestTableCheckpoints: a run of changes moves what it added to the table file as it
// goes (a bulk build whose heap stays bounded), and the index answers as one rebuilt
// from the stored sources, before and after reopening.
func TestTableCheckpoints(t *testing.T) {
	defer index.SetCheckpointMin(index.SetCheckpointMin(40))
	ctx := context.Background()
	dir := t.TempDir()
	ix := openDir(t, dir)
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if err := ix.Index(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	// Replacing a document after a checkpoint leaves a hole the next one renumbers.
	if err := ix.Index(ctx, docs[0]); err != nil {
		t.Fatal(err)
	}
	if n := index.Checkpoints(ix); n < 2 {
		t.Fatalf("%d checkpoints over %d documents; want at least 2", n, len(docs))
	}
	got := snapshot(t, ix)
	if want := rebuilt(t, dir); got != want {
		t.Errorf("after checkpoints the answers differ from a rebuild:\n%s", firstDiff(got, want))
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	reopenFromTable(t, dir, got, "after checkpoints").Close()
}

// TestTwoCharacterCounts: a two-character phrase is counted from its postings and its
// repeats (the paragraphs holding the bigram more than once), not by reading every
// text; the occurrences must be the literal count (non-overlapping, as strings.Count)
// whether the postings are on the heap, in the table file, or rebuilt.
func TestTwoCharacterCounts(t *testing.T) {
	ctx := context.Background()
	texts := []string{
		"应当依法处理。", "应当应当，应当。", "不应当。", "当应", "啊啊啊", "啊啊", "啊啊啊啊，啊啊",
		"应 当（空格不算）", "ＡＢ与AB", "结尾应当",
	}
	doc := &policysearch.Document{ID: "counts", Title: "计数", Date: "2024-01-01"}
	for i, tx := range texts {
		doc.Paragraphs = append(doc.Paragraphs, policysearch.Paragraph{
			ID: fmt.Sprintf("counts-%d", i), DocID: "counts", Seq: i, Kind: policysearch.KindMeasure, Text: tx})
	}
	phrases := []string{"应当", "啊啊", "AB", "当应"}
	want := map[string]int{}
	for _, ph := range phrases {
		for _, tx := range texts {
			want[ph] += strings.Count(policysearch.Normalize(tx), ph)
		}
	}
	count := func(ix *index.Index, where string) {
		t.Helper()
		for _, ph := range phrases {
			tr, err := ix.Trends(ctx, trendsReq(&policysearch.SearchRequest{Query: `"` + ph + `"`}, "year"))
			if err != nil {
				t.Fatal(err)
			}
			got := 0
			for _, b := range tr.Buckets {
				got += b.Occurrences[ph]
			}
			if got != want[ph] {
				t.Errorf("%s: %q occurs %d times, want %d", where, ph, got, want[ph])
			}
		}
	}
	dir := t.TempDir()
	ix := openDir(t, dir)
	if err := ix.Index(ctx, doc); err != nil {
		t.Fatal(err)
	}
	count(ix, "on the heap")
	ix.Close()
	re := openDir(t, dir)
	if used, why := index.TableState(re); !used {
		t.Fatalf("not opened from the table file: %v", why)
	}
	count(re, "from the table file")
	re.Close()
	os.Remove(filepath.Join(dir, "table"))
	re = openDir(t, dir)
	count(re, "rebuilt")
	re.Close()
}

// TestExportAcrossCheckpoint: an export collects its hits under the read lock and
// writes its rows after releasing it, so a change may checkpoint the corpus (replace
// it, renumbering everything) between two rows. Every row must still be the record as
// of the snapshot, its law status included.
func TestExportAcrossCheckpoint(t *testing.T) {
	defer index.SetCheckpointMin(index.SetCheckpointMin(1 << 30))
	ctx := context.Background()
	ix := openDir(t, t.TempDir())
	defer ix.Close()
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		d.Effective = "2020-01-01" // in force: every row has a status to lose
		if err := ix.Index(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	req := &policysearch.SearchRequest{Query: "职业教育"}
	rows := func(during func()) []string {
		var out []string
		_, err := ix.Export(ctx, req, 0, func(h policysearch.Hit) error {
			if len(out) == 0 && during != nil {
				during()
			}
			out = append(out, strings.Join([]string{h.ID, h.Status, h.CurrentID, h.DocTitle, strings.Join(h.SectionPath, "/"), h.Text}, "|"))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	want := rows(nil)
	withStatus := 0
	for _, r := range want {
		if strings.Split(r, "|")[1] != "" {
			withStatus++
		}
	}
	if len(want) < 10 || withStatus == 0 {
		t.Fatalf("%d rows, %d with a status: the query must match statused paragraphs", len(want), withStatus)
	}
	before := index.Checkpoints(ix)
	extra := &policysearch.Document{ID: "extra-doc", Title: "附加文件", Date: "2024-01-01",
		Paragraphs: []policysearch.Paragraph{{ID: "extra-doc-p0", DocID: "extra-doc", Kind: policysearch.KindBody, Text: "一段新加的文字。"}}}
	got := rows(func() {
		index.SetCheckpointMin(1)
		if err := ix.Index(ctx, extra); err != nil {
			t.Fatal(err)
		}
	})
	if index.Checkpoints(ix) == before {
		t.Fatal("no checkpoint happened during the export")
	}
	if len(got) != len(want) {
		t.Fatalf("%d rows across the checkpoint, %d before", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d across the checkpoint:\n got %.120s\nwant %.120s", i, got[i], want[i])
			break
		}
	}
}

// TestReadsFormat2: a folder written by a format 2 program (each paragraph's source in
// its own record) opens and answers exactly as one built now, is marked format 3 once
// opened, takes changes in the new layout beside the old and still rebuilds from its
// shards, and passes Check.
func TestReadsFormat2(t *testing.T) {
	ctx := context.Background()
	want := snapshot(t, seedIndex(t, index.Options{Dir: t.TempDir(), Shards: 2}))
	docs, err := seeds.Documents()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ix, err := index.Open(index.Options{Dir: dir, Segmenter: seg, Shards: 2})
	if err != nil {
		t.Fatal(err)
	}
	if err := index.IndexFormat2(ix, docs...); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	os.Remove(filepath.Join(dir, "table")) // it holds the empty corpus of that session
	if v, _ := index.FormatOf(dir); v != 2 {
		t.Fatalf("the folder is marked format %d, want 2", v)
	}
	if got := rebuilt(t, dir); tiesSorted(t, got) != tiesSorted(t, want) {
		t.Fatalf("a format 2 folder answers otherwise than a new index:\n%s", firstDiff(tiesSorted(t, got), tiesSorted(t, want)))
	}
	old := openDir(t, dir)
	if v, _ := index.FormatOf(dir); v != 3 {
		t.Errorf("a format 2 folder is still marked %d once opened, want 3", v)
	}
	// One document written again in the new layout, beside the others in the old.
	if err := old.Index(ctx, docs[0]); err != nil {
		t.Fatal(err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}
	if got := rebuilt(t, dir); tiesSorted(t, got) != tiesSorted(t, want) {
		t.Fatalf("a folder of both layouts answers otherwise than a new index:\n%s", firstDiff(tiesSorted(t, got), tiesSorted(t, want)))
	}
	faults, err := index.Check(dir)
	if err != nil || len(faults) > 0 {
		t.Errorf("Check: %v %v", faults, err)
	}
}

// tiesSorted is a snapshot with each query's equally scored hits in id order: two
// folders written in other batches order bleve's documents, and so its ties, otherwise.
func tiesSorted(t *testing.T, snap string) string {
	t.Helper()
	lines := strings.Split(snap, "\n")
	for i, l := range lines {
		q, j, ok := strings.Cut(l, "\t")
		if !ok {
			continue
		}
		var res policysearch.SearchResult
		if err := json.Unmarshal([]byte(j), &res); err != nil {
			t.Fatalf("snapshot of %s: %v", q, err)
		}
		sort.SliceStable(res.Hits, func(a, b int) bool {
			ha, hb := res.Hits[a], res.Hits[b]
			if ha.Score != hb.Score {
				return ha.Score > hb.Score
			}
			return ha.ID < hb.ID
		})
		out, _ := json.Marshal(res)
		lines[i] = q + "\t" + string(out)
	}
	return strings.Join(lines, "\n")
}
