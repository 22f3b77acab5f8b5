package main

import (
	"flag"
	"fmt"
	"io"
	"slices"

	"github.com/herald-news/herald/internal/config"
)

// parse parses the flags of one subcommand into a validated Config, with
// HERALD_* environment variables for the flags not given.
func (m *Main) parse(cmd string, args []string, settings ...string) (config.Config, error) {
	return m.parseWith(cmd, args, nil, settings...)
}

// parseWith is parse for a subcommand with flags of its own, which extra
// defines on the flag set; they are not read from the environment.
func (m *Main) parseWith(cmd string, args []string, extra func(*flag.FlagSet), settings ...string) (config.Config, error) {
	c := config.Default()
	fs := flag.NewFlagSet("herald "+cmd, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.Register(fs, settings...)
	own := map[string]bool{}
	if extra != nil {
		extra(fs)
		fs.VisitAll(func(f *flag.Flag) { own[config.EnvName(f.Name)] = !slices.Contains(settings, f.Name) })
	}
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
	getenv := func(k string) string {
		if own[k] {
			return ""
		}
		return m.Getenv(k)
	}
	if err := config.LoadEnv(fs, getenv); err != nil {
		return c, err
	}
	return c, c.Validate()
}
