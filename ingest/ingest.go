package ingest

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"policysearch"
	"policysearch/parse"
)

// Options tune a run.
type Options struct {
	// Batch is how many documents are indexed together; 0 means 64.
	Batch int
	// Workers parse files in parallel; 0 means the number of CPUs.
	Workers int
	// Progress, when set, is called after each file with the count of files done, the
	// count to do, and the bytes read so far.
	Progress func(done, total int, bytes int64)
	// Indexed, when set, is called for each document once its batch is in the index,
	// with the file it was parsed from. A document keeps only its file's base name, so
	// callers that map hits back to files (the ranking evaluation) need this.
	Indexed func(path string, doc *policysearch.Document)
	// Upload, when set, hands each file to a server that parses and indexes it, and
	// answers with its paragraph count: the way a command run beside a server that
	// holds the index adds files. The Indexer is then not used.
	Upload func(ctx context.Context, name string, data []byte, meta *parse.Meta) (paragraphs int, err error)
}

// Skip is a file that was not indexed, and why.
type Skip struct {
	Path   string `json:"path"`
	Code   string `json:"code"`
	Reason string `json:"reason"`
	// Failed is set for a file of a type the parser reads that could not be read or
	// parsed, as against one that is not a document (a .pdf, a README).
	Failed bool `json:"failed,omitempty"`
}

// Summary reports a run.
type Summary struct {
	Files      int           `json:"files"`
	Documents  int           `json:"documents"`
	Paragraphs int           `json:"paragraphs"`
	Bytes      int64         `json:"bytes"`
	Skipped    []Skip        `json:"skipped"`
	Duration   time.Duration `json:"duration_ns"`
	// Written lists the documents indexed, by file, with the id each got: the id to
	// open it by in the API and the web page.
	Written []Written `json:"written"`
}

// Written is one indexed file and its document's id.
type Written struct {
	Path string `json:"path"`
	ID   string `json:"id"`
}

// extensions the parser reads.
var extensions = map[string]bool{".txt": true, ".md": true, ".markdown": true, ".html": true, ".htm": true, ".docx": true}

// file is one source file with the metadata that applies to it.
type file struct {
	path string
	name string // the name the parser sees: relative to its collection root
	meta *parse.Meta
}

// list expands files and folders (recursively) into the source files to read, with
// their metadata. A folder's metadata.jsonl applies to the files it names; a sidecar
// NAME.meta.json beside a file overrides it. Unreadable metadata is an error: silently
// indexing documents without their metadata would be worse than stopping.
func list(paths []string) ([]file, []Skip, error) {
	var out []file
	var skips []Skip
	for _, root := range paths {
		info, err := os.Stat(root)
		if err != nil {
			return nil, nil, policysearch.WrapError(policysearch.ENOTFOUND, err, "cannot read %s", root)
		}
		if !info.IsDir() {
			f, skip, err := oneFile(root, filepath.Base(root), nil)
			if err != nil {
				return nil, nil, err
			}
			if skip != nil {
				skips = append(skips, *skip)
			} else {
				out = append(out, f)
			}
			continue
		}
		collection, err := readCollection(root)
		if err != nil {
			return nil, nil, err
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				skips = append(skips, Skip{Path: p, Code: policysearch.EINVALID, Reason: err.Error()})
				return nil
			}
			if d.IsDir() {
				if p != root && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return nil
			}
			base := d.Name()
			if base == "metadata.jsonl" || strings.HasSuffix(base, ".meta.json") || strings.HasPrefix(base, ".") {
				return nil
			}
			rel, _ := filepath.Rel(root, p)
			rel = filepath.ToSlash(rel)
			f, skip, err := oneFile(p, rel, collection[rel])
			if err != nil {
				return err
			}
			if skip != nil {
				skips = append(skips, *skip)
			} else {
				out = append(out, f)
			}
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return out, skips, nil
}

// notDocuments are the files every repository or collection carries beside its texts.
var notDocuments = []string{"readme", "license", "licence", "changelog", "contributing", "authors", "notice", "copying"}

func oneFile(path, name string, meta *parse.Meta) (file, *Skip, error) {
	base := strings.ToLower(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))
	for _, n := range notDocuments {
		if base == n && meta == nil {
			return file{}, &Skip{Path: path, Code: policysearch.EUNSUPPORTED, Reason: "a collection's " + filepath.Base(path) + ", not a policy document"}, nil
		}
	}
	if !extensions[strings.ToLower(filepath.Ext(path))] {
		return file{}, &Skip{Path: path, Code: policysearch.EUNSUPPORTED, Reason: "not a .txt, .md, .html or .docx file"}, nil
	}
	side, err := sidecar(path)
	if err != nil {
		return file{}, nil, err
	}
	if side != nil {
		meta = overlay(meta, side)
	}
	return file{path: path, name: name, meta: meta}, nil, nil
}

// readCollection reads a folder's metadata.jsonl, when present.
func readCollection(root string) (map[string]*parse.Meta, error) {
	f, err := os.Open(filepath.Join(root, "metadata.jsonl"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := parse.ReadMetadataJSONL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(root, "metadata.jsonl"), err)
	}
	return m, nil
}

// sidecar reads NAME.meta.json (or NAME.ext.meta.json) beside a file.
func sidecar(path string) (*parse.Meta, error) {
	for _, p := range []string{strings.TrimSuffix(path, filepath.Ext(path)) + ".meta.json", path + ".meta.json"} {
		f, err := os.Open(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		m, err := parse.DecodeMeta(f)
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		return m, nil
	}
	return nil, nil
}

// overlay applies the non-empty fields of top over base.
func overlay(base, top *parse.Meta) *parse.Meta {
	if base == nil {
		return top
	}
	m := *base
	for _, f := range []struct{ dst, src *string }{
		{&m.ID, &top.ID}, {&m.Title, &top.Title}, {&m.Issuer, &top.Issuer}, {&m.DocNumber, &top.DocNumber},
		{&m.Date, &top.Date}, {&m.Region, &top.Region}, {&m.Level, &top.Level}, {&m.DocType, &top.DocType}, {&m.Period, &top.Period},
		{&m.Published, &top.Published}, {&m.Effective, &top.Effective}, {&m.Status, &top.Status},
	} {
		if *f.src != "" {
			*f.dst = *f.src
		}
	}
	if len(top.Issuers) > 0 {
		m.Issuers = top.Issuers
	}
	return &m
}

// parse reads and parses the file; a file that cannot be read or parsed is a skip.
func (f file) parse() (*policysearch.Document, *Skip, int64) {
	data, err := os.ReadFile(f.path)
	var d *policysearch.Document
	if err == nil {
		d, err = parse.Parse(f.name, data, f.meta)
	}
	if err != nil {
		return nil, &Skip{Path: f.path, Code: policysearch.ErrorCode(err), Reason: policysearch.ErrorMessage(err), Failed: true}, int64(len(data))
	}
	return d, nil, int64(len(data))
}

// Each parses the given files and folders as index would, without indexing, and calls
// fn for each in order with its document, or with why it was skipped (d is then nil). A
// file named on its own gets the metadata index would apply to it (FileMeta); extra,
// when set, is used instead of any file's own metadata. It stops at fn's first error or
// when ctx is done.
func Each(ctx context.Context, paths []string, extra *parse.Meta, fn func(path string, d *policysearch.Document, skip *Skip) error) error {
	for _, root := range paths {
		files, skips, err := list([]string{root})
		if err != nil {
			return err
		}
		if info, err := os.Stat(root); err == nil && !info.IsDir() && len(files) == 1 && extra == nil {
			if files[0].name, files[0].meta, err = FileMeta(root); err != nil {
				return err
			}
		}
		for _, k := range skips {
			if err := fn(k.Path, nil, &k); err != nil {
				return err
			}
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return err
			}
			if extra != nil {
				f.meta = extra
			}
			d, skip, _ := f.parse()
			if err := fn(f.path, d, skip); err != nil {
				return err
			}
		}
	}
	return nil
}

// Run lists, parses and indexes the given files and folders. Each batch is indexed as
// a whole; if indexing fails, Run stops and returns the error with the summary so far
// (documents of earlier batches stay indexed, each wholly).
func Run(ctx context.Context, ix policysearch.Indexer, paths []string, opts Options) (*Summary, error) {
	start := time.Now()
	files, skips, err := list(paths)
	if err != nil {
		return nil, err
	}
	if opts.Batch <= 0 {
		opts.Batch = 64
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.NumCPU()
		if opts.Upload != nil {
			// The server parses; more than a couple of uploads at once only queue
			// there and meet its write rate limit sooner.
			opts.Workers = 2
		}
	}
	sum := &Summary{Files: len(files) + len(skips), Skipped: skips}

	type result struct {
		i     int
		doc   *policysearch.Document
		skip  *Skip
		bytes int64
		sent  int   // paragraphs the server indexed, for an upload
		fatal error // an upload refused for every file alike: stop
	}
	jobs := make(chan int)
	results := make(chan result, opts.Workers*2)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for w := 0; w < opts.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				f := files[i]
				data, err := os.ReadFile(f.path)
				r := result{i: i, bytes: int64(len(data))}
				switch {
				case err != nil:
				case opts.Upload != nil:
					r.sent, err = opts.Upload(ctx, f.name, data, f.meta)
				default:
					r.doc, err = parse.Parse(f.name, data, f.meta)
				}
				if err != nil && ctx.Err() != nil {
					return // stopped: the file is neither indexed nor skipped
				}
				switch policysearch.ErrorCode(err) {
				case policysearch.EUNAUTHORIZED, policysearch.EFORBIDDEN, policysearch.EUNAVAILABLE:
					if opts.Upload != nil {
						r.fatal = err
					}
				}
				if err != nil && r.fatal == nil {
					r.skip = &Skip{Path: f.path, Code: policysearch.ErrorCode(err), Reason: policysearch.ErrorMessage(err), Failed: true}
				}
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		for i := range files {
			select {
			case jobs <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()

	var batch []*policysearch.Document
	var batchPaths []string
	ids := map[string]string{}      // document id → file, to report two files claiming one id
	bodies := map[string][32]byte{} // document id → hash of its text, to tell copies from clashes
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		if err := ix.Index(ctx, batch...); err != nil {
			return err
		}
		for i, d := range batch {
			sum.Documents++
			sum.Paragraphs += len(d.Paragraphs)
			if opts.Indexed != nil {
				opts.Indexed(batchPaths[i], d)
			}
			sum.Written = append(sum.Written, Written{Path: ids[d.ID], ID: d.ID})
		}
		batch, batchPaths = batch[:0], batchPaths[:0]
		return nil
	}
	done := 0
	for r := range results {
		done++
		sum.Bytes += r.bytes
		switch {
		case r.fatal != nil:
			sum.Duration = time.Since(start)
			return sum, r.fatal
		case r.skip != nil:
			sum.Skipped = append(sum.Skipped, *r.skip)
		case r.doc == nil:
			sum.Documents++
			sum.Paragraphs += r.sent
		case ids[r.doc.ID] != "" && bodies[r.doc.ID] == bodyHash(r.doc):
			// A collection filing one law under two categories: indexed once.
			sum.Skipped = append(sum.Skipped, Skip{Path: files[r.i].path, Code: policysearch.ECONFLICT,
				Reason: fmt.Sprintf("the same document as %s (id %s, same text): indexed once", ids[r.doc.ID], r.doc.ID)})
		case ids[r.doc.ID] != "":
			sum.Skipped = append(sum.Skipped, Skip{Path: files[r.i].path, Code: policysearch.ECONFLICT,
				Reason: fmt.Sprintf("document id %s is also the id of %s; give one of them another id in a sidecar", r.doc.ID, ids[r.doc.ID])})
		default:
			ids[r.doc.ID] = files[r.i].path
			bodies[r.doc.ID] = bodyHash(r.doc)
			batch = append(batch, r.doc)
			batchPaths = append(batchPaths, files[r.i].path)
			if len(batch) >= opts.Batch {
				if err := flush(); err != nil {
					sum.Duration = time.Since(start)
					return sum, err
				}
			}
		}
		if opts.Progress != nil {
			opts.Progress(done, len(files), sum.Bytes)
		}
	}
	if err := flush(); err != nil {
		sum.Duration = time.Since(start)
		return sum, err
	}
	if err := ctx.Err(); err != nil {
		return sum, err
	}
	sort.Slice(sum.Skipped, func(i, j int) bool { return sum.Skipped[i].Path < sum.Skipped[j].Path })
	sort.Slice(sum.Written, func(i, j int) bool { return sum.Written[i].Path < sum.Written[j].Path })
	sum.Duration = time.Since(start)
	return sum, nil
}

// bodyHash identifies a document's text.
func bodyHash(d *policysearch.Document) [32]byte {
	h := sha256.New()
	for _, p := range d.Paragraphs {
		h.Write([]byte(p.Text))
		h.Write([]byte{0})
	}
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// FileMeta finds the metadata that index would apply to one file: the entry of a
// metadata.jsonl in a folder above it, under the path relative to that folder, and a
// sidecar beside it. name is the file's name as index gives it to the parser. inspect
// uses it so that it shows, and names, a document as index stores it.
func FileMeta(path string) (name string, meta *parse.Meta, err error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", nil, err
	}
	name = filepath.Base(path)
	for dir, up := filepath.Dir(abs), 0; up < 8; dir, up = filepath.Dir(dir), up+1 {
		if _, err := os.Stat(filepath.Join(dir, "metadata.jsonl")); err == nil {
			collection, err := cachedCollection(dir)
			if err != nil {
				return "", nil, err
			}
			rel, _ := filepath.Rel(dir, abs)
			if m := collection[filepath.ToSlash(rel)]; m != nil {
				name, meta = filepath.ToSlash(rel), m
			}
			break
		}
		if filepath.Dir(dir) == dir {
			break
		}
	}
	side, err := sidecar(path)
	if err != nil {
		return "", nil, err
	}
	if side != nil {
		meta = overlay(meta, side)
	}
	return name, meta, nil
}

// collections caches the metadata.jsonl files FileMeta has read, by folder: inspect
// given a thousand files of one collection reads its metadata once.
var collections sync.Map // folder → map[string]*parse.Meta

func cachedCollection(dir string) (map[string]*parse.Meta, error) {
	if c, ok := collections.Load(dir); ok {
		return c.(map[string]*parse.Meta), nil
	}
	c, err := readCollection(dir)
	if err != nil {
		return nil, err
	}
	collections.Store(dir, c)
	return c, nil
}
