package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"

	"policysearch"
	"policysearch/analyzers"
	"policysearch/client"
	"policysearch/index"
	"policysearch/seeds"
)

// JiebaFlags select dictionaries.
type JiebaFlags struct {
	Dict      []string `name:"dict" help:"Extra user dictionary (word [freq [tag]] per line); repeatable." type:"existingfile" sep:"none"`
	Synonyms  []string `name:"synonyms" help:"Extra synonym groups (comma-separated, one group per line); repeatable." type:"existingfile" sep:"none"`
	JiebaDict string   `name:"jieba-dict" help:"Folder with jieba's dictionaries, when they are not beside the binary." type:"existingdir"`
}

// IndexFlags select the index.
type IndexFlags struct {
	Data    string `name:"data" help:"Index folder; without it the embedded seed documents are indexed in memory." type:"path"`
	Shards  int    `name:"shards" help:"Shards for a new index (default: one per CPU)." default:"0"`
	Scoring string `name:"scoring" help:"Ranking model for a new index: tfidf or bm25." default:"tfidf" enum:"tfidf,bm25"`
}

// RemoteFlags let a command go through a running server instead of opening the index.
type RemoteFlags struct {
	Server string `name:"server" help:"URL of a running policysearch server to go through, e.g. http://127.0.0.1:8080. Found by itself when a server holds the --data folder."`
	APIKey string `name:"api-key" help:"The server's API key, for adding files through a server."`
}

// env holds what commands open, so Main.Close can release it.
type env struct {
	stdout, stderr io.Writer
	command        string // "policysearch serve", …: who holds an index this process opens
	seg            *analyzers.Segmenter
	ix             *index.Index
}

// backend is what the reading commands need: a local index or a server has it.
type backend interface {
	policysearch.Searcher
	policysearch.Analyst
	policysearch.Citer
	policysearch.Precedents
}

// backend opens the index named by the flags or, when --server is given or a server
// holds the --data folder, goes through that server. A holder that is no server (an
// index command) is reported at once with its process id.
func (e *env) backend(ctx context.Context, j JiebaFlags, f IndexFlags, r RemoteFlags, seedsIfMemory bool) (backend, *client.Client, error) {
	if r.Server != "" {
		c, err := client.New(r.Server, r.APIKey)
		return c, c, err
	}
	ix, err := e.open(ctx, j, f, seedsIfMemory)
	if err == nil {
		return ix, nil, nil
	}
	held, ok := index.Held(err)
	if !ok || held.Holder.URL == "" {
		return nil, nil, err
	}
	c, cerr := client.New(held.Holder.URL, r.APIKey)
	if cerr != nil {
		return nil, nil, err
	}
	fmt.Fprintf(e.stderr, "note: the index in %s is held by process %d (%s); going through it at %s\n",
		f.Data, held.Holder.PID, held.Holder.Command, held.Holder.URL)
	return c, c, nil
}

// logger writes structured logs to stderr.
func (e *env) logger() *slog.Logger {
	return slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

// segmenter opens the process's one jieba instance.
func (e *env) segmenter(j JiebaFlags) (*analyzers.Segmenter, error) {
	if e.seg != nil {
		return e.seg, nil
	}
	seg, err := analyzers.Open(analyzers.Options{DictDir: j.JiebaDict, UserDicts: j.Dict, SynonymFiles: j.Synonyms})
	if err != nil {
		return nil, err
	}
	e.seg = seg
	return seg, nil
}

// open opens the index named by the flags. Without --data it is an in-memory index of
// the embedded seeds; with seedsIfMemory false, an empty in-memory one.
func (e *env) open(ctx context.Context, j JiebaFlags, f IndexFlags, seedsIfMemory bool) (*index.Index, error) {
	seg, err := e.segmenter(j)
	if err != nil {
		return nil, err
	}
	ix, err := index.Open(index.Options{Dir: f.Data, Shards: f.Shards, Segmenter: seg, Scoring: f.Scoring, Owner: e.command})
	if err != nil {
		return nil, err
	}
	e.ix = ix
	if f.Data == "" && seedsIfMemory {
		docs, err := seeds.Documents()
		if err != nil {
			return nil, fmt.Errorf("embedded seeds: %w", err)
		}
		if err := ix.Index(ctx, docs...); err != nil {
			return nil, err
		}
	}
	return ix, nil
}

func (e *env) close() error {
	var errs []error
	if e.ix != nil {
		errs = append(errs, e.ix.Close())
		e.ix = nil
	}
	if e.seg != nil {
		errs = append(errs, e.seg.Close())
		e.seg = nil
	}
	return errors.Join(errs...)
}
