// Command herald runs a news site: the public pages, the newsroom and the
// feeds, from one binary on SQLite or PostgreSQL.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Main holds what a run of the command talks to, so tests can supply their own.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// errUsage marks an error already explained by a usage message.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	m := &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
	os.Exit(m.Run(ctx, os.Args[1:]))
}

// Run runs the subcommand named by args[0] and returns the exit code: 0 on
// success, 1 when the command failed, 2 on a usage error.
func (m *Main) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		m.usage(m.Stderr)
		return 2
	}
	cmd, rest := args[0], args[1:]
	var err error
	switch cmd {
	case "serve":
		err = m.serve(ctx, rest)
	case "migrate":
		err = m.migrate(ctx, rest)
	case "demo":
		err = m.demo(ctx, rest)
	case "user":
		err = m.user(ctx, rest)
	case "backup":
		err = m.backup(ctx, rest)
	case "restore":
		err = m.restore(ctx, rest)
	case "version":
		err = m.version(rest)
	case "help", "-h", "-help", "--help":
		m.usage(m.Stdout)
		return 0
	default:
		fmt.Fprintf(m.Stderr, "herald: unknown command %q\n", cmd)
		m.usage(m.Stderr)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	}
	fmt.Fprintf(m.Stderr, "herald %s: %v\n", cmd, err)
	return 1
}

func (m *Main) usage(w io.Writer) {
	fmt.Fprint(w, `Herald runs a news site from one binary.

Usage:
  herald serve     start the web server (-demo loads demo content into an empty database)
  herald migrate   apply database migrations and exit
  herald demo      load generated demo content into an empty database
  herald user add  add a newsroom member (-email, -name, -role; -password-stdin or a link)
  herald backup    copy the database to a file while the site runs (pg_dump on PostgreSQL)
  herald restore   replace the database with a backup (stop the server first)
  herald version   print the version
  herald help      print this help

Run "herald COMMAND -h" for the flags of a command. Every flag can also be
set in the environment: -addr as HERALD_ADDR, -data-dir as HERALD_DATA_DIR, …
`)
}
