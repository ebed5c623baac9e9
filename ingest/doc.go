// Package ingest reads source files from disk and feeds them to an Indexer: it walks
// folders, applies metadata given beside the files (a collection's metadata.jsonl and
// NAME.meta.json sidecars), parses in parallel and indexes in batches, reporting
// progress and every file it skipped with the reason.
package ingest
