package main

import (
	"context"
	"fmt"
	"time"

	"policysearch/api"
	"policysearch/web"
)

// ServeCmd runs the HTTP server.
type ServeCmd struct {
	JiebaFlags
	IndexFlags
	Addr        string   `help:"Address to listen on." default:"127.0.0.1:8080"`
	APIKey      string   `name:"api-key" help:"Key that uploads and deletions must present as 'Authorization: Bearer KEY'."`
	AllowWrites bool     `name:"allow-writes" help:"Allow uploads and deletions without an API key (trusted networks only)."`
	MaxUpload   int64    `name:"max-upload" help:"Largest upload in bytes." default:"20971520"`
	CORSOrigin  []string `name:"cors-origin" help:"Origin allowed to call the API from a browser; repeatable. Default: none."`
}

func (c *ServeCmd) Run(ctx context.Context, e *env) error {
	start := time.Now()
	log := e.logger()
	ix, err := e.open(ctx, c.JiebaFlags, c.IndexFlags, true)
	if err != nil {
		return err
	}
	stats, _ := ix.Stats(ctx)
	if c.Data != "" && stats.Documents == 0 {
		log.Warn("the index is empty; add documents with: policysearch index --data " + c.Data + " PATH…")
	}
	srv := api.NewServer(api.Config{
		Addr:        c.Addr,
		APIKey:      c.APIKey,
		AllowWrites: c.AllowWrites,
		MaxUpload:   c.MaxUpload,
		CORSOrigins: c.CORSOrigin,
		Web:         web.FS(),
		Version:     version,
	}, api.Services{Searcher: ix, Indexer: ix, Analyst: ix, Precedents: ix, Citer: ix}, log)
	if err := srv.Open(); err != nil {
		return fmt.Errorf("listen on %s: %w", c.Addr, err)
	}
	// Commands run beside the server find it from the index folder's lock record.
	if err := ix.Announce("http://" + srv.Addr()); err != nil {
		log.Warn("cannot record the server's address beside the index", "err", err.Error())
	}
	log.Info("serving", "url", "http://"+srv.Addr()+"/", "documents", stats.Documents, "paragraphs", stats.Paragraphs,
		"startup_ms", time.Since(start).Milliseconds())
	<-ctx.Done()
	log.Info("shutting down")
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Close(shutdown)
}
