package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/herald-news/herald/internal/config"
)

// parse parses the flags of one subcommand into a validated Config, with
// HERALD_* environment variables for the flags not given.
func (m *Main) parse(cmd string, args []string, settings ...string) (config.Config, error) {
	c := config.Default()
	fs := flag.NewFlagSet("herald "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.Register(fs, settings...)
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fs.SetOutput(m.Stdout)
			fmt.Fprintf(m.Stdout, "Usage of herald %s:\n", cmd)
			fs.PrintDefaults()
			return c, err
		}
		return c, fmt.Errorf("%v (see herald %s -h)", err, cmd)
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q (see herald %s -h)", fs.Arg(0), cmd)
	}
	if err := config.LoadEnv(fs, m.Getenv); err != nil {
		return c, err
	}
	return c, c.Validate()
}
