// Package config holds Herald's settings for one process: defaults, command
// line flags and HERALD_* environment variables, and their validation.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"path/filepath"
	"strconv"
	"strings"
)

// Config is the configuration of one Herald process. Site settings that
// editors change (title, time zone, …) live in the database, not here.
type Config struct {
	Addr      string // listen address, host:port
	DB        string // SQLite file path or postgres:// URL
	DataDir   string // uploaded media and, by default, the SQLite file
	Demo      bool   // load the demo content into an empty database
	Articles  int    // number of demo articles
	Dev       bool   // reload templates from disk
	LogFormat string // text or json
	LogLevel  string // debug, info, warn or error

	// SecureCookies marks the newsroom's cookies Secure even on plain-HTTP
	// requests, for a server behind a proxy that terminates TLS.
	SecureCookies bool
}

// Default returns the configuration used when nothing is set.
func Default() Config {
	return Config{
		Addr:      "127.0.0.1:8080",
		DataDir:   "data",
		Articles:  2000,
		LogFormat: "text",
		LogLevel:  "info",
	}
}

// flagEnv pairs a flag with its environment variable.
type flagEnv struct {
	name, env string
}

// Register defines flags on fs that write into c, one for each name given:
// every subcommand takes only the settings it uses.
func (c *Config) Register(fs *flag.FlagSet, names ...string) {
	for _, n := range names {
		switch n {
		case "addr":
			fs.StringVar(&c.Addr, n, c.Addr, "listen address `host:port` (HERALD_ADDR)")
		case "db":
			fs.StringVar(&c.DB, n, c.DB, "database: a SQLite `file` or a postgres:// URL (HERALD_DB; default DATA-DIR/herald.db)")
		case "data-dir":
			fs.StringVar(&c.DataDir, n, c.DataDir, "`directory` for uploaded media and the default SQLite file (HERALD_DATA_DIR)")
		case "demo":
			fs.BoolVar(&c.Demo, n, c.Demo, "load demo content when the database has no articles (HERALD_DEMO)")
		case "articles":
			fs.IntVar(&c.Articles, n, c.Articles, "`number` of demo articles to generate (HERALD_ARTICLES)")
		case "dev":
			fs.BoolVar(&c.Dev, n, c.Dev, "reload templates from disk on each request (HERALD_DEV)")
		case "secure-cookies":
			fs.BoolVar(&c.SecureCookies, n, c.SecureCookies, "mark newsroom cookies Secure, for a server behind an HTTPS proxy (HERALD_SECURE_COOKIES)")
		case "log-format":
			fs.StringVar(&c.LogFormat, n, c.LogFormat, "log `format`: text or json (HERALD_LOG_FORMAT)")
		case "log-level":
			fs.StringVar(&c.LogLevel, n, c.LogLevel, "log `level`: debug, info, warn or error (HERALD_LOG_LEVEL)")
		default:
			panic("config: unknown setting " + n)
		}
	}
}

// LoadEnv sets every flag of fs that was not given on the command line from
// its HERALD_* environment variable (HERALD_ADDR for -addr, …).
func LoadEnv(fs *flag.FlagSet, getenv func(string) string) error {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	var errs []error
	fs.VisitAll(func(f *flag.Flag) {
		env := EnvName(f.Name)
		v := getenv(env)
		if given[f.Name] || v == "" {
			return
		}
		if err := f.Value.Set(v); err != nil {
			errs = append(errs, fmt.Errorf("%s=%q: %v", env, v, err))
		}
	})
	return errors.Join(errs...)
}

// EnvName returns the environment variable for a flag name.
func EnvName(flagName string) string {
	return "HERALD_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// Validate checks the configuration and fills derived defaults. Its error
// names the setting and what is wrong with it.
func (c *Config) Validate() error {
	if c.DataDir == "" {
		return errors.New("-data-dir: must not be empty")
	}
	if c.DB == "" {
		c.DB = filepath.Join(c.DataDir, "herald.db")
	}
	if c.Addr != "" {
		_, port, err := net.SplitHostPort(c.Addr)
		if err != nil {
			return fmt.Errorf("-addr %q: must be host:port, e.g. 127.0.0.1:8080", c.Addr)
		}
		if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
			return fmt.Errorf("-addr %q: port must be a number from 0 to 65535", c.Addr)
		}
	}
	if c.Articles < 1 || c.Articles > 1_000_000 {
		return fmt.Errorf("-articles %d: must be between 1 and 1000000", c.Articles)
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return fmt.Errorf("-log-format %q: must be text or json", c.LogFormat)
	}
	if _, err := c.Level(); err != nil {
		return err
	}
	return nil
}

// Level returns the slog level named by LogLevel.
func (c *Config) Level() (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return 0, fmt.Errorf("-log-level %q: must be debug, info, warn or error", c.LogLevel)
	}
	return l, nil
}

// Logger returns a logger writing to w in the configured format and level.
// Call it after Validate.
func (c *Config) Logger(w io.Writer) *slog.Logger {
	level, _ := c.Level()
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
