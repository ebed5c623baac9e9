// Package client talks to a running policysearch server over its HTTP API. It gives
// the command-line tools the same Searcher and Analyst methods as a local index, so a
// command run beside a server that holds the index goes through the server instead of
// waiting for the index, and uploads files as POST /documents does.
package client
