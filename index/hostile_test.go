package index_test

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"policysearch"
	"policysearch/index"
)

// An export whose client stops reading holds up no one: a writer and then a search
// finish while the export waits on its client. Before, the export held the read lock
// while streaming, the writer queued for it and every later reader behind the writer.
func TestExportDoesNotBlockWritersOrReaders(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	stuck := make(chan struct{})
	released := make(chan struct{})
	exported := make(chan error, 1)
	go func() {
		_, err := ix.Export(context.Background(), &policysearch.SearchRequest{Query: "*"}, 0, func(policysearch.Hit) error {
			select {
			case stuck <- struct{}{}:
			default:
			}
			<-released // a client that does not read
			return nil
		})
		exported <- err
	}()
	<-stuck
	done := make(chan error, 1)
	go func() {
		d := &policysearch.Document{ID: "writer-during-export", Title: "导出时写入", Paragraphs: []policysearch.Paragraph{
			{ID: "writer-during-export-p1", DocID: "writer-during-export", Kind: "body", Text: "导出期间上传的文件。"}}}
		if err := ix.Index(context.Background(), d); err != nil {
			done <- err
			return
		}
		_, err := ix.Search(context.Background(), &policysearch.SearchRequest{Query: `"产教融合"`})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(20 * time.Second):
		close(released) // let the export go, so that the index can close
		t.Fatal("an upload and a search waited on an export whose client does not read")
	}
	close(released)
	if err := <-exported; err != nil {
		t.Fatal(err)
	}
}

// The analytics calls stop when their context ends, with the code for it, instead of
// running to the end (a kwic of "的" over a large corpus ran for minutes after its client
// left).
func TestAnalyticsHonourTheirContext(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := func() *policysearch.SearchRequest { return &policysearch.SearchRequest{Query: `"的"`} }
	check := func(what string, err error) {
		t.Helper()
		if policysearch.ErrorCode(err) != policysearch.EUNAVAILABLE || !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: %v", what, err)
		}
	}
	_, err := ix.KWIC(ctx, kwicReq(req(), 20, "left", 0, 10))
	check("kwic", err)
	_, err = ix.KWIC(ctx, kwicReq(req(), 20, "doc", 0, 10))
	check("kwic in document order", err)
	_, err = ix.Trends(ctx, trendsReq(req(), "year"))
	check("stats", err)
	_, err = ix.Export(ctx, req(), 0, func(policysearch.Hit) error { return nil })
	check("export", err)
	docs, err := ix.Documents(context.Background())
	if err != nil || len(docs) < 2 {
		t.Fatal(docs, err)
	}
	_, err = ix.Compare(ctx, docs[0].ID, docs[1].ID)
	check("compare", err)
}

// A sorted concordance keeps only its window, and its window is the one a full sort
// gives: every slice of offset and limit equals that part of the whole listing.
func TestKWICSortedWindow(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	ctx := context.Background()
	for _, order := range []string{"left", "right", "doc"} {
		req := &policysearch.SearchRequest{Query: `"职业" OR "教育" OR "的"`}
		all, err := ix.KWIC(ctx, kwicReq(req, 8, order, 0, policysearch.MaxKWICLines))
		if err != nil {
			t.Fatal(err)
		}
		if all.Total < 1000 || len(all.Lines) != min(all.Total, policysearch.MaxKWICLines) {
			t.Fatalf("%s: %d lines of %d", order, len(all.Lines), all.Total)
		}
		for _, w := range [][2]int{{0, 1}, {0, 10}, {7, 3}, {500, 50}, {all.Total - 2, 5}} {
			part, err := ix.KWIC(ctx, kwicReq(req, 8, order, w[0], w[1]))
			if err != nil {
				t.Fatal(err)
			}
			if part.Total != all.Total {
				t.Errorf("%s %v: total %d, want %d", order, w, part.Total, all.Total)
			}
			for i, l := range part.Lines {
				if j := w[0] + i; j >= len(all.Lines) || l != all.Lines[j] {
					t.Errorf("%s %v: line %d differs from the full listing", order, w, j)
					break
				}
			}
			if want := max(0, min(w[1], all.Total-w[0])); len(part.Lines) != want && w[0]+w[1] <= len(all.Lines) {
				t.Errorf("%s %v: %d lines, want %d", order, w, len(part.Lines), want)
			}
		}
	}
	if _, err := ix.KWIC(ctx, kwicReq(&policysearch.SearchRequest{Query: `"的"`}, 8, "left", policysearch.MaxKWICWindow, 10)); policysearch.ErrorCode(err) != policysearch.EINVALID {
		t.Errorf("a sorted window past the bound: %v", err)
	}
}

// A second opener of a folder is refused at once, naming the holder, instead of
// waiting on bleve's lock for ever; once the holder closes, the folder opens again.
func TestSecondOpenerIsRefused(t *testing.T) {
	dir := t.TempDir()
	first, err := index.Open(index.Options{Dir: dir, Segmenter: seg, Shards: 2, Owner: "policysearch serve"})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Announce("http://127.0.0.1:1234"); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = index.Open(index.Options{Dir: dir, Segmenter: seg})
	held, ok := index.Held(err)
	if !ok || policysearch.ErrorCode(err) != policysearch.ECONFLICT || time.Since(start) > 3*time.Second {
		t.Fatalf("second open after %v: %v", time.Since(start), err)
	}
	want := "the index in " + dir + " is held by process " + strconv.Itoa(os.Getpid()) + " (policysearch serve); use --server or stop it"
	if policysearch.ErrorMessage(err) != want || held.Holder.URL != "http://127.0.0.1:1234" {
		t.Errorf("message %q, holder %+v; want %q", policysearch.ErrorMessage(err), held.Holder, want)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	again, err := index.Open(index.Options{Dir: dir, Segmenter: seg})
	if err != nil {
		t.Fatalf("after the holder closed: %v", err)
	}
	again.Close()
}

// A hit on a huge paragraph carries a bounded window around the match, marked, and
// says so; the paragraph route and the export keep the full text.
func TestHitTextIsBounded(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	long := strings.Repeat("各地要结合实际推进工作，", 4000) + "独特词语出现在这里。" + strings.Repeat("确保各项任务落到实处，", 4000)
	d := &policysearch.Document{ID: "huge-line", Title: "超长段落", Paragraphs: []policysearch.Paragraph{
		{ID: "huge-line-p1", DocID: "huge-line", Kind: "body", Text: long}}}
	if err := ix.Index(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`"独特词语"`, "独特词语"} {
		res := search(t, ix, policysearch.SearchRequest{Query: q})
		if len(res.Hits) != 1 {
			t.Fatalf("%s: %d hits", q, len(res.Hits))
		}
		h := res.Hits[0]
		n := utf8.RuneCountInString(h.Text)
		if !h.Truncated || n > policysearch.MaxHitRunes || h.Length != utf8.RuneCountInString(long) ||
			!strings.Contains(h.Highlight, "<mark>独特词语</mark>") || len(h.Highlight) > 8*policysearch.MaxHitRunes {
			t.Errorf("%s: truncated %v, %d characters of %d, highlight %d bytes, marked %v", q, h.Truncated, n, h.Length,
				len(h.Highlight), strings.Contains(h.Highlight, "<mark>"))
		}
	}
	v, err := ix.Paragraph(context.Background(), "huge-line-p1")
	if err != nil || v.Paragraph.Text != long {
		t.Errorf("the paragraph route must keep the full text: %v", err)
	}
	full := false
	if _, err := ix.Export(context.Background(), &policysearch.SearchRequest{Query: `"独特词语"`}, 0, func(h policysearch.Hit) error {
		full = h.Text == long && !h.Truncated
		return nil
	}); err != nil || !full {
		t.Errorf("the export must keep the full text: %v", err)
	}
	// Short paragraphs are whole, as before.
	res := search(t, ix, policysearch.SearchRequest{Query: `"产教融合"`, Size: 50})
	for _, h := range res.Hits {
		if h.Truncated || h.Length != 0 {
			t.Errorf("%s is cut", h.ID)
		}
	}
}

// A document of more paragraphs than one atomic change should hold is refused at once
// with too_large, before any work, and the index is unchanged.
func TestTooManyParagraphs(t *testing.T) {
	ix := seedIndex(t, index.Options{})
	before, _ := ix.Stats(context.Background())
	d := &policysearch.Document{ID: "million-lines", Title: "百万行"}
	for i := 0; i <= policysearch.MaxParagraphs; i++ {
		d.Paragraphs = append(d.Paragraphs, policysearch.Paragraph{ID: "million-lines-p" + strconv.Itoa(i), DocID: d.ID, Seq: i, Kind: "body", Text: "短行。"})
	}
	start := time.Now()
	err := ix.Index(context.Background(), d)
	if policysearch.ErrorCode(err) != policysearch.ETOOLARGE || time.Since(start) > 5*time.Second {
		t.Fatalf("after %v: %v", time.Since(start), err)
	}
	if after, _ := ix.Stats(context.Background()); after != before {
		t.Errorf("the index changed: %+v, then %+v", before, after)
	}
}
