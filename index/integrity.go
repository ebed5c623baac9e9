package index

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"policysearch"
)

// An index folder is checked when it opens, so that a damaged one refuses to start
// instead of answering with hits silently lost (a corrupt segment once turned 15,193
// hits into 7,460 and some scores into +Inf): every shard the description names must
// be there and no other, every live segment must match its checksum, and each shard's
// record count must match the count written with its last change. None of this reads
// more than the segments once, at disk speed.

// recordsKey is the bleve internal key under which each change stores its shard's
// record count, in the same batch as the change.
var recordsKey = []byte("policysearch.records")

// damaged is the error of an index that fails a check: it names what is wrong and the
// ways out.
func damaged(dir, what string, cause error) error {
	return policysearch.WrapError(policysearch.ECORRUPT, cause,
		"the index in %s is damaged: %s. Rebuild it from the source files into a new folder (policysearch index --data NEW FILES…); policysearch check --data %s lists every fault",
		dir, what, dir)
}

// checkShardFiles compares the shard folders with the description: a missing shard is
// never recreated empty (its documents would vanish without a word), and a shard the
// description does not know means the description was changed.
func checkShardFiles(dir string, shards int) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("index: %w", err)
	}
	found := map[int]bool{}
	for _, e := range entries {
		if n, ok := strings.CutPrefix(e.Name(), "shard-"); ok && e.IsDir() {
			if i, err := strconv.Atoi(n); err == nil {
				found[i] = true
			}
		}
	}
	var missing []string
	for i := 0; i < shards; i++ {
		if !found[i] {
			missing = append(missing, "shard-"+strconv.Itoa(i))
		}
		delete(found, i)
	}
	if len(missing) > 0 {
		return damaged(dir, fmt.Sprintf("%s says %d shards and %s is missing", metaFile, shards, strings.Join(missing, ", ")), nil)
	}
	if len(found) > 0 {
		var extra []string
		for i := range found {
			extra = append(extra, "shard-"+strconv.Itoa(i))
		}
		sort.Strings(extra)
		return damaged(dir, fmt.Sprintf("%s says %d shards but %s is there too", metaFile, shards, strings.Join(extra, ", ")), nil)
	}
	return nil
}

// openShard opens an existing shard. zapx panics on some damaged footers; that is
// turned into the damage error, naming the file whose checksum fails.
func openShard(dir, path string) (s bleve.Index, err error) {
	name, _ := filepath.Rel(dir, path)
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, damaged(dir, name+" cannot be read"+badSegments(dir, path), fmt.Errorf("panic: %v", r))
		}
	}()
	// What the newest snapshot on disk says the last change was, read before opening
	// (the reader takes root.bolt's lock, which an open shard holds; the folder's lock
	// keeps everyone else out).
	newest, known := newestChange(path)
	s, err = bleve.OpenUsing(path, storeConfig())
	if errors.Is(err, bleve.ErrorIndexPathDoesNotExist) {
		return nil, damaged(dir, name+" has no index in it", err)
	}
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, fmt.Errorf("index %s: another program holds it: %w", name, err)
		}
		why := badSegments(dir, path)
		if why == "" {
			why = " (" + err.Error() + ")"
		}
		return nil, damaged(dir, name+" cannot be opened"+why, err)
	}
	if err := verifyShard(dir, name, s); err != nil {
		s.Close()
		return nil, err
	}
	// scorch opens a shard whose newest snapshot cannot be loaded (a segment of it
	// damaged or missing) from the one before, logging only "unable to load snapshot,
	// continuing": the shard then passes every check above, consistent with itself,
	// and the changes since are silently gone. Its change token tells.
	if got, _ := s.GetInternal(changeKey); known && !bytes.Equal(got, newest) {
		s.Close()
		return nil, damaged(dir, name+" cannot load its last state, only an older one"+badSegments(dir, path), nil)
	}
	return s, nil
}

// newestChange is the change token of the newest snapshot in a shard's root.bolt;
// known is false when there is none to read (a new shard, or one written before
// change tokens).
func newestChange(path string) (token []byte, known bool) {
	points, err := scorch.RollbackPoints(filepath.Join(path, "store"))
	if err != nil || len(points) == 0 {
		return nil, false
	}
	t := points[0].GetInternal(changeKey)
	return t, t != nil
}

// verifyShard checks the live segments' checksums and the record count.
func verifyShard(dir, name string, s bleve.Index) error {
	adv, err := s.Advanced()
	if err != nil {
		return err
	}
	r, err := adv.Reader()
	if err != nil {
		return err
	}
	defer r.Close()
	if snap, ok := r.(*scorch.IndexSnapshot); ok {
		for _, ss := range snap.Segments() {
			p, ok := ss.Segment().(interface{ Path() string })
			if !ok || p.Path() == "" {
				continue // in memory, not yet persisted
			}
			if err := checkSegment(p.Path()); err != nil {
				rel, _ := filepath.Rel(dir, p.Path())
				return damaged(dir, rel+" "+err.Error(), nil)
			}
		}
	}
	want, err := s.GetInternal(recordsKey)
	if err != nil || len(want) == 0 {
		return nil // written before the count was kept
	}
	n, err := s.DocCount()
	if err != nil {
		return err
	}
	if w, perr := strconv.ParseUint(string(want), 10, 64); perr == nil && w != n {
		return damaged(dir, fmt.Sprintf("%s holds %d records where its last change left %d", name, n, w), nil)
	}
	return nil
}

// checkSegment compares a zap segment's CRC-32 footer with its content.
func checkSegment(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return errors.New("cannot be read: " + err.Error())
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return err
	}
	if st.Size() < 4 {
		return errors.New("is truncated")
	}
	h := crc32.NewIEEE()
	if _, err := io.CopyN(h, f, st.Size()-4); err != nil {
		return errors.New("cannot be read: " + err.Error())
	}
	var tail [4]byte
	if _, err := io.ReadFull(f, tail[:]); err != nil {
		return errors.New("cannot be read: " + err.Error())
	}
	if binary.BigEndian.Uint32(tail[:]) != h.Sum32() {
		return errors.New("fails its checksum (the file was changed or cut short)")
	}
	return nil
}

// badSegments names the segment files of a shard that fail their checksum, for a
// shard that could not be opened at all.
func badSegments(dir, shard string) string {
	var bad []string
	filepath.WalkDir(shard, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".zap") && checkSegment(p) != nil {
			rel, _ := filepath.Rel(dir, p)
			bad = append(bad, rel)
		}
		return nil
	})
	if len(bad) == 0 {
		return ""
	}
	return ": " + strings.Join(bad, ", ") + " fails its checksum"
}

// recordCount is what a shard holds before a change and will hold after it: its
// records now, less those the change replaces or deletes, plus those it adds.
func recordCount(s bleve.Index, removed, added int) (before, after []byte, err error) {
	n, err := s.DocCount()
	if err != nil {
		return nil, nil, err
	}
	before = []byte(strconv.FormatUint(n, 10))
	after = []byte(strconv.FormatInt(int64(n)-int64(removed)+int64(added), 10))
	return before, after, nil
}

// Check verifies the index in dir as Open does, but goes on past the first fault and
// returns every one; no fault means the index is sound. It takes the folder's lock, so
// it is refused beside a process that holds the index. The jieba segmenter must be
// open: bleve resolves the analyzers when it opens a shard.
func Check(dir string) ([]string, error) {
	lock, err := lockDir(dir, "policysearch check")
	if err != nil {
		return nil, err
	}
	defer lock.release()
	m, err := readMeta(dir)
	if err != nil {
		return []string{fmt.Sprintf("%s cannot be read: %v", metaFile, err)}, nil
	}
	var faults []string
	fault := func(err error) {
		msg := policysearch.ErrorMessage(err)
		if what, ok := strings.CutPrefix(msg, "the index in "+dir+" is damaged: "); ok {
			msg, _, _ = strings.Cut(what, ". Rebuild it")
		}
		faults = append(faults, msg)
	}
	if err := checkShardFiles(dir, m.Shards); err != nil {
		fault(err)
	}
	shards, _ := filepath.Glob(filepath.Join(dir, "shard-*"))
	sort.Strings(shards)
	changes := make([]string, 0, len(shards))
	for _, path := range shards {
		s, err := openShard(dir, path)
		if err != nil {
			fault(err)
			continue
		}
		v, _ := s.GetInternal(changeKey)
		changes = append(changes, string(v))
		s.Close()
	}
	if len(faults) == 0 {
		if f := checkTable(dir, m.Shards, changes); f != "" {
			faults = append(faults, f)
		}
	}
	return faults, nil
}

// checkTable checks the table file in full, which opening does only in part. A stale
// file is no fault (the next open rebuilds the table and the next close writes it);
// a damaged one is, because opening would read wrong texts from it.
func checkTable(dir string, shards int, changes []string) string {
	if _, err := os.Stat(filepath.Join(dir, tableFile)); errors.Is(err, os.ErrNotExist) {
		return ""
	}
	t, err := openTable(dir, shards, changes)
	if err != nil {
		if errors.Is(err, errTableStale) {
			return ""
		}
		return fmt.Sprintf("%s cannot be used (%v); delete it and the next open rebuilds it from the shards", tableFile, err)
	}
	defer syscall.Munmap(t.data)
	if err := t.verify(); err != nil {
		return fmt.Sprintf("%s is damaged: %v; delete it and the next open rebuilds it from the shards", tableFile, err)
	}
	return ""
}
