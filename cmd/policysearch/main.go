// Command policysearch serves, builds and queries a full-text index of Chinese policy
// documents. It only wires the packages together: flags and environment in, the
// index, the jieba segmenter and the HTTP server out.
//
//	policysearch serve                 # the embedded seed documents, in memory
//	policysearch index --data DIR PATH…
//	policysearch search [--data DIR] QUERY
//	policysearch inspect FILE…
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/alecthomas/kong"

	"policysearch"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	m := NewMain(os.Stdout, os.Stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// The first Ctrl-C or SIGTERM stops the command cleanly; a second one, if
		// stopping takes too long for someone, ends the process at once.
		<-ctx.Done()
		stop()
	}()
	if err := m.ParseFlags(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "policysearch:", err)
		os.Exit(2)
	}
	err := m.Run(ctx)
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	if ctx.Err() != nil && (err == nil || errors.Is(err, context.Canceled) || policysearch.ErrorCode(err) == policysearch.EUNAVAILABLE) {
		if m.env.command != "policysearch serve" {
			// Interrupted: said so, with the shell's status for it (128 + SIGINT).
			fmt.Fprintln(os.Stderr, "policysearch: interrupted")
			os.Exit(130)
		}
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "policysearch:", describe(err))
		os.Exit(1)
	}
}

// describe is the message for an error: the coded message, and the cause when it adds
// something a person at a terminal can act on.
func describe(err error) string {
	var e *policysearch.Error
	if errors.As(err, &e) {
		if e.Err != nil && e.Code != policysearch.EINTERNAL && !strings.Contains(e.Message, e.Err.Error()) {
			return e.Message + ": " + e.Err.Error()
		}
		return e.Message
	}
	return err.Error()
}

// Main is the program: ParseFlags reads the command line, Run executes the command,
// Close releases the index and the jieba segmenter whatever happened.
type Main struct {
	Stdout, Stderr io.Writer
	cli            CLI
	kctx           *kong.Context
	env            *env
}

func NewMain(stdout, stderr io.Writer) *Main {
	return &Main{Stdout: stdout, Stderr: stderr, env: &env{}}
}

// ParseFlags reads arguments and POLICYSEARCH_* environment variables.
func (m *Main) ParseFlags(ctx context.Context, args []string) error {
	parser, err := kong.New(&m.cli,
		kong.Name("policysearch"),
		kong.Description("Full-text search over Chinese policy documents: exact phrases, facets, precedent clauses."),
		kong.UsageOnError(),
		kong.Writers(m.Stdout, m.Stderr),
		kong.DefaultEnvars("POLICYSEARCH"),
		kong.Vars{"version": version},
		kong.Bind(m.env),
		kong.BindTo(ctx, (*context.Context)(nil)),
		kong.Exit(func(code int) { panic(exitCode(code)) }),
	)
	if err != nil {
		return err
	}
	defer func() {
		// kong exits after --help; turn that into a clean return.
		if r := recover(); r != nil {
			if code, ok := r.(exitCode); ok && code == 0 {
				m.kctx = nil
				return
			}
			panic(r)
		}
	}()
	m.kctx, err = parser.Parse(args)
	return err
}

type exitCode int

// Run executes the parsed command.
func (m *Main) Run(ctx context.Context) error {
	if m.kctx == nil {
		return nil // --help was printed
	}
	m.env.stdout, m.env.stderr = m.Stdout, m.Stderr
	if f := strings.Fields(m.kctx.Command()); len(f) > 0 {
		m.env.command = "policysearch " + f[0]
	}
	return m.kctx.Run()
}

// Close frees what the command opened.
func (m *Main) Close() error { return m.env.close() }
