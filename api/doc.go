// Package api serves the search service over HTTP: the JSON API under /api/v1, the
// operational endpoints /healthz, /metrics and /openapi.json, and the static search page
// at /.
//
// A Server holds what it depends on — the Searcher and Indexer it answers from, its
// Config, a logger and its own Prometheus registry — and its gin handlers are methods on
// it. Handlers validate input, call the interfaces and encode the output; what a query
// means, and how a document is stored, belong to the index and parse packages, so the
// same behaviour is reachable from the CLI without HTTP.
//
// Every error leaves through one function that maps the error's code to an HTTP status
// with one table (statusOf), so a client always receives
//
//	{"error":{"code":"invalid","message":"…"}}
//
// and internal errors are logged with their details while the client is told only a
// request id to quote. Handlers therefore never write error responses of their own.
package api
