package index

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"policysearch"
)

// Storage faults. bleve applies a batch in memory before it writes it, and when the
// write fails (a full disk) it reports the error but keeps the batch: searches count
// the document while the table here never got it, and the persister retries without
// pause (an idle server spun at 165% CPU). So a change first checks that the disk has
// room for it; a write that fails anyway is undone by the inverse batch; and the
// persister's retries are spaced out.

// storageReserve is the free space a change leaves on the disk beyond its own estimate:
// room for merges and for bleve's root file.
var storageReserve int64 = 32 << 20

// diskFree is the space available to this process on the file system holding dir.
func diskFree(dir string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0, err
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}

// checkSpace refuses a change the disk cannot hold. A segment takes a few times the
// text it indexes (terms, positions, stored source); four times the stored bytes is a
// safe estimate.
func (ix *Index) checkSpace(recs [][]*document.Document) error {
	if ix.opts.Dir == "" {
		return nil
	}
	var need int64
	for _, rs := range recs {
		for _, r := range rs {
			need += int64(r.Size())
		}
	}
	need = need*4 + storageReserve
	free, err := diskFree(ix.opts.Dir)
	if err != nil {
		return nil // cannot tell: let the write say
	}
	if free < need {
		return policysearch.Errorf(policysearch.ESTORAGE,
			"the disk holding the index has %s free and this change needs about %s; free some space and send it again (nothing was changed)",
			mb(free), mb(need))
	}
	return nil
}

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

// writeError is the error of a batch bleve could not write: its own code for a full
// disk, unavailable for other I/O failures.
func writeError(err error, undone bool) error {
	outcome := "nothing was changed"
	if !undone {
		outcome = "the change may have been applied in part until the server restarts; look the document up before sending it again"
	}
	// bleve flattens the persister's error into text, so the cause is also looked for
	// by its message.
	full := errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) ||
		strings.Contains(err.Error(), syscall.ENOSPC.Error()) || strings.Contains(err.Error(), syscall.EDQUOT.Error())
	if full {
		return policysearch.WrapError(policysearch.ESTORAGE, err, "the disk holding the index is full: %s. Free some space and send it again", outcome)
	}
	return policysearch.WrapError(policysearch.EUNAVAILABLE, err, "the index could not be written: %s", outcome)
}

// shardChange is one shard's part of a change, kept to undo it.
type shardChange struct {
	before, after []byte // record counts
}

// applied reports whether bleve took the change in (its record count went in with it).
func (c *shardChange) applied(s bleve.Index) bool {
	v, err := s.GetInternal(recordsKey)
	return err == nil && string(v) == string(c.after)
}

// undo takes back a change that bleve applied in memory but could not write: the
// shard is closed, dropping what was not written, and opened again from the disk,
// which still holds the state before the change (bleve records a new state only once
// it is written). An inverse batch would not do: after a failed write, bleve's
// in-memory segments are not fit for more changes (they panic). It reports whether
// the shard is back at its count from before the change. The caller holds the write
// lock; no search runs.
func (ix *Index) undo(shard int, c *shardChange) bool {
	old := ix.shards[shard]
	path := filepath.Join(ix.opts.Dir, "shard-"+strconv.Itoa(shard))
	if ix.opts.Dir == "" {
		return false
	}
	old.Close()
	s, err := bleve.OpenUsing(path, storeConfig())
	if err != nil {
		// The shard cannot be had again: the index stops taking changes and
		// answering, rather than answer from half of its documents.
		ix.closed = true
		return false
	}
	ix.shards[shard] = s
	ix.alias = bleve.NewIndexAlias(ix.shards...)
	v, err := s.GetInternal(recordsKey)
	return err == nil && string(v) == string(c.before)
}

// The persister's retries after a failed write are spaced out, doubling from 100 ms to
// 5 s, by sleeping in bleve's error callback, which runs on the persister's goroutine.
const asyncErrorCallback = "policysearch-backoff"

var persistRetries sync.Map // index path → *retryState

type retryState struct {
	mu    sync.Mutex
	n     int
	since time.Time
}

func init() {
	scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback] = func(err error, path string) {
		v, _ := persistRetries.LoadOrStore(path, &retryState{})
		st := v.(*retryState)
		st.mu.Lock()
		if time.Since(st.since) > time.Minute {
			st.n = 0 // a fault of long ago: start again from a short wait
		}
		st.n++
		st.since = time.Now()
		wait := min(100*time.Millisecond<<min(st.n, 10), 5*time.Second)
		st.mu.Unlock()
		time.Sleep(wait)
	}
}

// storeConfig is bleve's run-time configuration of a shard: a bounded wait for its file
// lock, which the folder's lock makes free in every normal case (should another
// program hold it, opening fails in seconds rather than hanging), and the persister's
// back-off. A new map each time: bleve writes into the one it is given.
func storeConfig() map[string]interface{} {
	return map[string]interface{}{"bolt_timeout": "5s", "asyncErrorCallbackName": asyncErrorCallback}
}

// bulkGCPercent is the collector's target for a process whose work is a bulk build:
// the build's live heap (the paragraphs added since the last checkpoint, bleve's
// unpersisted segments) is a few hundred MB, and at Go's default of 100 the heap grows
// to twice it between collections, which made the build's peak. On lawrefbook
// (peerdriver build under /usr/bin/time -v, one run each): 100 gave 1,118-1,193 MB in
// 41.5-42.3 s, 70 gave 977 MB in 42.0 s, 50 gave 852 MB in 45.3 s.
const bulkGCPercent = 70

// ForBulkBuild sets the collector for a bulk build, unless GOGC says otherwise, and
// returns what restores it. For commands that build an index and do nothing else; a
// server keeps Go's default.
func ForBulkBuild() (restore func()) {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	old := debug.SetGCPercent(bulkGCPercent)
	return func() { debug.SetGCPercent(old) }
}
