package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"policysearch/analyzers"
)

// shardPaths lists the bleve indexes of a policysearch index folder, from its
// policysearch.json. Read only; the format belongs to package index.
func shardPaths(dir string) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(dir, "policysearch.json"))
	if err != nil {
		return nil, err
	}
	var m struct {
		Shards int `json:"shards"`
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Shards < 1 {
		return nil, fmt.Errorf("%s/policysearch.json: shards unknown (%v)", dir, err)
	}
	var out []string
	for i := 0; i < m.Shards; i++ {
		out = append(out, filepath.Join(dir, "shard-"+strconv.Itoa(i)))
	}
	return out, nil
}

// forceMerge merges every shard of a closed index to one segment, the counterpart of
// Lucene's forceMerge(1). The jieba segmenter must be open in this process, because
// opening a shard resolves its analyzer.
func forceMerge(dir string) error {
	paths, err := shardPaths(dir)
	if err != nil {
		return err
	}
	errs := make(chan error, len(paths))
	for _, p := range paths {
		go func(p string) {
			idx, err := bleve.Open(p)
			if err != nil {
				errs <- err
				return
			}
			defer idx.Close()
			adv, err := idx.Advanced()
			if err != nil {
				errs <- err
				return
			}
			s, ok := adv.(*scorch.Scorch)
			if !ok {
				errs <- fmt.Errorf("%s: not a scorch index", p)
				return
			}
			if err := s.ForceMerge(context.Background(), nil); err != nil {
				errs <- err
				return
			}
			// The replaced segment files go when the persister next cleans up; wait
			// for that (one segment file and root.bolt), so the size is the merged one.
			for t := time.Now(); time.Since(t) < time.Minute; time.Sleep(200 * time.Millisecond) {
				m, _ := idx.StatsMap()["index"].(map[string]interface{})
				if n, ok := m["num_files_on_disk"].(uint64); !ok || n <= 2 {
					break
				}
			}
			errs <- nil
		}(p)
	}
	var first error
	for range paths {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}

// inspect prints each shard's segments when opened and three seconds later, to show
// whether the merger still had work to do.
func inspect(dir string) error {
	seg, err := analyzers.Open(analyzers.Options{})
	if err != nil {
		return err
	}
	defer seg.Close()
	paths, err := shardPaths(dir)
	if err != nil {
		return err
	}
	for _, p := range paths {
		idx, err := bleve.Open(p)
		if err != nil {
			return err
		}
		report := func(when string) {
			m := idx.StatsMap()
			var im map[string]interface{}
			if x, ok := m["index"].(map[string]interface{}); ok {
				im = x
			}
			keys := []string{"num_root_filesegments", "num_root_memorysegments", "num_files_on_disk", "num_bytes_used_disk", "TotFileMergeZapEnd", "TotFileMergeSegments"}
			sort.Strings(keys)
			fmt.Printf("%s %s:", filepath.Base(p), when)
			for _, k := range keys {
				fmt.Printf(" %s=%v", k, im[k])
			}
			fmt.Println()
		}
		report("open")
		// A merge that was due starts within a second or two of opening.
		time.Sleep(3 * time.Second)
		report("+3s")
		idx.Close()
	}
	return nil
}

// mergeCmd force-merges a closed index in place and says how long it took.
func mergeCmd(dir string) error {
	seg, err := analyzers.Open(analyzers.Options{})
	if err != nil {
		return err
	}
	defer seg.Close()
	before := dirBytes(dir)
	t := time.Now()
	if err := forceMerge(dir); err != nil {
		return err
	}
	logf("merged %s in %.2f s: %.1f MiB -> %.1f MiB", dir, time.Since(t).Seconds(), float64(before)/(1<<20), float64(dirBytes(dir))/(1<<20))
	return nil
}
