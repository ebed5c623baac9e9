package index

import (
	"encoding/base64"
	"encoding/json"

	"github.com/blevesearch/bleve/v2/document"
	bleveindex "github.com/blevesearch/bleve_index_api"

	"policysearch"
)

// SetStorageReserve changes the free space a change must leave, so that a test can let
// changes through to a disk that then fills up. It returns the old value.
func SetStorageReserve(n int64) int64 {
	old := storageReserve
	storageReserve = n
	return old
}

// TableState reports whether an index was opened from its table file, and if not, why.
func TableState(ix *Index) (bool, error) { return ix.fromTable, ix.tableErr }

// SetCheckpointMin changes the fewest new paragraphs that move to the table file in
// the middle of a run of changes; it returns the old value.
func SetCheckpointMin(n int) int {
	old := checkpointMin
	checkpointMin = n
	return old
}

// Checkpoints is how many times an index moved new paragraphs to its table file.
func Checkpoints(ix *Index) int { return ix.checkpoints }

// IndexFormat2 writes documents as a format 2 program did: each paragraph's source and
// signature in its own record, the document record with the document's metadata only;
// and marks the folder format 2. The corpus in memory is left alone: reopen the folder
// without its table file to read what was written.
func IndexFormat2(ix *Index, docs ...*policysearch.Document) error {
	im := ix.shards[0].Mapping()
	for _, d := range docs {
		pr := prepare(d, ix.shardOf(d.ID), ix.c.sim, nil)
		recs, err := records(d, pr, im)
		if err != nil {
			return err
		}
		meta := *d
		meta.Paragraphs = nil
		src, err := json.Marshal(srcDoc{Document: meta})
		if err != nil {
			return err
		}
		rec := document.NewDocument(docPrefix + d.ID)
		if err := im.MapDocument(rec, map[string]interface{}{fRec: "d", fDoc: d.ID, fSrc: string(src)}); err != nil {
			return err
		}
		recs[0] = rec
		for i, p := range d.Paragraphs {
			psrc, err := json.Marshal(p)
			if err != nil {
				return err
			}
			recs[i+1].AddField(document.NewTextFieldWithIndexingOptions(fSrc, nil, psrc, bleveindex.StoreField))
			sig := base64.StdEncoding.EncodeToString(pr.sigs[i])
			recs[i+1].AddField(document.NewTextFieldWithIndexingOptions(fSig, nil, []byte(sig), bleveindex.StoreField))
		}
		s := pr.entry.shard
		b := ix.shards[s].NewBatch()
		for _, r := range recs {
			if err := b.IndexAdvanced(r); err != nil {
				return err
			}
		}
		_, after, err := recordCount(ix.shards[s], 0, len(recs))
		if err != nil {
			return err
		}
		b.SetInternal(recordsKey, after)
		b.SetInternal(changeKey, newChangeToken())
		if err := ix.shards[s].Batch(b); err != nil {
			return err
		}
	}
	m, err := readMeta(ix.opts.Dir)
	if err != nil {
		return err
	}
	m.Version = 2
	return writeMeta(ix.opts.Dir, m)
}

// FormatOf is the format an index folder's description names.
func FormatOf(dir string) (int, error) {
	m, err := readMeta(dir)
	return m.Version, err
}

// SetRankWindow changes how many candidates of a tier the ranker orders; it returns
// the old value.
func SetRankWindow(n int) int {
	old := rankWindow
	rankWindow = n
	return old
}

// SetTableChooses turns the table's choice of a large tier's candidates on or off
// (bleve's scoring query chooses when off); it returns the old setting.
func SetTableChooses(on bool) bool {
	old := tableChooses
	tableChooses = on
	return old
}
