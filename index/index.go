package index

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"policysearch"
	"policysearch/analyzers"
)

// Options configure an Index.
type Options struct {
	// Dir holds the index on disk; empty keeps it in memory.
	Dir string
	// Shards is the number of bleve indexes documents are spread over (by a hash of
	// the document id), searched in parallel. 0 means the number of CPUs. An existing
	// index keeps the count it was created with.
	Shards int
	// Segmenter is the process's jieba segmenter; required.
	Segmenter *analyzers.Segmenter
	// Scoring is bleve's scoring model: "" (TF-IDF, bleve's default) or "bm25".
	Scoring string
	// Owner names the program holding the index (such as "policysearch serve"), for
	// the message another process gets when it tries to open the same folder.
	Owner string
	// PhraseCache is how many verified phrase hits are kept for repeated phrases; 0
	// means 4 Mi, a negative value turns the cache off (for measuring cold queries).
	PhraseCache int
}

// Index is a searchable collection of documents. It is safe for concurrent use: many
// searches run at once; a write waits for running searches and holds new ones back
// only while its batch is applied, so a search sees each document wholly before or
// wholly after a change.
type Index struct {
	opts    Options
	seg     *analyzers.Segmenter
	shards  []bleve.Index
	alias   bleve.IndexAlias
	writeMu sync.Mutex   // one writer at a time
	mu      sync.RWMutex // read: a search; write: applying a change
	c       *corpus
	cache   valueCache
	phrases *phraseCache
	lock    *dirLock // the folder's lock; nil in memory
	closed  bool
	// fromTable says the table was opened from the table file; tableStale that the
	// file (if any) no longer holds the table, which Close then writes anew.
	fromTable  bool
	tableStale bool
	tableErr   error  // why the table file was not used, for tests and check
	table      *table // the mapped table file the corpus reads from; nil: none
	// sinceTable counts the paragraphs added since the table was read from its file
	// (or since opening, when it was rebuilt): their texts and postings are on the heap.
	sinceTable  int
	checkpoints int
}

// meta is the index's own description, kept beside the shards.
type meta struct {
	Version int    `json:"version"`
	Shards  int    `json:"shards"`
	Scoring string `json:"scoring,omitempty"`
}

const (
	// formatVersion 2 added the bigram and document-title fields, and indexed the
	// published and effective dates for their filters. 3 keeps each document's
	// paragraphs (and their signatures) in its document record's source rather than in
	// each paragraph record's (see records); it reads a format 2 index as it is, and
	// marks it 3 once opened, since what it writes there a format 2 program cannot read.
	formatVersion = 3
	// formatReadable is the oldest format this program opens.
	formatReadable = 2
	metaFile       = "policysearch.json"
)

// Open opens the index in opts.Dir, creating it when absent, or a new in-memory index.
// Reopening maps the table file Close wrote, or, when it is missing or does not match
// the shards, rebuilds the table from the stored sources; no text is analysed again.
func Open(opts Options) (*Index, error) {
	if opts.Segmenter == nil {
		return nil, errors.New("index: Options.Segmenter is required")
	}
	if opts.Shards <= 0 {
		opts.Shards = runtime.NumCPU()
	}
	if opts.Scoring != "" && opts.Scoring != "bm25" && opts.Scoring != "tfidf" {
		return nil, policysearch.Errorf(policysearch.EINVALID, "scoring must be tfidf or bm25, not %q", opts.Scoring)
	}
	if opts.Scoring == "tfidf" {
		opts.Scoring = ""
	}
	if opts.PhraseCache == 0 {
		opts.PhraseCache = 4 << 20
	}
	ix := &Index{opts: opts, seg: opts.Segmenter, c: newCorpus(), phrases: newPhraseCache(opts.PhraseCache)}
	if err := ix.openShards(); err != nil {
		ix.lock.release()
		return nil, err
	}
	ix.alias = bleve.NewIndexAlias(ix.shards...)
	if err := ix.load(); err != nil {
		ix.closeShards()
		ix.lock.release()
		return nil, err
	}
	return ix, nil
}

func (ix *Index) openShards() error {
	im, err := newMapping(ix.seg, ix.opts.Scoring)
	if err != nil {
		return fmt.Errorf("index mapping: %w", err)
	}
	var m meta
	if ix.opts.Dir == "" {
		for i := 0; i < ix.opts.Shards; i++ {
			// bleve.NewMemOnly is the old upsidedown/gtreap engine, many times slower to
			// build than scorch, which also runs in memory when given no path.
			s, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
			if err != nil {
				ix.closeShards()
				return fmt.Errorf("index: %w", err)
			}
			ix.shards = append(ix.shards, s)
		}
		return nil
	}
	if err := os.MkdirAll(ix.opts.Dir, 0o755); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	// The lock comes first: a second process is refused in milliseconds, naming the
	// holder, instead of waiting on bleve's lock for ever.
	owner := ix.opts.Owner
	if owner == "" {
		owner = "policysearch"
	}
	if ix.lock, err = lockDir(ix.opts.Dir, owner); err != nil {
		return err
	}
	m, err = readMeta(ix.opts.Dir)
	created := false
	switch {
	case err == nil:
		if m.Version < formatReadable || m.Version > formatVersion {
			return policysearch.Errorf(policysearch.ECONFLICT, "the index in %s has format %d; this program reads formats %d to %d: re-index into a new folder", ix.opts.Dir, m.Version, formatReadable, formatVersion)
		}
		ix.opts.Shards = m.Shards
		ix.opts.Scoring = m.Scoring
	case errors.Is(err, os.ErrNotExist):
		if shards, _ := filepath.Glob(filepath.Join(ix.opts.Dir, "shard-*")); len(shards) > 0 {
			return damaged(ix.opts.Dir, metaFile+" is missing beside the shard folders", nil)
		}
		m = meta{Version: formatVersion, Shards: ix.opts.Shards, Scoring: ix.opts.Scoring}
		created = true
	default:
		return err
	}
	if !created {
		if err := checkShardFiles(ix.opts.Dir, m.Shards); err != nil {
			return err
		}
	}
	for i := 0; i < m.Shards; i++ {
		path := filepath.Join(ix.opts.Dir, "shard-"+strconv.Itoa(i))
		var s bleve.Index
		if created {
			s, err = bleve.NewUsing(path, im, scorch.Name, scorch.Name, storeConfig())
		} else {
			s, err = openShard(ix.opts.Dir, path)
		}
		if err != nil {
			ix.closeShards()
			if policysearch.ErrorCode(err) == policysearch.ECORRUPT {
				return err
			}
			return fmt.Errorf("index shard %d: %w", i, err)
		}
		ix.shards = append(ix.shards, s)
	}
	if created || m.Version != formatVersion {
		// Written once the shards exist, so that a description always has its shards.
		m.Version = formatVersion
		if err := writeMeta(ix.opts.Dir, m); err != nil {
			ix.closeShards()
			return err
		}
	}
	return nil
}

func readMeta(dir string) (meta, error) {
	var m meta
	b, err := os.ReadFile(filepath.Join(dir, metaFile))
	if err != nil {
		return m, err
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Shards <= 0 {
		return m, fmt.Errorf("index: %s is damaged: %v", metaFile, err)
	}
	return m, nil
}

// writeMeta writes the description atomically: a crash leaves the old file or the new.
func writeMeta(dir string, m meta) error {
	b, _ := json.MarshalIndent(m, "", "  ")
	tmp := filepath.Join(dir, metaFile+".tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return fmt.Errorf("index: %w", err)
	}
	return os.Rename(tmp, filepath.Join(dir, metaFile))
}

func (ix *Index) closeShards() {
	for _, s := range ix.shards {
		s.Close()
	}
	ix.shards = nil
}

// Close closes the shards. The segmenter belongs to the caller.
func (ix *Index) Close() error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.closed {
		return nil
	}
	ix.closed = true
	var first error
	if ix.tableStale && ix.opts.Dir != "" {
		// The table file is a cache of the stored sources: failing to write it (a
		// full disk) costs the next open a rebuild, nothing else. The old file no
		// longer matches the shards' change tokens and is ignored.
		ix.tableErr = ix.writeTable()
	}
	// The table file's mapping, if one was opened, stays: paragraphs handed out by
	// searches point into it, and unmapping it under them would fault. The kernel
	// releases it with the process; a closed index's pages are clean and reclaimable.
	// Its file is closed (a text read after that comes from the mapping).
	ix.table.close()
	for _, s := range ix.shards {
		if err := s.Close(); err != nil && first == nil {
			first = err
		}
	}
	ix.lock.release()
	return first
}

// shardOf places a document: all its paragraphs live in one shard, so replacing it is
// one atomic batch.
func (ix *Index) shardOf(docID string) int {
	h := fnv.New32a()
	h.Write([]byte(docID))
	return int(h.Sum32() % uint32(len(ix.shards)))
}

// srcDoc is the stored source of a document record: the document with its paragraphs
// and their similar-clause signatures (by paragraph), so that the shards alone can
// rebuild the table. An index of format 2 kept each paragraph's source in its own
// record, and Sigs is empty there.
type srcDoc struct {
	policysearch.Document
	Sigs [][]byte `json:"sigs,omitempty"`
}

// Index adds documents, each replacing any document with the same id. The documents of
// one call become visible together.
func (ix *Index) Index(ctx context.Context, docs ...*policysearch.Document) error {
	if len(docs) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, d := range docs {
		if d == nil || d.ID == "" {
			return policysearch.Errorf(policysearch.EINVALID, "a document without an id cannot be indexed")
		}
		if seen[d.ID] {
			return policysearch.Errorf(policysearch.EINVALID, "document %s is given twice in one batch", d.ID)
		}
		seen[d.ID] = true
		if len(d.Paragraphs) == 0 {
			return policysearch.Errorf(policysearch.EINVALID, "document %s has no paragraphs", d.ID)
		}
		if len(d.Paragraphs) > policysearch.MaxParagraphs {
			return policysearch.Errorf(policysearch.ETOOLARGE,
				"document %s has %d paragraphs; one document may have at most %d. Split the file into its parts", d.ID, len(d.Paragraphs), policysearch.MaxParagraphs)
		}
	}
	// Everything that does not touch shared state happens before the locks.
	preps := make([]*prepared, len(docs))
	recs := make([][]*document.Document, len(docs))
	im := ix.shards[0].Mapping()
	var wg sync.WaitGroup
	errs := make([]error, len(docs))
	sem := make(chan struct{}, runtime.NumCPU())
	for i, d := range docs {
		wg.Add(1)
		sem <- struct{}{}
		go func(i int, d *policysearch.Document) {
			defer wg.Done()
			defer func() { <-sem }()
			preps[i] = prepare(d, ix.shardOf(d.ID), ix.c.sim, nil)
			recs[i], errs[i] = records(d, preps[i], im)
		}(i, d)
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}

	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	if ix.closed {
		return policysearch.Errorf(policysearch.EUNAVAILABLE, "the index is closed")
	}
	if err := ix.checkSpace(recs); err != nil {
		return err
	}
	batches := make([]*bleve.Batch, len(ix.shards))
	changes := make([]*shardChange, len(ix.shards))
	removed, added := make([]int, len(ix.shards)), make([]int, len(ix.shards))
	for i, d := range docs {
		s := preps[i].entry.shard
		if batches[s] == nil {
			batches[s] = ix.shards[s].NewBatch()
			changes[s] = &shardChange{}
		}
		b := batches[s]
		ix.mu.RLock()
		if old := ix.c.docs[d.ID]; old != nil {
			ids := old.paragraphIDs(ix.c)
			for _, id := range ids {
				b.Delete(id)
			}
			removed[s] += 1 + len(ids) // its paragraphs and its document record
		}
		ix.mu.RUnlock()
		added[s] += len(recs[i])
		for _, r := range recs[i] {
			if err := b.IndexAdvanced(r); err != nil {
				return fmt.Errorf("index %s: %w", d.ID, err)
			}
		}
	}
	for s, b := range batches {
		if b == nil {
			continue
		}
		before, after, err := recordCount(ix.shards[s], removed[s], added[s])
		if err != nil {
			return err
		}
		changes[s].before, changes[s].after = before, after
		b.SetInternal(recordsKey, after)
		b.SetInternal(changeKey, newChangeToken())
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err := ix.applyBatches(batches); err != nil {
		// Whatever bleve took in is undone, so that the documents of the call are all
		// old, as the table still says.
		undone := true
		for s, c := range changes {
			if c != nil && c.applied(ix.shards[s]) {
				undone = ix.undo(s, c) && undone
			}
		}
		return writeError(err, undone)
	}
	addedParas := 0
	for _, pr := range preps {
		addedParas += len(pr.paras)
	}
	ix.c.put(preps...)
	ix.tableStale = true
	ix.sinceTable += addedParas
	if ix.opts.Dir != "" && ix.sinceTable >= max(checkpointMin, ix.c.liveCount/checkpointShare) {
		// A failed checkpoint (a full disk) leaves the table on the heap, as before.
		if err := ix.checkpoint(); err != nil {
			ix.tableErr = err
		}
	}
	// A bulk step (the seeds, a large upload) leaves the similar-clause index with a
	// long list of recent additions; merging them keeps its lookups fast.
	if addedParas*4 >= ix.c.liveCount {
		ix.c.sim.Compact()
	}
	ix.cache.reset()
	ix.phrases.reset()
	return nil
}

// applyBatches runs each shard's batch in parallel. A shard's batch is atomic; a
// document lives in one shard, so each document is wholly old or wholly new.
func (ix *Index) applyBatches(batches []*bleve.Batch) error {
	errs := make([]error, len(batches))
	var wg sync.WaitGroup
	for s, b := range batches {
		if b == nil {
			continue
		}
		wg.Add(1)
		go func(s int, b *bleve.Batch) {
			defer wg.Done()
			defer func() {
				if r := recover(); r != nil { // bleve after a failed write
					errs[s] = fmt.Errorf("index shard %d: panic: %v", s, r)
				}
			}()
			if err := ix.shards[s].Batch(b); err != nil {
				errs[s] = fmt.Errorf("index shard %d: %w", s, err)
			}
		}(s, b)
	}
	wg.Wait()
	return errors.Join(errs...)
}

// Delete removes a document and all its paragraphs.
func (ix *Index) Delete(ctx context.Context, docID string) error {
	ix.writeMu.Lock()
	defer ix.writeMu.Unlock()
	ix.mu.RLock()
	e := ix.c.docs[docID]
	ix.mu.RUnlock()
	if e == nil {
		return policysearch.Errorf(policysearch.ENOTFOUND, "no document %q", docID).With("no_document", "id", docID)
	}
	b := ix.shards[e.shard].NewBatch()
	b.Delete(docPrefix + docID)
	ix.mu.RLock()
	ids := e.paragraphIDs(ix.c)
	for _, id := range ids {
		b.Delete(id)
	}
	ix.mu.RUnlock()
	before, after, err := recordCount(ix.shards[e.shard], 1+len(ids), 0)
	if err != nil {
		return err
	}
	b.SetInternal(recordsKey, after)
	b.SetInternal(changeKey, newChangeToken())
	change := &shardChange{before: before, after: after}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if err := ix.shards[e.shard].Batch(b); err != nil {
		undone := !change.applied(ix.shards[e.shard]) || ix.undo(e.shard, change)
		return writeError(fmt.Errorf("delete %s: %w", docID, err), undone)
	}
	ix.c.remove(docID)
	ix.tableStale = true
	ix.c.cites.settle(ix.c)
	ix.cache.reset()
	ix.phrases.reset()
	return nil
}

// bleveRecord is one bleve document: a paragraph or a document record.
// records turns a document into its bleve documents, mapped here rather than by
// Batch.Index so that the mapping walk runs in the parallel phase of an ingest, not
// under the write lock.
func records(d *policysearch.Document, pr *prepared, im mapping.IndexMapping) ([]*document.Document, error) {
	out := make([]*document.Document, 0, len(d.Paragraphs)+1)
	add := func(id string, fields map[string]interface{}) error {
		doc := document.NewDocument(id)
		if err := im.MapDocument(doc, fields); err != nil {
			return fmt.Errorf("map %s: %w", id, err)
		}
		out = append(out, doc)
		return nil
	}
	e := pr.entry
	// The sources of all the document's paragraphs stand in its own record, which no
	// query reads: a paragraph record stores only its id. Every hit a search returns
	// has its id read from the stored fields, and bleve decompresses a record's stored
	// fields whole, so per-paragraph sources made each such read page in the text
	// beside the id (on lawrefbook, 100 MB more on disk and 78 MB more resident after
	// the peers queries).
	src, err := json.Marshal(srcDoc{*d, pr.sigs})
	if err != nil {
		return nil, err
	}
	if err := add(docPrefix+d.ID, map[string]interface{}{fRec: "d", fDoc: d.ID, fSrc: string(src)}); err != nil {
		return nil, err
	}
	titleKeys, paraKeys := citeKeys(pr.refs)
	for _, p := range d.Paragraphs {
		norm := policysearch.Normalize(p.Text)
		f := map[string]interface{}{
			fRec: "p",
			// The words are those of the normalised text, as the query's are
			// (query.Parse normalises it): invisible characters, widths and broken
			// lines do not split or hide a word. Display keeps the original.
			fText: norm,
			fDoc:  d.ID,
			fKind: p.Kind,
		}
		if len(d.Issuers) > 0 {
			f[fIssuer] = d.Issuers
		}
		if d.Region != "" {
			f[fRegion] = d.Region
			f[fRegionPath] = e.regionPath
		}
		if d.Level != "" {
			f[fLevel] = d.Level
		}
		if d.DocType != "" {
			f[fType] = d.DocType
		}
		if e.year != "" {
			f[fYear] = e.year
		}
		if d.Date != "" {
			f[fDate] = d.Date
		}
		if d.Published != "" {
			f[fPublished] = d.Published
		}
		if d.Effective != "" {
			f[fEffective] = d.Effective
		}
		if len(p.ResponsibleUnits) > 0 {
			f[fUnit] = p.ResponsibleUnits
		}
		// The bigrams are those of the same normalised text, so that a word's jieba
		// term in the text implies its bigram cover (scoringQuery relies on it) and an
		// invisible character inside a word does not break its bigrams.
		f[fGrams] = norm
		if len(p.SectionPath) > 0 {
			f[fSection] = p.SectionPath
			f[fHeadings] = policysearch.Normalize(strings.Join(p.SectionPath, " "))
		}
		if p.MeasureTitle != "" {
			f[fTitle] = policysearch.Normalize(p.MeasureTitle)
		}
		if d.Title != "" {
			f[fDocTitle] = d.Title
		}
		if keys := paragraphCiteKeys(titleKeys, paraKeys[p.ID]); len(keys) > 0 {
			f[fCites] = keys
		}
		if err := add(p.ID, f); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// load rebuilds the in-memory table from the stored sources of every shard.
func (ix *Index) load() error {
	if ix.opts.Dir != "" {
		removeTableTemps(ix.opts.Dir)
		err := ix.loadTable()
		if err == nil {
			ix.fromTable = true
			return nil
		}
		ix.tableErr = err
		ix.c = newCorpus() // whatever a half-read table left
	}
	return ix.loadStored()
}

// loadStored rebuilds the table from the shards' stored sources.
func (ix *Index) loadStored() error {
	ix.tableStale = ix.opts.Dir != ""
	for s, shard := range ix.shards {
		docs := map[string]*policysearch.Document{}
		paras := map[string][]policysearch.Paragraph{}
		sigs := map[string][]byte{}
		err := eachStored(shard, func(id, src, sig string) error {
			if isDocRecord(id) {
				var d srcDoc
				if err := json.Unmarshal([]byte(src), &d); err != nil {
					return fmt.Errorf("document record %s: %w", id, err)
				}
				for i, p := range d.Paragraphs {
					if i < len(d.Sigs) && len(d.Sigs[i]) > 0 {
						sigs[p.ID] = d.Sigs[i]
					}
				}
				paras[d.ID] = append(paras[d.ID], d.Paragraphs...)
				docs[d.ID] = &d.Document
				return nil
			}
			if src == "" {
				return nil // format 3: the document record holds it
			}
			var p policysearch.Paragraph
			if err := json.Unmarshal([]byte(src), &p); err != nil {
				return fmt.Errorf("paragraph %s: %w", id, err)
			}
			paras[p.DocID] = append(paras[p.DocID], p)
			if b, err := base64.StdEncoding.DecodeString(sig); err == nil && len(b) > 0 {
				sigs[p.ID] = b
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("index shard %d: %w", s, err)
		}
		ids := make([]string, 0, len(docs))
		for id := range docs {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		preps := make([]*prepared, len(ids))
		var wg sync.WaitGroup
		sem := make(chan struct{}, runtime.NumCPU())
		for i, id := range ids {
			d := docs[id]
			ps := paras[id]
			sort.Slice(ps, func(i, j int) bool { return ps[i].Seq < ps[j].Seq })
			d.Paragraphs = ps
			wg.Add(1)
			sem <- struct{}{}
			go func(i int, d *policysearch.Document) {
				defer wg.Done()
				defer func() { <-sem }()
				preps[i] = prepare(d, s, ix.c.sim, sigs)
			}(i, d)
		}
		wg.Wait()
		ix.c.put(preps...)
	}
	ix.c.sim.Compact()
	return nil
}

// isDocRecord reports whether a bleve id is a document record's.
func isDocRecord(id string) bool { return strings.HasPrefix(id, docPrefix) && len(id) > len(docPrefix) }

// eachStored visits the stored source of every record of a shard (empty for a
// paragraph record since format 3). It walks the
// shard's documents directly: paging a match-all search sorted by id would load and
// sort every id once per page.
func eachStored(shard bleve.Index, fn func(id, src, sig string) error) error {
	adv, err := shard.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		return eachStoredScorch(snap, fn)
	}
	ids, err := r.DocIDReaderAll()
	if err != nil {
		return err
	}
	defer ids.Close()
	for {
		iid, err := ids.Next()
		if err != nil {
			return err
		}
		if iid == nil {
			return nil
		}
		ext, err := r.ExternalID(iid)
		if err != nil {
			return err
		}
		doc, err := r.Document(ext)
		if err != nil {
			return err
		}
		if doc == nil {
			continue
		}
		src, sig := "", ""
		doc.VisitFields(func(f bleveindex.Field) {
			switch f.Name() {
			case fSrc:
				src = string(f.Value())
			case fSig:
				sig = string(f.Value())
			}
		})
		if src == "" && isDocRecord(ext) {
			return fmt.Errorf("record %s has no stored source", ext)
		}
		if err := fn(ext, src, sig); err != nil {
			return err
		}
	}
}

// eachStoredScorch reads stored fields segment by segment, by document number, which
// avoids looking every id up in the term dictionary again.
func eachStoredScorch(snap *scorch.IndexSnapshot, fn func(id, src, sig string) error) error {
	for _, seg := range snap.Segments() {
		live := seg.DocNumbersLive()
		it := live.Iterator()
		for it.HasNext() {
			num := it.Next()
			var id, src, sig string
			err := seg.VisitDocument(uint64(num), func(field string, _ byte, value []byte, _ []uint64) bool {
				switch field {
				case "_id":
					id = string(value)
				case fSrc:
					src = string(value)
				case fSig:
					sig = string(value)
				}
				return true
			})
			if err != nil {
				return err
			}
			if src == "" && isDocRecord(id) {
				return fmt.Errorf("record %s has no stored source", id)
			}
			if err := fn(id, src, sig); err != nil {
				return err
			}
		}
	}
	return nil
}

// Stats counts documents and paragraphs.
func (ix *Index) Stats(ctx context.Context) (policysearch.IndexStats, error) {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return policysearch.IndexStats{Documents: len(ix.c.docs), Paragraphs: ix.c.liveCount}, nil
}

// valueCache keeps the distinct values of filter fields between changes, with the
// number of documents that have each.
type valueCache struct {
	mu     sync.Mutex
	values map[string][]string
	counts map[string]map[string]int
}

func (vc *valueCache) reset() {
	vc.mu.Lock()
	vc.values, vc.counts = nil, nil
	vc.mu.Unlock()
}

// values returns the distinct values of a field, sorted; the caller holds ix.mu for
// reading.
func (ix *Index) values(field string) []string {
	_, v := ix.valueCounts(field)
	return v
}

// valueCounts returns how many documents have each value of a field, and the values
// sorted; the caller holds ix.mu for reading.
func (ix *Index) valueCounts(field string) (map[string]int, []string) {
	ix.cache.mu.Lock()
	defer ix.cache.mu.Unlock()
	if c, ok := ix.cache.counts[field]; ok {
		return c, ix.cache.values[field]
	}
	if ix.cache.values == nil {
		ix.cache.values, ix.cache.counts = map[string][]string{}, map[string]map[string]int{}
	}
	c := ix.c.valueCounts(field)
	v := make([]string, 0, len(c))
	for k := range c {
		v = append(v, k)
	}
	sort.Strings(v)
	ix.cache.counts[field], ix.cache.values[field] = c, v
	return c, v
}
